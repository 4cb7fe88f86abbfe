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
        # A default, or argparse counts PATH as missing ("required: B, PATH") whenever a
        # positional before it is missing, although PATH may be left out.
        default=[],
        help="article files or folders (default: the library when it holds articles, "
        "else the bundled seeds)",
    )
    add_library(parser)


def add_library(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--library",
        metavar="FOLDER",
        help="the library folder (default: $READER_LIBRARY, else $XDG_DATA_HOME/reader/library)",
    )


def chosen_paths(args: argparse.Namespace) -> list[str]:
    """The PATHs to read: as given; else the ARTICLE arguments when all are files (`reader show
    some/file.md`); else the library when it holds articles; else none (the bundled seeds).
    """
    import os

    paths: list[str] = list(getattr(args, "paths", None) or [])
    if paths:
        return paths
    named = [getattr(args, key, None) for key in ("article", "left", "right")]
    named_files = [name for name in named if isinstance(name, str)]
    if named_files and all(os.path.isfile(name) for name in named_files):
        return list(dict.fromkeys(named_files))
    from reader.inputs import Library, library_dir

    library = library_dir(getattr(args, "library", None))
    if next(Library(library).articles(), None) is not None:
        return [os.fspath(library)]
    return []


def add_index(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--index", metavar="PATH", help="index cache (default: $XDG_CACHE_HOME/reader/index.db)"
    )


def add_state(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--state", metavar="PATH", help="state database (default: $XDG_STATE_HOME/reader/state.db)"
    )


# The list's length sort is "length" in the UI and on the command line; "words" (its old
# name on the command line) still works.
SORT_NAMES = ("date", "source", "title", "length")
SORT_ALIASES = {"words": "length"}


def sort_name(value: str) -> str:
    """An argparse type: a sort name (or alias) -> the name the UI shows."""
    name = SORT_ALIASES.get(value, value)
    if name not in SORT_NAMES:
        raise argparse.ArgumentTypeError(
            f"invalid choice: {value!r} (choose from {', '.join(SORT_NAMES)})"
        )
    return name


def sort_key(name: str) -> str:
    """The corpus's key for a sort name ("length" sorts by words)."""
    return "words" if name == "length" else name


def left_ui(return_code: int | None) -> int:
    """The exit status once the UI has closed, without waiting for its background threads.

    By then the state is saved and closed (the App's unmount) and the terminal restored. A
    worker still running (highlighting a huge article, refreshing the index, an update) would
    otherwise hold the process until it ends, as Python joins its threads at exit: quitting
    must never wait for long work. SQLite rolls back what a thread had not committed, and the
    library is written atomically, so leaving at once loses nothing.
    """
    import os
    import sys
    import threading

    code = return_code or EXIT_OK
    main = threading.main_thread()
    if any(thread.is_alive() for thread in threading.enumerate() if thread is not main):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code
