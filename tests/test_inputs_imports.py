"""`import reader.inputs` stays cheap: the heavy libraries load only when they are used."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = ("feedparser", "trafilatura", "httpx", "lxml", "yaml", "reader.corpus", "textual")


def test_importing_the_package_loads_no_heavy_library() -> None:
    code = f"import sys, reader.inputs\nprint(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert result.stdout.strip() == ""


def test_the_libraries_load_when_used() -> None:
    code = (
        "import sys\n"
        "from reader.inputs import parse_feed, parse_page\n"
        "parse_feed(b'<rss version=\"2.0\"><channel><title>t</title></channel></rss>', 'f')\n"
        "parse_page(b'<html><body><p>text</p></body></html>', 'p')\n"
        "print('feedparser' in sys.modules, 'trafilatura' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert result.stdout.split() == ["True", "True"]
