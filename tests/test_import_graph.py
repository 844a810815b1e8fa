"""The modules of hooks/ import one another without a circle (issue 27).

Read from the source (ast), not by importing: an import is an edge from the
module that writes it to the module it names (``from . import x`` names x).
Imports under ``if TYPE_CHECKING:`` never run; they are left out here.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

HOOKS = ROOT / "hooks"


def modules(root: Path) -> dict[str, Path]:
    found = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def run_time_imports(root: Path, types: bool = False) -> dict[str, set[str]]:
    """Module -> the modules of ``root`` it imports when it runs (with ``types``, also
    those it imports for type annotations only)."""
    known = modules(root)
    graph: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        tree = ast.parse(path.read_text("utf-8"))
        typing_only = {
            id(inner)
            for node in ast.walk(tree)
            if not types and isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for statement in node.body
            for inner in ast.walk(statement)
        }
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join([*up, base] if base else up)
                targets = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known] or [base]
            else:
                continue
            for target in targets:
                while target not in known and "." in target:
                    target = target.rpartition(".")[0]
                if target in known and target != name:
                    graph[name].add(target)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while not group or group[-1] != node:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_circle_in_the_imports_of_hooks():
    assert circles(run_time_imports(HOOKS)) == []


def test_no_circle_even_counting_the_imports_for_types():
    """What a static import graph (pydeps, an editor) shows: no circle either."""
    assert circles(run_time_imports(HOOKS, types=True)) == []


def test_a_circle_is_found(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("from .a import x\n", "utf-8")
    (tmp_path / "pkg" / "a.py").write_text("from . import b\nx = 1\n", "utf-8")
    (tmp_path / "pkg" / "b.py").write_text("import pkg.a\n", "utf-8")
    (tmp_path / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import d\n", "utf-8"
    )
    (tmp_path / "d.py").write_text("import c\n", "utf-8")
    assert circles(run_time_imports(tmp_path)) == [["pkg.a", "pkg.b"]]


def test_the_preview_cache_knows_no_particular_page():
    """Pages say what they read (hooks/page_inputs.py, declared next to each page): the
    preview cache imports none of the modules that make them."""
    makers = {"landing_page", "suggest_page", "content_pages", "event_news_pages", "views"}
    assert not run_time_imports(HOOKS, types=True)["preview_cache"] & makers
