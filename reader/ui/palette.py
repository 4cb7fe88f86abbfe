"""Command palette providers: open an article by title."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from reader.corpus import Article
from reader.present import format_date
from reader.ui.messages import OpenArticle
from reader.ui.screens.library import LibraryScreen

# Fuzzy-matching every title of a huge corpus per keystroke would stall the palette, so
# beyond this many articles a title must contain each typed word before it is scored.
FUZZY_LIMIT = 3_000
MAX_HITS = 200
DISCOVERY_HITS = 20


def _help(article: Article) -> Content:
    # Help text is untrusted (a source name); Content is shown as it is, never as markup.
    parts = [
        article.source or "",
        format_date(article, missing=""),
    ]
    return Content(" · ".join(part for part in parts if part))


class ArticleCommands(Provider):
    """`Open: <title>` for every article, in list order when nothing is typed yet."""

    def _articles(self) -> list[Article]:
        # The list is the app's first screen, under whatever is on top.
        library = self.app.screen_stack[0] if self.app.screen_stack else None
        if not isinstance(library, LibraryScreen):
            return []
        return list(library.visible_articles) or list(library.all_articles)

    def _opener(self, article: Article) -> Callable[[], object]:
        return lambda: self.app.post_message(OpenArticle(article))

    async def discover(self) -> Hits:
        for article in self._articles()[:DISCOVERY_HITS]:
            yield DiscoveryHit(
                Content(article.title),
                self._opener(article),
                text=article.title,
                help=_help(article),  # type: ignore[arg-type]
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        articles = self._articles()
        words = query.casefold().split()
        prefilter = len(articles) > FUZZY_LIMIT
        hits = 0
        for position, article in enumerate(articles):
            if position % 500 == 0:
                await asyncio.sleep(0)  # let keystrokes through on big corpora
            title = article.title
            if prefilter and not all(word in title.casefold() for word in words):
                continue
            score = matcher.match(title)
            if score <= 0:
                continue
            yield Hit(
                score,
                Content(title),
                self._opener(article),
                text=title,
                help=_help(article),  # type: ignore[arg-type]
            )
            hits += 1
            if hits >= MAX_HITS:
                return
