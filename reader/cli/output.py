"""What the verbs print: JSON on stdout, the extract listing, the search results table."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

from reader.corpus import Article, json_value


def print_json(data: object) -> None:
    """`data` as RFC 8259 JSON: NaN and infinities are null (see json_value), never NaN."""
    json.dump(json_value(data), sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
    sys.stdout.write("\n")


def jsonable(value: object) -> object:
    """Front-matter extras as JSON: YAML dates and other scalars become strings."""
    return json_value(value)


def extract_listing(row: dict[str, Any]) -> str:
    """A readable block per article: one line per name or figure, in text order."""
    lines = [f"{row['title']}  [{row['id']}]"]
    for span in row["spans"]:
        value = span["value"]
        shown = (
            "" if value in (None, span["text"]) else f"  = {json.dumps(value, ensure_ascii=False)}"
        )
        label = f"{span['class']}/{span['kind']}"
        lines.append(f"  {span['field']:5}  {label:16}  {_one_line(span['text'])}{shown}")
    if not row["spans"]:
        lines.append("  (no names or figures)")
    return "\n".join(lines) + "\n\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def relevance(hits: Sequence[tuple[Article, float]]) -> list[int | None]:
    """Each hit's score as a share of the best one's, 0 to 100; None for every hit when the
    scores say nothing (all zero: the search index was not used or had no ranking)."""
    best = max((score for _, score in hits), default=0.0)
    if not best > 1e-12:
        return [None] * len(hits)
    return [max(0, min(100, round(100 * score / best))) for _, score in hits]


def print_hits(hits: Sequence[tuple[Article, float]], snippets: list[str]) -> None:
    """Search results: a table on a terminal, one plain line per hit in a pipe; the score
    column is the relevance against the best hit (100), left out when it means nothing."""
    from rich.table import Table
    from rich.text import Text

    from reader.present import format_date, plural, stdout_console

    scores = relevance(hits)
    if not sys.stdout.isatty():
        for (article, _), score in zip(hits, scores, strict=True):
            shown = "" if score is None else f"{score:3d}  "
            sys.stdout.write(
                f"{shown}{format_date(article):10}  {(article.source or '-')[:20]:20}  "
                f"{article.title}  [{article.id}]\n"
            )
        return
    table = Table(box=None, header_style="bold", pad_edge=False, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    if scores[:1] != [None]:
        table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Source", max_width=20, overflow="ellipsis", no_wrap=True)
    table.add_column("Title and match", ratio=1, overflow="fold")
    table.add_column("ID", style="dim", no_wrap=True)
    for rank, ((article, _), snippet, score) in enumerate(
        zip(hits, snippets, scores, strict=True), 1
    ):
        cell = Text(article.title, style="bold")
        cell.append("\n" + snippet, style="dim")
        score_cell = [] if score is None else [str(score)]
        table.add_row(
            str(rank),
            *score_cell,
            format_date(article),
            Text(article.source or "-"),
            cell,
            Text(article.id),
        )
    console = stdout_console()
    console.print(table)
    console.print(Text(plural(len(hits), "match", "matches"), style="dim"))
