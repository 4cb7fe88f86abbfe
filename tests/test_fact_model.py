"""The fact model behind compare: figures tied to what they are about, and when two disagree."""

from __future__ import annotations

import pytest

from reader.analysis.fact_match import find_fact_disagreements
from reader.analysis.fact_model import FigureFact, read_facts


def facts(text: str) -> list[FigureFact]:
    return read_facts(text)


def one(text: str, measure: str) -> FigureFact:
    found = [f for f in read_facts(text) if f.measure == measure]
    assert len(found) == 1, (text, found)
    return found[0]


def disputes(left: str, right: str) -> list[tuple[list[str], list[str]]]:
    found = find_fact_disagreements(read_facts(left), read_facts(right))
    return [([f.text for f in d.left], [f.text for f in d.right]) for d in found]


# --- reading figures ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Five people were killed in the crash.", 5),
        ("The storm killed twenty-three people on the coast.", 23),
        ("Police said a dozen people were injured.", 12),
        ("The fire injured 1,200 people across the town.", 1200),
        ("Rescuers said 2.5 million people were displaced by the floods.", 2_500_000),
    ],
)
def test_counts_of_people_are_read_in_digits_and_in_words(text: str, value: int) -> None:
    fact = one(text, "count")
    assert fact.value == value and fact.noun == "person"


def test_what_happened_to_people_is_their_role() -> None:
    text = "The blast killed at least seven people and injured 40 others."
    roles = {f.value: f.role for f in facts(text) if f.measure == "count"}
    assert roles == {7: "killed", 40: "injured"}


def test_a_hedge_is_kept_with_the_figure() -> None:
    assert one("Officials said about 300 homes were damaged.", "count").hedge == "about"
    assert one("The ship carried nearly 300 passengers.", "count").hedge == "nearly"
    assert one("At least 12 people were hurt.", "count").hedge == "least"


@pytest.mark.parametrize(
    "text",
    [
        "A 44-year-old man was arrested.",
        "The driver, aged 44, was arrested.",
        "Police arrested Jane Smith, age 44, on Monday.",
        "Smith, 44, was arrested on Monday.",
    ],
)
def test_ages_are_read_however_they_are_written(text: str) -> None:
    assert one(text, "age").value == 44


def test_weekdays_and_months_are_facts_tied_to_their_event() -> None:
    weekday = one("The minister resigned on Tuesday after the vote.", "weekday")
    month = one("The company launched its new phone in December.", "month")
    assert (weekday.value, weekday.event) == (1, "resign")
    assert (month.value, month.event) == (12, "launch")


def test_units_are_converted_to_one_base() -> None:
    miles = one("The town lies 40 miles north of the capital.", "length")
    km = one("The town lies 64 km north of the capital.", "length")
    assert miles.value == pytest.approx(64373.76)
    assert km.value == 64000


def test_a_bare_number_or_a_code_is_not_a_fact() -> None:
    assert facts("He scored 11 in the end.") == []
    assert facts("Soldiers carried AK-47 rifles.") == []


def test_times_belong_to_their_verb() -> None:
    fact = one("The suspect was shot seven times by officers.", "times")
    assert (fact.value, fact.noun) == (7, "shot")
    assert one("She married twice before the war.", "times").value == 2


def test_the_scope_of_a_figure_is_its_time() -> None:
    assert one("Last year's quake killed 50 people.", "count").scope == frozenset({"past"})
    assert one("The quake in September killed 50 people.", "count").scope == {"september"}


# --- deciding disagreements -----------------------------------------------------------------


def test_the_same_toll_with_different_values_is_a_disagreement() -> None:
    left = "The flood killed nine people in the valley."
    right = "Eleven people were killed when the flood hit the valley."
    assert disputes(left, right) == [(["nine people"], ["Eleven people"])]


def test_a_toll_is_never_compared_with_a_count_of_injured() -> None:
    assert disputes("The flood killed nine people.", "The flood injured 11 people.") == []


