"""A small corpus of stories for the CLI, index and UI tests: one flood told by three
outlets (one a wire copy), one earthquake told by two, and a lone gallery opening."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from conftest import write

FLOOD = (
    "The River Dunmore burst its banks on Thursday after three days of heavy rain, forcing "
    "the evacuation of 300 homes in Kellford. Mayor Ingrid Talvers said emergency shelters "
    "had opened at the Kellford sports hall. Rescue crews used boats to reach residents "
    "trapped on upper floors, and the water rose 2.4 metres above its normal level."
)

ARTICLES = {
    "flood-herald.md": (
        "Valley Herald",
        "2024-03-14",
        "River Dunmore bursts its banks, 300 homes evacuated",
        FLOOD,
    ),
    "flood-courier.md": (
        "National Courier",
        "2024-03-14",
        "Kellford flood: hundreds flee as Dunmore rises 2.4 metres",
        "Hundreds of residents fled Kellford on Thursday when the Dunmore river overflowed. "
        "About 300 households were told to leave, mayor Ingrid Talvers said, and boats were "
        "sent to rescue people stuck upstairs. The sports hall has become a shelter. "
        "Forecasters expect more rain over the weekend.",
    ),
    "flood-wire.md": (
        "Wire Service",
        "2024-03-15",
        "River Dunmore bursts its banks, 300 homes evacuated",
        FLOOD,
    ),
    "quake-times.md": (
        "Coast Times",
        "2021-08-02",
        "Magnitude 6.1 earthquake shakes Porvana, bridge collapses",
        "An earthquake of magnitude 6.1 struck near the port city of Porvana early on Monday, "
        "collapsing the old Saltmarsh bridge and cutting power to 40,000 homes. Seismologist "
        "Dario Feneck said the quake was centred 12 kilometres offshore at a depth of 9 km.",
    ),
    "quake-post.md": (
        "Morning Post",
        "2021-08-03",
        "Porvana counts damage after 6.1 quake",
        "Porvana began counting the damage on Tuesday after Monday's magnitude 6.1 earthquake "
        "brought down the Saltmarsh bridge. About 40,000 homes lost power, and Dario Feneck, a "
        "seismologist, placed the centre 12 km offshore.",
    ),
    "gallery.md": (
        "Arts Weekly",
        "2022-05-20",
        "Glass museum opens in Ostrelle with 900 works",
        "A museum devoted to blown glass opened in Ostrelle on Friday, showing 900 works by "
        "craftsmen from eleven countries. Curator Mina Zobrist said the collection took a "
        "decade to assemble.",
    ),
}


def corpus(folder: Path) -> Path:
    """Write ARTICLES into `folder`."""
    for name, (source, date, title, body) in ARTICLES.items():
        add(folder, name, source, date, title, body)
    return folder


def add(folder: Path, name: str, source: str, date: str, title: str, body: str) -> Path:
    """Write one article with front matter."""
    front = f"---\ntitle: {json.dumps(title)}\nsource: {source}\npublished: {date}\n---\n"
    return write(folder, name, f"{front}{body}\n")


def add_earlier_flood(folder: Path) -> None:
    """The same river flooding the same town five years before: another story, whose
    figures (homes, metres) differ from the 2024 flood's; its two reports disagree on the
    river's rise (1.1 against 1.4 metres)."""
    add(
        folder,
        "flood-2019-herald.md",
        "Valley Herald",
        "2019-11-02",
        "River Dunmore floods Kellford again, 120 homes evacuated",
        "The River Dunmore burst its banks on Saturday after heavy rain, forcing the "
        "evacuation of 120 homes in Kellford. Mayor Ingrid Talvers said emergency shelters had "
        "opened at the Kellford sports hall. Rescue crews used boats to reach residents, and "
        "the water rose 1.1 metres above its normal level.",
    )
    add(
        folder,
        "flood-2019-courier.md",
        "National Courier",
        "2019-11-02",
        "Kellford evacuates 120 homes as Dunmore rises",
        "About 120 households in Kellford were told to leave on Saturday as the Dunmore river "
        "overflowed, mayor Ingrid Talvers said. The water rose 1.4 metres above its normal "
        "level; the sports hall became a shelter.",
    )


def bcubed_f1(gold: dict[str, str], groups: Iterable[Iterable[str]]) -> float:
    """B-cubed F1 of `groups` against `gold` (key -> its story), over the keys of `gold`."""
    story = {key: n for n, keys in enumerate(groups) for key in keys if key in gold}
    precision = recall = 0.0
    for key, event in gold.items():
        mine = {k for k, n in story.items() if n == story[key]}
        same = {k for k, e in gold.items() if e == event}
        precision += len(mine & same) / len(mine)
        recall += len(mine & same) / len(same)
    precision, recall = precision / len(gold), recall / len(gold)
    return 2 * precision * recall / (precision + recall)
