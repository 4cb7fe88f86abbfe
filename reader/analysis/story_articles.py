"""Articles as story grouping sees them: the one place an `Article` becomes a `StoryInput`."""

from __future__ import annotations

from collections.abc import Iterable

from reader.analysis.stories import Grouping, StoryInput, group
from reader.corpus import Article


def story_input(article: Article) -> StoryInput:
    """What grouping reads of an article: its id, headline, body, date and source."""
    return StoryInput(
        key=article.id,
        title=article.title,
        text=article.body,
        published=article.published,
        source=article.source,
    )


def group_articles(articles: Iterable[Article], workers: int = 1) -> Grouping:
    """Group articles into stories from scratch (keys are the article ids)."""
    return group((story_input(article) for article in articles), workers=workers)
