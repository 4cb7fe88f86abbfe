"""Compare keeps each article's analysis in the index cache: a comparison from kept analyses
says exactly what a fresh one says, and a kept analysis that may be wrong (damaged, of other
code, found with a name index that answers otherwise) is never used."""

from __future__ import annotations

import json
import shutil
import sqlite3
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from compare_dev_support import SHARED
from conftest import SEEDS

from reader.analysis import compare as compare_module
from reader.analysis import compare_articles, name_index_for
from reader.analysis import compare_side as side_module
from reader.analysis.compare import compare_two
from reader.analysis.compare_side import SIDES
from reader.analysis.fact_article import published_day
from reader.analysis.side_keeping import keyed_title
from reader.cli.main import main
from reader.config import Config, NameEntry
from reader.corpus import Article, Corpus
from reader.highlight import NameIndex, find_spans
from reader.highlight.known_names import KnownNames
from reader.highlight.name_lookups import ASKED, WHOLE, LookupRecorder, lookups_hold
from reader.index.side_store import SideStore, source_version

PACKAGE = Path(__file__).resolve().parents[1] / "reader"
ECB = SHARED / "datasets" / "ecbplus-dev" / "articles"
BBC = SHARED / "corpora" / "bbc"


@pytest.fixture(autouse=True)
def nothing_in_memory() -> None:
    SIDES.clear()


@pytest.fixture
def store(tmp_path: Path) -> SideStore:
    return SideStore(tmp_path / "index.db")


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    return Corpus.load([SEEDS]).articles


def keyed(article: Article) -> tuple[str, str]:
    """The title and body an article's analysis is kept under (with its published day)."""
    return keyed_title(article.title, published_day(article.published)), article.body


def as_json(left: Article, right: Article, names: NameIndex, kept: SideStore | None) -> str:
    comparison = compare_articles(left, right, names, kept=kept)
    if kept is not None:
        kept.flush()  # as the CLI and the UI do once the comparison is out
    return json.dumps(comparison.to_json())


