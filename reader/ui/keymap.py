"""Check the user's `keymap:` before it is applied: unknown ids, keys that are not keys, and
keys another action of that screen already has are reported and left at their defaults."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from textual.binding import Binding
from textual.keys import KEY_NAME_REPLACEMENTS, Keys, _character_to_key, key_to_character

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
# Key names that are not characters: escape, up, f1, pagedown, tab, space, enter...
_NAMED_KEYS = frozenset(
    key.value for key in Keys if "+" not in key.value and not key.value.startswith("<")
) | frozenset(KEY_NAME_REPLACEMENTS.values())
# Bindings whose id starts with this are active on every screen.
EVERYWHERE = "app"
# How each screen's ids are named in the problems.
SCREEN_NAMES = {
    "list": "the list",
    "article": "the article screen",
    "compare": "the compare screen",
    "compare_picker": "the compare picker",
    "coverage": "the coverage view",
    "help": "the help screen",
    "problems": "the problems screen",
}


@dataclass
class CheckedKeymap:
    """What to apply (`keymap`) and one line per entry left out (`problems`)."""

    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def normal_key(key: str) -> str:
    """A key as Textual names it in bindings (`*` -> `asterisk`)."""
    key = key.strip()
    return _character_to_key(key) if len(key) == 1 else key


def is_key(key: str) -> bool:
    """Whether Textual can ever deliver `key` (`ctrl+s`, `f5`, `question_mark`, `J`)."""
    *modifiers, base = key.strip().split("+") if key.strip() != "+" else ["+"]
    if any(modifier not in MODIFIERS for modifier in modifiers) or not base:
        return False
    if len(base) == 1:
        return True
    return base in _NAMED_KEYS or key_to_character(base) is not None


def check_keymap(keymap: Mapping[str, str], bindings: Iterable[Binding]) -> CheckedKeymap:
    """Split `keymap` (binding id -> "key,key") into what can be applied and problems.

    `bindings` are every binding with an id; an id's screen is its prefix (`list.star` is on
    the list), and `app.*` bindings are on every screen. A key is a conflict when another
    action of the same screen has it after the keymap is applied."""
    by_id: dict[str, Binding] = {}
    for binding in bindings:
        if binding.id:
            by_id.setdefault(binding.id, binding)
    checked = CheckedKeymap()
    for binding_id, keys in keymap.items():
        if binding_id not in by_id:
            close = difflib.get_close_matches(binding_id, list(by_id), n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]}?)" if close else ""
            checked.problems.append(
                f"config.yaml: keymap: unknown binding id {binding_id!r}{hint}; ignored"
            )
            continue
        wanted = [key.strip() for key in keys.split(",")]
        bad = [key for key in wanted if not is_key(key)]
        if bad or not wanted:
            checked.problems.append(
                f"config.yaml: keymap: {binding_id}: {', '.join(map(repr, bad)) or repr(keys)}"
                f" is not a key; keeping {_shown(by_id[binding_id].key)}"
            )
            continue
        checked.keymap[binding_id] = ",".join(wanted)
    # Conflicts are judged on the keys as they will be: a key moved away frees it.
    effective = {
        binding_id: {normal_key(key) for key in checked.keymap.get(binding_id, b.key).split(",")}
        for binding_id, b in by_id.items()
    }
    for binding_id in list(checked.keymap):
        screen = _screen(binding_id)
        # A key the action already had by default is no new conflict (help's q and quit).
        own = {normal_key(key) for key in by_id[binding_id].key.split(",")}
        for key in sorted(effective[binding_id] - own):
            rival = next(
                (
                    other
                    for other, keys in effective.items()
                    if other != binding_id
                    and key in keys
                    and _same_screen(screen, _screen(other))
                    and by_id[other].action != by_id[binding_id].action
                ),
                None,
            )
            if rival is None:
                continue
            where = SCREEN_NAMES.get(_screen(rival), _screen(rival))
            if _screen(rival) == EVERYWHERE:
                where = "every screen"
            checked.problems.append(
                f"config.yaml: keymap: {binding_id}: {key} is already {rival} on {where};"
                f" keeping {_shown(by_id[binding_id].key)}"
            )
            del checked.keymap[binding_id]
            effective[binding_id] = {normal_key(k) for k in by_id[binding_id].key.split(",")}
            break
    return checked


def _screen(binding_id: str) -> str:
    return binding_id.split(".", 1)[0]


def _same_screen(one: str, other: str) -> bool:
    return one == other or EVERYWHERE in (one, other)


def _shown(keys: str) -> str:
    """Keys as the user would type them in config.yaml (`asterisk` -> `*`)."""
    shown = []
    for key in (key.strip() for key in keys.split(",")):
        character = key_to_character(key)
        shown.append(character if character and character.isprintable() else key)
    return ",".join(shown)