def test_last_years_figure_is_not_this_years() -> None:
    left = "The quake killed 12 people, officials said."
    right = "A quake last year killed 40 people in the same region."
    assert disputes(left, right) == []


def test_distances_in_two_units_agree_or_disagree_after_conversion() -> None:
    assert (
        disputes(
            "The plane crashed 40 miles from the airport.",
            "The plane crashed 64 km from the airport.",
        )
        == []
    )
    found = disputes(
        "The wave rose 300 m above the shore.", "The wave rose 500 feet above the shore."
    )
    assert found == [(["300 m"], ["500 feet"])]


def test_rounding_is_not_a_disagreement_but_a_different_sum_of_money_is() -> None:
    assert (
        disputes("Turnout was 12 percent, officials said.", "Turnout was 12.4% officials said.")
        == []
    )
    found = disputes(
        "Acme agreed a $14 billion investment.", "Acme agreed a $14.3 billion investment."
    )
    assert found == [(["$14 billion"], ["$14.3 billion"])]


def test_a_hedged_figure_disagrees_only_beyond_its_hedge() -> None:
    assert disputes("The army seized about 1,000 rifles.", "The army seized 800 rifles.")
    assert disputes("The army seized about 1,000 rifles.", "The army seized 1,000 rifles.") == []


def test_ages_of_one_person_are_compared_and_of_two_people_not() -> None:
    assert disputes("Police arrested Jane Smith, 44, on Monday.", "Smith, 45, was arrested.")
    assert disputes("Police arrested Jane Smith, 44, on Monday.", "Jones, 45, was arrested.") == []


def test_weekdays_of_one_event_disagree_and_of_two_events_do_not() -> None:
    assert disputes(
        "Reid checked into the clinic on Tuesday.", "Reid checked into a clinic on Friday."
    )
    assert (
        disputes("Reid checked into the clinic on Tuesday.", "Reid was released on Friday.") == []
    )


def test_a_side_that_gives_two_values_for_one_thing_is_not_disputed() -> None:
    left = "Police seized 14 rifles in the raid. Later they said they seized 12 rifles."
    assert disputes(left, "Police seized 6 rifles in the raid.") == []


def test_one_value_agreed_anywhere_settles_the_thing() -> None:
    left = "The flood killed nine people. It killed nine people in all."
    right = "The flood killed nine people, police said."
    assert disputes(left, right) == []


def test_a_disagreement_carries_its_sentence_on_each_side_with_offsets() -> None:
    left = "Rain fell all week. The flood killed nine people in the valley. Roads closed."
    right = "Eleven people were killed by the flood. Schools shut."
    (found,) = find_fact_disagreements(read_facts(left), read_facts(right))
    (evidence,) = found.left_evidence
    assert evidence.sentence == "The flood killed nine people in the valley."
    assert left[evidence.sentence_start : evidence.sentence_end] == evidence.sentence
    assert left[evidence.start : evidence.end] == "nine people"
    (other,) = found.right_evidence
    assert (
        right[other.sentence_start : other.sentence_end]
        == "Eleven people were killed by the flood."
    )


def test_a_sentence_opening_with_it_keeps_the_time_of_the_one_before() -> None:
    left = "The quake killed three people on Sunday."
    right = "The last major quake struck in February. It killed 612 people."
    assert disputes(left, right) == []


def test_whole_weeks_apart_are_not_rounding() -> None:
    found = disputes(
        "She had been hospitalized for four weeks.", "She had been hospitalized for three weeks."
    )
    assert found == [(["four weeks"], ["three weeks"])]


def test_a_large_total_each_side_counts_once_is_one_thing() -> None:
    left = "The agency has received nearly 300,000 comments since May."
    right = "Officials worried how fast the estimated 235,000 public comments were read."
    assert disputes(left, right) == [
        (["nearly 300,000 comments"], ["estimated 235,000 public comments"])
    ]


def test_small_counts_in_unrelated_clauses_are_not_compared() -> None:
    left = "The pirates came in three boats."
    right = "Sailors saw five boats at dawn."
    assert disputes(left, right) == []


