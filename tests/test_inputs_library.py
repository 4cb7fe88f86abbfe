"""The library folder: one Markdown file per article, safe names, atomic writes, known ids."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.inputs import InputArticle, Library, library_dir, slug
from reader.inputs.library import read_front_matter


def article(**fields: object) -> InputArticle:
    values: dict[str, object] = {
        "title": "Council approves bridge budget",
        "text": "The council voted.\n\nWork starts in May.",
        "url": "https://gazette.test/news/bridge",
        "author": "Ada Writer",
        "published": datetime(2024, 3, 5, 8, 30),
        "source": "The Harbour Gazette",
        "guid": "gazette-1001",
        "tags": ("Local", "Transport"),
        "feed": "https://gazette.test/rss",
    }
    values.update(fields)
    return InputArticle(**values)  # type: ignore[arg-type]


def test_library_dir_follows_the_override_then_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_home = Path(os.environ["XDG_DATA_HOME"])
    assert library_dir() == data_home / "reader" / "library"
    monkeypatch.setenv("READER_LIBRARY", str(tmp_path / "env"))
    assert library_dir() == tmp_path / "env"
    assert library_dir(tmp_path / "flag") == tmp_path / "flag"


def test_an_article_is_a_markdown_file_with_front_matter_under_its_source(tmp_path: Path) -> None:
    library = Library(tmp_path)
    path = library.save(article())
    assert path == tmp_path / "the-harbour-gazette" / "2024-03-05-council-approves-bridge-budget.md"
    text = path.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    meta = yaml.safe_load(head.removeprefix("---\n"))
    assert meta == {
        "title": "Council approves bridge budget",
        "source": "The Harbour Gazette",
        "author": "Ada Writer",
        "url": "https://gazette.test/news/bridge",
        "published": datetime(2024, 3, 5, 8, 30),
        "tags": ["Local", "Transport"],
        "feed": "https://gazette.test/rss",
        "guid": "gazette-1001",
    }
    assert body.strip() == "The council voted.\n\nWork starts in May."


def test_the_corpus_loader_reads_a_library_file(tmp_path: Path) -> None:
    from reader.corpus import Corpus

    Library(tmp_path).save(article())
    corpus = Corpus.load([tmp_path])
    (loaded,) = corpus.articles
    assert loaded.title == "Council approves bridge budget"
    assert loaded.source == "The Harbour Gazette"
    assert loaded.url == "https://gazette.test/news/bridge"


def test_the_same_url_or_guid_is_saved_once(tmp_path: Path) -> None:
    library = Library(tmp_path)
    assert library.save(article()) is not None
    assert library.save(article(guid="other")) is None  # same url
    assert library.save(article(url="https://gazette.test/other")) is None  # same guid
    assert library.save(article(url="https://gazette.test/news/bridge#comments", guid=None)) is None
    assert len(list(library.articles())) == 1


def test_a_new_library_object_knows_what_is_on_disk(tmp_path: Path) -> None:
    Library(tmp_path).save(article())
    fresh = Library(tmp_path)
    assert fresh.has(article(guid=None))
    assert fresh.has(article(url=None))
    assert not fresh.has(article(url="https://gazette.test/new", guid="new"))


def test_known_ids_follow_files_edited_or_removed_by_hand(tmp_path: Path) -> None:
    library = Library(tmp_path)
    path = library.save(article())
    assert path is not None
    library.flush()
    assert Library(tmp_path).has(article())
    text = path.read_text(encoding="utf-8").replace("gazette-1001", "edited-guid")
    text = text.replace("https://gazette.test/news/bridge", "https://gazette.test/moved")
    path.write_text(text + "\nMore.\n", encoding="utf-8")
    again = Library(tmp_path)
    assert not again.has(article())
    assert again.has(article(url=None, guid="edited-guid"))
    path.unlink()
    assert not Library(tmp_path).has(article(url=None, guid="edited-guid"))


def test_same_title_same_day_gets_a_unique_name(tmp_path: Path) -> None:
    library = Library(tmp_path)
    first = library.save(article())
    second = library.save(article(url="https://gazette.test/2", guid="2"))
    assert first is not None and second is not None and first != second
    assert second.name == "2024-03-05-council-approves-bridge-budget-2.md"


@pytest.mark.parametrize(
    "title",
    [
        "../../etc/passwd",
        "/absolute",
        "..",
        ".hidden",
        "CON",
        "a/b\\c",
        "\x1b[2J",
        "",
        "  ",
        "x" * 5000,
        "NUL",
        "中文标题新闻",
        "é" * 300,
    ],
)
def test_untrusted_titles_and_sources_never_escape_the_library(tmp_path: Path, title: str) -> None:
    root = tmp_path / "lib"
    path = Library(root).save(article(title=title, source=title, url=None, guid=None))
    assert path is not None
    assert path.resolve().parent.parent == root.resolve()
    assert not path.name.startswith(".") and not path.parent.name.startswith(".")
    assert len(path.name.encode()) < 255
    assert path.stem.lower() not in {"con", "nul"} and path.parent.name not in {"con", "nul"}


def test_slug_keeps_letters_of_any_script() -> None:
    assert slug("Élection : résultats 2024!", "x") == "élection-résultats-2024"
    assert slug("中文 标题", "x") == "中文-标题"
    assert slug("///", "fallback") == "fallback"


def test_front_matter_is_safe_yaml_and_text_has_no_controls(tmp_path: Path) -> None:
    hostile = article(
        title="Title: with --- and # and 'quotes' \x1b[31m\u202e",
        author="!!python/object:os.system",
        text="Body \x1b]8;;http://x\x07link\x1b]8;;\x07\n---\ntitle: injected\n\x00end",
        tags=("a: b", "- c"),
    )
    path = Library(tmp_path).save(hostile)
    assert path is not None
    raw = path.read_text(encoding="utf-8")
    assert "\x1b" not in raw and "\x00" not in raw and "\u202e" not in raw
    meta = read_front_matter(path)
    assert meta is not None
    assert meta["title"] == "Title: with --- and # and 'quotes'"
    assert meta["author"] == "!!python/object:os.system"
    assert meta["tags"] == ["a: b", "- c"]


def test_a_killed_write_leaves_no_half_written_article(tmp_path: Path) -> None:
    """A child process saving a huge article is killed mid-write: no .md file appears."""
    root = tmp_path / "lib"
    script = textwrap.dedent(
        f"""
        import os, sys
        from reader.inputs import InputArticle, Library
        import reader.inputs.atomic as atomic
        real_fsync = os.fsync
        def stop(fd):
            print("writing", flush=True)
            sys.stdin.read()  # the parent kills us here, after the bytes, before the rename
        atomic.os.fsync = stop
        Library({str(root)!r}).save(InputArticle(title="Big", text="x" * 5_000_000, url=None))
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == b"writing"
    child.kill()
    child.wait()
    assert list(root.rglob("*.md")) == []
    assert list(Library(root).articles()) == []


def test_saving_into_an_unwritable_folder_raises_oserror(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OSError):
        Library(blocker).save(article())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    title=st.text(max_size=300),
    source=st.text(max_size=100),
    text=st.text(max_size=500),
    guid=st.text(max_size=50),
)
def test_any_article_saves_inside_the_library_and_reads_back(
    tmp_path_factory: pytest.TempPathFactory, title: str, source: str, text: str, guid: str
) -> None:
    from reader.corpus import clean_line

    root = tmp_path_factory.mktemp("lib")
    path = Library(root).save(
        article(title=title, source=source, text=text, guid=guid or None, url=None)
    )
    assert path is not None and path.resolve().is_relative_to(root.resolve())
    meta = read_front_matter(path)
    assert meta is not None
    assert meta["title"] == (clean_line(title) or "Untitled")
    assert "\x1b" not in path.read_text(encoding="utf-8")