class Counted:
    """Counts the analyses found anew (not from memory or a kept row)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        real = side_module.analyse_side

        def counted(*args: Any) -> Any:
            self.calls += 1
            return real(*args)

        monkeypatch.setattr("reader.analysis.side_keeping.analyse_side", counted)


def same_from_kept(left: Article, right: Article, names: NameIndex, store: SideStore) -> None:
    """Fresh, keeping and kept comparisons of the pair give the same JSON."""
    SIDES.clear()
    fresh = as_json(left, right, names, None)
    SIDES.clear()
    keeping = as_json(left, right, names, store)
    SIDES.clear()
    kept = as_json(left, right, names, store)
    assert keeping == fresh, (left.id, right.id)
    assert kept == fresh, (left.id, right.id)


def test_a_comparison_from_kept_analyses_is_the_fresh_one(seeds, store, monkeypatch) -> None:
    names = name_index_for(seeds)
    for left in seeds:
        for right in seeds:
            if left is not right:
                same_from_kept(left, right, names, store)
    counted = Counted(monkeypatch)
    SIDES.clear()
    as_json(seeds[0], seeds[1], names, store)
    assert counted.calls == 0, "both analyses came from the index cache"


def test_the_index_over_the_two_finds_rows_of_an_earlier_pair(seeds, store, monkeypatch) -> None:
    # `reader compare` builds its name index over the two articles: a row found with the
    # index over (a, b) is used for (a, b) again, in another process.
    a, b = seeds[0], seeds[1]
    before = as_json(a, b, name_index_for([a, b]), store)
    counted = Counted(monkeypatch)
    SIDES.clear()
    assert as_json(a, b, name_index_for([a, b]), store) == before
    assert counted.calls == 0


def test_a_name_index_answering_otherwise_is_not_trusted(seeds, store, monkeypatch) -> None:
    a = next(s for s in seeds if s.id.startswith("002"))
    b = next(s for s in seeds if s.id.startswith("003"))
    other = Article(
        id="x",
        path=Path("x.txt"),
        title="Wang",
        body="Alexandr Wang met Meta. Scale AI grew. Wang said Meta and Scale AI agreed.",
    )
    as_json(a, b, name_index_for([a, b]), store)
    names = name_index_for([a, other])
    recorder_rows = store.rows(*keyed(a))
    assert recorder_rows
    counted = Counted(monkeypatch)
    SIDES.clear()
    kept = as_json(a, other, names, store)
    SIDES.clear()
    fresh = as_json(a, other, names, None)
    assert kept == fresh
    assert counted.calls >= 1


def test_the_answers_a_text_needed_are_checked_one_by_one(seeds) -> None:
    a, b = seeds[0], seeds[1]
    names = name_index_for([a, b])
    recorder = LookupRecorder(names)
    assert find_spans(a.body, names=recorder) == find_spans(a.body, names=names)
    lookups = json.loads(json.dumps(recorder.lookups()))
    assert lookups_hold(names, lookups)
    assert lookups_hold(name_index_for([a, b]), lookups), "an index built alike answers alike"
    assert not lookups_hold(name_index_for([a]), lookups)
    assert not lookups_hold(names, {"asked": {}}), "malformed: no"


def test_the_recorder_watches_every_table_of_a_name_index() -> None:
    # A table added to KnownNames must be watched (or compared whole), else spans could
    # depend on it unseen.
    assert set(vars(KnownNames())) == set(ASKED) | set(WHOLE)
    assert set(vars(NameIndex())) == set(vars(KnownNames()))


def test_asking_a_whole_table_keeps_nothing(seeds) -> None:
    recorder = LookupRecorder(name_index_for(seeds[:2]))
    recorder._kinds.get("Meta")
    assert recorder.lookups() is not None
    list(recorder._kinds)
    assert recorder.lookups() is None


def test_a_damaged_row_is_analysed_anew(seeds, store, tmp_path, monkeypatch) -> None:
    a, b = seeds[0], seeds[1]
    names = name_index_for([a, b])
    fresh = as_json(a, b, names, store)
    with sqlite3.connect(tmp_path / "index.db") as db:
        db.execute("UPDATE compare_sides SET data = substr(data, 1, 100) || x'00ff'")
    assert store.rows(*keyed(a)) == []
    counted = Counted(monkeypatch)
    SIDES.clear()
    assert as_json(a, b, names, store) == fresh
    assert counted.calls == 2
    assert store.rows(*keyed(a)), "kept again"


def test_a_whole_row_that_is_no_analysis_is_analysed_anew(seeds, store, monkeypatch) -> None:
    import zlib

    a, b = seeds[0], seeds[1]
    names = name_index_for([a, b])
    fresh = as_json(a, b, names, None)
    good = store.rows(*keyed(a))
    assert good == []
    nested = zlib.compress(b'{"layout": 1, "spans": ' + b"[" * 100_000)
    for data in (b"not zlib", zlib.compress(b"[1, 2]"), zlib.compress(b'{"layout": 1}'), nested):
        store.keep(*keyed(a), data)
        store.keep(*keyed(b), data)
    counted = Counted(monkeypatch)
    SIDES.clear()
    assert as_json(a, b, names, store) == fresh
    assert counted.calls == 2


def test_a_row_of_other_code_is_not_found(seeds, tmp_path) -> None:
    a, b = seeds[0], seeds[1]
    as_json(a, b, name_index_for([a, b]), SideStore(tmp_path / "index.db", version="one"))
    assert SideStore(tmp_path / "index.db", version="one").rows(*keyed(a))
    assert SideStore(tmp_path / "index.db", version="two").rows(*keyed(a)) == []


def test_an_edited_article_finds_no_row(seeds, store) -> None:
    a, b = seeds[0], seeds[1]
    as_json(a, b, name_index_for([a, b]), store)
    assert store.rows(*keyed(a))
    assert store.rows(keyed(a)[0], a.body + " More.") == []
    assert store.rows(keyed_title(a.title + "!", published_day(a.published)), a.body) == []


def test_the_version_changes_with_any_analysis_source(tmp_path) -> None:
    copy = tmp_path / "reader"
    for name in ("analysis", "highlight", "corpus"):
        shutil.copytree(PACKAGE / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PACKAGE / "config.py", copy / "config.py")
    first = source_version(copy)
    assert first is not None and first == source_version(PACKAGE)
    facts = copy / "analysis" / "fact_model.py"
    facts.write_text(facts.read_text() + "\n# a fact reader edit\n")
    edited = source_version(copy)
    assert edited != first
    (copy / "analysis" / "fact_new.py").write_text('"""A new fact module."""\n')
    assert source_version(copy) not in (first, edited)


def test_a_busy_cache_file_keeps_nothing_and_waits_for_nothing(seeds, store, tmp_path) -> None:
    a, b = seeds[0], seeds[1]
    names = name_index_for([a, b])
    store.rows(*keyed(a))  # the table is made
    other = sqlite3.connect(tmp_path / "index.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a refresh writing
    try:
        fresh = as_json(a, b, names, store)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.rows(*keyed(a)) == []
    SIDES.clear()
    assert as_json(a, b, names, None) == fresh


def test_reader_compare_json_is_the_same_from_the_index_cache(capsys, tmp_path) -> None:
    index = str(tmp_path / "cache.db")
    outputs = []
    for _ in range(2):
        SIDES.clear()
        assert main(["compare", "002", "003", str(SEEDS), "--json", "--index", index]) == 0
        outputs.append(capsys.readouterr().out)
    with sqlite3.connect(index) as db:
        (rows,) = db.execute("SELECT count(*) FROM compare_sides").fetchone()
    assert rows == 3, "the two analyses, and that they hold for the pair"
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["pairs"]


def pairs_of(folder: Path, count: int) -> list[tuple[Article, Article]]:
    articles = sorted(Corpus.load([folder]).articles, key=lambda a: str(a.path))
    chosen = [p for p in pairwise(articles) if p[0].path.parent == p[1].path.parent]
    return chosen[: count * 3 : 3]


@pytest.mark.skipif(not ECB.is_dir() or not BBC.is_dir(), reason="../shared not here")
def test_real_pairs_are_compared_alike_from_kept_analyses(store) -> None:
    ecb = pairs_of(ECB, 25)
    bbc = pairs_of(BBC / "business", 15)
    assert len(ecb) == 25 and len(bbc) == 15
    for left, right in ecb + bbc:
        same_from_kept(left, right, name_index_for([left, right]), store)
    corpus = [article for pair in ecb for article in pair]
    names = name_index_for(corpus)
    for left, right in ecb:
        same_from_kept(left, right, names, store)


def test_a_pair_compared_before_needs_no_name_index(seeds, store, monkeypatch) -> None:
    a, b = seeds[0], seeds[1]
    fresh = as_json(a, b, name_index_for([a, b]), None)
    comparison, keep = compare_two(a, b, store)
    keep()
    assert json.dumps(comparison.to_json()) == fresh

    def no_index(*args: Any) -> Any:
        raise AssertionError("the name index was built")

    monkeypatch.setattr("reader.analysis.compare.name_index_for", no_index)
    SIDES.clear()
    again, _ = compare_two(a, b, store)
    assert json.dumps(again.to_json()) == fresh
    with pytest.raises(AssertionError):
        compare_two(b, a, store)  # another pair (in this order): its index is needed


def test_other_declared_names_build_the_name_index_again(seeds, store, monkeypatch) -> None:
    a, b = seeds[0], seeds[1]
    _, keep = compare_two(a, b, store)
    keep()
    declared = Config(names=[NameEntry(name="Widget Labs", kind="org")], never=["meta"])
    built = []
    real = compare_module.name_index_for

    def counted(*args: Any) -> Any:
        built.append(args)
        return real(*args)

    monkeypatch.setattr("reader.analysis.compare.name_index_for", counted)
    SIDES.clear()
    comparison, _ = compare_two(a, b, store, declared)
    assert len(built) == 1
    SIDES.clear()
    fresh = compare_articles(a, b, name_index_for([a, b], declared))
    assert comparison.to_json() == fresh.to_json()
