"""How long compare takes on two 5,000-word articles, cold and warm, in CPU and wall time.

Run: PYTHONPATH=. python benchmarks/bench_compare.py
The texts are built from the BBC corpus when it is present (paragraphs of many articles, the
right side shuffled in places, with deletions and insertions), else from the bundled seeds
repeated. The goal (issue 14) is a comparison under 20 ms.

- cold: nothing known; the CLI's case (`reader compare A B`: a name index over the two, then
  spans, terms and facts of both); also the first comparison of a new process, where no
  word, stem or key is known from an earlier run;
- cold, corpus index: the UI's first comparison of two articles it has not analysed (the
  corpus name index exists);
- one side known: the UI after reading an article and pressing `c` (the left article was
  analysed while the picker was open), the other article new;
- warm: both analysed before (`]` back to a pair, a swap, a second look): alignment and fact
  matching only;
- kept: both analysed before in another process, their analyses kept in the index cache
  (`index/side_store.py`): read two rows, check them, then the pair's own work. The UI's
  case (the corpus name index; rows of the UI's earlier sessions or its analysing ahead)
  and the CLI's: `reader compare A B --json` on indexed articles compared before by the CLI
  (its name index over the two is then not even built; rows written with another index
  hold only where that index gives the same answers: "analysed with this index"); also in
  a new process;
- cold, keeping: the first comparison ever of two articles, then keeping their analyses
  (after the output).
Wall time on this shared 2-core machine depends on the load (printed); CPU time less so.
Then where a cold comparison's time goes, stage by stage.

`--ui`: the compare screen's first paint instead (`compare_paint.py`; BENCH_RUNS, BENCH_SIZE).
"""

from __future__ import annotations

import gc
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.analysis import align_paragraphs, compare_articles, name_index_for, split_paragraphs
from reader.config import seeds_dir
from reader.corpus import Article, Corpus

BBC = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "bbc"
WORDS = 5000
RUNS = 15


def source_paragraphs() -> list[str]:
    root = BBC if BBC.is_dir() else seeds_dir()
    corpus = Corpus.load([root])
    articles = corpus.articles
    random.Random(7).shuffle(articles)
    paragraphs = []
    for article in articles:
        paragraphs += [p.text(article.body) for p in split_paragraphs(article.body)]
        if sum(len(p.split()) for p in paragraphs) > 4 * WORDS:
            break
    while sum(len(p.split()) for p in paragraphs) < 3 * WORDS:
        paragraphs = paragraphs * 2  # the seeds alone are too short
    return paragraphs


def two_articles() -> tuple[list[str], list[str]]:
    pool = source_paragraphs()
    left: list[str] = []
    while sum(len(p.split()) for p in left) < WORDS:
        left.append(pool[len(left)])
    rng = random.Random(11)
    right = [p for k, p in enumerate(left) if k % 7]  # some deleted
    for k in range(0, len(right) - 1, 9):  # some swapped
        right[k], right[k + 1] = right[k + 1], right[k]
    extra = iter(pool[len(left) :])
    while sum(len(p.split()) for p in right) < WORDS:  # some inserted
        right.insert(rng.randrange(len(right)), next(extra))
    return left, right


def timed(
    function: Callable[[], object],
    runs: int = RUNS,
    before: Callable[[], object] = lambda: None,
) -> tuple[float, float, float]:
    """Median CPU, median wall and least CPU milliseconds of `function` (`before` runs
    untimed before each)."""
    cpu, wall = [], []
    for _ in range(runs):
        before()
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        function()
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start_wall) * 1000)
    return statistics.median(cpu), statistics.median(wall), min(cpu)


def report(label: str, function: Callable[[], object], **options: Any) -> None:
    cpu, wall, least = timed(function, **options)
    print(f"{label:38s} CPU {cpu:6.1f} ms   wall {wall:6.1f} ms   least CPU {least:6.1f} ms")


FRESH_RUNS = 5


def first_in_new_process(kept_path: str | None) -> int:
    """Print the CPU milliseconds of the first comparison of a new process (nothing in
    memory: no word, stem or key of an earlier run): the CLI's case; with `kept_path`, the
    analyses kept in that file are used (none are written)."""
    left, right = two_articles()
    a = Article(id="left", path=Path("left.txt"), title="left", body="\n\n".join(left))
    b = Article(id="right", path=Path("right.txt"), title="right", body="\n\n".join(right))
    kept = None
    if kept_path is not None:
        from reader.analysis.compare import compare_two
        from reader.index.side_store import SideStore, analysis_version

        analysis_version()  # once per process, before: reads the source (~2 ms)
        kept = SideStore(kept_path)
    if os.environ.get("BENCH_HELD"):
        gc.disable()  # as `reader compare` compares (the collector held)
    start = time.process_time()
    if kept is None:
        compare_articles(a, b)  # as on main, whose compare keeps nothing
    else:
        compare_two(a, b, kept)  # `reader compare A B --json`, the pair compared before
    print(f"{(time.process_time() - start) * 1000:.1f}")
    return 0


