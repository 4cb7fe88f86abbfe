"""config.yaml: defaults when missing, clear line-numbered errors when broken."""

from __future__ import annotations

from pathlib import Path

from reader.config import (
    config_path,
    index_db_path,
    load_config,
    seeds_dir,
    state_db_path,
    styles_dir,
)


def test_missing_config_is_defaults() -> None:
    config = load_config()
    assert config.problems == [] and config.names == [] and config.theme is None


def test_config_lives_under_xdg_config_home(isolated_xdg: Path) -> None:
    assert config_path() == isolated_xdg / "xdg_config_home" / "reader" / "config.yaml"
    assert state_db_path() == isolated_xdg / "xdg_state_home" / "reader" / "state.db"
    assert index_db_path() == isolated_xdg / "xdg_cache_home" / "reader" / "index.db"


def test_state_override_order(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("READER_STATE", str(tmp_path / "env.db"))
    assert state_db_path() == tmp_path / "env.db"
    assert state_db_path(tmp_path / "flag.db") == tmp_path / "flag.db"


def test_names_never_theme_keymap_are_read() -> None:
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text(
        "theme: textual-light\n"
        "names:\n"
        "  - name: Ada Lovelace\n    kind: person\n    aliases: [Lovelace]\n"
        "  - Acme Widgets\n"
        "never: [Reuters]\n"
        "keymap:\n  list.star: s\n"
    )
    config = load_config()
    assert config.problems == []
    assert config.theme == "textual-light"
    assert [(n.name, n.kind, n.aliases) for n in config.names] == [
        ("Ada Lovelace", "person", ("Lovelace",)),
        ("Acme Widgets", "other", ()),
    ]
    assert config.never == ["Reuters"]
    assert config.keymap == {"list.star": "s"}


def test_malformed_config_names_the_line_and_uses_defaults() -> None:
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text("theme: nord\nnever: [a]\n  names: : x\n")
    config = load_config()
    assert config.theme is None
    assert len(config.problems) == 1
    assert config.problems[0].startswith(f"{path}: line 3: ")
    assert config.problems[0].endswith("using defaults")


def test_unknown_keys_and_bad_values_are_reported_not_fatal() -> None:
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text("colour: red\ntheme: nord\nnames:\n  - name: X\n    kind: planet\n")
    config = load_config()
    assert config.theme == "nord"
    assert any("unknown setting 'colour'" in p for p in config.problems)
    assert any("kind must be one of" in p for p in config.problems)
    assert config.names[0].kind == "other"


def test_bundled_resources_are_found_from_a_checkout() -> None:
    assert len(list(seeds_dir().glob("*.txt"))) == 5
    assert styles_dir().is_dir()


def test_the_feed_list_is_a_known_setting(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("feeds:\n  - url: https://example.org/feed.xml\n", encoding="utf-8")
    assert load_config(path).problems == []
