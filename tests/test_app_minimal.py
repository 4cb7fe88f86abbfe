"""The UI starts on a corpus and shows its titles, newest first."""

from __future__ import annotations

from conftest import SEEDS

from reader.app import ReaderApp
from reader.corpus import Corpus


async def test_app_lists_seed_titles_and_quits() -> None:
    app = ReaderApp(Corpus.load([SEEDS]))
    async with app.run_test(size=(120, 40)) as pilot:
        text = str(app.query_one("#titles").render())
        assert text.splitlines()[0] == "Meta Invests $14.3B in AI: Acquires Stake in Scale AI"
        assert len(text.strip().splitlines()) == 5
        await pilot.press("q")
    assert app.return_code == 0
