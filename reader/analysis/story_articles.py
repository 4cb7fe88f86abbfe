"""Articles as story grouping sees them: the one place an `Article` becomes a `StoryInput`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from itertools import combinations

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


def group_articles(
    articles: Iterable[Article],
    workers: int = 1,
    should_stop: Callable[[], bool] | None = None,
) -> Grouping:
    """Group articles into stories from scratch (keys are the article ids); `should_stop`
    as in `group` (raises `GroupingCancelled`)."""
    return group(
        (story_input(article) for article in articles), workers=workers, should_stop=should_stop
    )


# Pairs compared when looking for the two articles of a story that differ most.
MOST_DIFFERENT_CAP = 40
_WORD = re.compile(r"[^\W_]+")


def _words(article: Article) -> frozenset[str]:
    return frozenset(_WORD.findall(f"{article.title}\n{article.body[:5000]}".lower()))


def most_different_pair(articles: Sequence[Article]) -> tuple[Article, Article] | None:
    """The two articles (of one story) whose words overlap least, two sources preferred;
    None with fewer than two. Looks at the first `MOST_DIFFERENT_CAP` articles only."""
    chosen = list(articles[:MOST_DIFFERENT_CAP])
    if len(chosen) < 2:
        return None
    words = [_words(article) for article in chosen]
    best: tuple[bool, float, int, int] | None = None
    for i, j in combinations(range(len(chosen)), 2):
        union = len(words[i] | words[j]) or 1
        overlap = len(words[i] & words[j]) / union
        same_source = chosen[i].source is not None and chosen[i].source == chosen[j].source
        key = (same_source, overlap, i, j)
        if best is None or key < best:
            best = key
    assert best is not None
    return chosen[best[2]], chosen[best[3]]
