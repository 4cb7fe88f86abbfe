"""A broken or hostile config.yaml: a clear one-line message (with the line when there is
one), the defaults or the good settings used, and never a crash or a hang."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.config import Config, config_path, load_config


@pytest.fixture
def config_file() -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def only_problem(config: Config) -> str:
    assert config == Config(problems=config.problems), "defaults expected"
    (problem,) = config.problems
    assert "\n" not in problem
    return problem


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not UTF-8 (byte 1); using defaults"),
        (b"theme: nord\nnever: [a\x00b]\n", "line 2: character U+0000 is not allowed"),
        (b"theme: [unclosed\nnames: x\n", "line 2: "),
        (b"a: &a [x]\nb: *a\n", "line 2: aliases are not allowed"),
        # The wording after "line 1:" is PyYAML's and changes between releases.
        (b"theme: !!python/object/apply:os.system [ls]\n", "line 1: "),
        (b"never: " + b"[" * 200_000 + b"]" * 200_000 + b"\n", "line 1: nested more than 50 deep"),
        (b"- theme\n- nord\n", "expected a mapping of settings; using defaults"),
        (b"just words\n", "expected a mapping of settings; using defaults"),
    ],
)
def test_broken_config_is_one_clear_line_and_defaults(
    config_file: Path, content: bytes, message: str
) -> None:
    config_file.write_bytes(content)
    problem = only_problem(load_config())
    assert problem.startswith(f"{config_file}: ")
    assert message in problem
    assert problem.endswith("using defaults")


def test_config_that_is_not_a_file(config_file: Path) -> None:
    config_file.mkdir()
    assert "cannot read (not a regular file); using defaults" in only_problem(load_config())
    config_file.rmdir()
    os.mkfifo(config_file)  # would block a plain open() forever
    assert "cannot read (not a regular file); using defaults" in only_problem(load_config())


def test_huge_config_is_refused(config_file: Path) -> None:
    config_file.write_text("never:\n" + "  - word\n" * 200_000)
    assert "larger than 1 MiB; using defaults" in only_problem(load_config())


def test_unreadable_config(config_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config_file.write_text("theme: nord\n")
    real_open = os.open

    def refusing_open(path: str | os.PathLike[str], *args, **kwargs):
        file = Path(path)
        # Root reads mode-000 files, so the refusal is simulated.
        if file == config_file:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    assert only_problem(load_config()) == (
        f"{config_file}: cannot read (permission denied); using defaults"
    )


def test_good_settings_survive_bad_ones(config_file: Path) -> None:
    config_file.write_text(
        "theme: nord\n"
        "colour: red\n"
        "42: answer\n"
        "never: [ok, {not: a word}]\n"
        "keymap: [q]\n"
        "names:\n"
        "  - name: Ada Lovelace\n    kind: [person]\n    aliases: {a: b}\n"
        "  - {kind: person}\n"
        "  - 17\n"
        "  - Grace Hopper\n"
    )
    config = load_config()
    assert config.theme == "nord"
    assert [(n.name, n.kind, n.aliases) for n in config.names] == [
        ("Ada Lovelace", "other", ()),
        ("Grace Hopper", "other", ()),
    ]
    assert config.never == [] and config.keymap == {}
    problems = "\n".join(config.problems)
    for expected in (
        "unknown setting 'colour' ignored",
        "unknown setting 42 ignored",
        "'never' must be a list of words",
        "'keymap' must map binding ids to keys",
        "names entry 'Ada Lovelace': kind must be one of",
        "names entry 2 has no name; ignored",
        "names entry 3 has no name; ignored",
    ):
        assert expected in problems
    assert all("\n" not in problem for problem in config.problems)


def test_control_characters_in_setting_names_are_shown_escaped(config_file: Path) -> None:
    config_file.write_text('"evil\\e]0;title\\a": 1\n')
    (problem,) = load_config().problems
    assert "\x1b" not in problem and "\x07" not in problem
    assert "unknown setting 'evil\\x1b]0;title\\x07' ignored" in problem


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda t: t.encode("utf-8", "replace")))
def test_any_config_bytes_load(config_file: Path, content: bytes) -> None:
    config_file.write_bytes(content)
    config = load_config()
    assert all("\n" not in problem for problem in config.problems)
    assert all(isinstance(word, str) for word in config.never)
