"""`reader stories` as text on a warm cache writes the listing as it printed it last time:
it must print exactly what the long way prints, and only while the files are the same."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from stories_support import add, add_earlier_flood, corpus

import reader.present
from reader.cli.main import main
from reader.index import open_corpus
from reader.present import stories_listing


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def long_way(folder: Path, index: str, min_sources: int = 0) -> str:
    """The listing printed from the stored stories themselves, not the printed copy."""
    opened = open_corpus([folder], index_path=index, search=False)
    try:
        stories = opened.listed_stories()
    finally:
        if opened.index is not None:
            opened.index.close()
    shown = [story for story in stories if len(story.sources) >= min_sources]
    return stories_listing(shown, total=len(stories))


def unprinted_stories(index: str) -> int:
    """How many stored stories have no printed block."""
    db = sqlite3.connect(index)
    try:
        (count,) = db.execute("SELECT COUNT(*) FROM story_rows WHERE printed IS NULL").fetchone()
    finally:
        db.close()
    return int(count)


@pytest.fixture
def news(tmp_path: Path) -> tuple[Path, str]:
    folder = corpus(tmp_path / "news")
    add_earlier_flood(folder)
    return folder, str(tmp_path / "index.db")


def test_the_printed_copy_prints_what_the_stories_print(
    news: tuple[Path, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, index = news
    first = run(capsys, "stories", str(folder), "--index", index)
    assert unprinted_stories(index) == 0
    # Warm: nothing is formatted again.
    monkeypatch.setattr(reader.present, "story_blocks", None)
    for min_sources in (0, 1, 2, 3, 9):
        warm = run(
            capsys, "stories", "--min-sources", str(min_sources), str(folder), "--index", index
        )
        assert warm == long_way(folder, index, min_sources)
    assert first == long_way(folder, index)
    assert "Stories (0 of 4)" in run(
        capsys, "stories", "--min-sources", "9", str(folder), "--index", index
    )


def test_a_changed_file_is_seen_after_the_listing_was_printed(
    news: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, index = news
    run(capsys, "stories", str(folder), "--index", index)
    run(capsys, "stories", str(folder), "--index", index)
    gallery = folder / "gallery.md"
    # Same size, same second: only the title's words and the nanoseconds differ.
    text = gallery.read_text(encoding="utf-8").replace("opens in Ostrelle", "shuts in Ostrelle")
    stat = gallery.stat()
    gallery.write_text(text, encoding="utf-8")
    os.utime(gallery, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    out = run(capsys, "stories", str(folder), "--index", index)
    assert "Glass museum shuts in Ostrelle" in out and "opens in Ostrelle" not in out
    assert out == long_way(folder, index)
    # Added and removed, after a warm run from the printed copy.
    add(folder, "harbour.md", "Coast Times", "2023-01-09", "Harbour dredging starts", "Dredging.")
    (folder / "quake-post.md").unlink()
    out = run(capsys, "stories", str(folder), "--index", index)
    assert "Harbour dredging starts  [harbour]" in out and "[quake-post]" not in out
    assert out == long_way(folder, index) == run(capsys, "stories", str(folder), "--index", index)


def test_an_update_prints_again_only_the_stories_it_touched(
    news: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, index = news
    run(capsys, "stories", str(folder), "--index", index)
    db = sqlite3.connect(index, isolation_level=None)
    # A block no printing gives: kept as it is while its story is not touched.
    db.execute("UPDATE story_rows SET printed = CAST('\nkept block\n' AS BLOB)")
    db.close()
    add(folder, "harbour.md", "Coast Times", "2023-01-09", "Harbour dredging starts", "Dredging.")
    out = run(capsys, "stories", str(folder), "--index", index)
    assert "Harbour dredging starts  [harbour]" in out
    # The new story alone was printed; the others are their stored blocks.
    assert out.count("[story ") == 1 and out.count("kept block") == 4
    assert unprinted_stories(index) == 0


def test_stories_without_a_printed_block_are_printed_and_kept(
    news: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, index = news
    expected = run(capsys, "stories", str(folder), "--index", index)
    db = sqlite3.connect(index, isolation_level=None)
    db.execute("UPDATE story_rows SET printed = NULL")
    db.close()
    assert run(capsys, "stories", str(folder), "--index", index) == expected
    assert unprinted_stories(index) == 0
    assert run(capsys, "stories", str(folder), "--index", index) == expected
