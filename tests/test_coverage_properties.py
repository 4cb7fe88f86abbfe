"""Property tests: coverage never raises, and its counts add up, on any set of texts."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis import analyse_coverage, default_finder
from reader.corpus import Article
from reader.present import FILTERS, matrix_rows

PIECES = [
    "Orbix Holdings ",
    "Zentro ",
    "Anna Berg ",
    "paid ",
    "$5 billion ",
    "$5bn ",
    "$6 billion ",
    "20% ",
    "20 percent ",
    "a stake ",
    "valuation of ",
    "investment ",
    "in 2016",
    ". ",
    ", ",
    "\n\n",
    "said ",
    "**",
    "# ",
]
BODY = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(BODY, min_size=1, max_size=5))
def test_counts_add_up(bodies: list[str]) -> None:
    articles = [
        Article(id=f"a{n}", path=Path(f"a{n}.txt"), title=f"T{n}", body=body)
        for n, body in enumerate(bodies)
    ]
    find = default_finder(articles)
    coverage = analyse_coverage(articles, find=find)
    for article in articles:
        spans = find(article.body)
        assert sum(f.mentions.get(article.id, 0) for f in coverage.facts) == len(spans)
    sources = [fact.sources for fact in coverage.facts]
    assert sources == sorted(sources, reverse=True)
    for disagreement in coverage.disagreements:
        assert len({value.key for value in disagreement.values}) >= 2
        assert set(disagreement.articles) <= {a.id for a in articles}
    for summary in coverage.summaries:
        assert 0.0 <= summary.share <= 1.0
    for name in FILTERS:
        for row in matrix_rows(coverage, name):
            assert row.kind == "section" or len(row.cells) == len(articles)
