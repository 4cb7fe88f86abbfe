"""The compare screen and the coverage view judge stories by the corpus's story grouping once
it is known: a disagreement between two reports of one flood that share few names, none
between two floods of one town five years apart (that share nearly every name)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from stories_support import add, add_earlier_flood, corpus
from textual.widgets import Static

from reader.config import Config
from reader.corpus import Article, Corpus
from reader.ui.app import ReaderApp
from reader.ui.screens.compare import CompareScreen
from reader.ui.screens.coverage import CoverageScreen

# Other subjects, so that the grouping has enough articles to tell stories apart.
SUBJECTS = ["chess", "cheese", "violin", "rowing", "orchids", "comets", "bees", "glaciers"]
SUBJECTS += ["lighthouses", "trams", "pottery", "falcons", "sailing", "puppets"]


def news(folder: Path) -> Path:
    """The stories corpus, the earlier flood, a report of the 2024 flood that names none of
    the others' names (and says 400 homes, not 300), and festivals of other subjects."""
    corpus(folder)
    add_earlier_flood(folder)
    add(
        folder,
        "flood-radio.md",
        "Radio North",
        "2024-03-14",
        "Hundreds evacuated as river floods town",
        "The river burst its banks on Thursday after three days of heavy rain, and 400 homes "
        "were evacuated, fire chief Olek Brandt told listeners. Boats reached residents "
        "trapped on upper floors, and the sports hall opened as a shelter.",
    )
    for n, subject in enumerate(SUBJECTS):
        add(
            folder,
            f"festival-{subject}.md",
            f"Outlet {n}",
            f"2023-0{1 + n % 9}-1{n % 9}",
            f"A {subject} festival in town number {n}",
            f"Organisers of the {subject} festival said {10 + n} visitors came on the first "
            f"day. The {subject} club plans another {subject} event next year.",
        )
    return folder


def app_on(tmp_path: Path) -> ReaderApp:
    return ReaderApp(
        Corpus.load([news(tmp_path / "news")]), state_path=tmp_path / "state.db", config=Config()
    )


async def stories_known(pilot: Any) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert pilot.app.story_book.ready


async def compare_marked(pilot: Any, left: str, right: str) -> CompareScreen:
    app = pilot.app
    for article_id in (left, right):
        app.library.select(article_id)
        await pilot.press("space")
    await pilot.press("c")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, CompareScreen)
    assert screen.comparison is not None
    return screen


def summary(screen: CompareScreen) -> str:
    return str(screen.query_one("#compare-summary", Static).render())


async def test_two_reports_of_one_story_with_few_names_in_common_disagree(
    tmp_path: Path,
) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await stories_known(pilot)
        screen = await compare_marked(pilot, "flood-herald", "flood-radio")
        comparison = screen.comparison
        assert comparison is not None and comparison.grouped
        assert comparison.name_overlap < 0.1  # the name test alone would seek none
        assert [d.topic for d in comparison.disagreements] == ["homes"]
        text = summary(screen)
        assert "Disagree on homes" in text
        assert "300" in text and "400" in text


async def test_two_stories_with_the_same_names_do_not_disagree(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await stories_known(pilot)
        screen = await compare_marked(pilot, "flood-herald", "flood-2019-herald")
        comparison = screen.comparison
        assert comparison is not None
        assert comparison.name_overlap > 0.5  # the name test alone would seek them
        assert comparison.disagreements == [] and not comparison.same_story
        await pilot.press("t")  # the facts panel says why, too
        await pilot.pause()
        for text in (summary(screen), str(screen.query_one("#facts-text", Static).render())):
            assert "two different stories" in text
            assert "few names" not in text


class Judge:
    """A story grouping that knows nothing until `known` is set."""

    def __init__(self) -> None:
        self.known = False

    def __call__(self, left: Article, right: Article) -> bool | None:
        return False if self.known else None


async def test_the_comparison_is_judged_again_once_the_stories_are_known(
    tmp_path: Path,
) -> None:
    app = app_on(tmp_path)
    judge = Judge()
    async with app.run_test(size=(120, 40)) as pilot:
        by_id = {a.id: a for a in app.corpus.articles}
        screen = CompareScreen(by_id["flood-herald"], by_id["flood-2019-herald"], judge=judge)
        await app.push_screen(screen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.comparison is not None and not screen.comparison.grouped
        assert screen.comparison.disagreements  # the name test: one story
        judge.known = True
        screen.stories_known()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.comparison.grouped and screen.comparison.disagreements == []
        assert "two different stories" in summary(screen)


async def test_the_coverage_of_a_mixed_list_has_no_disagreement_across_stories(
    tmp_path: Path,
) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await stories_known(pilot)
        await pilot.press("slash", *"Kellford", "enter")  # both floods of the town
        await pilot.pause()
        await pilot.press("v")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CoverageScreen) and screen.coverage is not None
        story_of = app.story_book.story_ids()
        assert story_of is not None
        covered = {story_of[a.id] for a in screen.coverage.articles}
        assert len(covered) == 2
        disagreements = screen.coverage.disagreements
        # The earlier flood's two reports still disagree on the river's rise ...
        assert disagreements
        for disagreement in disagreements:
            ids = {i for value in disagreement.values for i in value.mentions}
            # ... and never one flood against the other.
            assert len({story_of[i] for i in ids}) == 1, disagreement.topic
        text = str(screen.query_one("#coverage-summary", Static).render())
        assert "2 stories: disagreements within each" in text
