"""Issue 16, case 8 in the headless UI: a huge article opens at once and answers keys while
it is still being laid out; an ordinary one is laid out whole as it opens.

No clocks here: "at once" is "after one pause, while the work is still going on" (two
million lines take seconds to lay out on any machine, a pause takes milliseconds).

Measured with benchmarks/bench_huge_article.py (headless app, 120x40, this 2-core machine
shared with other jobs, load 2-6, so figures vary by 2x; "stall" is the UI loop's longest
gap in the first 3 s, what any key pressed then could wait):

    2,000,000 lines   before: open 87 s (load 6; about 7 s idle), j no answer within 60 s,
                      worst stall 80 s
                      after:  open 50-160 ms, j/End/Home 10-30 ms (one 100-350 ms outlier
                      under load), worst stall 110-310 ms (garbage collection pauses while
                      the blocks grow), laid out whole after 21-29 s, keys answered all along
    BBC (5,372 chars) before: open 220 ms, j 4 ms, End 1 ms, worst stall 41 ms
                      after:  open 146-166 ms, j 3-6 ms, End 1-2 ms, worst stall 18-44 ms
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ui_support import make_app, view, view_lines

from reader.corpus import Article, Corpus
from reader.ui.screens.article import ArticleScreen

HUGE_LINES = 2_000_000


def corpus_of(body: str, title: str = "Many lines") -> Corpus:
    article = Article(
        id="lines",
        path=Path("lines.md"),
        title=title,
        body=body,
        source="Somewhere",
        published=datetime(2025, 1, 2),
    )
    return Corpus([article], [])


async def test_two_million_lines_open_at_once_and_answer_keys(tmp_path: Path) -> None:
    app = make_app(tmp_path, corpus_of("a\n" * HUGE_LINES))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        widget = view(app)
        lines = view_lines(app)
        assert lines[0] == "Many lines"
        assert lines[-1] == "a"  # the body fills the screen
        assert not widget.laid_out  # shown before the rest is laid out: nothing waited
        await pilot.press("j")
        assert widget.scroll_y == 1
        assert view_lines(app)[0] == lines[1]
        await pilot.press("end")
        bottom = widget.scroll_y
        assert bottom > 1
        assert not widget.laid_out  # the key was answered while the layout went on
        for _ in range(3):
            await pilot.pause(0.05)
        # As more is laid out, the view stays at its end (End means the article's end).
        assert widget.scroll_y >= bottom
        assert widget.scroll_y == widget.max_scroll_y
        await pilot.press("home")
        assert view_lines(app)[0] == "Many lines"
        await pilot.press("h")
        assert not isinstance(app.screen, ArticleScreen)


async def test_end_reaches_the_last_line_once_laid_out(tmp_path: Path) -> None:
    """A long article (laid out in slices too): End pressed early ends on its last line."""
    body = "".join(f"line {number}\n" for number in range(30_000)) + "The very end.\n"
    app = make_app(tmp_path, corpus_of(body, "Long list"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "end")
        widget = view(app)
        for _ in range(200):  # a bounded wait: well over what 30,000 lines need
            if widget.laid_out:
                break
            await pilot.pause(0.02)
        assert widget.laid_out
        await pilot.pause()
        assert widget.scroll_y == widget.max_scroll_y
        assert view_lines(app)[-1] == "The very end."


async def test_an_ordinary_article_is_laid_out_whole_when_it_opens(tmp_path: Path) -> None:
    app = make_app(tmp_path)  # the seeds
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        widget = view(app)
        assert widget.laid_out
        await pilot.press("end")
        assert widget.scroll_y == widget.max_scroll_y > 0
