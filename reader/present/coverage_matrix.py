"""The coverage matrix as rows of cells, for one filter: what the coverage screen draws.

No Textual here: rows carry plain strings and a role per cell; the widget styles roles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.analysis import Coverage, CoverageFact, StoryDisagreement, common_spelling
from reader.corpus import Article
from reader.present.dates import format_day

# The filters, in the order the footer shows them, and what each keeps.
FILTERS = ("all", "figures", "names", "disagreements", "single")
FILTER_LABELS = {
    "all": "all facts",
    "figures": "figures",
    "names": "names",
    "disagreements": "disagreements",
    "single": "facts only one source reports",
}
ABSENT = "·"


@dataclass(frozen=True)
class Cell:
    """One cell: its text and role ("count", "absent", "value", "summary")."""

    text: str
    role: str


@dataclass
class MatrixRow:
    """One row: a summary line, a section heading, a disagreement or a fact."""

    kind: str  # "summary" | "section" | "disagreement" | "fact"
    label: str
    role: str  # how the label is styled: summary, section, disputed, figure, name
    sources: str = ""  # "4/5": how many articles report it, of all
    cells: list[Cell] = field(default_factory=list)
    fact: CoverageFact | None = None
    disagreement: StoryDisagreement | None = None

    @property
    def selectable(self) -> bool:
        return self.kind != "section"

    @property
    def identity(self) -> tuple[object, ...]:
        """What stays the same for this row across filters (to keep the cursor on it)."""
        if self.fact is not None:
            return ("fact", self.fact.key)
        if self.disagreement is not None:
            return ("disagreement", self.disagreement.topic, self.disagreement.kind)
        return (self.kind, self.label)


SUMMARY_LABELS = ("date", "words", "figures", "names", "covers")


def matrix_rows(coverage: Coverage, filter_name: str = "all") -> list[MatrixRow]:
    """The rows for `filter_name` (see FILTERS): the per-source summary, then the
    disagreements, then the facts, most sources first."""
    if filter_name not in FILTERS:
        raise ValueError(f"unknown filter {filter_name!r}")
    rows = summary_rows(coverage)
    count = len(coverage.articles)
    disagreements = [] if filter_name in ("names", "single") else coverage.disagreements
    if disagreements:
        rows.append(MatrixRow("section", f"Disagreements ({len(disagreements)})", "section"))
        rows.extend(_disagreement_row(coverage, d) for d in disagreements)
    facts = [fact for fact in coverage.facts if _keeps(filter_name, fact)]
    title = "Facts" if filter_name == "all" else FILTER_LABELS[filter_name].capitalize()
    if filter_name == "disagreements":
        title = "Disputed figures"
    rows.append(MatrixRow("section", f"{title} ({len(facts)}), by sources reporting", "section"))
    for fact in facts:
        cells = [
            Cell(str(fact.mentions[article.id]), "count")
            if article.id in fact.mentions
            else Cell(ABSENT, "absent")
            for article in coverage.articles
        ]
        role = "disputed" if fact.disputed else fact.cls
        rows.append(
            MatrixRow("fact", fact.label, role, f"{fact.sources}/{count}", cells, fact=fact)
        )
    if not facts and filter_name != "disagreements":
        rows.append(MatrixRow("section", "(none)", "summary"))
    if filter_name == "disagreements" and not disagreements:
        rows.append(MatrixRow("section", "(no disagreements found)", "summary"))
    return rows


def _keeps(filter_name: str, fact: CoverageFact) -> bool:
    if filter_name == "figures":
        return fact.cls == "figure"
    if filter_name == "names":
        return fact.cls == "name"
    if filter_name == "disagreements":
        return fact.disputed
    if filter_name == "single":
        return fact.sources == 1
    return True


def summary_rows(coverage: Coverage) -> list[MatrixRow]:
    """Date, words, figures and names counted, and the share of the story's facts."""
    summaries = coverage.summaries
    values = {
        "date": [format_day(s.published, "—") for s in summaries],
        "words": [f"{s.article.words:,}" for s in summaries],
        "figures": [str(s.figures) for s in summaries],
        "names": [str(s.names) for s in summaries],
        "covers": [f"{round(100 * s.share)}%" for s in summaries],
    }
    return [
        MatrixRow("summary", label, "summary", "", [Cell(v, "summary") for v in values[label]])
        for label in SUMMARY_LABELS
    ]


def _disagreement_row(coverage: Coverage, disagreement: StoryDisagreement) -> MatrixRow:
    cells = []
    for article in coverage.articles:
        values = disagreement.values_of(article.id)
        if values:
            # What this article itself writes, not the spelling most others use.
            texts = [
                common_spelling([[m.text for m in value.mentions[article.id]]]) for value in values
            ]
            cells.append(Cell(" / ".join(texts), "value"))
        else:
            cells.append(Cell(ABSENT, "absent"))
    label = f"≠ {disagreement.topic} ({disagreement.kind})"
    sources = f"{len(disagreement.articles)}/{len(coverage.articles)}"
    return MatrixRow("disagreement", label, "disputed", sources, cells, disagreement=disagreement)


def source_labels(articles: Sequence[Article]) -> list[str]:
    """What to call each article in a column header: its source when that is unique among
    them, else its title (with the source before it, when known)."""
    sources = Counter((article.source or "").casefold() for article in articles)
    labels = []
    for article in articles:
        source = (article.source or "").strip()
        if source and sources[source.casefold()] == 1:
            labels.append(source)
        elif source:
            labels.append(f"{source}: {article.title}")
        else:
            labels.append(article.title or article.id)
    return [" ".join(label.split()) for label in labels]