def report_fresh(kept_path: str | None = None, held: bool = False) -> None:
    import subprocess

    command = [sys.executable, __file__, "--first", *([kept_path] if kept_path else [])]
    env = {**os.environ, "BENCH_HELD": "1"} if held else None
    times = [
        float(subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout)
        for _ in range(FRESH_RUNS)
    ]
    label = f"{'kept' if kept_path else 'cold'}, first in a new process (CLI)"
    if held:
        label = "  collector held (reader compare)"
    print(f"{label:38s} CPU {statistics.median(times):6.1f} ms   (median of {FRESH_RUNS})")


def main() -> int:
    if "--first" in sys.argv:
        rest = sys.argv[sys.argv.index("--first") + 1 :]
        return first_in_new_process(rest[0] if rest else None)
    if "--ui" in sys.argv:
        return ui_cases()
    left, right = two_articles()
    # What the set-up left alive is kept out of the collector's walks, as the CLI (after
    # loading the index's articles) and the UI (`ui/heap.py`) do with what they load.
    gc.collect()
    gc.freeze()
    words = (sum(len(p.split()) for p in left), sum(len(p.split()) for p in right))
    print(f"left {words[0]} words / {len(left)} paragraphs, right {words[1]} / {len(right)}")
    one, five, fifteen = os.getloadavg()
    print(f"load average {one:.1f} {five:.1f} {fifteen:.1f} on {os.cpu_count()} cores")
    report("align_paragraphs (from the texts)", lambda: align_paragraphs(left, right))
    a = Article(id="left", path=Path("left.txt"), title="left", body="\n\n".join(left))
    b = Article(id="right", path=Path("right.txt"), title="right", body="\n\n".join(right))
    try:
        import reader.highlight.find  # noqa: F401
    except ImportError:
        print("compare_articles: skipped (reader.highlight.find not available)")
        return 0
    from reader.analysis.compare_side import SIDES

    try:
        from reader.analysis.side_keeping import side_analysis
    except ImportError:  # code from before the index cache kept analyses
        from reader.analysis.compare_side import side_analysis  # type: ignore[attr-defined, no-redef]

    index = name_index_for([a, b])
    report("cold (CLI: index over the two)", lambda: compare_articles(a, b), runs=7)
    report("  collector held (reader compare)", held(lambda: compare_articles(a, b)), runs=7)
    report_fresh()
    report_fresh(held=True)
    report(
        "cold, corpus index (UI)", lambda: compare_articles(a, b, index), runs=7, before=SIDES.clear
    )
    report(
        "  collector held (compare screen)",
        held(lambda: compare_articles(a, b, index)),
        runs=7,
        before=SIDES.clear,
    )

    def left_known() -> None:
        SIDES.clear()
        side_analysis(a.title, a.body, index)

    one_side = "one side known (UI: c after reading)"
    report(one_side, lambda: compare_articles(a, b, index), runs=7, before=left_known)
    compare_articles(a, b, index)
    report("warm: both known", lambda: compare_articles(a, b, index))
    report_kept(a, b, index)
    stages(a, b, index)
    return 0


def held(function: Callable[[], object]) -> Callable[[], None]:
    """`function` run with the collector held, as the compare screen's worker and `reader
    compare` run a comparison."""

    def run() -> None:
        collecting = gc.isenabled()
        gc.disable()
        try:
            function()
        finally:
            if collecting:
                gc.enable()

    return run


