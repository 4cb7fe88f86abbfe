"""The house rules, enforced: rooms by concern, Textual only in ui/, no import cycles, small modules.

import-linter (in .ci/run) checks the layers too; this test needs nothing but the standard
library, so the rules also hold for a plain `pytest` run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "reader"
MAX_LINES = 600
# Being taken apart (issue 12); each entry goes when its module is split or its cycle broken.
LONG_FOR_NOW: set[str] = set()
CYCLES_FOR_NOW: list[set[str]] = []
CORE = ("corpus", "index", "highlight", "analysis", "present", "inputs")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported_names(path: Path) -> Iterator[str]:
    """Every module `path` imports, type-only and function-level imports included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else module_name(path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)


def internal_graph() -> dict[str, set[str]]:
    known = modules()
    graph: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        for target in imported_names(path):
            if target in known and target != name:
                graph[name].add(target)
    return graph


def test_textual_is_imported_only_under_ui() -> None:
    offenders = [
        f"{name} imports {target}"
        for name, path in modules().items()
        if not name.startswith("reader.ui")
        for target in imported_names(path)
        if target.split(".")[0] == "textual"
    ]
    assert offenders == []


@pytest.mark.parametrize("room", CORE + ("config", "store", "session", "db_files"))
def test_the_core_never_imports_the_cli_or_the_ui(room: str) -> None:
    offenders = [
        f"{name} imports {target}"
        for name, path in modules().items()
        if name == f"reader.{room}" or name.startswith(f"reader.{room}.")
        for target in imported_names(path)
        if target.startswith(("reader.ui", "reader.cli"))
    ]
    assert offenders == []


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return stack[stack.index(target) :] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_no_import_cycles_between_modules() -> None:
    # A package's __init__ re-exports its modules, so it is left out of the graph as a target
    # for its own modules (they import their siblings directly).
    graph = internal_graph()
    for name in graph:
        graph[name] = {
            t
            for t in graph[name]
            if not name.startswith(t + ".")
            and not any(name in known and t in known for known in CYCLES_FOR_NOW)
        }
    assert find_cycle(graph) is None


def test_a_cycle_is_found_when_there_is_one() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_module_is_longer_than_the_limit() -> None:
    long = {
        name: lines
        for name, path in modules().items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
        and name not in LONG_FOR_NOW
    }
    assert long == {}


def test_each_subpackage_opens_with_a_docstring_and_all() -> None:
    missing = []
    for init in PACKAGE.rglob("__init__.py"):
        tree = ast.parse(init.read_text(encoding="utf-8"))
        has_all = any(
            isinstance(node, (ast.Assign, ast.AnnAssign))
            and "__all__" in ast.unparse(node.targets[0] if isinstance(node, ast.Assign) else node.target)
            for node in tree.body
        )
        if ast.get_docstring(tree) is None or (init.parent != PACKAGE and not has_all):
            missing.append(str(init.relative_to(PACKAGE.parent)))
    assert missing == []
