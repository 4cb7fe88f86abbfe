"""The index cache (index.db) over hostile input: it loads the hostile corpus exactly as
Corpus.load does, and a broken, misplaced, unwritable or contended cache never stops reader."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import REPO, SEEDS, write
from hostile_corpus import HostileCorpus, read_only

from reader.corpus import Corpus
from reader.index import open_corpus


def snapshot(corpus: Corpus) -> tuple[list[tuple[str, str, str, int]], list[str]]:
    """What a user sees of a corpus: each article and every problem line."""
    articles = sorted((a.id, a.title, a.body, a.words) for a in corpus.articles)
    return articles, sorted(str(problem) for problem in corpus.problems)


def test_the_index_loads_the_hostile_corpus_as_corpus_load_does(
    hostile: HostileCorpus, tmp_path: Path
) -> None:
    plain = snapshot(Corpus.load([hostile.root]))
    cold = open_corpus([hostile.root], index_path=tmp_path / "index.db")
    assert cold.notices == [] or all("FTS5" in notice for notice in cold.notices)
    assert snapshot(cold) == plain
    cold.index.close()
    # A warm start reads no article file: the problems come back from the cache, as they were.
    warm = open_corpus([hostile.root], index_path=tmp_path / "index.db", refresh=False)
    assert snapshot(warm) == plain
    warm.index.close()


def test_a_root_whose_name_is_not_utf8(tmp_path: Path) -> None:
    root = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9"))
    write(root, "a.txt", "Title A\nBody")
    for corpus in (
        Corpus.load([root, SEEDS]),
        open_corpus([root, SEEDS], index_path=tmp_path / "index.db"),
    ):
        assert len(corpus.articles) == 5  # the seeds still load
        (problem,) = corpus.problems
        line = str(problem)
        line.encode("utf-8")
        assert line.endswith(
            "caf\\udce9: folder name is not valid UTF-8 (rename it to read it); skipped"
        )


# --- caches that cannot be used ----------------------------------------------------------


def moved_aside(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".corrupt-*"))


def open_seeds(path: Path):  # noqa: ANN201 - an IndexedCorpus
    corpus = open_corpus([SEEDS], index_path=path)
    assert len(corpus.articles) == 5
    return corpus


def test_a_folder_where_the_cache_should_be(tmp_path: Path) -> None:
    path = tmp_path / "index.db"
    path.mkdir()
    (path / "keep.txt").write_text("the user's")
    corpus = open_seeds(path)
    corpus.index.close()
    # Not a cache file at all: left alone (it may be the user's), indexed in memory, said so.
    assert corpus.notices[0] == (
        f"{path}: index cache unusable (unable to open database file); indexing in memory"
    )
    assert (path / "keep.txt").read_text() == "the user's"


def test_a_fifo_where_the_cache_should_be(tmp_path: Path) -> None:
    path = tmp_path / "index.db"
    os.mkfifo(path)  # reading it would block: it must fail, not hang
    corpus = open_seeds(path)
    corpus.index.close()
    assert corpus.notices[0].endswith("; indexing in memory")


def test_another_programs_database_is_left_alone(tmp_path: Path) -> None:
    # Issue 16 case 2: another program's database is never renamed or written (it used to be
    # set aside); reader says so and indexes in memory.
    path = tmp_path / "index.db"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE photos (name TEXT)")
    other.close()
    before = path.read_bytes()
    corpus = open_seeds(path)
    corpus.index.close()
    assert moved_aside(path) == []
    assert any("not a reader index" in notice for notice in corpus.notices)
    assert path.read_bytes() == before


def test_read_only_cache_folder(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    with read_only(folder):
        corpus = open_seeds(folder / "index.db")
        assert any("in memory" in notice for notice in corpus.notices)
        assert [a.title for a, _ in corpus.search("Scale")]  # search still works in memory
        corpus.index.close()


def test_read_only_cache_file(tmp_path: Path) -> None:
    path = tmp_path / "index.db"
    open_seeds(path).index.close()
    before = path.read_bytes()
    with read_only(path):
        corpus = open_seeds(path)
        corpus.index.close()
    # Either it could still be read as it was, or reader said it would work in memory.
    assert path.read_bytes() == before or corpus.notices


# --- processes -----------------------------------------------------------------------------

INDEXER = r"""
import sys
from reader.index.cache import open_corpus
corpus = open_corpus(sys.argv[2:], index_path=sys.argv[1])
print(len(corpus.articles), corpus.notices, flush=True)
"""


def indexer(path: Path, *roots: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", INDEXER, str(path), *map(str, roots)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        (result,) = connection.execute("PRAGMA integrity_check").fetchone()
    finally:
        connection.close()
    return result


def test_two_readers_indexing_the_same_cache_at_once(
    hostile: HostileCorpus, tmp_path: Path
) -> None:
    path = tmp_path / "index.db"
    processes = [indexer(path, hostile.root, SEEDS) for _ in range(2)]
    outputs = [process.communicate(timeout=180) for process in processes]
    expected = len(Corpus.load([hostile.root, SEEDS]).articles)
    for process, (out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err[-2000:]
        assert out.split()[0] == str(expected), out
    assert integrity(path) == "ok"
    corpus = open_corpus([hostile.root, SEEDS], index_path=path, refresh=False)
    assert len(corpus.articles) == expected and corpus.notices == []
    corpus.index.close()


SLOW_INDEXER = r"""
import sys, time
import reader.index.parse_pool, reader.index.refresh
from reader.index.cache import open_corpus
real = reader.index.parse_pool.load_articles

def slow(*args, **kwargs):
    time.sleep(0.001)  # slow enough to be killed half-way
    return real(*args, **kwargs)

reader.index.parse_pool.load_articles = slow
reader.index.refresh.COMMIT_EVERY_FILES = 300  # so some batches are committed before the kill
open_corpus(
    [sys.argv[2]], index_path=sys.argv[1], workers=1,
    progress=lambda done, total: print(done, flush=True),
)
"""


def test_killed_while_indexing(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    for number in range(3000):
        write(folder, f"{number // 100:02d}/{number:05d}.txt", f"Title {number}\n\nBody {number}.")
    path = tmp_path / "index.db"
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_INDEXER, str(path), str(folder)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if int(line) >= 1000:  # past a few commits, in the middle of another batch
                break
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.kill()
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert integrity(path) == "ok"
    corpus = open_corpus([folder], index_path=path)
    assert sorted(a.title for a in corpus.articles) == sorted(f"Title {n}" for n in range(3000))
    assert corpus.notices == [] or all("FTS5" in notice for notice in corpus.notices)
    corpus.index.close()
