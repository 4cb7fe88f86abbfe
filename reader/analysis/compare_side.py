"""One article as compare sees it, analysed once and kept by content.

In: an article's title and body, and its figure and name spans (or the NameIndex that finds
them). Out: a `SideAnalysis` (paragraphs, spans, the terms alignment compares, the facts the
fact model reads, the facts listing's tally) that every comparison of the article reuses.

Reading an article's facts and terms is most of a comparison's work (about 30 ms for 5,000
words); comparing the same article again (the next pair with `]`, a second look, the other
side of a swap) then costs only the pair's own work: alignment and fact matching.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from reader.analysis.align import SideTerms, term_lists, terms_from_lists
from reader.analysis.fact_article import read_article_facts
from reader.analysis.fact_model import FigureFact
from reader.analysis.facts import FactTally, tally_facts
from reader.analysis.paragraphs import Paragraph, split_paragraphs
from reader.highlight.span import Span, SpanLike


@dataclass(frozen=True, eq=False)
class SideAnalysis:
    """What compare needs of one article, whichever article it is compared with."""

    paragraphs: list[Paragraph]
    spans: list[SpanLike]  # figures and names of the body
    paragraph_spans: list[list[SpanLike]]  # per paragraph, offsets within it
    terms: SideTerms  # what alignment compares
    term_lists: list[list[str]]  # each paragraph's terms in order, `terms` is made of
    facts: list[FigureFact]  # title and body, as the fact model reads them
    tallies: list[FactTally]  # the body's facts as the facts listing counts them


def analyse_side(
    title: str, body: str, spans: Sequence[SpanLike], published: str = ""
) -> SideAnalysis:
    """An article's analysis for compare from its title, body and body spans; `published` is
    the day it was published (ISO, or ""), which its relative days are read from when its
    text gives no date."""
    paragraphs = split_paragraphs(body)
    spans = list(spans)
    grouped = paragraph_spans(paragraphs, spans)
    texts = [p.text(body) for p in paragraphs]
    lists = term_lists(texts, grouped)
    return SideAnalysis(
        paragraphs=paragraphs,
        spans=spans,
        paragraph_spans=grouped,
        terms=terms_from_lists(lists, texts),
        term_lists=lists,
        facts=read_article_facts(title, body, spans or None, published),
        tallies=tally_facts([(body, spans)]),
    )


def side_from_parts(
    body: str,
    spans: list[SpanLike],
    lists: list[list[str]],
    facts: list[FigureFact],
    tallies: list[FactTally],
) -> SideAnalysis:
    """An analysis from its costly parts kept earlier (spans, term lists, facts, tally; see
    `analyse_side`): the rest is found again from them, as `analyse_side` finds it."""
    paragraphs = split_paragraphs(body)
    if len(lists) != len(paragraphs):
        raise ValueError("term lists do not fit the paragraphs")
    grouped = paragraph_spans(paragraphs, spans)
    return SideAnalysis(
        paragraphs=paragraphs,
        spans=spans,
        paragraph_spans=grouped,
        terms=terms_from_lists(lists, [p.text(body) for p in paragraphs]),
        term_lists=lists,
        facts=facts,
        tallies=tallies,
    )


def paragraph_spans(
    paragraphs: Sequence[Paragraph], spans: Sequence[SpanLike]
) -> list[list[SpanLike]]:
    """Spans grouped per paragraph, with offsets relative to the paragraph (a span across
    two paragraphs belongs to neither)."""
    grouped: list[list[SpanLike]] = [[] for _ in paragraphs]
    index = 0
    for span in sorted(spans, key=lambda s: s.start):
        while index < len(paragraphs) and paragraphs[index].end <= span.start:
            index += 1
        if index == len(paragraphs):
            break
        paragraph = paragraphs[index]
        if span.start >= paragraph.start and span.end <= paragraph.end:
            grouped[index].append(_shifted(span, paragraph.start))
    return grouped


def _shifted(span: SpanLike, offset: int) -> Span:
    # Built without the NamedTuple's Python-level __new__: twice as quick, for every span.
    return _new(Span, (span.start - offset, span.end - offset, span.cls, span.kind, span.value))


_new = tuple.__new__


# How many articles' analyses are kept: a reading session compares a handful of articles;
# a 5,000-word article's analysis takes about 1 MB.
CACHE_SIZE = 32


class SideCache:
    """Analyses of recently compared articles, by title (with the published date folded in:
    `side_keeping.keyed_title`), body and the NameIndex their spans came from (a new index,
    after the corpus changed, finds other names: no hit). Thread-safe: compare runs in a
    worker thread, and an article may be analysed ahead of time in another."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[int, str, str], tuple[object, SideAnalysis]] = (
            OrderedDict()
        )
        self._lock = threading.Lock()

    def get(self, title: str, body: str, names: object) -> SideAnalysis | None:
        key = (id(names), title, body)
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] is not names:  # an id reused by another index
                return None
            self._entries.move_to_end(key)
            return entry[1]

    def put(self, title: str, body: str, names: object, analysis: SideAnalysis) -> None:
        with self._lock:
            self._entries[id(names), title, body] = (names, analysis)
            self._entries.move_to_end((id(names), title, body))
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


SIDES = SideCache()