def test_the_one_age_each_side_gives_is_compared_when_close() -> None:
    left = "Police arrested a 60-year-old woman on Friday."
    assert disputes(left, "Police have charged Jane Smith, age 61, with murder.")
    assert disputes(left, "Police have charged Jane Smith, age 19, with murder.") == []


def test_datelines_years_and_ordinals_are_not_facts_of_the_story() -> None:
    assert [f.measure for f in facts("Published: April 10, 2007 A man was fired.")] == []
    assert facts("She hosted the 2013 Academy Awards.") == []
    assert facts("She hosts the 85th Academy Awards.") == []
    assert one("On November 18, the navy sank a trawler.", "date").value == "--11-18"


def test_the_size_of_a_thing_is_not_a_distance() -> None:
    left = "The warship was some 13 miles away when it was called."
    right = "A 10-metre craft called Salahaddin was seized."
    assert disputes(left, right) == []


def test_comparatives_and_parts_of_a_group_are_not_values() -> None:
    assert (
        disputes(
            "No team offered a deal longer than eight years.", "They offered a deal of seven years."
        )
        == []
    )
    left = "Reports said two of the three victims died."
    assert disputes(left, "The gunman killed one person.") == []


def test_counts_on_two_named_days_are_two_events() -> None:
    left = "On Monday 46 demonstrators were arrested."
    right = "On Wednesday one person was arrested."
    found = find_fact_disagreements(read_facts(left), read_facts(right))
    assert [d.measure for d in found] == ["weekday"]  # the days differ, the counts are not compared


def test_durations_of_two_named_people_are_not_compared() -> None:
    left = "Hiller had worked at the plant for 15 years."
    right = "Andy Ryan has worked at the plant for nearly 30 years."
    assert disputes(left, right) == []


def test_a_number_then_a_role_counts_people() -> None:
    assert one("In February 600 were killed in the town.", "count").role == "killed"


def test_one_name_written_three_ways_is_one_fact() -> None:
    from reader.analysis.facts import name_key

    assert name_key("U.S.") == name_key("US") == name_key("United States") == "us"
    assert name_key("Meta") == "meta"


def test_a_verb_after_and_belongs_to_the_next_clause() -> None:
    left = "Then, on November 18, it had sunk a trawler."
    right = "It rescued a ship on November 11 and also sunk a mother ship on November 19."
    found = find_fact_disagreements(read_facts(left), read_facts(right))
    assert [([f.text for f in d.left], [f.text for f in d.right]) for d in found] == [
        (["November 18"], ["November 19"])
    ]


# --- what a figure is attached to, people without a role, ranks ------------------------------


def test_people_without_a_role_meet_by_what_they_were_sent_to_do() -> None:
    left = "The Orbix Council sent eight experts to monitor the poll."
    right = "The Orbix Council has sent only three observers to monitor the vote."
    assert disputes(left, right) == [(["eight experts"], ["three observers"])]
    assert disputes(left, "Some 300 people watched the vote count in the capital.") == []


def test_a_role_written_before_the_noun_is_its_role() -> None:
    assert one("We would not have 355 damaged shops in the city.", "count").role == "destroyed"


def test_hours_of_deliberation_measure_the_deliberation() -> None:
    left = "The jury was unable to reach a decision after 30 hours of deliberation."
    right = "The panel deliberated for 40 hours before it told the judge."
    assert disputes(left, right) == [(["30 hours"], ["40 hours"])]


def test_an_abbreviated_month_is_the_time_of_its_sentence() -> None:
    fact = one("He was convicted on Nov. 7 after 12 hours of deliberation.", "duration")
    assert fact.scope == {"november"}


