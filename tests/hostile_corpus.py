"""A corpus of hostile and broken article files beside good ones, with what each should do.

`build_hostile_corpus(folder)` writes the files and returns a `HostileCorpus` that says, for
every file, whether it loads, what its title is and which word its problem line carries.
Tests over the loader, the CLI and the UI all check against the same expectations.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

MB = 1000 * 1000
HUGE_BYTES = 50 * MB
LONG_LINE_CHARS = 1024 * 1024

# Strings an article must never get to act on: if any reaches the terminal, content leaked.
OSC_TITLE_PAYLOAD = "PWNED-TITLE-7f3a"
OSC_CLIPBOARD_PAYLOAD = "UFdORUQtQ0xJUEJPQVJE"  # base64 of "PWNED-CLIPBOARD"
HYPERLINK_TARGET = "https://evil.example/pwned-link"
MARKUP_TITLE = "[b]Bold[/] [@click=app.quit]q[/] [$accent]accent[/$accent] [/]"
MARKUP_BODY = "Body markup [@click=app.quit]quit now[/] and [red]red[/red] and [/] closer."
ANSI_TITLE = f"Colour \x1b[31mred\x1b[0m \x1b]0;{OSC_TITLE_PAYLOAD}\x07title"
ANSI_BODY = (
    f"Clipboard \x1b]52;c;{OSC_CLIPBOARD_PAYLOAD}\x07 here.\n"
    f"A \x1b]8;;{HYPERLINK_TARGET}\x1b\\link\x1b]8;;\x1b\\ there.\n"
    "Cursor \x1b[2J\x1b[H\x1b[10;10H moves \x1b[?1049h alt screen \x1b[6n report.\n"
    f"Window \x1b]2;{OSC_TITLE_PAYLOAD}\x1b\\ title again."
)
# In a file name: ids show it escaped (visible text), so it is not a leak marker.
NAME_PAYLOAD = "file-name-osc"
# The payloads tests search the raw terminal output for.
LEAK_MARKERS = (OSC_TITLE_PAYLOAD, OSC_CLIPBOARD_PAYLOAD, HYPERLINK_TARGET)


@dataclass(frozen=True)
class Case:
    """What one file in the hostile corpus should do when the corpus is loaded."""

    path: str  # relative to the corpus root
    loads: bool
    problem: str | None = None  # a phrase its one problem line contains; None: no line
    title: str | None = None  # its exact title, when it loads and the title is known
    note: str = ""


@dataclass
class HostileCorpus:
    root: Path
    outside: Path  # a folder beside the corpus that a symlink inside points into
    cases: dict[str, Case] = field(default_factory=dict)

    def add(self, case: Case) -> None:
        self.cases[case.path] = case

    @property
    def loading(self) -> list[Case]:
        return [case for case in self.cases.values() if case.loads]

    @property
    def titled(self) -> dict[str, Case]:
        return {case.title: case for case in self.loading if case.title is not None}

    def path(self, relative: str) -> Path:
        return self.root / relative


def _write(root: Path, relative: str, content: str | bytes) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def _write_huge(path: Path, size: int) -> None:
    """A `size`-byte article written in big chunks, so building it takes a fraction of a second."""
    line = b"Filler paragraph for the huge article: nothing to see, keep scrolling on.\n"
    chunk = line * (MB // len(line))
    with path.open("wb") as handle:
        handle.write(b"Huge article title\n\n")
        written = 20
        while written + len(chunk) <= size:
            handle.write(chunk)
            written += len(chunk)
        handle.write(line[: size - written - 1] + b"\n")


def build_hostile_corpus(folder: Path) -> HostileCorpus:
    """Write the hostile corpus under `folder` (folder/corpus, folder/outside)."""
    root, outside = folder / "corpus", folder / "outside"
    corpus = HostileCorpus(root=root, outside=outside)
    root.mkdir(parents=True)
    outside.mkdir(parents=True)

    def add(relative: str, content: str | bytes, **expect: object) -> Path:
        path = _write(root, relative, content)
        corpus.add(Case(relative, **expect))  # type: ignore[arg-type]
        return path

    # Good articles: these must always load, whatever else is in the folder.
    add(
        "good/alpha.md",
        "---\ntitle: Alpha good article\nsource: Good News\ndate: 2024-05-01\n---\n"
        "Alpha body with 49% and $3 billion.\n\nSecond paragraph.",
        loads=True,
        title="Alpha good article",
    )
    add(
        "good/beta.txt",
        "Beta good article\nBy Jane Doe | March 3, 2024\n\nBeta body text.",
        loads=True,
        title="Beta good article",
    )
    add(
        "good/gamma.md",
        "# Gamma good article\n\nGamma body.",
        loads=True,
        title="Gamma good article",
    )
    # Duplicates: same title, identical files. Each loads under its own id.
    add("dup/same-title-1.txt", "Same title twice\nFirst body.", loads=True)
    add("dup/same-title-2.txt", "Same title twice\nSecond body.", loads=True)
    add("dup/identical-a.txt", "Identical file\nSame bytes.", loads=True)
    add("dup/identical-b.txt", "Identical file\nSame bytes.", loads=True)

    # Encodings and binary data.
    add(
        "enc/binary.txt",
        bytes(range(256)) * 64,
        loads=False,
        problem="binary file",
    )
    add("enc/nul.txt", "Has a NUL\nBody\x00with a NUL byte.", loads=False, problem="binary file")
    add(
        "enc/latin1.txt",
        "Latin-1 café title\nCr\xe8me br\xfbl\xe9e body.".encode("latin-1"),
        loads=True,
        problem="not UTF-8",
        title="Latin-1 café title",
    )
    add(
        "enc/utf16.txt",
        "UTF-16 title ünïcode\nBody in UTF-16.".encode("utf-16"),
        loads=True,
        title="UTF-16 title ünïcode",
    )
    add(
        "enc/utf16be.txt",
        "\ufeffUTF-16BE title\nBody.".encode("utf-16-be"),
        loads=True,
        title="UTF-16BE title",
    )
    add(
        "enc/bad-utf16.txt",
        b"\xff\xfe" + "Broken UTF-16".encode("utf-16-le") + b"\x00\xd8",
        loads=False,
        problem="invalid UTF-16",
    )
    add(
        "enc/crlf.txt",
        "CRLF title\r\nBody line one.\r\nLine two.\r\n",
        loads=True,
        title="CRLF title",
    )
    add("enc/cr-only.txt", "Old Mac title\rBody.\r", loads=True, title="Old Mac title")

    # Size.
    huge = root / "size/huge.txt"
    huge.parent.mkdir(parents=True)
    _write_huge(huge, HUGE_BYTES)
    corpus.add(Case("size/huge.txt", loads=True, problem="too long", title="Huge article title"))
    add(
        "size/long-line.txt",
        "Long line title\n\n" + ("word " * (LONG_LINE_CHARS // 5)).rstrip() + "\n",
        loads=True,
        title="Long line title",
    )
    add("size/one-line-only.txt", "x" * LONG_LINE_CHARS, loads=True)
    add("size/empty.txt", b"", loads=False, problem="empty")
    add("size/blank.txt", "  \n\n\t\n", loads=False, problem="empty")
    add("size/only-controls.txt", "\x1b[31m\x07\x1b]0;x\x07\n", loads=False, problem="empty")

    # Front matter.
    add(
        "front/only.md",
        "---\ntitle: Only front matter\n---\n",
        loads=True,
        title="Only front matter",
    )
    add(
        "front/list.md",
        "---\n- a\n- b\n---\nList front matter title\nBody.",
        loads=True,
        problem="mapping",
        title="List front matter title",
    )
    add(
        "front/string.md",
        "---\njust a string\n---\nString front matter title\nBody.",
        loads=True,
        problem="mapping",
        title="String front matter title",
    )
    add(
        "front/unterminated.md",
        "---\ntitle: never closed\nUnterminated body text.",
        loads=True,
        problem="not closed",
    )
    add(
        "front/alias-bomb.md",
        "---\n"
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
        "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
        "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
        "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
        "---\nAlias bomb title\nBody.",
        loads=True,
        problem="aliases",
        title="Alias bomb title",
    )
    add(
        "front/python-object.md",
        "---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\nPython tag title\nBody.",
        loads=True,
        problem="front matter ignored",
        title="Python tag title",
    )
    # As deep as fits under the front matter size limit: libyaml's composer recurses in C
    # and crashes the process (segfault) at this depth unless the depth is checked first.
    add(
        "front/nested-flow.md",
        "---\nx: " + "[" * 32_000 + "]" * 32_000 + "\n---\nNested flow title\nBody.",
        loads=True,
        problem="front matter ignored",
        title="Nested flow title",
    )
    add(
        "front/nested-flow-map.md",
        "---\nx: " + "{a: " * 12_000 + "}" * 12_000 + "\n---\nNested map title\nBody.",
        loads=True,
        problem="nested more than 50 deep",
        title="Nested map title",
    )
    add(
        "front/nested-block.md",
        "---\nx:\n"
        + "".join(" " * depth + "- \n" for depth in range(1, 200))
        # ...then 10,000 levels of compact nesting on one line.
        + " " * 200
        + "- " * 10_000
        + "deep\n---\nNested block title\nBody.",
        loads=True,
        problem="front matter ignored",
        title="Nested block title",
    )
    add(
        "front/huge-front.md",
        "---\ntitle: Huge front matter\n"
        + "".join(f"k{n}: {'v' * 60}\n" for n in range(5000))
        + "---\nHuge front title\nBody.",
        loads=True,
        problem="front matter",
        title="Huge front title",
    )
    add(
        "front/yaml-escapes.md",
        '---\ntitle: "Escaped \\e[31mred\\e[0m \\e]0;' + OSC_TITLE_PAYLOAD + '\\a title"\n'
        'author: "Ann \\x9b31m Author\\u202e"\n'
        'custom: "\\e]52;c;' + OSC_CLIPBOARD_PAYLOAD + '\\a extra \\x9d"\n'
        'tags: ["\\e[1mbold", ok]\n---\nBody.',
        loads=True,
        title="Escaped red title",
    )
    add(
        "front/nonprintable.md",
        "---\ntitle: Bad char \ufffe here\n---\nNon-printable front title\nBody.",
        loads=True,
        problem="front matter ignored",
        title="Non-printable front title",
    )
    # Dates nobody can use: the article loads undated.
    for name, value in [
        ("far-future", "99999-01-01"),
        ("not-a-date", "not a date"),
        ("year-one-aware", "0001-01-01T00:00:00+05:00"),
        ("year-9999-aware", "9999-12-31T23:00:00-05:00"),
        ("huge-number", "1" * 400),
        ("list", "[2024, 1, 1]"),
        ("mapping", "{year: 2024}"),
    ]:
        add(
            f"dates/{name}.md",
            f"---\ntitle: Date {name}\ndate: {value}\n---\nBody.",
            loads=True,
            title=f"Date {name}",
            note="undated",
        )

    # Text that a terminal or Textual would act on.
    add(
        "markup/front-title.md",
        f"---\ntitle: '{MARKUP_TITLE}'\n---\n{MARKUP_BODY}",
        loads=True,
        title=MARKUP_TITLE,
    )
    add(
        "markup/text-title.txt",
        "[/] [@click=app.quit]Quit title[/] [$accent]\n" + MARKUP_BODY,
        loads=True,
        title="[/] [@click=app.quit]Quit title[/] [$accent]",
    )
    add(
        "markup/link.md",
        "[@click=app.quit]Markdown link title[/]\n\n[click me](javascript:alert(1)) "
        "and <script>alert(1)</script> and [x](file:///etc/passwd).",
        loads=True,
        title="[@click=app.quit]Markdown link title[/]",
    )
    add(
        "escapes/ansi.txt",
        ANSI_TITLE + "\n" + ANSI_BODY,
        loads=True,
        title="Colour red title",
    )
    add(
        "escapes/c1.txt",
        "C1 \x9b31m controls \x9d0;t\x9c title\x85\nBody \x90dcs\x9c text.",
        loads=True,
        title="C1 31m controls 0;t title",
    )
    add(
        "escapes/bidi.txt",
        "Bidi \u202eesrever\u202c zero\u200bwidth\u2066 title\u2069\nBody \u202e text.",
        loads=True,
        title="Bidi esrever zerowidth title",
    )
    add(
        "escapes/unterminated-osc.txt",
        f"Unterminated OSC title \x1b]0;{OSC_TITLE_PAYLOAD}\nBody \x1b]52;c;"
        f"{OSC_CLIPBOARD_PAYLOAD}",
        loads=True,
        title="Unterminated OSC title",
    )
    add(
        "titles/five-thousand.md",
        "---\ntitle: " + "Long title " * 455 + "\n---\nBody.",
        loads=True,
        note="title cut",
    )
    add(
        "titles/long-first-line.txt",
        "Long heading " * 400 + "\nBody.",
        loads=True,
        note="title cut",
    )
    add(
        "titles/spaces.txt",
        # Whitespace-heavy head lines once made the byline regexes backtrack for minutes.
        "Spaced title\n"
        + " " * 100_000
        + "x\n"
        + "\t" * 50_000
        + "By\n"
        + "y " * 50_000
        + "\nBody.",
        loads=True,
        title="Spaced title",
    )
    add(
        "titles/hashes.md",
        "#" * 100_000 + " x\n" + "# " * 50_000 + "\nBody " + "#" * 100_000,
        loads=True,
    )
    add(
        "nesting/markdown-lists.md",
        "Nested lists title\n\n"
        + "".join("  " * depth + f"- level {depth}\n" for depth in range(2000))
        + "".join(">" * depth + " quote\n" for depth in range(0, 2000, 50)),
        loads=True,
        title="Nested lists title",
    )

    # Shapes that made the highlighter super-linear: a long run of capitalised words
    # (every sub-run was tried as a name) and one long glued CamelCase token.
    add(
        "highlight/caps-run.txt",
        "Capitalised run title\n\n" + "Alpha Beta " * 20_000,
        loads=True,
        title="Capitalised run title",
    )
    add(
        "highlight/glued.txt",
        "Glued token title\n\n" + "Ab" * 100_000,
        loads=True,
        title="Glued token title",
    )

    # Sidecars that are broken do not stop the articles beside them.
    add(
        "sidecar/article.txt",
        "Sidecar article title\nBody.",
        loads=True,
        title="Sidecar article title",
    )
    _write(root, "sidecar/reader.yaml", "article.txt: &x [*x]\n")
    corpus.add(Case("sidecar/reader.yaml", loads=False, problem="invalid YAML"))
    add("sidecar2/article.txt", "Sidecar two title\nBody.", loads=True, title="Sidecar two title")
    _write(root, "sidecar2/reader.yaml", "article.txt: [not, a, mapping]\n")
    corpus.add(Case("sidecar2/reader.yaml", loads=False, problem="expected a mapping"))

    add(
        "sidecar3/article.txt",
        "Sidecar three title\nBody.",
        loads=True,
        title="Sidecar three title",
    )
    os.mkfifo(root / "sidecar3/reader.yaml")  # reading it with open() would block forever
    corpus.add(Case("sidecar3/reader.yaml", loads=False, problem="not a regular file"))

    # The file system itself.
    secret = _write(outside, "secret.txt", "Outside secret title\nMust not be read.")
    (root / "links").mkdir()
    (root / "links/outside.txt").symlink_to(secret)
    corpus.add(Case("links/outside.txt", loads=False, problem="outside the corpus"))
    (root / "links/loop.txt").symlink_to("loop.txt")
    corpus.add(Case("links/loop.txt", loads=False, problem="looping symlink"))
    (root / "links/dangling.txt").symlink_to("no-such-target.txt")
    corpus.add(Case("links/dangling.txt", loads=False, problem="broken or looping symlink"))
    (root / "links/folder-loop").symlink_to("..")
    (root / "links/outside-folder").symlink_to(outside)
    (root / "links/inside.txt").symlink_to("../good/gamma.md")
    corpus.add(Case("links/inside.txt", loads=True, title="Gamma good article"))
    fifo = root / "fs/fifo.txt"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    corpus.add(Case("fs/fifo.txt", loads=False, problem="not a regular file"))
    unreadable = add("fs/unreadable.txt", "Unreadable title\nBody.", loads=True)
    unreadable.chmod(0)
    if not os.access(unreadable, os.R_OK):
        corpus.add(Case("fs/unreadable.txt", loads=False, problem="permission denied"))
    else:  # root reads mode-000 files; tests simulate the refusal where they need it
        corpus.add(Case("fs/unreadable.txt", loads=True, title="Unreadable title"))
    add("fs/vanishing.txt", "Vanishing title\nBody.", loads=True, title="Vanishing title")
    # Names a terminal would act on: the problem line and the id must still be safe.
    add(
        f"fs/name\x1b]0;{NAME_PAYLOAD}\x07.txt",
        "Escape-named file title\nBody.",
        loads=True,
        title="Escape-named file title",
    )
    add("fs/new\nline\x9b2J.txt", b"", loads=False, problem="empty")
    add("fs/dir\x1b[31m/inner.txt", "Inner title\nBody.", loads=True, title="Inner title")
    # Names that are not UTF-8 (an old archive unpacked): they cannot be stored as text.
    add(
        os.fsdecode(b"fs/caf\xe9-latin1-name.txt"),
        "Undecodable name title\nBody.",
        loads=False,
        problem="file name is not valid UTF-8",
    )
    _write(root, os.fsdecode(b"fs/dossier-\xe9t\xe9/inside.txt"), "Inside title\nBody.")
    corpus.add(
        Case(os.fsdecode(b"fs/dossier-\xe9t\xe9"), loads=False, problem="folder name is not valid")
    )
    deep = build_deep_folders(root / "fs/deep", 60)
    _write(deep, "bottom.txt", "Deep folder title\nBody.")
    corpus.add(
        Case(str((deep / "bottom.txt").relative_to(root)), loads=True, title="Deep folder title")
    )
    return corpus


def build_deep_folders(top: Path, depth: int) -> Path:
    """`depth` nested folders under `top`, made one by one (os.makedirs recurses)."""
    folder = top
    folder.mkdir(parents=True)
    for _ in range(depth):
        folder = folder / "d"
        folder.mkdir()
    return folder


def remove_deep_folders(top: Path) -> None:
    """Remove a tree from build_deep_folders, too deep for shutil.rmtree (which recurses).

    Each level is pulled up to `top` before it is removed, so every path stays short.
    """
    child, lifted = top / "d", top / "lifted"
    while child.exists():
        for entry in os.scandir(child):
            if entry.name != "d":
                os.unlink(entry.path)
        if (child / "d").exists():
            os.rename(child / "d", lifted)
        child.rmdir()
        if lifted.exists():
            os.rename(lifted, child)
    for entry in os.scandir(top):
        os.unlink(entry.path)
    top.rmdir()


VANISHING = "fs/vanishing.txt"


@contextmanager
def vanishing_after_listing(corpus: HostileCorpus, relative: str = VANISHING) -> Iterator[Case]:
    """Delete a file after the loader lists it and before it reads it (restored afterwards).

    Yields the Case the file then behaves as.
    """
    import reader.corpus.load

    target = corpus.path(relative)
    content = target.read_bytes()
    real_listing = reader.corpus.load.scan_root

    def listing_then_delete(*args, **kwargs):
        listing = real_listing(*args, **kwargs)
        if target.exists():
            target.unlink()
        return listing

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reader.corpus.load, "scan_root", listing_then_delete)
        try:
            yield Case(relative, loads=False, problem="vanished before it could be read")
        finally:
            target.write_bytes(content)


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make `path` unwritable, even for root (which ignores mode bits): chattr +i."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode:
        pytest.skip("running as root without chattr +i here: cannot make a read-only place")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)
