"""Story grouping tells a thread's events apart: one saga, two occurrences, no dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from stories_support import bcubed_f1

from benchmarks.bench_stories_bbc import BBC, HALVES, labels, load_bbc
from reader.analysis.stories import StoryInput, StoryParams, group, place
from reader.analysis.story_state import decode, encode

# One outlet's thread on a company's troubles, undated (an archive of text files): the
# auction of its main unit, told three times, and a lawsuit over that auction weeks later,
# told three times. Every lawsuit article recalls the auction in its background, with the
# auction's figures, as a thread's later reports do.
AUCTION = [
    StoryInput(
        "auction-a",
        "Marrow Petroleum unit sold at auction for $7.2bn",
        "A little-known firm, Calder Holdings, has bought the Kessin oilfield unit of Marrow "
        "Petroleum at a state auction in Vellagrad, paying $7.2bn. The sale was ordered to "
        "cover a $19bn back-tax bill. Calder outbid the state gas company Ostrava Gas, which "
        "had been expected to win. Marrow Petroleum said the auction was illegal and that it "
        "would fight the sale of Kessin.",
    ),
    StoryInput(
        "auction-b",
        "Mystery buyer wins Kessin auction",
        "Calder Holdings, a company nobody in Vellagrad had heard of, won Sunday's auction of "
        "Kessin, paying $7.2bn for the oilfield unit. Bidding lasted ten minutes, and the gas "
        "company Ostrava Gas dropped out after one bid. Marrow Petroleum, forced to sell Kessin "
        "over its $19bn tax bill, called the auction a theft.",
    ),
    StoryInput(
        "auction-c",
        "Calder pays $7.2bn for Kessin in forced sale",
        "The forced sale of Kessin ended with a single winning bid of $7.2bn from Calder "
        "Holdings. Ostrava Gas, the favourite, made one bid and stopped. The auction was held "
        "to settle Marrow Petroleum's $19bn tax bill; Marrow Petroleum says it will not "
        "recognise the new owner of Kessin.",
    ),
]
LAWSUIT = [
    StoryInput(
        "lawsuit-a",
        "Marrow Petroleum sues four firms for $15bn",
        "Marrow Petroleum has filed a $15bn damages claim in a Harlow court. Judge Amara Quist "
        "will hear the case in June. The four firms named are Calder Holdings, Ostrava Gas, the "
        "bank Fenwick Trust and the broker Ilse Capital. Calder Holdings bought the Kessin "
        "oilfield unit of Marrow Petroleum at a state auction for $7.2bn, a sale ordered to "
        "cover a $19bn back-tax bill.",
    ),
    StoryInput(
        "lawsuit-b",
        "Harlow court to hear Marrow damages claim",
        "A Harlow court will hear Marrow Petroleum's $15bn damages claim in June, Judge Amara "
        "Quist said on Friday. The lawsuit names Fenwick Trust, Ilse Capital, Calder Holdings "
        "and Ostrava Gas. Calder paid $7.2bn for Kessin at the state auction held over Marrow "
        "Petroleum's $19bn tax bill.",
    ),
    StoryInput(
        "lawsuit-c",
        "Marrow claims $15bn from Fenwick Trust and three others",
        "Fenwick Trust and Ilse Capital are among four firms Marrow Petroleum is suing for "
        "$15bn in a Harlow court. Judge Amara Quist has set a June hearing for the damages "
        "claim. Calder Holdings bought Kessin at auction for $7.2bn to settle Marrow "
        "Petroleum's $19bn tax bill, outbidding Ostrava Gas.",
    ),
]
# Other news, so that document frequencies look like a corpus.
OTHERS = [
    StoryInput(
        "budget",
        "Parliament passes the spring budget after a long night",
        "Lawmakers approved the spring budget by 214 votes to 190, with new spending on "
        "schools and a tax cut for small firms, the finance minister said.",
    ),
    StoryInput(
        "cup",
        "Harbourside United win the cup on penalties",
        "Harbourside United beat Northgate Rovers on penalties to lift the cup for the first "
        "time in 40 years; their goalkeeper saved two spot kicks.",
    ),
    StoryInput(
        "museum",
        "City museum reopens after a five-year renovation",
        "The city museum reopened its doors with a new glass roof and a gallery of maritime "
        "paintings, after a renovation that cost 35 million.",
    ),
    StoryInput(
        "storm",
        "Storm closes coastal roads in Breya",
        "Gales of 120 km/h closed coastal roads around Breya on Tuesday and left 8,000 homes "
        "without power, the regional council said.",
    ),
]
# One event, undated, told by four outlets in their own words: the rule must not split it.
RESCUE = [
    StoryInput(
        "rescue-a",
        "Miners freed after four days underground in Tolvik",
        "Rescuers in Tolvik freed 11 miners trapped for four days by a flooded shaft at the "
        "Granby colliery, the mine's owner said. All 11 were taken to Tolvik hospital.",
    ),
    StoryInput(
        "rescue-b",
        "All 11 trapped Granby miners brought out alive",
        "The 11 men trapped at the Granby colliery near Tolvik were brought to the surface "
        "alive after rescue teams pumped water from the flooded shaft for four days.",
    ),
    StoryInput(
        "rescue-c",
        "Tolvik celebrates as Granby colliery rescue ends",
        "Families cheered in Tolvik as the last of 11 miners left the Granby colliery, four "
        "days after water flooded the shaft where they worked. Doctors said they were weak "
        "but unhurt.",
    ),
    StoryInput(
        "rescue-d",
        "Flooded Granby mine: rescue teams reach 11 men",
        "Rescue teams reached 11 miners in the flooded Granby shaft outside Tolvik and brought "
        "them out after four days underground; the colliery's owner thanked the pump crews.",
    ),
]

THREAD = AUCTION + LAWSUIT


def _groups(items: list[StoryInput], params: StoryParams | None = None) -> list[set[str]]:
    return [set(story.keys) for story in group(items, params).stories]


def _keys(items: list[StoryInput]) -> set[str]:
    return {item.key for item in items}


def test_an_undated_thread_with_two_events_is_two_stories() -> None:
    groups = _groups(THREAD + RESCUE + OTHERS)
    assert _keys(AUCTION) in groups
    assert _keys(LAWSUIT) in groups
    assert _keys(RESCUE) in groups


def test_without_the_lead_rule_the_thread_would_be_one_story() -> None:
    # What the test above guards against: the shared background alone makes one story.
    groups = _groups(THREAD + RESCUE + OTHERS, StoryParams(undated_leads=False))
    assert _keys(THREAD) in groups


def test_the_rule_leaves_dated_articles_to_their_dates() -> None:
    day = datetime(2024, 12, 19, 9, 0)
    dated = [replace(item, published=day + timedelta(hours=n)) for n, item in enumerate(AUCTION)]
    dated += [
        replace(item, published=day + timedelta(days=40, hours=n)) for n, item in enumerate(LAWSUIT)
    ]
    others = [replace(item, published=day) for item in RESCUE + OTHERS]
    on = group(dated + others).stories
    off = group(dated + others, StoryParams(undated_leads=False)).stories
    assert [(s.keys, s.title) for s in on] == [(s.keys, s.title) for s in off]


def test_a_placed_undated_report_joins_its_own_event() -> None:
    later = LAWSUIT[-1]
    grouping = group([item for item in THREAD if item is not later] + RESCUE + OTHERS)
    index = decode(encode(grouping.index))  # the rule's lead masks survive the cache
    story = place(index, later)
    assert set(index.story(story).keys) == _keys(LAWSUIT)


@pytest.mark.skipif(not BBC.is_dir(), reason="../shared/corpora/bbc is not here")
def test_bbc_threads_split_into_more_of_their_events() -> None:
    # Hand labels of main's biggest BBC threads (tests/fixtures/bbc_events): main scored
    # 0.17 and 0.18 (each thread one story), the lead rule 0.52 and 0.58.
    groups = _groups(load_bbc())
    for half in HALVES:
        assert bcubed_f1(labels(half), groups) >= 0.45, half


# A third occurrence of the thread whose background recalls the auction: where it is placed
# depends on the lead masks (without them it joins the auction's story, with them the
# lawsuit's), so the cache must keep them.
ARREST = StoryInput(
    "arrest-a",
    "Marrow Petroleum chief Tomas Brell arrested at airport",
    "Police in Vellagrad arrested Tomas Brell, the chief executive of Marrow Petroleum, at the "
    "city airport on Tuesday as he boarded a flight to Harlow. Prosecutors accuse Brell of "
    "fraud and say he will be held for two months. Marrow Petroleum lost its Kessin oilfield "
    "unit at a state auction, where Calder Holdings paid $7.2bn, a sale ordered to cover a "
    "$19bn back-tax bill.",
)


def test_an_undated_report_placed_through_the_cache_goes_where_it_would_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.analysis
    from reader.analysis import story_input
    from reader.corpus import Corpus
    from reader.index import open_corpus

    folder = tmp_path / "thread"
    folder.mkdir()

    def write(item: StoryInput) -> None:
        (folder / f"{item.key}.md").write_text(f"# {item.title}\n\n{item.text}\n", "utf-8")

    def stories() -> list[set[str]]:
        opened = open_corpus([folder], index_path=tmp_path / "index.db", search=False)
        try:
            return [set(story.keys) for story in opened.stories()]
        finally:
            assert opened.index is not None
            opened.index.close()

    for item in THREAD + RESCUE + OTHERS:
        write(item)
    inputs = [replace(story_input(a), key=a.id) for a in Corpus.load([folder]).articles]
    assert stories()
    index = group(inputs).index
    write(ARREST)
    (arrest,) = (a for a in Corpus.load([folder]).articles if a.id == ARREST.key)
    expected = set(index.story(place(index, replace(story_input(arrest), key=arrest.id))).keys)
    assert expected & _keys(THREAD)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the corpus was grouped again")

    monkeypatch.setattr(reader.analysis, "group", refuse)
    monkeypatch.setattr(reader.analysis, "group_articles", refuse)
    assert expected in stories()
