"""The index cache: warm starts parse nothing, changes are picked up, bad caches rebuilt,
search finds and ranks, and no query the user can type makes it raise."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from conftest import SEEDS, write
from hypothesis import given, settings
from hypothesis import strategies as st

import reader.index.db as index_db
import reader.index.parse_pool as parse_pool
import reader.index.search as index_search
from reader.corpus import Corpus
from reader.index import NO_FTS_NOTICE, ArticleIndex, IndexedArticle, open_corpus

HOSTILE_QUERIES = [
    '"',
    '""',
    '"unclosed',
    "*",
    "**",
    "a*b*",
    "-",
    "-market",
    "NOT",
    "AND OR NOT",
    "NEAR",
    "NEAR(a b, 2)",
    "(",
    ")",
    "((a)",
    "title:market",
    "^market",
    "{title}: x",
    "x + y",
    "'",
    "\\",
    "\x00",
    "\u202e",
    "   ",
    "",
    "a" * 5000,
    " ".join(["word"] * 500),
    "😀 emoji",
]


class ParseCounter:
    """Counts load_articles calls made while indexing."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.files: list[Path] = []
        real = parse_pool.load_articles

        def counting(file, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
            self.files.append(Path(file))
            return real(file, *args, **kwargs)

        monkeypatch.setattr(parse_pool, "load_articles", counting)

    def names(self) -> list[str]:
        names = sorted(file.name for file in self.files)
        self.files.clear()
        return names


@pytest.fixture
def counter(monkeypatch: pytest.MonkeyPatch) -> ParseCounter:
    return ParseCounter(monkeypatch)


@pytest.fixture
def news(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write(
        folder,
        "markets/rates.md",
        "---\ntitle: Central bank holds rates\nsource: Morning Wire\nauthor: Ada Abara\n"
        "published: 2024-03-02\ntags: [economy, rates]\n---\nThe bank kept rates unchanged.",
    )
    write(
        folder,
        "markets/oil.txt",
        "Oil prices climb\n\nBy Omar Haddad | March 3, 2024\n\nCrude rose for a third day.",
    )
    write(folder, "tech/chips.txt", "Chip maker expands\n\nMarch 4, 2024\n\nA new plant opens.")
    write(folder, "tech/reader.yaml", "chips.txt:\n  source: Harbor Times\n")
    return folder


def index_path(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "index.db"


def summary(corpus: Corpus) -> list[tuple]:
    return sorted(
        (a.id, a.title, a.source, a.author, a.published, tuple(a.tags), a.section, a.words, a.body)
        for a in corpus.articles
    )


# --- cold and warm ----------------------------------------------------------------------


def test_index_gives_what_corpus_load_gives(news: Path, tmp_path: Path) -> None:
    for paths in ([news], [SEEDS], [news, SEEDS], [news / "markets" / "oil.txt"]):
        indexed = open_corpus(paths, index_path=index_path(tmp_path))
        loaded = Corpus.load(paths)
        assert summary(indexed) == summary(loaded)
        assert [a.to_json() for a in indexed.articles] == [a.to_json() for a in loaded.articles]
        indexed.index.close()


def test_shared_tags_and_extras_read_as_loaded_and_stay_apart(tmp_path: Path) -> None:
    """Indexed articles share one tuple of tags and one empty extra among those alike: they
    read as Corpus.load gives them (JSON too), and changing one article changes no other."""
    import pickle

    from reader.cli.output import jsonable

    folder = tmp_path / "news"
    head = "---\ntitle: {title}\ntags: [rail, strike]\n{more}---\n\nBody of {title}.\n"
    write(folder, "a.md", head.format(title="Alpha", more="desk: metro\n"))
    write(folder, "b.md", head.format(title="Beta", more=""))
    write(folder, "c.txt", "Gamma\n\nNo front matter here.")
    for _ in range(2):  # cold, then warm from the cache
        indexed = open_corpus([folder], index_path=index_path(tmp_path))
        loaded = Corpus.load([folder])
        assert [(a.to_json(), jsonable(a.extra)) for a in indexed.articles] == [
            (a.to_json(), jsonable(a.extra)) for a in loaded.articles
        ]
        indexed.index.close()
    alpha, beta, gamma = indexed.articles
    assert list(alpha.tags) == list(beta.tags) == ["rail", "strike"] and not gamma.tags
    assert dict(alpha.extra) == {"desk": "metro"} and not beta.extra and not gamma.extra
    beta.tags = [*beta.tags, "extra"]
    beta.extra = {"desk": "night"}
    assert list(alpha.tags) == ["rail", "strike"] and not gamma.extra
    copy = pickle.loads(pickle.dumps(alpha))
    assert (copy.id, copy.title, copy.path, copy.body, list(copy.tags)) == (
        alpha.id,
        alpha.title,
        alpha.path,
        alpha.body,
        ["rail", "strike"],
    )


def test_warm_start_parses_nothing_and_reads_no_body(
    news: Path, tmp_path: Path, counter: ParseCounter
) -> None:
    cold = open_corpus([news], index_path=index_path(tmp_path))
    assert counter.names() == ["chips.txt", "oil.txt", "rates.md"]
    cold.index.close()
    warm = open_corpus([news], index_path=index_path(tmp_path))
    assert counter.names() == []
    assert warm.report.unchanged == 3 and not warm.report.touched
    article = next(a for a in warm.articles if a.id == "markets/oil")
    assert isinstance(article, IndexedArticle)
    assert not article.body_loaded  # bodies wait until someone reads one
    assert article.body == "Crude rose for a third day."
    assert article.body_loaded
    assert summary(warm) == summary(Corpus.load([news]))


def test_the_name_index_keeps_no_body_it_read_and_bodies_still_read(
    news: Path, tmp_path: Path
) -> None:
    from reader.config import Config
    from reader.session import Session

    open_corpus([news], index_path=index_path(tmp_path)).index.close()
    warm = open_corpus([news], index_path=index_path(tmp_path))
    opened = next(a for a in warm.articles if a.id == "markets/oil")
    assert opened.body == "Crude rose for a third day."  # the reader opened this one
    names = Session(warm, Config()).build_name_index()
    assert names is not None
    assert [a.id for a in warm.articles if a.body_loaded] == ["markets/oil"]
    assert summary(warm) == summary(Corpus.load([news]))  # every body reads as before


def test_changed_new_and_deleted_files(news: Path, tmp_path: Path, counter: ParseCounter) -> None:
    open_corpus([news], index_path=index_path(tmp_path)).index.close()
    counter.names()
    write(news, "markets/oil.txt", "Oil prices fall\n\nCrude dropped sharply today.")
    write(news, "tech/phones.txt", "Phone sales slow\n\nFewer handsets shipped.")
    (news / "markets" / "rates.md").unlink()
    corpus = open_corpus([news], index_path=index_path(tmp_path))
    assert counter.names() == ["oil.txt", "phones.txt"]
    assert (corpus.report.added, corpus.report.changed, corpus.report.removed) == (1, 1, 1)
    assert sorted(a.title for a in corpus.articles) == [
        "Chip maker expands",
        "Oil prices fall",
        "Phone sales slow",
    ]
    assert [a.title for a, _ in corpus.search("crude")] == ["Oil prices fall"]
    assert corpus.search("unchanged") == []  # the deleted article's words are gone


def test_same_size_edit_is_seen_by_its_modification_time(
    news: Path, tmp_path: Path, counter: ParseCounter
) -> None:
    open_corpus([news], index_path=index_path(tmp_path)).index.close()
    counter.names()
    path = news / "tech" / "chips.txt"
    info = path.stat()
    path.write_text(path.read_text().replace("plant", "plane"))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
    corpus = open_corpus([news], index_path=index_path(tmp_path))
    assert counter.names() == ["chips.txt"]
    assert next(a for a in corpus.articles if a.id == "tech/chips").body == "A new plane opens."


def test_a_refresh_stopped_half_way_is_finished_by_the_next_one(
    news: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The warm refresh skips its plan when the walk finds what the last complete one found;
    # a refresh that dropped a file's row and stopped must not look complete.
    open_corpus([news], index_path=index_path(tmp_path)).index.close()
    oil = news / "markets" / "oil.txt"
    text, info = oil.read_bytes(), oil.stat()
    oil.unlink()
    with monkeypatch.context() as patch:

        def stop(*args: object, **kwargs: object) -> None:
            raise KeyboardInterrupt

        patch.setattr(ArticleIndex, "_parse_and_store", stop)
        with pytest.raises(KeyboardInterrupt):
            open_corpus([news], index_path=index_path(tmp_path))
    oil.write_bytes(text)  # back as it was, same size and time
    os.utime(oil, ns=(info.st_atime_ns, info.st_mtime_ns))
    corpus = open_corpus([news], index_path=index_path(tmp_path))
    assert "Oil prices climb" in [a.title for a in corpus.articles]


def test_changed_sidecar_reparses_its_folder(
    news: Path, tmp_path: Path, counter: ParseCounter
) -> None:
    open_corpus([news], index_path=index_path(tmp_path)).index.close()
    counter.names()
    write(news, "tech/reader.yaml", "chips.txt:\n  source: Northern Post\n")
    corpus = open_corpus([news], index_path=index_path(tmp_path))
    assert counter.names() == ["chips.txt"]
    assert next(a for a in corpus.articles if a.id == "tech/chips").source == "Northern Post"


def test_problems_are_reported_again_on_warm_start(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    write(folder, "good.txt", "Good\nFine body.")
    write(folder, "binary.txt", b"Bin\x00ary")
    write(folder, "latin.txt", "Caf\xe9 title\nBody".encode("latin-1"))
    write(folder, "open.md", "---\ntitle: never closed\nBody")
    write(folder, "sub/story.txt", "Story\nBody")
    write(folder, "sub/reader.yaml", "story.txt: [not, a, mapping]\nother: {title: [}\n")
    write(folder, "sub2/a.txt", "A\nBody")
    write(folder, "sub2/reader.yaml", "- just\n- a list\n")
    expected = sorted(str(problem) for problem in Corpus.load([folder]).problems)
    assert len(expected) >= 4
    cold = open_corpus([folder], index_path=index_path(tmp_path))
    assert sorted(str(problem) for problem in cold.problems) == expected
    cold.index.close()
    warm = open_corpus([folder], index_path=index_path(tmp_path), refresh=False)
    assert sorted(str(problem) for problem in warm.problems) == expected
    warm.index.close()
    refreshed = open_corpus([folder], index_path=index_path(tmp_path))
    assert sorted(str(problem) for problem in refreshed.problems) == expected


def test_fixed_file_loses_its_problem(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    write(folder, "open.md", "---\ntitle: never closed\nBody")
    assert open_corpus([folder], index_path=index_path(tmp_path)).problems
    write(folder, "open.md", "---\ntitle: closed now\n---\nBody")
    corpus = open_corpus([folder], index_path=index_path(tmp_path))
    assert corpus.problems == []
    assert [a.title for a in corpus.articles] == ["closed now"]


def test_missing_root_is_a_problem_and_its_articles_go(news: Path, tmp_path: Path) -> None:
    open_corpus([news], index_path=index_path(tmp_path)).index.close()
    news.rename(tmp_path / "moved")
    corpus = open_corpus([news], index_path=index_path(tmp_path))
    assert corpus.articles == []
    assert [str(problem) for problem in corpus.problems] == [f"{news}: no such file or folder"]


def test_two_roots_share_a_cache_but_stay_apart(news: Path, tmp_path: Path) -> None:
    open_corpus([SEEDS], index_path=index_path(tmp_path)).index.close()
    corpus = open_corpus([news], index_path=index_path(tmp_path))
    assert len(corpus.articles) == 3
    assert corpus.search("scale") == []  # a seed word: the seeds are not in this corpus
    assert [a.title for a, _ in corpus.search("crude")] == ["Oil prices climb"]


def test_index_path_from_environment(news: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("READER_INDEX", str(tmp_path / "env.db"))
    open_corpus([news]).index.close()
    assert (tmp_path / "env.db").is_file()


def test_default_index_lives_in_the_xdg_cache(news: Path, isolated_xdg: Path) -> None:
    open_corpus([news]).index.close()
    assert (isolated_xdg / "xdg_cache_home" / "reader" / "index.db").is_file()


# --- caches that cannot be trusted ------------------------------------------------------


def corrupt_copies(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".corrupt-*"))


def test_garbage_cache_is_moved_aside_and_rebuilt(news: Path, tmp_path: Path) -> None:
    path = index_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database\n" * 100)
    corpus = open_corpus([news], index_path=path)
    assert len(corpus.articles) == 3
    assert any("moved to index.db.corrupt-" in notice for notice in corpus.notices)
    (moved,) = corrupt_copies(path)
    assert moved.read_bytes().startswith(b"this is not a database")


def test_truncated_cache_is_moved_aside_and_rebuilt(news: Path, tmp_path: Path) -> None:
    path = index_path(tmp_path)
    write(news, "long.txt", "Long\n\n" + "A sentence about markets. " * 20000)
    open_corpus([news], index_path=path).index.close()
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.truncate(size // 2)
    corpus = open_corpus([news], index_path=path)
    assert sorted(a.title for a in corpus.articles) == sorted(
        a.title for a in Corpus.load([news]).articles
    )
    assert corrupt_copies(path)
    assert [a.title for a, _ in corpus.search("crude")] == ["Oil prices climb"]


def test_schema_version_mismatch_rebuilds(news: Path, tmp_path: Path, counter) -> None:
    path = index_path(tmp_path)
    open_corpus([news], index_path=path).index.close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    db.close()
    counter.names()
    corpus = open_corpus([news], index_path=path)
    assert counter.names() == ["chips.txt", "oil.txt", "rates.md"]  # rebuilt from the files
    assert any("schema version 0" in notice for notice in corpus.notices)
    assert len(corrupt_copies(path)) == 1


def test_only_the_newest_moved_aside_copies_are_kept(news: Path, tmp_path: Path) -> None:
    path = index_path(tmp_path)
    path.parent.mkdir(parents=True)
    for _ in range(4):
        path.write_bytes(b"garbage" * 100)
        open_corpus([news], index_path=path).index.close()
    assert len(corrupt_copies(path)) == index_db.KEEP_MOVED_ASIDE


def test_unusable_cache_location_falls_back_to_memory(news: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    corpus = open_corpus([news], index_path=blocker / "index.db")
    assert len(corpus.articles) == 3
    assert any("indexing in memory" in notice for notice in corpus.notices)
    assert [a.title for a, _ in corpus.search("crude")] == ["Oil prices climb"]


# --- search ------------------------------------------------------------------------------


@pytest.fixture
def ranked(tmp_path: Path) -> Path:
    folder = tmp_path / "ranked"
    write(folder, "a.txt", "Quarterly report\n\n" + "The zephyrine project grew. " * 6)
    write(folder, "b.txt", "Zephyrine wins the contract\n\nA short note on the deal.")
    write(folder, "c.txt", "Unrelated\n\nNothing to see about weather or zephyrs here.")
    for number in range(12):
        write(folder, f"filler{number}.txt", f"Filler {number}\n\nOrdinary words only.")
    return folder


@pytest.mark.parametrize("fts", [True, False], ids=["fts5", "scan"])
def test_prefix_search_ranks_a_title_hit_first(ranked: Path, tmp_path: Path, fts: bool) -> None:
    corpus = open_corpus([ranked], index_path=index_path(tmp_path), fts=fts)
    titles = [article.title for article, _ in corpus.search("zephyri")]
    assert titles == ["Zephyrine wins the contract", "Quarterly report"]
    # A finished word (space after it) is not a prefix any more; a shorter prefix finds all.
    assert corpus.search("zephyri ") == []
    assert len(corpus.search("zephyr")) == 3
    scores = [score for _, score in corpus.search("zephyr")]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("fts", [True, False], ids=["fts5", "scan"])
def test_every_word_must_match_anywhere(news: Path, tmp_path: Path, fts: bool) -> None:
    corpus = open_corpus([news], index_path=index_path(tmp_path), fts=fts)
    assert [a.title for a, _ in corpus.search("omar crude")] == ["Oil prices climb"]  # author
    assert [a.title for a, _ in corpus.search("harbor")] == ["Chip maker expands"]  # sidecar
    assert [a.title for a, _ in corpus.search("economy bank")] == ["Central bank holds rates"]
    assert corpus.search("omar plant") == []
    # One letter is a word, not a prefix: "a new plant", "a third day", but not "Ada".
    assert corpus.matching("a") == {a.rowid for a in corpus.articles if a.id != "markets/rates"}
    assert corpus.matching("ad") == {a.rowid for a in corpus.articles if a.id == "markets/rates"}
    assert corpus.matching("crude") == {a.rowid for a in corpus.articles if a.id == "markets/oil"}


def test_search_is_case_and_accent_blind(tmp_path: Path) -> None:
    folder = tmp_path / "cafe"
    write(folder, "a.txt", "Café culture\n\nThe CAFÉ opened on Rue Saint-Honoré.")
    corpus = open_corpus([folder], index_path=index_path(tmp_path))
    assert len(corpus.search("cafe")) == 1
    assert len(corpus.search("saint-honore")) == 1


def test_without_fts5_search_scans_and_says_so_once(
    news: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_db, "fts5_available", lambda connection: False)
    corpus = open_corpus([news], index_path=index_path(tmp_path))
    assert corpus.index.has_fts is False
    assert corpus.notices.count(NO_FTS_NOTICE) == 1
    assert [a.title for a, _ in corpus.search("crud")] == ["Oil prices climb"]


def test_cache_built_with_fts5_is_rebuilt_when_fts5_is_gone(
    news: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_corpus([news], index_path=index_path(tmp_path)).index.close()
    monkeypatch.setattr(index_db, "fts5_available", lambda connection: False)
    corpus = open_corpus([news], index_path=index_path(tmp_path))
    assert len(corpus.articles) == 3
    assert [a.title for a, _ in corpus.search("crude")] == ["Oil prices climb"]


@pytest.mark.parametrize("fts", [True, False], ids=["fts5", "scan"])
def test_hostile_queries_never_raise(news: Path, tmp_path: Path, fts: bool) -> None:
    corpus = open_corpus([news], index_path=index_path(tmp_path), fts=fts)
    for query in HOSTILE_QUERIES:
        corpus.search(query)
        corpus.matching(query)
        corpus.index.snippet(corpus.articles[0].rowid, query)
    # Operators are read as words: "NOT" is not negation, "-" is not exclusion.
    assert [a.title for a, _ in corpus.search("crude -rates")] == []
    assert [a.title for a, _ in corpus.search('"crude')] == ["Oil prices climb"]


def test_articles_not_yet_in_the_search_index_are_still_found(news: Path, tmp_path: Path) -> None:
    corpus = open_corpus([news], index_path=index_path(tmp_path), search=False)
    assert corpus.index.search_backlog() == 3
    assert [a.title for a, _ in corpus.search("crude")] == ["Oil prices climb"]
    assert corpus.index.build_search() == 3
    assert corpus.index.search_backlog() == 0
    assert [a.title for a, _ in corpus.search("crude")] == ["Oil prices climb"]


def test_a_big_backlog_is_not_scanned_while_it_is_indexed(
    news: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_search, "SCAN_BACKLOG_MAX", 2)
    corpus = open_corpus([news], index_path=index_path(tmp_path), search=False)
    # Three unindexed articles are more than the scan takes on: results wait for the index.
    assert corpus.search("crude") == []
    corpus.index.build_search()
    assert [a.title for a, _ in corpus.search("crude")] == ["Oil prices climb"]


def test_building_the_search_index_can_be_stopped_and_resumed(news: Path, tmp_path: Path) -> None:
    corpus = open_corpus([news], index_path=index_path(tmp_path), search=False)
    assert corpus.index.build_search(should_stop=lambda: True) == 0
    assert corpus.index.search_backlog() == 3
    assert corpus.index.build_search() == 3


@pytest.fixture(scope="module")
def search_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[ArticleIndex, ArticleIndex]:
    folder = tmp_path_factory.mktemp("hypothesis")
    write(folder, "a.txt", 'Quotes "and" stars * and NEAR(x) -dashes\n\nBody (with) parens AND OR.')
    write(folder, "b.txt", "Ünïcödé títle\n\nΚείμενο 中文 текст.")
    indexes = []
    for fts in (True, False):
        corpus = open_corpus([folder], index_path=folder / f"index-{fts}.db", fts=fts)
        indexes.append(corpus.index)
    return indexes[0], indexes[1]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_search_never_raises_on_any_text(search_index, query: str) -> None:
    for index in search_index:
        hits = index.search(query)
        assert all(hit.score == hit.score for hit in hits)  # no NaN
        index.matching_rowids(query)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                '"',
                "*",
                "(",
                ")",
                "-",
                "NEAR",
                "AND",
                "OR",
                "NOT",
                ":",
                "^",
                "and",
                "x",
                " ",
                "{",
                "}",
                "+",
                "ü",
            ]
        ),
        max_size=12,
    )
)
def test_search_never_raises_on_operator_soup(search_index, parts: list[str]) -> None:
    query = "".join(parts)
    for index in search_index:
        index.search(query)
        index.matching_rowids(query)


def test_the_index_does_not_walk_hidden_folders(tmp_path: Path) -> None:
    news = tmp_path / "news"
    write(news, "a.md", "# Seen\n\nBody.\n")
    write(news, ".reader/b.md", "# Hidden\n\nBody.\n")
    indexed = open_corpus([news], index_path=index_path(tmp_path))
    assert [article.title for article in indexed.articles] == ["Seen"]


def test_marks_on_indexed_articles_follow_their_files_without_a_path_object_each(
    news: Path, tmp_path: Path
) -> None:
    """The state store learns each indexed article's file from its path text: the marks land
    on the right file (here: after a reopen, and with the files' folder reached through a
    symlink), and no Path object is kept per article for it (30 MB at 100,000 articles)."""
    from reader.store import StateStore

    link = tmp_path / "link"
    link.symlink_to(news, target_is_directory=True)
    state = tmp_path / "state.db"
    for root in (news, link):
        corpus = open_corpus([root], index_path=index_path(tmp_path))
        store = StateStore.open(state)
        store.attach(corpus.articles)
        assert all(
            isinstance(article, IndexedArticle) and article._path is None
            for article in corpus.articles
        )
        if root == news:
            store.set_starred("markets/oil")
        else:
            assert store.starred_ids() == {"markets/oil"}
            assert {a.path_text for a in corpus.articles} == {str(a.path) for a in corpus.articles}
        store.close()
        corpus.index.close()
