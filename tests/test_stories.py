"""Story grouping: small invented corpora a reader would recognise, and a floor on ECB+."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from stories_support import bcubed_f1

from reader.analysis.stories import (
    GroupingCancelled,
    StoryInput,
    features,
    group,
    place,
    remove,
)
from reader.analysis.story_cluster import Edges
from reader.analysis.story_index import StoryParams
from reader.analysis.story_state import decode, encode

REPO = Path(__file__).resolve().parents[1]
ECBPLUS = next(
    (
        base / "shared" / "datasets" / "ecbplus-dev"
        for base in (REPO.parent, REPO.parent.parent)
        if (base / "shared" / "datasets" / "ecbplus-dev").is_dir()
    ),
    REPO.parent / "shared" / "datasets" / "ecbplus-dev",
)

DAY = datetime(2024, 3, 14, 9, 0)

# One flood told by three outlets, in their own words.
FLOOD = [
    StoryInput(
        "flood-a",
        "River Dunmore bursts its banks, 300 homes evacuated in Kellford",
        "River Dunmore bursts its banks, 300 homes evacuated in Kellford\n\n"
        "The River Dunmore burst its banks on Thursday after three days of heavy rain, forcing "
        "the evacuation of 300 homes in Kellford. Mayor Ingrid Talvers said emergency shelters "
        "had opened at the Kellford sports hall. Rescue crews used boats to reach residents "
        "trapped on upper floors, and the water rose 2.4 metres above its normal level.",
        DAY,
        "Valley Herald",
    ),
    StoryInput(
        "flood-b",
        "Kellford flood: hundreds flee as Dunmore rises 2.4 metres",
        "Hundreds of residents fled Kellford on Thursday when the Dunmore river overflowed. "
        "About 300 households were told to leave, mayor Ingrid Talvers said, and boats were "
        "sent to rescue people stuck upstairs. The sports hall has become a shelter. "
        "Forecasters expect more rain over the weekend.",
        DAY + timedelta(hours=5),
        "National Courier",
    ),
    StoryInput(
        "flood-c",
        "Evacuations in Kellford after Dunmore river flooding",
        "Flooding from the Dunmore forced 300 homes in Kellford to be evacuated, Talvers, the "
        "town's mayor, told reporters. The river rose 2.4 metres after days of rain; rescue "
        "boats reached families trapped by the water.",
        DAY + timedelta(hours=9),
        "Wire Service",
    ),
]

# Two earthquakes: same kind of event, different places, magnitudes and years.
QUAKES = [
    StoryInput(
        "quake-1a",
        "Magnitude 6.1 earthquake strikes Persova province, 12 dead",
        "A magnitude 6.1 earthquake struck Persova province early on Monday, killing 12 people "
        "and destroying dozens of mud-brick houses in the village of Ardentz, officials said. "
        "The quake's epicentre was 40 kilometres south of the provincial capital Varlek.",
        datetime(2019, 5, 6, 4, 0),
        "Global Desk",
    ),
    StoryInput(
        "quake-1b",
        "Persova quake kills 12 in Ardentz",
        "Twelve people died when a 6.1-magnitude quake hit Persova on Monday. Most victims "
        "were in Ardentz, where mud-brick homes collapsed; Varlek hospitals took the injured.",
        datetime(2019, 5, 6, 11, 0),
        "Evening Standardbearer",
    ),
    StoryInput(
        "quake-2a",
        "Magnitude 7.3 earthquake hits Tolmar coast, tsunami warning issued",
        "A magnitude 7.3 earthquake struck off the Tolmar coast on Saturday, prompting a "
        "tsunami warning for the port of Essaline, officials said. At least 40 people were "
        "injured and a bridge collapsed near Brevik.",
        datetime(2020, 11, 21, 18, 0),
        "Global Desk",
    ),
    StoryInput(
        "quake-2b",
        "Tolmar quake: 40 injured, tsunami alert lifted in Essaline",
        "Authorities lifted a tsunami alert for Essaline after the 7.3-magnitude earthquake off "
        "Tolmar on Saturday. Forty people were hurt and a bridge near Brevik fell.",
        datetime(2020, 11, 22, 7, 0),
        "Evening Standardbearer",
    ),
]

WIRE_TEXT = (
    "Shares of Orvant Systems jumped 18% on Tuesday after the chipmaker agreed to buy "
    "Lumetric for $4.2 billion in cash, the largest deal in its history. Orvant chief "
    "executive Dalia Fenwick said the purchase would double its sales of sensors to carmakers. "
    "The deal is expected to close in the third quarter, subject to regulatory approval."
)
DEAL = [
    StoryInput("deal-wire", "Orvant to buy Lumetric for $4.2 billion", WIRE_TEXT, DAY, "Wire"),
    StoryInput(
        "deal-copy",
        "Orvant agrees $4.2bn Lumetric takeover",
        WIRE_TEXT + " (Reporting by the wire service.)",
        DAY + timedelta(hours=1),
        "City Paper",
    ),
    StoryInput(
        "deal-own",
        "Chipmaker Orvant bets on cars with Lumetric purchase",
        "Orvant Systems is buying sensor maker Lumetric for $4.2 billion, its chief executive "
        "Dalia Fenwick said, as the chipmaker tries to sell more to carmakers. Investors liked "
        "it: the shares rose 18%.",
        DAY + timedelta(hours=3),
        "Tech Weekly",
    ),
]

# Filler stories so document frequencies look like a corpus, not three articles.
OTHERS = [
    StoryInput(
        "other-budget",
        "Parliament passes the spring budget after a long night",
        "Lawmakers approved the spring budget by 214 votes to 190, with new spending on schools "
        "and a tax cut for small firms, the finance minister said.",
        DAY,
        "National Courier",
    ),
    StoryInput(
        "other-football",
        "Harbourside United win the cup on penalties",
        "Harbourside United beat Northgate Rovers on penalties to lift the cup for the first "
        "time in 40 years; their goalkeeper saved two spot kicks.",
        DAY,
        "Valley Herald",
    ),
    StoryInput(
        "other-museum",
        "City museum reopens after a five-year renovation",
        "The city museum reopened its doors with a new glass roof and a gallery of maritime "
        "paintings, after a renovation that cost 35 million.",
        DAY,
        "Wire Service",
    ),
]


def _groups(items: list[StoryInput]) -> list[set[str]]:
    return [set(story.keys) for story in group(items).stories]


def _together(groups: list[set[str]], *keys: str) -> bool:
    return any(set(keys) <= g for g in groups)


def test_one_event_told_by_three_outlets_is_one_story() -> None:
    groups = _groups(FLOOD + OTHERS)
    assert {"flood-a", "flood-b", "flood-c"} in groups
    assert sum(len(g) for g in groups) == len(FLOOD + OTHERS)


def test_two_events_of_one_kind_are_two_stories() -> None:
    groups = _groups(QUAKES + OTHERS)
    assert _together(groups, "quake-1a", "quake-1b")
    assert _together(groups, "quake-2a", "quake-2b")
    assert not _together(groups, "quake-1a", "quake-2a")


def test_a_wire_copy_is_a_flagged_duplicate_within_its_story() -> None:
    stories = group(DEAL + FLOOD + OTHERS).stories
    (deal,) = [s for s in stories if "deal-wire" in s.keys]
    assert set(deal.keys) == {"deal-wire", "deal-copy", "deal-own"}
    assert [set(pair) for pair in deal.duplicates] == [{"deal-wire", "deal-copy"}]
    flood = next(s for s in stories if "flood-a" in s.keys)
    assert flood.duplicates == ()


def test_a_story_published_over_three_days_stays_one_story() -> None:
    spread = [
        StoryInput(item.key, item.title, item.text, DAY + timedelta(days=n), item.source)
        for n, item in enumerate(FLOOD)
    ]
    groups = _groups(spread + OTHERS)
    assert {"flood-a", "flood-b", "flood-c"} in groups


def test_the_same_words_a_year_apart_are_two_stories() -> None:
    later = [
        StoryInput(i.key + "-next", i.title, i.text, i.published + timedelta(days=365), i.source)
        for i in FLOOD[:2]
        if i.published
    ]
    groups = _groups(FLOOD + later + OTHERS)
    assert {"flood-a", "flood-b", "flood-c"} in groups
    assert {"flood-a-next", "flood-b-next"} in groups


def test_headlines_and_short_summaries_group() -> None:
    headlines = [StoryInput(i.key, i.title, i.title, i.published, i.source) for i in FLOOD + QUAKES]
    summaries = [
        StoryInput(
            i.key + "-feed",
            i.title,
            i.title + "\n\n" + ". ".join(i.text.split(". ")[:2]),
            i.published,
            i.source,
        )
        for i in DEAL
    ]
    groups = _groups(headlines + summaries + OTHERS)
    assert _together(groups, "flood-a", "flood-b", "flood-c")
    assert _together(groups, "deal-wire-feed", "deal-copy-feed", "deal-own-feed")
    assert not _together(groups, "quake-1a", "quake-2a")
    assert not _together(groups, "flood-a", "deal-wire-feed")


def test_every_article_is_in_exactly_one_story() -> None:
    items = FLOOD + QUAKES + DEAL + OTHERS
    keys = [key for story in group(items).stories for key in story.keys]
    assert sorted(keys) == sorted(i.key for i in items)


def test_the_story_title_is_one_of_its_headlines() -> None:
    stories = group(FLOOD + OTHERS).stories
    flood = next(s for s in stories if "flood-a" in s.keys)
    assert flood.title in {i.title for i in FLOOD}
    assert flood.sources == ("Valley Herald", "National Courier", "Wire Service")
    assert flood.first == DAY and flood.last == DAY + timedelta(hours=9)


def test_placing_one_article_matches_grouping_from_scratch() -> None:
    corpus = FLOOD[:2] + QUAKES + DEAL + OTHERS
    grouping = group(corpus)
    story_id = place(grouping.index, FLOOD[2])
    assert story_id == grouping.story_of("flood-a")
    from_scratch = _groups(corpus + [FLOOD[2]])
    placed = [set(s.keys) for s in grouping.index.stories()]
    assert sorted(map(sorted, placed)) == sorted(map(sorted, from_scratch))


def test_an_unrelated_article_placed_starts_its_own_story() -> None:
    grouping = group(FLOOD + QUAKES)
    before = {s.id: s.keys for s in grouping.index.stories()}
    story_id = place(grouping.index, OTHERS[0])
    assert story_id not in before
    assert {s.id: s.keys for s in grouping.index.stories() if s.id in before} == before


def test_removing_an_article_keeps_the_other_stories() -> None:
    grouping = group(FLOOD + QUAKES + OTHERS)
    flood_id = grouping.story_of("flood-a")
    assert remove(grouping.index, "flood-b") == flood_id
    stories = {s.id: set(s.keys) for s in grouping.index.stories()}
    assert stories[flood_id] == {"flood-a", "flood-c"}
    assert stories[grouping.story_of("quake-1a")] == {"quake-1a", "quake-1b"}
    assert remove(grouping.index, "not-there") is None


def test_an_exported_index_restores_and_keeps_placing() -> None:
    grouping = group(FLOOD[:2] + QUAKES + OTHERS)
    restored = decode(encode(grouping.index))
    assert [s.keys for s in restored.stories()] == [s.keys for s in grouping.stories]
    assert place(restored, FLOOD[2]) == grouping.story_of("flood-a")


@pytest.mark.parametrize("lazy_scans", [25, 1])
def test_a_restored_index_places_and_removes_exactly_as_the_original(
    lazy_scans: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.analysis.story_index as story_index

    # 1: the second change builds every posting at once instead of those of its terms.
    monkeypatch.setattr(story_index, "LAZY_SCANS", lazy_scans)
    items = FLOOD + QUAKES + DEAL + OTHERS
    undated = [
        StoryInput(f"{item.key}-undated", item.title, item.text, None, item.source)
        for item in QUAKES
    ]
    original = group(items[1:]).index
    restored = decode(encode(original))
    changed = StoryInput(FLOOD[1].key, QUAKES[0].title, QUAKES[0].text, DAY, "Changed Post")
    for index in (original, restored):
        remove(index, DEAL[0].key)
        place(index, items[0])
        place(index, changed)
        for item in undated:
            place(index, item)
        remove(index, OTHERS[0].key)
    built = restored.postings_built
    assert (built is None) == (lazy_scans == 1)

    # The same entries (a grouping's postings are in its sweep's order, not the articles').
    def entries(postings: dict[int, tuple[list[str], Any]]) -> dict[int, list[Any]]:
        return {
            tid: sorted(zip(keys, weights, strict=True))
            for tid, (keys, weights) in postings.items()
        }

    assert entries(restored.postings) == {
        tid: posting
        for tid, posting in entries(original.postings).items()
        if built is None or tid in built
    }
    assert [(s.id, s.keys, s.title, s.duplicates) for s in restored.stories()] == [
        (s.id, s.keys, s.title, s.duplicates) for s in original.stories()
    ]
    assert encode(restored) == encode(original)


@pytest.mark.parametrize("cut", [0, 10, 40, -7, -1])
def test_a_damaged_or_old_state_is_refused_not_half_restored(cut: int) -> None:
    data = encode(group(FLOOD + QUAKES).index)
    with pytest.raises(ValueError):
        decode(data[:cut])
    with pytest.raises(ValueError):
        decode(json.dumps({"params": {}, "articles": []}).encode())


def test_features_computed_elsewhere_group_the_same() -> None:
    items = FLOOD + QUAKES + DEAL + OTHERS
    expected = sorted(sorted(s.keys) for s in group(items).stories)
    assert sorted(sorted(s.keys) for s in group([features(i) for i in items]).stories) == expected
    assert sorted(sorted(s.keys) for s in group(items, workers=2).stories) == expected


def test_an_index_grouped_in_one_process_is_the_one_two_processes_make() -> None:
    # In one process the terms reach the parent as they are, from workers joined and split:
    # the same vectors either way, so the cache stores the same state.
    undated = [
        StoryInput(f"{item.key}-undated", item.title, item.text, None, item.source)
        for item in FLOOD + QUAKES
    ]
    items = FLOOD + QUAKES + DEAL + OTHERS + undated
    assert encode(group(items, workers=2).index) == encode(group(items).index)


def test_a_sweep_split_across_two_processes_finds_the_same_stories(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import reader.analysis.story_candidates as candidates

    # Undated articles too: they meet every article before them, across the split.
    undated = [
        StoryInput(f"{item.key}-undated", item.title, item.text, None, item.source)
        for item in FLOOD + QUAKES
    ]
    items = FLOOD + QUAKES + DEAL + OTHERS + undated
    one = group(items)
    monkeypatch.setattr(candidates, "SPLIT_FROM", 2)
    two = group(items, workers=2)
    assert [(s.keys, s.title, s.duplicates) for s in two.stories] == [
        (s.keys, s.title, s.duplicates) for s in one.stories
    ]
    assert encode(two.index) == encode(one.index)


def _undated_graph(
    monkeypatch: pytest.MonkeyPatch, items: list[StoryInput], params: StoryParams
) -> tuple[list[str], dict[str, dict[str, float]]]:
    """The stories of `items` and, per article, its candidate edges (other -> similarity)."""
    import reader.analysis.stories as stories

    edges: dict[str, dict[str, float]] = {item.key: {} for item in items}
    real = stories.average_linkage

    keys = [item.key for item in items]  # slots in input order (the keys are unique)

    def spy(count: int, graph: Edges, threshold: float) -> list[list[int]]:
        for a, b, sim in zip(graph.lefts, graph.rights, graph.sims, strict=True):
            edges[keys[a]][keys[b]] = edges[keys[b]][keys[a]] = sim
        return real(count, graph, threshold)

    monkeypatch.setattr(stories, "average_linkage", spy)
    found = sorted(sorted(story.keys) for story in group(items, params).stories)
    return [",".join(keys) for keys in found], edges


def test_an_undated_article_keeps_only_its_closest_candidates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Undated articles meet every other one: each keeps its `undated_edges` most similar
    # (bounding the graph), and the stories told in them still come together.
    items = [
        StoryInput(f"{item.key}-undated", item.title, item.text, None, item.source)
        for item in FLOOD + QUAKES + DEAL + OTHERS
    ]
    all_stories, everything = _undated_graph(monkeypatch, items, StoryParams(undated_edges=0))
    assert max(len(links) for links in everything.values()) > 2
    capped_stories, capped = _undated_graph(monkeypatch, items, StoryParams(undated_edges=2))
    assert capped_stories == all_stories
    for position, item in enumerate(items):
        # Its edges to the articles before it (in the sweep), as it chose them.
        earlier = {item.key for item in items[:position]}
        chose = {other for other in capped[item.key] if other in earlier}
        could = sorted(
            (other for other in everything[item.key] if other in earlier),
            key=lambda other: -everything[item.key][other],
        )
        assert chose == set(could[:2])


def test_a_grouping_asked_to_stop_stops() -> None:
    items = FLOOD + QUAKES + DEAL + OTHERS
    asked: list[int] = []

    def stop_on_the_third_question() -> bool:
        asked.append(1)
        return len(asked) >= 3

    with pytest.raises(GroupingCancelled):
        group(items, should_stop=stop_on_the_third_question)
    assert len(asked) == 3
    # Never asked to stop: the same stories as without the question.
    kept = group(items, should_stop=lambda: False).stories
    assert [s.keys for s in kept] == [s.keys for s in group(items).stories]


def test_empty_and_blank_inputs() -> None:
    assert group([]).stories == []
    blank = [StoryInput("a", "", ""), StoryInput("b", "", "")]
    assert sorted(len(s.keys) for s in group(blank).stories) == [1, 1]


# --- ECB+ (real news, two events of one kind per topic) ---------------------------------------


@pytest.mark.skipif(not ECBPLUS.is_dir(), reason="../shared/datasets/ecbplus-dev is absent")
def test_ecbplus_grouping_reaches_the_floor() -> None:
    from benchmarks.bench_stories import load_ecbplus

    inputs = load_ecbplus(ECBPLUS)
    stories = group(inputs).stories
    gold = json.loads((ECBPLUS / "gold.json").read_text(encoding="utf-8"))
    assert bcubed_f1(gold, [s.keys for s in stories]) >= 0.92
