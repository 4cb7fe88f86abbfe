"""Shared fixtures: every test gets its own XDG folders, so no test touches real user state."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
# The BBC corpus sits beside the checkout on development machines only.
BBC = REPO.parent / "shared" / "corpora" / "bbc"


@pytest.fixture(autouse=True)
def isolated_xdg(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("xdg")
    for variable in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        folder = home / variable.lower()
        folder.mkdir()
        monkeypatch.setenv(variable, str(folder))
    monkeypatch.delenv("READER_STATE", raising=False)
    monkeypatch.delenv("READER_INDEX", raising=False)
    monkeypatch.delenv("READER_LIBRARY", raising=False)
    return home


@pytest.fixture
def seeds() -> Path:
    return SEEDS


def write(folder: Path, name: str, content: str | bytes) -> Path:
    """Write a file under `folder`, creating subfolders; bytes are written as they are."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory):
    """The hostile corpus (tests/hostile_corpus.py), built once per test session."""
    from hostile_corpus import build_hostile_corpus

    return build_hostile_corpus(tmp_path_factory.mktemp("hostile"))
