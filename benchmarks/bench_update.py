"""How long `reader update` takes: 50 feeds of 20 summary-only entries, each page fetched.

Run: PYTHONPATH=. python benchmarks/bench_update.py [--runs N]
Target: under 10 s on 2 cores. Everything is served by a child process (as remote sites
would be: its threads do not compete for this process's lock) from HTTP servers on loopback
addresses 127.0.0.1 to 127.0.0.10, five feeds each, so the two-per-host gate works as it would
with ten outlets. The library is a fresh temporary folder each run. The pages are news pages
in the shape real sites use (menus, share buttons, comments), with invented text.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from inputs_support import LocalServer, Reply, news_page, rss  # noqa: E402

from reader.inputs import Feed, Library  # noqa: E402
from reader.inputs.fetch import FetchSettings  # noqa: E402
from reader.inputs.updating import update  # noqa: E402

HOSTS = 10
FEEDS = 50
ENTRIES = 20
WORDS = (
    "council budget river bridge school market harbour ferry station museum report "
    "said week month year residents officials plan vote hours price service rail "
    "opening repairs flood weather road hospital club league season"
).split()


def paragraph(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(40, 80))]
    words[0] = words[0].capitalize()
    return " ".join(words) + f", {rng.randint(2, 900)} of them."


def serve(stack: ExitStack) -> list[Feed]:
    rng = random.Random(15)
    servers = [stack.enter_context(LocalServer(f"127.0.0.{n}")) for n in range(1, HOSTS + 1)]
    feeds = []
    for number in range(FEEDS):
        server = servers[number % HOSTS]
        items = []
        for entry in range(ENTRIES):
            path = f"/f{number}/story-{entry}.html"
            title = f"Story {entry} of feed {number}"
            server.add(
                path,
                Reply(
                    news_page(title, [paragraph(rng) for _ in range(8)], site=f"Outlet {number}")
                ),
            )
            items.append((title, path, "A one-line summary."))
        url = server.add(
            f"/f{number}/rss.xml",
            Reply(rss(f"Outlet {number}", items, server.base), content_type="application/rss+xml"),
        )
        feeds.append(Feed(url))
    return feeds


def run_servers() -> None:
    """The child: serve, print the feed urls as one JSON line, wait for stdin to close."""
    with ExitStack() as stack:
        feeds = serve(stack)
        print(json.dumps([feed.url for feed in feeds]), flush=True)
        sys.stdin.read()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        run_servers()
        return
    samples: list[float] = []
    cpu_samples: list[float] = []
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        feeds = [Feed(url) for url in json.loads(child.stdout.readline())]
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as folder:
                start, cpu = time.perf_counter(), _cpu()
                report = update(feeds, Library(Path(folder)), settings=FetchSettings())
                samples.append(time.perf_counter() - start)
                cpu_samples.append(_cpu() - cpu)
                assert len(report.saved) == FEEDS * ENTRIES, report.problem_lines()[:5]
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait()
    print(
        f"update of {FEEDS} feeds x {ENTRIES} entries, {FEEDS * ENTRIES} pages fetched and "
        f"extracted, {HOSTS} hosts: median {statistics.median(samples):.2f} s, "
        f"best {min(samples):.2f} s over {len(samples)} runs (target < 10 s); "
        f"CPU of this process (user + system, all threads): median "
        f"{statistics.median(cpu_samples):.2f} s; load average {os.getloadavg()[0]:.1f}"
    )


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