def test_a_sum_is_about_what_it_is_attached_to_not_any_word_of_its_clause() -> None:
    bill = "Orbix must pay a $27bn back tax bill, officials said."
    assert disputes(bill, "Orbix faces a $27.5bn (£14bn) tax bill.") == [(["$27bn"], ["$27.5bn"])]
    # The same loose words (tax, pay) around a different sum: not the same thing.
    assert disputes(bill, "The unit was sold for $9.3bn to help pay the tax.") == []
    assert disputes("Delmore seeks damages of $20bn.", "Delmore wants $21bn in damages.") == [
        (["$20bn"], ["$21bn"])
    ]


def test_sums_an_order_of_magnitude_apart_are_two_things() -> None:
    left = "Orbix faces a $27bn back-tax claim."
    assert disputes(left, "Delmore faces a $36m back-tax claim.") == []


def test_shares_of_two_named_companies_are_two_things() -> None:
    left = "Orbix owns a 56% stake in Ferrix, its racing arm."
    assert disputes(left, "Orbix offered to buy a 20% stake in Delmore.") == []
    assert disputes(left, "Orbix owns a 50% stake in Ferrix.") == [(["56%"], ["50%"])]


def test_rates_of_two_producers_are_not_a_lone_total() -> None:
    left = "The field pumps around 1 million barrels of oil a day."
    right = "The country produces about 793,000 barrels of oil per day."
    assert disputes(left, right) == []


def test_a_weekday_after_before_next_is_a_bound() -> None:
    assert [f for f in facts("She will not rule before next Tuesday.") if f.measure] == []


def test_the_rank_of_one_person_in_a_series_is_compared() -> None:
    left = "Smith, who was fired in March, is the fourth head coach since Jones took over."
    right = "Smith will be the fifth Orbix coach under Jones."
    assert disputes(left, right) == [(["fourth head coach"], ["fifth Orbix coach"])]
    # A rank in time or in a contest is not a fact: it changes as the story goes on.
    assert [f.measure for f in facts("Protests went on for the third day.")] == []
    assert [f.measure for f in facts("Smith won the second set easily.")] == []


def test_a_large_total_is_one_thing_when_only_one_side_names_the_month() -> None:
    left = "The agency in October corralled 250,000 written comments on the rule."
    right = "Officials read nearly 235,000 public comments on the change."
    assert disputes(left, right) == [
        (["250,000 written comments"], ["nearly 235,000 public comments"])
    ]
    # A year on the other side is a time too: two releases, two totals.
    dated = "The original version sold 750,000 copies in its first week in 1984."
    assert disputes("The single, out on 7 March 1985, sold 800,000 copies.", dated) == []


def test_wed_and_married_are_one_event() -> None:
    left = "The deputy, who wed about three weeks ago, is survived by his wife."
    right = "The deputy had married two weeks ago, his wife said."
    assert disputes(left, right) == [(["about three weeks"], ["two weeks"])]


def test_minutes_and_seconds_into_a_round_are_a_duration() -> None:
    left = "The referee stepped in, stopping the fight at the 2:15 mark of the seventh."
    right = "The referee stopped the fight 44 seconds into the seventh round."
    assert disputes(left, right) == [(["2:15"], ["44 seconds"])]
    assert [f for f in facts("The train left at 2:15 pm.") if f.measure == "duration"] == []


def test_counts_an_order_of_magnitude_apart_are_two_events() -> None:
    left = "The quake injured five people on the island."
    assert disputes(left, "The quake injured 80 people on the island.") == []
    assert disputes(left, "The quake injured 12 people on the island.") == [
        (["five people"], ["12 people"])
    ]


def test_a_share_cut_in_half_is_still_the_share() -> None:
    left = "Orbix preferred the offer to buy a 20% stake. A 2003 plan cut the stake in half to 10%."
    right = "A sale in 2003 halved the Orbix stake to 10%."
    assert disputes(left, right) == []


def test_a_role_word_inside_a_compound_is_not_a_role() -> None:
    assert one("The nine pro-death jurors asked the holdouts.", "count").role == ""


def test_a_code_written_with_a_space_is_part_of_the_counted_thing() -> None:
    fact = one("Commandos recovered 12 AK 47 guns from the boat.", "count")
    assert (fact.value, fact.noun) == (12, "gun")
