"""`reader stories` as readable text: one block per story, biggest and newest first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reader.analysis import Story
from reader.corpus import Article
from reader.present.dates import format_day


def _one_line(text: str) -> str:
    return " ".join(text.split())


def story_span(story: Story) -> str:
    """The story's dates: one day, `first – last`, or `-` when no article is dated."""
    first, last = format_day(story.first), format_day(story.last)
    return first if first == last else f"{first} – {last}"


def story_counts(story: Story) -> str:
    """"3 articles, 2 sources": how many articles and distinct sources a story has."""
    size, sources = len(story.keys), len(story.sources)
    articles = f"{size} article" + ("" if size == 1 else "s")
    return f"{articles}, {sources} source" + ("" if sources == 1 else "s")


def stories_listing(
    stories: Sequence[Story], articles: Mapping[str, Article], total: int | None = None
) -> str:
    """The stories as plain text: a title line, then counts, dates and sources, then the
    articles (date, source, headline, id), indented. `total` counts the stories before a
    filter, for the heading."""
    heading = f"Stories ({len(stories)}"
    heading += f" of {total})" if total is not None and total != len(stories) else ")"
    lines = [heading, ""]
    for story in stories:
        lines.append(f"{_one_line(story.title) or '(untitled)'}  [story {story.id}]")
        sources = ", ".join(_one_line(source) for source in story.sources) or "no source"
        lines.append(f"  {story_counts(story)} · {story_span(story)} · {sources}")
        duplicated = {key for pair in story.duplicates for key in pair}
        for key in story.keys:
            article = articles.get(key)
            if article is None:
                continue
            mark = " (duplicate)" if key in duplicated else ""
            lines.append(
                f"    {format_day(article.published):10}  "
                f"{_one_line(article.source or '-')[:24]:24}  "
                f"{_one_line(article.title)}  [{article.id}]{mark}"
            )
        lines.append("")
    return "\n".join(lines)
