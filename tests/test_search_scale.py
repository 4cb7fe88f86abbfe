"""Search on big result sets: remembered results never go stale, and a word in most of the
corpus still puts title matches first (the candidates ranked in place of every match)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write

import reader.index.first_page as first_page_module
import reader.index.search as index_search
from reader.corpus import sort_articles
from reader.index import index_in_memory, open_corpus


@pytest.fixture
def common(tmp_path: Path) -> Path:
    """Twenty articles with "harvest" in the body, one with it in the title."""
    folder = tmp_path / "common"
    for number in range(20):
        write(folder, f"n{number:02d}.txt", f"Note {number}\n\nThe harvest was late again.")
    write(folder, "t.txt", "Harvest record\n\nA short note.")
    return folder


def test_a_search_repeated_after_a_change_sees_the_change(common: Path, tmp_path: Path) -> None:
    corpus = open_corpus([common], index_path=tmp_path / "index.db")
    assert corpus.search("orchard") == []
    assert len(corpus.matching("orchard")) == 0
    write(common, "new.txt", "Orchard news\n\nThe orchard opened.")
    corpus.refresh()
    corpus.index.build_search()
    assert [article.title for article, _ in corpus.search("orchard")] == ["Orchard news"]
    assert len(corpus.matching("orchard")) == 1


def test_an_index_in_memory_never_answers_from_stale_results(common: Path) -> None:
    index, _, _ = index_in_memory([common])
    assert index.search("orchard") == []
    write(common, "new.txt", "Orchard news\n\nThe orchard opened.")
    index.refresh([common])
    index.build_search()
    assert len(index.search("orchard")) == 1
    assert len(index.matching_rowids("orchard")) == 1


def test_a_word_in_most_articles_lists_title_matches_first(
    common: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if the corpus were big: more matches than are ranked one by one.
    monkeypatch.setattr(index_search, "RANK_ALL_MAX", 5)
    monkeypatch.setattr(index_search, "RANK_POOL", 8)
    corpus = open_corpus([common], index_path=tmp_path / "index.db")
    for query in ("harvest", "harv", "harvest late"):
        hits = corpus.search(query, limit=6)
        assert len(hits) == 6, query
        if query != "harvest late":
            assert hits[0][0].title == "Harvest record", query
    # Every match is still found when all are asked for, and by the list filter.
    assert len(corpus.search("harvest", limit=None)) == 21
    assert len(corpus.matching("harvest")) == 21


def test_text_indexed_while_storing_stays_right_through_changes(
    common: Path, tmp_path: Path
) -> None:
    # open_corpus(search=True) puts each row's text in the search index as it is stored.
    corpus = open_corpus([common], index_path=tmp_path / "index.db")
    assert corpus.index.search_backlog() == 0
    assert len(corpus.search("harvest", limit=None)) == 21
    write(common, "t.txt", "Orchard record\n\nA short note.")
    (common / "n00.txt").unlink()
    corpus.index.refresh([common], index_text=True)
    corpus.reload()
    assert corpus.index.search_backlog() == 0
    assert len(corpus.search("harvest", limit=None)) == 19
    assert [article.title for article, _ in corpus.search("orchard")] == ["Orchard record"]
    # A refresh that leaves the text to build_search, then one that may not index inline.
    write(common, "late.txt", "Late harvest\n\nNotes.")
    corpus.index.refresh([common])
    write(common, "later.txt", "Later harvest\n\nNotes.")
    corpus.index.refresh([common], index_text=True)
    corpus.reload()
    assert corpus.index.search_backlog() == 2
    assert len(corpus.search("harvest", limit=None)) == 21
    corpus.index.build_search()
    assert len(corpus.search("harvest", limit=None)) == 21


def test_a_short_prefix_finds_title_matches_first_without_expanding_it(
    common: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "ha" and "har" begin words in most of a big corpus: their candidates are read, not
    # expanded by FTS; the answer still holds only articles with a word that begins so.
    corpus = open_corpus([common], index_path=tmp_path / "index.db")
    write(common, "other.txt", "Other news\n\nNothing grows here.")
    corpus.refresh()
    corpus.index.build_search()
    for query in ("ha", "har", "late ha"):
        hits = corpus.search(query, limit=6)
        assert len(hits) == 6, query
        assert all("Other" not in article.title for article, _ in hits), query
        scores = [score for _, score in hits]
        assert scores == sorted(scores, reverse=True), query
        if query != "late ha":
            assert hits[0][0].title == "Harvest record", query
    assert corpus.search("hx", limit=6) == []


def test_a_rare_prefix_gets_its_first_page_at_once_a_short_one_waits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As on a big list: only the first few rows are read for a first page. A prefix of four
    # letters or more met in none of them is rare: every match comes from FTS at once (the
    # key is answered without waiting for the worker); a shorter one is left to the worker.
    monkeypatch.setattr(first_page_module, "FIRST_PAGE_CHUNK", 4)
    monkeypatch.setattr(first_page_module, "FIRST_PAGE_MAX_ROWS", 8)
    monkeypatch.setattr(first_page_module, "FIRST_PAGE_PREFIX_ROWS", 8)
    folder = tmp_path / "news"
    for number in range(20):
        write(folder, f"n{number:02d}.txt", f"Note {number}\n\nMarch {number + 1}, 2024\n\nPlain.")
    write(folder, "old.txt", "Old note\n\nJan 2, 2020\n\nAn orchardist spoke.")
    write(folder, "older.txt", "Orchards\n\nJan 1, 2020\n\nTrees.")
    corpus = open_corpus([folder], index_path=tmp_path / "index.db")
    articles = sort_articles(corpus.articles, "date")
    first_page = corpus.article_filter.first_page
    assert first_page is not None
    for query in ("orch", "orchard", "plain orch"):
        found = first_page(articles, query, 5)
        every = corpus.filter_articles(articles, query)
        assert found is not None and every is not None, query
        assert found == (every, True), query
    assert [a.title for a in first_page(articles, "orch", 1)[0]] == ["Old note"]
    assert first_page(articles, "orch", 1)[1] is False  # more to count
    assert first_page(articles, "orc", 5) is None
    assert first_page(articles, "orchx", 5) == ([], True)


def test_a_first_page_does_not_wait_for_reads_in_other_threads(
    common: Path, tmp_path: Path
) -> None:
    # While another thread reads bodies (the name index, a story) on the read connection,
    # a key typed in the filter still gets its first page at once, not "filtering…".
    import threading

    corpus = open_corpus([common], index_path=tmp_path / "index.db")
    articles = sort_articles(corpus.articles, "date")
    first_page = corpus.article_filter.first_page
    assert first_page is not None
    holding, release = threading.Event(), threading.Event()

    def read_for_long() -> None:
        with corpus.index._read_lock:
            holding.set()
            release.wait(10)

    reader = threading.Thread(target=read_for_long)
    reader.start()
    try:
        assert holding.wait(10)
        found = first_page(articles, "harv", 3)
    finally:
        release.set()
        reader.join()
    assert found is not None
    assert len(found[0]) == 3 and found[1] is False


def test_a_longer_prefix_reads_the_shorter_ones_matches_and_never_stale_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Typing a rare word on: "orch" comes from FTS, "orcha" and on are read among its
    # matches; the first page is still every match in list order, and an article added
    # since (the index changed) is not missed.
    monkeypatch.setattr(first_page_module, "FIRST_PAGE_CHUNK", 4)
    monkeypatch.setattr(first_page_module, "FIRST_PAGE_MAX_ROWS", 8)
    monkeypatch.setattr(first_page_module, "FIRST_PAGE_PREFIX_ROWS", 8)
    folder = tmp_path / "news"
    for number in range(20):
        write(folder, f"n{number:02d}.txt", f"Note {number}\n\nMarch {number + 1}, 2024\n\nPlain.")
    write(folder, "a.txt", "Old note\n\nJan 3, 2020\n\nAn orchardist spoke.")
    write(folder, "b.txt", "Orchards\n\nJan 2, 2020\n\nTrees.")
    write(folder, "c.txt", "Music\n\nJan 1, 2020\n\nThe orchestra played.")
    corpus = open_corpus([folder], index_path=tmp_path / "index.db")
    first_page = corpus.article_filter.first_page
    assert first_page is not None

    def titles(query: str, count: int = 5) -> tuple[list[str], bool]:
        articles = sort_articles(corpus.articles, "date")
        found = first_page(articles, query, count)
        every = corpus.filter_articles(articles, query)
        assert found is not None and every is not None, query
        if found[1]:
            assert found[0] == every, query
        return [article.title for article in found[0]], found[1]

    assert titles("orch") == (["Old note", "Orchards", "Music"], True)
    assert titles("orcha") == (["Old note", "Orchards"], True)
    assert titles("orchar", 1) == (["Old note"], False)
    assert titles("orchard") == (["Old note", "Orchards"], True)
    assert titles("orchards") == (["Orchards"], True)
    assert titles("orchx") == ([], True)
    write(folder, "d.txt", "Orchard news\n\nJan 4, 2020\n\nThe orchard opened.")
    corpus.refresh()
    corpus.index.build_search()
    assert titles("orcha") == (["Orchard news", "Old note", "Orchards"], True)
    assert titles("orchard") == (["Orchard news", "Old note", "Orchards"], True)


def test_only_a_longer_prefix_of_the_same_query_narrows_it() -> None:
    from reader.index.query import narrower_prefix

    assert narrower_prefix("oil pri", "oil pric")
    assert narrower_prefix("harv", "harvest")
    assert not narrower_prefix("harvest", "harv")  # shorter: more matches
    assert not narrower_prefix("oil pri", "gas pric")  # other words
    assert not narrower_prefix("harv", "harvest ")  # a whole word now, not a prefix
    assert not narrower_prefix("oil pri", "oil pri x")  # a new word
    assert not narrower_prefix("h", "ha")  # one letter is a whole word
    assert not narrower_prefix("scale-a", "scale-ai")  # not a plain word


def test_the_list_filter_answers_with_every_match_in_list_order(
    common: Path, tmp_path: Path
) -> None:
    # The answer is positions in the list, not a list of its own: it must read as the
    # list of matches would, item by item, sliced, from the end, compared.
    corpus = open_corpus([common], index_path=tmp_path / "index.db")
    articles = sort_articles(corpus.articles, "title")
    matches = corpus.matching("harvest record")
    expected = [article for article in articles if article.rowid in matches]
    for query, wanted in (("harvest", articles), ("harvest record", expected), ("  ", articles)):
        found = corpus.filter_articles(articles, query)
        assert found is not None
        assert found == wanted and list(found) == wanted and len(found) == len(wanted)
        assert [found[n] for n in range(-len(found), len(found))] == wanted + wanted
        assert found[1:5] == wanted[1:5] and found[::-1] == wanted[::-1]
    assert corpus.filter_articles(articles, "orchard") == []
    assert corpus.filter_articles(articles, "harvest") != articles[:-1]


def test_a_prefix_typed_on_after_a_count_is_read_among_the_counted_matches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "or" was counted (typing paused); "orc", too short to ask FTS for, and not met in the
    # first rows, is found at once among the counted matches, never among stale ones.
    monkeypatch.setattr(first_page_module, "FIRST_PAGE_CHUNK", 4)
    monkeypatch.setattr(first_page_module, "FIRST_PAGE_MAX_ROWS", 8)
    monkeypatch.setattr(first_page_module, "FIRST_PAGE_PREFIX_ROWS", 8)
    folder = tmp_path / "news"
    for number in range(20):
        write(folder, f"n{number:02d}.txt", f"Note {number}\n\nMarch {number + 1}, 2024\n\nPlain.")
    write(folder, "a.txt", "Old note\n\nJan 3, 2020\n\nAn orchardist spoke.")
    write(folder, "b.txt", "Orchards\n\nJan 2, 2020\n\nTrees or shrubs.")
    corpus = open_corpus([folder], index_path=tmp_path / "index.db")
    first_page = corpus.article_filter.first_page
    assert first_page is not None
    articles = sort_articles(corpus.articles, "date")
    assert first_page(articles, "orc", 5) is None  # nothing counted yet: left to the count
    assert len(corpus.filter_articles(articles, "or") or []) == 2
    found = first_page(articles, "orc", 5)
    assert found is not None
    assert [article.title for article in found[0]] == ["Old note", "Orchards"] and found[1]
    write(folder, "d.txt", "Orchard news\n\nJan 4, 2020\n\nThe orchard opened.")
    corpus.refresh()
    corpus.index.build_search()
    articles = sort_articles(corpus.articles, "date")
    assert first_page(articles, "orc", 5) is None  # the count is stale: left to a new one
    assert len(corpus.filter_articles(articles, "or") or []) == 3
    found = first_page(articles, "orch", 5)
    assert found is not None
    assert [a.title for a in found[0]] == ["Orchard news", "Old note", "Orchards"] and found[1]
