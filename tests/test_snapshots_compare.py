"""SVG snapshots of the compare screen, wide (side by side) and narrow (stacked)."""

from __future__ import annotations

from compare_support import CompareApp, settle
from conftest import SEEDS

from reader.corpus import Corpus


def seed_pair() -> CompareApp:
    articles = {article.id[:3]: article for article in Corpus.load([SEEDS]).articles}
    return CompareApp(articles["002"], articles["003"])


async def show_facts(pilot) -> None:
    await settle(pilot)
    await pilot.press("t")
    await settle(pilot)


def test_compare_screen_wide(snap_compare) -> None:
    assert snap_compare(seed_pair(), terminal_size=(120, 40), run_before=settle)


def test_compare_screen_wide_with_facts(snap_compare) -> None:
    assert snap_compare(seed_pair(), terminal_size=(120, 40), run_before=show_facts)


def test_compare_screen_narrow(snap_compare) -> None:
    assert snap_compare(seed_pair(), terminal_size=(80, 24), run_before=settle)


def test_compare_screen_narrow_with_facts(snap_compare) -> None:
    assert snap_compare(seed_pair(), terminal_size=(80, 24), run_before=show_facts)
