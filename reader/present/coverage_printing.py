"""`reader facts` as readable text: the articles, the disagreements, then a row per fact."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

from reader.analysis import Coverage
from reader.present.dates import format_date

LABEL_WIDTH = 32


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return text + " " * (width - cell_len(text))


def coverage_listing(coverage: Coverage) -> str:
    """The whole coverage as plain text. Articles are numbered [1], [2]...; a fact row lists
    `number:mentions` for each article that reports it, so any number of articles fits."""
    articles = coverage.articles
    number = {article.id: position for position, article in enumerate(articles, 1)}
    width = len(str(len(articles)))
    lines = [f"Articles ({len(articles)})"]
    if coverage.capped:
        lines[0] += f": {coverage.note}"
    for summary in coverage.summaries:
        article = summary.article
        label = f"{article.source}: {article.title}" if article.source else article.title
        date = format_date(article)
        lines.append(
            f"  [{number[article.id]:>{width}}] {date:10}  {article.words:>6} words  "
            f"{summary.figures:>3} figures  {summary.names:>3} names  "
            f"covers {round(100 * summary.share):>3}%  {' '.join(label.split())}  [{article.id}]"
        )
    lines.append("")
    lines.append(f"Disagreements ({len(coverage.disagreements)})")
    if not coverage.disagreements:
        lines.append("  (none found)")
    for disagreement in coverage.disagreements:
        lines.append(f"  {disagreement.topic} ({disagreement.kind})")
        for value in disagreement.values:
            who = " ".join(f"[{number[a]}]" for a in value.articles)
            lines.append(f"    {_cut(value.text, 24)}  {who}")
    lines.append("")
    shared = coverage.story_facts
    lines.append(
        f"Facts ({len(coverage.facts)}; covers = share of the {shared} facts two or more "
        "articles report)"
    )
    lines.append(f"  {'sources':>7}  {_cut('fact', LABEL_WIDTH)}  {'kind':16}  mentions by article")
    for fact in coverage.facts:
        mark = "≠" if fact.disputed else " "
        mentions = "  ".join(f"[{number[a]}]×{count}" for a, count in fact.mentions.items())
        kind = f"{fact.cls}/{fact.kind}"
        lines.append(
            f"  {fact.sources:>3}/{len(articles):<3}{mark} {_cut(fact.label, LABEL_WIDTH)}  "
            f"{kind:16}  {mentions}"
        )
    return "\n".join(line.rstrip() for line in lines) + "\n"
