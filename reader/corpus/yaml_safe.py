"""Untrusted YAML, read safely: safe types only, no aliases, nesting at most MAX_YAML_DEPTH."""

from __future__ import annotations

import re
from typing import Any

import yaml

from reader.corpus.flat_yaml import FlatReader


class MetadataError(ValueError):
    """A metadata block that cannot be used (the article itself may still load)."""


# Metadata is a few levels deep. PyYAML recurses per level and its scanner slows down with
# the square of the depth, so deeper documents are refused early, with a line number.
MAX_YAML_DEPTH = 50


class _SafeNoAliasLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases (so a 'billion laughs' block cannot blow up later)
    and documents nested deeper than MAX_YAML_DEPTH."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            raise _refusal("aliases are not allowed", self._next_event().start_mark)
        if self._depth >= MAX_YAML_DEPTH:
            raise _refusal(f"nested more than {MAX_YAML_DEPTH} deep", self._next_event().start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def _next_event(self) -> yaml.Event:
        event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]  # PyYAML's stubs
        return event


def _refusal(problem: str, mark: Any) -> yaml.composer.ComposerError:
    """The error PyYAML itself raises, with our reason and the position it was found at."""
    return yaml.composer.ComposerError(None, None, problem, mark)


# Python refuses to print integers past 4,300 digits (and hex ones are read without that
# limit): a YAML integer longer than this stays the text it was written as.
MAX_INT_BITS = 12_000


def _lenient_int(loader: Any, node: yaml.ScalarNode) -> Any:
    """A YAML integer, or its text when Python cannot hold or print it as a number."""
    try:
        value = yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    except ValueError:
        return str(node.value)
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        return str(node.value)
    return value


class ImpossibleDate(str):
    """The text of a YAML date or datetime that names no real time (2024-02-30, +99:99)."""


def _lenient_timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    """A YAML date or datetime, or an ImpossibleDate: one impossible date must not take the
    rest of the front matter with it."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return ImpossibleDate(node.value)


_SafeNoAliasLoader.add_constructor("tag:yaml.org,2002:int", _lenient_int)
_SafeNoAliasLoader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)


def _fast_loader() -> Any:
    """libyaml's safe loader with the same lenient integers and dates, if libyaml is here."""
    base = getattr(yaml, "CSafeLoader", None)
    if base is None:
        return None
    loader: Any = type("_FastSafeLoader", (base,), {})
    loader.add_constructor("tag:yaml.org,2002:int", _lenient_int)
    loader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)
    return loader


# libyaml's safe loader is about five times faster than the pure-Python one: with front
# matter on many files, that is a good part of the time to index a big corpus.
_FAST_SAFE_LOADER = _fast_loader()
# Nesting that cannot be read off the text's shape: compact sequences ("- - x"), complex
# keys ("? k") and flow collections ("[", "{").
_COMPACT_NESTING = re.compile(r"-[ \t]+-|\?[ \t\n]")
_INDENT = re.compile(r"^[ \t]+", re.M)


def _load_safe(text: str) -> Any:
    if _FAST_SAFE_LOADER is None:
        return yaml.load(text, Loader=_SafeNoAliasLoader)  # noqa: S506 - safe loader subclass
    # The C composer cannot be subclassed, and it recurses in C: front matter nested some
    # 30,000 deep crashed the process. So aliases and depth are checked first on the events
    # of libyaml's parser, which does not recurse; most texts are shown shallow by their
    # shape and an alias needs a '*', so they skip the look.
    if "*" in text or _could_nest_deeper_than(text, MAX_YAML_DEPTH):
        _check_events(text)
    return yaml.load(text, Loader=_FAST_SAFE_LOADER)  # noqa: S506 - libyaml's safe loader


def _could_nest_deeper_than(text: str, limit: int) -> bool:
    """A cheap upper bound on the nesting of a YAML text, compared with `limit`.

    In block style a nested collection starts further right than its parent (a mapping and
    the indentless sequence under one of its keys share a column), so block depth is at most
    two levels per column that a line can start a node in; flow collections add one each.
    """
    if _COMPACT_NESTING.search(text):
        return True
    indent = max((len(match.group()) for match in _INDENT.finditer(text)), default=0)
    return text.count("[") + text.count("{") + 2 * (indent + 3) >= limit


def _check_events(text: str) -> None:
    try:
        _check_events_with(text, _FAST_SAFE_LOADER)
    except yaml.YAMLError as libyaml_error:
        # libyaml scans ahead of its events and, since PyYAML 6.0.4, refuses deep nesting
        # itself with words of its own. The pure-Python scanner looks ahead at most a line
        # (1,024 characters), so it reaches our limit first and the message stays ours.
        _check_events_with(text, _SafeNoAliasLoader)
        raise libyaml_error


def _check_events_with(text: str, loader: Any) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            raise _refusal("aliases are not allowed", event.start_mark)
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise _refusal(f"nested more than {MAX_YAML_DEPTH} deep", event.start_mark)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


_FLAT = FlatReader(_FAST_SAFE_LOADER or _SafeNoAliasLoader)


def load_yaml(text: str, first_line: int = 1) -> Any:
    """Parse untrusted YAML: safe types only, no aliases. Raises MetadataError with a line.

    `first_line` is the line of its file that `text` starts on (2 for front matter).
    """
    # Most front matter is flat `key: value` lines, read the same way without a parser.
    flat = _FLAT.read(text)
    if flat is not None:
        return flat
    try:
        return _load_safe(text)
    except yaml.reader.ReaderError as error:
        # Characters YAML refuses (controls) carry a position, not a line.
        line = text.count("\n", 0, error.position) + first_line
        raise MetadataError(
            f"line {line}: character U+{error.character:04X} is not allowed"
        ) from None
    except UnicodeEncodeError as error:
        # libyaml takes UTF-8, which has no lone surrogates (a YAML "\ud800" makes one).
        line = text.count("\n", 0, error.start) + first_line
        character = ord(text[error.start])
        raise MetadataError(f"line {line}: character U+{character:04X} is not allowed") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = f"line {mark.line + first_line}: " if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise MetadataError(f"{where}{problem}") from None
    except RecursionError:
        raise MetadataError("nested too deeply") from None
    except (ValueError, OverflowError) as error:
        # PyYAML builds timestamps itself: "date: 2024-02-30" raises a plain ValueError.
        raise MetadataError(f"invalid value: {error}") from None