def ui_cases() -> int:
    """The compare screen's first paint (`compare_paint.py`): kept, warm and cold."""
    import tempfile

    from compare_paint import SIZE, first_paint, report_paint

    from reader.analysis.compare_side import SIDES
    from reader.index.side_store import SideStore

    left, right = two_articles()
    a = Article(id="left", path=Path("left.txt"), title="left", body="\n\n".join(left))
    b = Article(id="right", path=Path("right.txt"), title="right", body="\n\n".join(right))
    index = name_index_for([a, b])  # stands for the corpus name index
    gc.collect()
    gc.freeze()  # as the UI does with what it loads (`ui/heap.py`)
    one, five, fifteen = os.getloadavg()
    print(f"load average {one:.1f} {five:.1f} {fifteen:.1f} on {os.cpu_count()} cores")
    runs = int(os.environ.get("BENCH_RUNS", "9"))
    size = "x".join(map(str, SIZE))
    with tempfile.TemporaryDirectory(prefix="bench_compare") as folder:
        path = str(Path(folder) / "kept.db")
        store = SideStore(path)
        compare_articles(a, b, index, kept=store)
        store.flush()
        store.close()
        paint, done = first_paint(a, b, index, path, runs, SIDES.clear)
        report_paint(f"UI kept (index cache), {size}", paint, done)
        compare_articles(a, b, index)
        paint, done = first_paint(a, b, index, None, runs, lambda: None)
        report_paint(f"UI warm (both in memory), {size}", paint, done)
        paint, done = first_paint(a, b, index, None, max(3, runs // 2), SIDES.clear)
        report_paint(f"UI cold (corpus index), {size}", paint, done)
    one, five, fifteen = os.getloadavg()
    print(f"load average {one:.1f} {five:.1f} {fifteen:.1f} after")
    return 0


def report_kept(a: Article, b: Article, index: Any) -> None:
    """The cases with each article's analysis kept in the index cache (a file of its own)."""
    import tempfile

    from reader.analysis.compare_side import SIDES

    try:
        from reader.analysis.compare import compare_two
        from reader.index.side_store import SideStore
    except ImportError:
        print("kept: skipped (this code keeps no analysis in the index cache)")
        return

    with tempfile.TemporaryDirectory(prefix="bench_compare") as folder:
        path = str(Path(folder) / "kept.db")
        store = SideStore(path)

        def nothing_kept() -> None:
            SIDES.clear()
            store.flush()
            store.clear()

        keep: list[Callable[[], None]] = []

        def cli_keeping() -> None:  # `reader compare A B --json`, the articles indexed
            keep.append(compare_two(a, b, store)[1])

        def kept_now() -> None:
            while keep:
                keep.pop()()

        def fresh_pair() -> None:
            keep.clear()
            nothing_kept()
            cli_keeping()

        # What the user waits for; the analyses are encoded and written after the output.
        report("cold, keeping (CLI: first ever)", cli_keeping, runs=7, before=nothing_kept)
        report(
            "  then keeping them (after the output)",
            kept_now,
            runs=5,
            before=fresh_pair,
        )
        nothing_kept()
        cli_keeping()
        kept_now()
        report(
            "kept: the pair compared before (CLI)",
            lambda: compare_two(a, b, store),
            runs=RUNS,
            before=SIDES.clear,
        )
        report(
            "kept: analysed with this index (CLI)",
            lambda: compare_articles(a, b, name_index_for([a, b]), kept=store),
            runs=RUNS,
            before=SIDES.clear,
        )
        report_fresh(path)
        compare_articles(a, b, index, kept=store)  # the rows of the corpus index's answers
        store.flush()
        report(
            "kept, corpus index (UI)",
            lambda: compare_articles(a, b, index, kept=store),
            runs=RUNS,
            before=SIDES.clear,
        )

        report(
            "kept, corpus index, collector held",
            held(lambda: compare_articles(a, b, index, kept=store)),
            runs=RUNS,
            before=SIDES.clear,
        )
        store.close()


def stages(a: Article, b: Article, index: Any) -> None:
    """Where a cold comparison's time goes: each stage alone, for the left article."""
    from reader.analysis import fact_model, fact_tokens
    from reader.analysis.align import alignment, side_terms
    from reader.analysis.compare_side import paragraph_spans
    from reader.analysis.fact_article import read_article_facts
    from reader.analysis.fact_match import compare_facts
    from reader.analysis.facts import tally_facts
    from reader.highlight import find_spans
    from reader.highlight.figures import scan_figures
    from reader.highlight.name_lookups import LookupRecorder

    print("where it goes (one 5,000-word article unless said):")
    report("  name index over the two (CLI only)", lambda: name_index_for([a, b]), runs=7)
    spans = find_spans(a.body, index)
    report("  figures and names (find_spans)", lambda: find_spans(a.body, index))
    report("    figures alone (scan_figures)", lambda: scan_figures(a.body))
    recorder = LookupRecorder  # the UI's and the CLI's case: the answers kept with the row
    report("    the same, answers noted (kept)", lambda: find_spans(a.body, recorder(index)))
    report("  facts (read_article_facts)", lambda: read_article_facts(a.title, a.body, spans))
    split_sentences, tokenize = fact_tokens.split_sentences, fact_tokens.tokenize
    report("    sentences (split_sentences)", lambda: split_sentences(a.body))
    report("    time markers", lambda: fact_model._scope_markers(a.body, a.body.lower()))
    sentences = split_sentences(a.body)
    report(
        "    tokens, all sentences (half read)", lambda: [tokenize(a.body, *s) for s in sentences]
    )
    paragraphs = split_paragraphs(a.body)
    grouped = paragraph_spans(paragraphs, spans)
    texts = [p.text(a.body) for p in paragraphs]
    report("  alignment terms (side_terms)", lambda: side_terms(texts, grouped))
    report("  facts listing tally", lambda: tally_facts([(a.body, spans)]))
    comparison = compare_articles(a, b, index)
    left, right = comparison.left.analysis, comparison.right.analysis
    report("  pair: alignment", lambda: alignment(left.terms, right.terms))
    report("  pair: fact matching", lambda: compare_facts(left.facts, right.facts))


if __name__ == "__main__":
    sys.exit(main())
