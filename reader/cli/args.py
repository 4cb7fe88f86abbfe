"""What every verb's parser shares: exit codes, usage errors, the PATH and --state options."""

from __future__ import annotations

import argparse

from reader import __version__

EXIT_OK, EXIT_NOTHING_LOADED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad arguments: exit 2 with the message."""


def new_parser(prog: str, description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog, description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    return parser


def add_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="article files or folders (default: the bundled seeds)",
    )


def add_state(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--state", metavar="PATH", help="state database (default: $XDG_STATE_HOME/reader/state.db)"
    )
