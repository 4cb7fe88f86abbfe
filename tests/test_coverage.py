"""Coverage across sources: facts by normalised value and canonical name, disagreements,
per-source summaries, filters, and finding a mention again in the article as shown."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from conftest import SEEDS

from reader.analysis import (
    Cancelled,
    Coverage,
    CoverageFact,
    analyse_coverage,
    common_spelling,
    contrast_pair,
    default_finder,
    mention_locator,
    value_key,
)
from reader.analysis.fact_article import read_article_facts
from reader.analysis.fact_match import compare_facts
from reader.corpus import Article, Corpus
from reader.highlight.figure_values import magnitude
from reader.present import FILTERS, build_document, matrix_rows, source_labels

VERGE = "003_e5e937113eb6563c"  # the seed that says $14.3 billion
NEWS_DESK = "002_be305ebc2eef9ae7"  # the seed that gives Scale AI's valuation as $14 billion
GUIDE = "004_649e1e7e27fb301e"  # the seed that gives it as $7.3 billion


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    return Corpus.load([SEEDS])


@pytest.fixture(scope="module")
def coverage(seeds: Corpus) -> Coverage:
    return analyse_coverage(seeds.articles)


def figure(coverage: Coverage, kind: str, value: object) -> CoverageFact:
    (fact,) = [f for f in coverage.facts if f.key == ("figure", kind, value_key(value))]
    return fact


def money(amount: int) -> dict[str, object]:
    return {"amount": amount, "currency": "USD"}


# --- the seeds -----------------------------------------------------------------------------


def test_the_49_percent_stake_is_one_fact_however_it_is_written(
    coverage: Coverage, seeds: Corpus
) -> None:
    stake = figure(coverage, "percent", 49.0)
    spellings = {text for texts in stake.texts.values() for text in texts}
    assert spellings == {"49%", "49 percent"}
    assert stake.texts[VERGE] == ["49 percent"]
    # Four of the five seeds give the stake; the fifth never mentions 49 at all.
    assert stake.sources == 4
    (silent,) = [a for a in seeds.articles if a.id not in stake.mentions]
    assert silent.id == GUIDE and "49" not in silent.body
    assert (
        sum(
            1
            for f in coverage.facts
            if f.cls == "figure" and f.kind == "percent" and f.value == 49.0
        )
        == 1
    )


def test_14b_and_14_billion_are_one_row(coverage: Coverage) -> None:
    fact = figure(coverage, "money", money(14_000_000_000))
    first = "000_3a89d6bc8d82ff45"
    assert {"$14B", "$14 billion"} <= set(fact.texts[first])
    assert fact.label == "$14 billion"  # the spelling most sources use


def test_alexandr_wang_is_one_row_whatever_the_form(coverage: Coverage) -> None:
    rows = [f for f in coverage.facts if f.cls == "name" and "wang" in f.label.casefold()]
    assert [row.label for row in rows] == ["Alexandr Wang"]
    wang = rows[0]
    assert wang.sources == 5
    spellings = {text for texts in wang.texts.values() for text in texts}
    assert {"Wang", "Alexandr Wang"} <= spellings


def test_the_investment_amount_disagrees(coverage: Coverage) -> None:
    (investment,) = [
        d for d in coverage.disagreements if any(v.value == money(14_300_000_000) for v in d.values)
    ]
    assert investment.topic == "investment"
    values = {v.text: v.articles for v in investment.values}
    assert set(values) == {"$14 billion", "$14.3 billion"}
    assert values["$14.3 billion"] == [VERGE]
    # 001 says "throwing $14 billion at Scale AI": no word names what it is, so (as in
    # compare) it is not set against the $14.3 billion investment.
    assert len(values["$14 billion"]) == 3 and VERGE not in values["$14 billion"]


def test_coverage_disputes_what_compare_disputes(coverage: Coverage) -> None:
    """No contradiction between the two views: each disagreement coverage shows, compare
    shows for its two articles furthest apart, with the same values."""
    from reader.analysis import compare_articles

    by_id = {article.id: article for article in coverage.articles}
    for disagreement in coverage.disagreements:
        left, right = disagreement.most_apart()
        comparison = compare_articles(by_id[left], by_id[right])
        shown = {
            (value_key(m.value), side)
            for d in comparison.disagreements
            for side in ("left", "right")
            for m in getattr(d, side)
        }
        for value in disagreement.values:
            for side, article_id in (("left", left), ("right", right)):
                if article_id in value.mentions:
                    assert (value.key, side) in shown, (disagreement.topic, value.text)


def test_scale_ais_valuation_disagrees(coverage: Coverage) -> None:
    (valuation,) = [d for d in coverage.disagreements if d.topic == "valuation"]
    values = {v.text: v.articles for v in valuation.values}
    assert values == {"$14 billion": [NEWS_DESK], "$7.3 billion": [GUIDE]}
    # A valuation is not the investment: the $14 billion here is a statement of its own.
    (news_desk_valuation,) = valuation.values[0].mentions[NEWS_DESK]
    assert news_desk_valuation.evidence is not None
    assert "valuation" in news_desk_valuation.evidence.sentence


def test_disputed_figures_are_flagged(coverage: Coverage) -> None:
    assert figure(coverage, "money", money(14_300_000_000)).disputed
    assert figure(coverage, "money", money(7_300_000_000)).disputed
    assert not figure(coverage, "percent", 49.0).disputed


def test_rows_sort_by_how_many_sources_report_them(coverage: Coverage) -> None:
    sources = [fact.sources for fact in coverage.facts]
    assert sources == sorted(sources, reverse=True)
    assert coverage.facts[0].sources == 5


def test_per_source_summary(coverage: Coverage, seeds: Corpus) -> None:
    by_id = {s.article.id: s for s in coverage.summaries}
    assert list(by_id) == [a.id for a in seeds.articles]
    verge = by_id[VERGE]
    verge_facts = [f for f in coverage.facts if VERGE in f.mentions]
    assert verge.figures == sum(1 for f in verge_facts if f.cls == "figure")
    assert verge.names == sum(1 for f in verge_facts if f.cls == "name")
    shared = [f for f in coverage.facts if f.sources >= 2]
    assert coverage.story_facts == len(shared)
    assert verge.share == pytest.approx(sum(1 for f in shared if VERGE in f.mentions) / len(shared))
    assert verge.published == datetime(2025, 6, 13, 6, 19, 39)


def test_json_shape(coverage: Coverage) -> None:
    data = coverage.to_json()
    assert {a["id"] for a in data["articles"]} == {s.article.id for s in coverage.summaries}
    assert {"id", "title", "source"} <= set(data["articles"][0])
    fact = data["facts"][0]
    assert {"class", "kind", "label", "value", "mentions"} <= set(fact)
    assert all(isinstance(count, int) and count > 0 for count in fact["mentions"].values())
    disagreement = data["disagreements"][0]
    assert set(disagreement) >= {"topic", "values"}
    assert {"value", "text", "articles"} <= set(disagreement["values"][0])


# --- limits and cancelling -----------------------------------------------------------------


def test_a_long_list_is_capped_and_says_so(seeds: Corpus) -> None:
    capped = analyse_coverage(seeds.articles, limit=2)
    assert [a.id for a in capped.articles] == [a.id for a in seeds.articles[:2]]
    assert capped.capped and capped.note == "covering the first 2 of 5 articles"
    assert "note" in capped.to_json()
    assert not analyse_coverage(seeds.articles, limit=0).capped


def test_the_analysis_stops_when_asked(seeds: Corpus) -> None:
    with pytest.raises(Cancelled):
        analyse_coverage(seeds.articles, should_stop=lambda: True)


def test_no_articles_no_facts() -> None:
    empty = analyse_coverage([])
    assert (empty.facts, empty.disagreements, empty.summaries) == ([], [], [])


# --- made-up articles: rules independent of the seeds -----------------------------------------


def article(number: int, body: str, source: str | None = None) -> Article:
    return Article(
        id=f"a{number}",
        path=Path(f"a{number}.txt"),
        title=f"Story {number}",
        body=body,
        source=source,
    )


def test_articles_about_other_stories_are_not_said_to_disagree() -> None:
    # Same words around different figures and one name in common, but too few names shared
    # for one story: compare's same-story rule keeps them apart.
    one = article(
        1,
        "Orbix Holdings chief Anna Berg told Reuters in Oslo that revenue rose to $5 billion, "
        "citing Tellus Bank. Orbix Holdings also named Carla Diaz of Brannock Partners.",
    )
    two = article(
        2,
        "Pellam Group chief Jon Moss told Reuters in Lima that revenue rose to $9 billion, "
        "citing Vanta Capital. Pellam Group also named Omar Reyes of Delmore Trust.",
    )
    facts = [read_article_facts(a.title, a.body) for a in (one, two)]
    assert compare_facts(*facts).disagreements, "without the same-story rule they would disagree"
    assert analyse_coverage([one, two]).disagreements == []
    # Grouped as one story, they still need compare's names: the two views never differ.
    assert analyse_coverage([one, two], story_of={"a1": 1, "a2": 1}).disagreements == []


def test_a_value_three_sources_share_lists_them_all() -> None:
    text = "Orbix Holdings will pay {} for Zentro Labs, Orbix Holdings said on Monday."
    articles = [
        article(1, text.format("$5 billion")),
        article(2, text.format("$5bn")),
        article(3, text.format("$6 billion")),
        article(4, text.format("$5 billion")),
    ]
    coverage = analyse_coverage(articles)
    (disagreement,) = coverage.disagreements
    assert [(v.text, v.articles) for v in disagreement.values] == [
        ("$5 billion", ["a1", "a2", "a4"]),
        ("$6 billion", ["a3"]),
    ]
    assert disagreement.most_apart() == ("a1", "a3")


def test_single_source_and_class_filters(coverage: Coverage) -> None:
    for name in FILTERS:
        rows = matrix_rows(coverage, name)
        assert [r.kind for r in rows[:5]] == ["summary"] * 5  # the per-source summary
        facts = [r.fact for r in rows if r.fact is not None]
        if name == "figures":
            assert facts and all(f.cls == "figure" for f in facts)
        elif name == "names":
            assert facts and all(f.cls == "name" for f in facts)
            assert not any(r.kind == "disagreement" for r in rows)
        elif name == "single":
            assert facts and all(f.sources == 1 for f in facts)
        elif name == "disagreements":
            assert facts and all(f.disputed for f in facts)
            assert sum(1 for r in rows if r.kind == "disagreement") == 2
        else:
            assert len(facts) == len(coverage.facts)
    with pytest.raises(ValueError):
        matrix_rows(coverage, "nonsense")


def test_disagreement_cells_show_each_articles_own_value(coverage: Coverage) -> None:
    rows = matrix_rows(coverage, "disagreements")
    valuation = next(r for r in rows if r.disagreement and r.disagreement.topic == "valuation")
    cells = {a.id: c.text for a, c in zip(coverage.articles, valuation.cells, strict=True)}
    assert cells[NEWS_DESK] == "$14 billion" and cells[GUIDE] == "$7.3 billion"
    assert cells[VERGE] == "·"


def test_contrast_pair(coverage: Coverage) -> None:
    # A disputed figure: the two articles furthest apart in its disagreement.
    pair = contrast_pair(coverage, figure(coverage, "money", money(14_300_000_000)))
    assert pair is not None and VERGE in pair
    # An undisputed fact: the article saying it most against one that does not say it.
    stake = figure(coverage, "percent", 49.0)
    most, least = contrast_pair(coverage, stake) or ("", "")
    assert stake.mentions[most] == max(stake.mentions.values())
    assert least == GUIDE


def test_common_spelling() -> None:
    assert common_spelling([["$14B", "$14 billion"], ["$14 billion"], ["$14bn"]]) == "$14 billion"
    assert common_spelling([["$14.3 Billion", "$14.3 billion"]]) == "$14.3 billion"
    assert common_spelling([]) == ""


def test_source_labels_are_short_and_unique() -> None:
    articles = [
        article(1, "x", source="The Verge"),
        article(2, "x", source="BBC"),
        article(3, "x", source="BBC"),
        article(4, "x"),
    ]
    assert source_labels(articles) == ["The Verge", "BBC: Story 2", "BBC: Story 3", "Story 4"]


# --- finding a mention in the article as the reader shows it --------------------------------


def test_a_mention_is_found_again_in_the_laid_out_text(seeds: Corpus) -> None:
    guide = next(a for a in seeds.articles if a.id == GUIDE)
    find = default_finder(seeds.articles)
    document = build_document(guide.title, "", None, guide.body)
    shown = document.text[document.body_start :]
    # Markdown bold marks are gone from the shown text, so raw offsets would be wrong.
    assert "**$14 billion stake**" in guide.body and "**" not in shown
    key = ("figure", "money", value_key(money(14_000_000_000)))
    first = mention_locator(find, key)(shown)
    assert first is not None and shown[first[0] : first[1]] == "$14 billion"
    assert first[0] == shown.index("$14 billion")
    third = mention_locator(find, key, 2)(shown)
    assert third is not None and third[0] > first[0]
    assert mention_locator(find, ("name", "", "nobody at all"))(shown) is None


def test_a_saga_of_many_articles_lists_few_disagreements_each_one_thing() -> None:
    # The BBC articles naming one company in a long saga: many sums near the same loose words
    # (tax, oil, company). Only sums attached to the same thing are compared, and one
    # disagreement found through several pairs of articles is one row.
    from compare_dev_support import SHARED

    folder = SHARED / "corpora" / "bbc"
    if not folder.is_dir():
        pytest.skip("needs ../shared/corpora/bbc")
    articles = [a for a in Corpus.load([folder]).articles if "Yukos" in a.body]
    assert len(articles) >= 20
    coverage = analyse_coverage(articles, limit=0)
    assert 1 <= len(coverage.disagreements) <= 6, [d.topic for d in coverage.disagreements]
    tax = [d for d in coverage.disagreements if d.topic == "tax"]
    assert len(tax) == 1
    assert sorted(v.text for v in tax[0].values) == ["$27.5bn", "$27bn"]
    for disagreement in coverage.disagreements:
        amounts = [magnitude(v.value) for v in disagreement.values]
        assert max(amounts) <= 3 * min(amounts), disagreement.topic
