"""Where reader keeps things (XDG folders, packaged resources) and the user's config.yaml."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.corpus import MetadataError, load_yaml, read_limited

APP_NAME = "reader"
# A settings file is a few kilobytes; anything this big is a mistake, not settings.
MAX_CONFIG_BYTES = 1024 * 1024
NAME_KINDS = ("person", "org", "place", "product", "other")
_PACKAGE_DIR = Path(__file__).resolve().parent


def _xdg(variable: str, fallback: str) -> Path:
    value = os.environ.get(variable)
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / fallback


def config_dir() -> Path:
    return _xdg("XDG_CONFIG_HOME", ".config") / APP_NAME


def state_dir() -> Path:
    return _xdg("XDG_STATE_HOME", ".local/state") / APP_NAME


def cache_dir() -> Path:
    return _xdg("XDG_CACHE_HOME", ".cache") / APP_NAME


def config_path() -> Path:
    return config_dir() / "config.yaml"


def state_db_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The state database: `--state`, else $READER_STATE, else the XDG state folder."""
    chosen = override or os.environ.get("READER_STATE")
    return Path(chosen) if chosen else state_dir() / "state.db"


def index_db_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The index cache: `--index`, else $READER_INDEX, else the XDG cache folder."""
    chosen = override or os.environ.get("READER_INDEX")
    return Path(chosen) if chosen else cache_dir() / "index.db"


def resource_dir(name: str) -> Path:
    """A bundled folder (`seeds`, `styles`): inside the installed wheel, else the checkout."""
    packaged = _PACKAGE_DIR / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE_DIR.parent / name


def seeds_dir() -> Path:
    return resource_dir("seeds")


def styles_dir() -> Path:
    return resource_dir("styles")


@dataclass(frozen=True)
class NameEntry:
    """A name the user declares in config.yaml, with its kind and other spellings."""

    name: str
    kind: str = "other"
    aliases: tuple[str, ...] = ()


@dataclass
class Config:
    """The user's settings; `problems` says what was wrong with the file (defaults used)."""

    theme: str | None = None
    names: list[NameEntry] = field(default_factory=list)
    never: list[str] = field(default_factory=list)
    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


# `feeds:` is read and written by reader.inputs (the feed list), not here.
KNOWN_KEYS = ("theme", "names", "never", "keymap", "feeds")


def load_config(path: Path | None = None) -> Config:
    """Read config.yaml. A missing file is the defaults; a broken one is defaults plus problems."""
    path = path or config_path()
    try:
        raw, size = read_limited(path, MAX_CONFIG_BYTES)
        if size > MAX_CONFIG_BYTES:
            return Config(problems=[f"{path}: larger than 1 MiB; using defaults"])
        text = raw.decode("utf-8-sig")
    except FileNotFoundError:
        return Config()
    except UnicodeDecodeError as error:
        return Config(problems=[f"{path}: not UTF-8 (byte {error.start + 1}); using defaults"])
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        return Config(problems=[f"{path}: cannot read ({reason}); using defaults"])
    try:
        data = load_yaml(text)
    except MetadataError as error:
        return Config(problems=[f"{path}: {error}; using defaults"])
    if data is None:
        return Config()
    if not isinstance(data, dict):
        return Config(problems=[f"{path}: expected a mapping of settings; using defaults"])
    return _config_from_mapping(data, path)


def _config_from_mapping(data: dict[Any, Any], path: Path) -> Config:
    config = Config()
    problems = config.problems
    for key in data:
        if key not in KNOWN_KEYS:
            problems.append(f"{path}: unknown setting {key!r} ignored")
    theme = data.get("theme")
    if theme is not None:
        if isinstance(theme, str) and theme.strip():
            config.theme = theme.strip()
        else:
            problems.append(f"{path}: 'theme' must be a theme name")
    config.names = _read_names(data.get("names"), path, problems)
    never = data.get("never")
    if never is not None:
        if isinstance(never, list) and all(isinstance(word, str) for word in never):
            config.never = [word.strip() for word in never if word.strip()]
        else:
            problems.append(f"{path}: 'never' must be a list of words")
    keymap = data.get("keymap")
    if keymap is not None:
        if isinstance(keymap, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in keymap.items()
        ):
            config.keymap = dict(keymap)
        else:
            problems.append(f"{path}: 'keymap' must map binding ids to keys")
    return config


def _read_names(value: Any, path: Path, problems: list[str]) -> list[NameEntry]:
    """`names:` is a list of {name, kind, aliases}, or a mapping name -> {kind, aliases}."""
    if value is None:
        return []
    if isinstance(value, dict):
        value = [
            {"name": name, **(spec if isinstance(spec, dict) else {})}
            for name, spec in value.items()
        ]
    if not isinstance(value, list):
        problems.append(f"{path}: 'names' must be a list of {{name, kind, aliases}}")
        return []
    entries = []
    for position, item in enumerate(value, 1):
        if isinstance(item, str):
            item = {"name": item}
        name = item.get("name") if isinstance(item, dict) else None
        if not isinstance(name, str) or not name.strip():
            problems.append(f"{path}: names entry {position} has no name; ignored")
            continue
        kind = item.get("kind", "other")
        if kind not in NAME_KINDS:
            problems.append(
                f"{path}: names entry {name!r}: kind must be one of {', '.join(NAME_KINDS)}"
            )
            kind = "other"
        aliases = item.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list):
            aliases = []
        entries.append(
            NameEntry(
                name.strip(),
                kind,
                tuple(str(alias).strip() for alias in aliases if str(alias).strip()),
            )
        )
    return entries
