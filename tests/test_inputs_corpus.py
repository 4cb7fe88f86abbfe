"""Feeds, web pages and JSON Lines read as articles by the corpus loader and the index."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write
from inputs_support import fixture_bytes, has_markup_or_controls

from reader.corpus import Corpus
from reader.index import open_corpus

JSONL = (
    '{"title": "Dam opens", "text": "The dam opened on Monday.", "source": "Wire"}\n'
    "not json\n"
    '{"title": "Port closes", "body": "The port closed on Tuesday.", "source": "Post"}\n'
)


def mixed_folder(tmp_path: Path) -> Path:
    news = tmp_path / "news"
    write(news, "a.md", "# Plain\n\nA plain article.\n")
    write(news, "feeds/content.xml", fixture_bytes("rss2_content.xml"))
    write(news, "feeds/atom.atom", fixture_bytes("atom.xml"))
    write(news, "pages/mill.html", fixture_bytes("news_page.html"))
    write(news, "dump.jsonl", JSONL)
    for name in ("a.pdf", "b.pdf", "c.png"):
        write(news, f"other/{name}", b"%PDF-1.4 binary")
    return news


def check(articles: list, problems: list) -> None:  # type: ignore[type-arg]
    ids = [article.id for article in articles]
    assert "a" in ids and "pages/mill" in ids
    assert "dump#1" in ids and "dump#2" in ids
    assert sum(1 for i in ids if i.startswith("feeds/content#")) >= 2
    assert sum(1 for i in ids if i.startswith("feeds/atom#")) >= 1
    by_id = {article.id: article for article in articles}
    assert by_id["dump#2"].title == "Port closes"
    assert by_id["dump#2"].source == "Post"
    assert "closed on Tuesday" in by_id["dump#2"].body
    page = by_id["pages/mill"]
    assert not page.title.startswith("<")
    for article in articles:
        assert not has_markup_or_controls(article.title)
        assert not has_markup_or_controls(article.body)
    lines = [f"{problem.path}: {problem.reason}" for problem in problems]
    assert sum("3 files skipped: .pdf (2), .png (1)" in line for line in lines) == 1
    assert sum("dump.jsonl" in line and "line 2" in line for line in lines) == 1


def test_the_loader_reads_feeds_pages_and_json_lines(tmp_path: Path) -> None:
    corpus = Corpus.load([mixed_folder(tmp_path)])
    check(corpus.articles, corpus.problems)


def test_the_index_keeps_every_article_of_a_feed_file(tmp_path: Path) -> None:
    news = mixed_folder(tmp_path)
    cold = open_corpus([news], index_path=tmp_path / "index.db")
    check(cold.articles, cold.problems)
    plain = {a.id: a.body for a in Corpus.load([news]).articles}
    assert {a.id: a.body for a in cold.articles} == plain
    warm = open_corpus([news], index_path=tmp_path / "index.db")
    assert {a.id: a.body for a in warm.articles} == plain
    # A feed that changes is re-read: its old rows go, its new ones come.
    write(news, "dump.jsonl", '{"title": "Only one", "text": "Just this."}\n')
    changed = open_corpus([news], index_path=tmp_path / "index.db")
    ids = [a.id for a in changed.articles]
    assert "dump#1" in ids and "dump#2" not in ids


@pytest.mark.parametrize("name", ["report.pdf", "notes"])
def test_a_named_file_of_another_type_is_a_clear_problem(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, b"%PDF-1.4")
    corpus = Corpus.load([path])
    assert corpus.articles == []
    assert [problem.reason for problem in corpus.problems] == [
        f"not an article file ({'.pdf' if name.endswith('.pdf') else 'no suffix'})"
    ]


def test_a_named_feed_file_loads_its_entries(tmp_path: Path) -> None:
    path = write(tmp_path, "feed.rss", fixture_bytes("rss2_content.xml"))
    corpus = Corpus.load([path])
    assert len(corpus.articles) >= 2
    assert all(article.id.startswith("feed#") for article in corpus.articles)
