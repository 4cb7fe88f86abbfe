"""`reader stories` as readable text: one block per story, biggest and newest first."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from reader.present.dates import format_day

if TYPE_CHECKING:
    # Annotations only: `reader stories` on a warm cache imports no analysis.
    from reader.analysis import Story
    from reader.index.story_listing import ListedStory


def _one_line(text: str) -> str:
    # Most titles are one clean line already: checking is cheaper than splitting them all.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def _day(when: datetime | None) -> str:
    """`format_day`, faster for the thousands of lines of a big listing (isoformat is C;
    strftime parses its format each time). Years before 1000 keep strftime's spelling."""
    return when.date().isoformat() if when and when.year >= 1000 else format_day(when)


def _iso_day(when: str | None) -> str:
    """`format_day` of an ISO 8601 date-time given as text (as the stored listing has it)."""
    if not when:
        return "-"
    # From the year 1000 on, the text starts with the day; before, strftime's spelling.
    return when[:10] if when[0] != "0" else format_day(datetime.fromisoformat(when))


def _span(first: str, last: str) -> str:
    return first if first == last else f"{first} – {last}"


def story_span(story: Story) -> str:
    """The story's dates: one day, `first – last`, or `-` when no article is dated."""
    return _span(_day(story.first), _day(story.last))


def _counts(size: int, sources: int) -> str:
    articles = f"{size} article" + ("" if size == 1 else "s")
    return f"{articles}, {sources} source" + ("" if sources == 1 else "s")


def story_counts(story: Story) -> str:
    """ "3 articles, 2 sources": how many articles and distinct sources a story has."""
    return _counts(len(story.keys), len(story.sources))


def stories_listing(stories: Sequence[ListedStory], total: int | None = None) -> str:
    """The stories as plain text: a title line, then counts, dates and sources, then the
    articles (date, source, headline, id), indented. `total` counts the stories before a
    filter, for the heading."""
    return "".join(stories_listing_parts(stories, total))


def listing_heading(shown: int, total: int | None = None) -> str:
    """`Stories (12)`, or `Stories (3 of 12)` when a filter left `shown` of `total`."""
    if total is not None and total != shown:
        return f"Stories ({shown} of {total})"
    return f"Stories ({shown})"


def story_blocks(stories: Sequence[ListedStory]) -> Iterator[str]:
    """Each story as `stories_listing` prints it: a blank line, then its lines, each ending
    in a newline. The listing is its heading and a newline, then these blocks end to end."""
    # A few hundred sources for 100,000 article lines: each one's column made once.
    source_cells: dict[str | None, str] = {}
    for story in stories:
        lines = ["", f"{_one_line(story.title) or '(untitled)'}  [story {story.id}]"]
        add = lines.append
        sources = ", ".join(_one_line(source) for source in story.sources) or "no source"
        span = _span(_iso_day(story.first), _iso_day(story.last))
        add(f"  {_counts(len(story.ids), len(story.sources))} · {span} · {sources}")
        duplicated = {key for pair in story.duplicates for key in pair}
        for article_id, title, source, published in zip(
            story.ids, story.titles, story.article_sources, story.published, strict=True
        ):
            cell = source_cells.get(source)
            if cell is None:
                cell = source_cells[source] = f"{_one_line(source or '-')[:24]:24}"
            mark = " (duplicate)" if duplicated and article_id in duplicated else ""
            add(f"    {_iso_day(published):10}  {cell}  {_one_line(title)}  [{article_id}]{mark}")
        add("")
        yield "\n".join(lines)


def stories_listing_parts(
    stories: Sequence[ListedStory], total: int | None = None, stories_per_part: int = 1000
) -> Iterator[str]:
    """`stories_listing` in parts of `stories_per_part` stories, to be written as they come
    (a reader that stops early, `| head`, stops the work too)."""
    part = [listing_heading(len(stories), total), "\n"]
    for number, block in enumerate(story_blocks(stories), 1):
        part.append(block)
        if number % stories_per_part == 0:
            yield "".join(part)
            part = []
    yield "".join(part)
