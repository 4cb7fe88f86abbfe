"""Scores the highlighter against hand labels; `python tests/highlight_eval.py` prints a report.

A label file (YAML) describes one article:

    path: seeds/000_x.txt          # relative to the repo, or bbc:<section>/<NNN>.txt
    figures:                       # [text, kind]: every whole-word occurrence is that figure
      - [$14 billion, money]
    names:
      - [Alexandr Wang, person]
      - {text: Scale, kind: org, context: "Scale's board"}   # only inside this context
    not:                           # occurrences that are neither (consumed before labels)
      - Llama AI models

Occurrences are matched case-sensitively at word boundaries, longest first, in the article's
title and body as the corpus loader reads them. A prediction counts when its field, start, end
and class equal a label's; kinds are scored separately, over the matched spans.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO / "tests" / "fixtures" / "highlight"
# The BBC corpus sits beside the checkout on development machines only (never committed).
BBC = REPO.parent / "shared" / "corpora" / "bbc"


@dataclass
class Case:
    """One labelled article: its fields and the expected spans per field."""

    label_file: Path
    fields: dict[str, str]
    expected: dict[str, set[tuple[int, int, str, str]]] = field(default_factory=dict)


def article_path(spec: str) -> Path:
    if spec.startswith("bbc:"):
        return BBC / spec[4:]
    return REPO / spec


def label_files(kind: str | None = None) -> list[Path]:
    """Label files: kind is 'seeds', 'articles' (our own fixtures), 'bbc', 'heldout', or a
    development set of issue 17: 'devbbc' (BBC articles), 'devwire' (wire stories) or 'dev'.

    'heldout' are BBC articles labelled before the highlighter ever ran on them and never
    used to tune it; they are left out of the default (all) set so they stay a fair test.
    """
    folders = {
        "seeds": ["seeds"],
        "articles": ["articles"],
        "bbc": ["bbc"],
        "heldout": ["bbc_heldout"],
        "devbbc": ["dev_bbc"],
        "devwire": ["dev_wire"],
        "dev": ["dev_bbc", "dev_wire"],
    }
    chosen = folders[kind] if kind else ["seeds", "articles", "bbc"]
    return sorted(path for name in chosen for path in (LABELS / name).glob("*.yaml"))


def load_case(label_file: Path) -> Case | None:
    """The case for a label file, or None when its article is not on this machine."""
    from reader.corpus import Corpus

    data = yaml.safe_load(label_file.read_text(encoding="utf-8"))
    path = article_path(data["path"])
    if not path.exists():
        return None
    corpus = Corpus.load([path])
    article = corpus.articles[0]
    case = Case(label_file, {"title": article.title, "body": article.body})
    for name, text in case.fields.items():
        case.expected[name] = expected_spans(text, data)
    return case


def _entries(data: dict, key: str) -> list[tuple[str, str, str | None]]:
    entries = []
    for item in data.get(key) or []:
        if isinstance(item, dict):
            entries.append((str(item["text"]), str(item.get("kind", "other")), item.get("context")))
        else:
            entries.append((str(item[0]), str(item[1]), None))
    return entries


def _occurrences(text: str, needle: str) -> list[int]:
    # Hashtags, handles and paths are never labelled ("#OpenAI" names no one here).
    pattern = re.compile(rf"(?<![^\W_#@/]){re.escape(needle)}(?![^\W_])")
    return [match.start() for match in pattern.finditer(text)]


def expected_spans(text: str, data: dict) -> set[tuple[int, int, str, str]]:
    """(start, end, class, kind) for every labelled occurrence in `text`."""
    candidates: list[tuple[int, int, str, str]] = []
    for cls, key in (("figure", "figures"), ("name", "names")):
        for needle, kind, context in _entries(data, key):
            if context:
                offset = context.index(needle)
                for at in _occurrences(text, context):
                    candidates.append((at + offset, at + offset + len(needle), cls, kind))
            else:
                for at in _occurrences(text, needle):
                    candidates.append((at, at + len(needle), cls, kind))
    for needle in data.get("not") or []:
        for at in _occurrences(text, str(needle)):
            candidates.append((at, at + len(str(needle)), "none", ""))
    # Longest first, so "Alexandr Wang" wins over "Wang" inside it.
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int]] = []
    chosen = set()
    for start, end, cls, kind in candidates:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        if cls != "none":
            chosen.add((start, end, cls, kind))
    return chosen


@dataclass
class Score:
    """Counts per class, and kind agreement over matched spans."""

    true_pos: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    expected: Counter[str] = field(default_factory=Counter)
    kind_right: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    def precision(self, cls: str) -> float:
        return self.true_pos[cls] / self.predicted[cls] if self.predicted[cls] else 1.0

    def recall(self, cls: str) -> float:
        return self.true_pos[cls] / self.expected[cls] if self.expected[cls] else 1.0

    def kind_accuracy(self, cls: str) -> float:
        return self.kind_right[cls] / self.true_pos[cls] if self.true_pos[cls] else 1.0


def score(cases: list[Case], use_index: bool | str = True) -> Score:
    """Run find_spans over every case and score.

    use_index: True builds a NameIndex over the cases, "corpus" over the whole BBC corpus (as
    the app does when it opens it), False uses none.
    """
    from reader.highlight import NameIndex, find_spans

    result = Score()
    index = None
    if use_index == "corpus":
        index = corpus_index()
    elif use_index:
        index = NameIndex.build(_Fields(case.fields) for case in cases)
    for case in cases:
        for name, text in case.fields.items():
            expected = case.expected[name]
            by_place = {(s, e, c): k for s, e, c, k in expected}
            for cls in ("figure", "name"):
                result.expected[cls] += sum(1 for span in expected if span[2] == cls)
            for span in find_spans(text, index):
                result.predicted[span.cls] += 1
                kind = by_place.pop((span.start, span.end, span.cls), None)
                if kind is None:
                    result.false_alarms.append(
                        f"{case.label_file.stem}:{name}: {span.cls} {text[span.start : span.end]!r}"
                    )
                    continue
                result.true_pos[span.cls] += 1
                result.kind_right[span.cls] += kind == span.kind
            for start, end, cls in by_place:
                result.misses.append(f"{case.label_file.stem}:{name}: {cls} {text[start:end]!r}")
    return result


@lru_cache(maxsize=1)
def corpus_index() -> object:
    """A NameIndex over every BBC article (built once; about a second)."""
    from reader.corpus import Corpus
    from reader.highlight import NameIndex

    return NameIndex.build(Corpus.load([BBC]).articles)


class _Fields:
    def __init__(self, fields: dict[str, str]) -> None:
        self.title = fields["title"]
        self.body = fields["body"]


def load_cases(kind: str | None = None) -> list[Case]:
    return [case for path in label_files(kind) if (case := load_case(path)) is not None]


def report(kind: str | None = None, use_index: bool | str = True, verbose: bool = False) -> str:
    cases = load_cases(kind)
    result = score(cases, use_index)
    index = {True: "over the set", False: "none", "corpus": "over the BBC corpus"}[use_index]
    lines = [f"{kind or 'all'}: {len(cases)} articles, index {index}"]
    for cls in ("figure", "name"):
        lines.append(
            f"  {cls:6}  precision {result.precision(cls):.3f}  recall {result.recall(cls):.3f}"
            f"  kind {result.kind_accuracy(cls):.3f}  (labels {result.expected[cls]},"
            f" predicted {result.predicted[cls]}, matched {result.true_pos[cls]})"
        )
    if verbose:
        lines += ["  missed: " + line for line in result.misses]
        lines += ["  extra:  " + line for line in result.false_alarms]
    return "\n".join(lines)


if __name__ == "__main__":
    # python tests/highlight_eval.py [seeds|articles|bbc|heldout|devbbc|devwire|dev ...] [-v] [--corpus]
    sys.path.insert(0, str(REPO))
    verbose = "-v" in sys.argv
    modes: list[bool | str] = [True, False] + (["corpus"] if "--corpus" in sys.argv else [])
    kinds = [arg for arg in sys.argv[1:] if not arg.startswith("-")] or [None]
    for kind in kinds:
        for use_index in modes:
            print(report(kind, use_index, verbose and use_index is True))
