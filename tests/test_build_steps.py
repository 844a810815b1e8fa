"""The build's order in one file, its state in one object (issue #16).

``hooks/build_steps.py`` is the one hook MkDocs loads; the other modules of
``hooks/`` are steps it calls, with no MkDocs events and no state of their own.
"""

from __future__ import annotations

import ast
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / "hooks"
ORDER = HOOKS / "build_steps.py"
MUTABLE_CALLS = {"dict", "list", "set", "defaultdict", "OrderedDict", "Counter", "deque"}


def modules() -> list[Path]:
    return sorted([*HOOKS.glob("*.py"), *(HOOKS / "site_content").glob("*.py")])


def test_mkdocs_loads_one_hook():
    # mkdocs.yml has !ENV tags: read only the hooks list.
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=_TolerantLoader)
    assert config["hooks"] == ["hooks/build_steps.py"]


class _TolerantLoader(yaml.SafeLoader):
    pass


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def test_no_step_module_handles_a_mkdocs_event():
    for path in modules():
        if path == ORDER:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        events = [
            node.name
            for node in tree.body
            if isinstance(node, ast.FunctionDef) and node.name.startswith("on_") and path.parent == HOOKS
        ]
        assert not events, f"{path.relative_to(ROOT)} handles {events}: only build_steps.py does"


def test_no_module_keeps_mutable_state():
    """No module-level container bound to a lower-case name, no ``global`` statement:
    what a build knows is in its SiteBuild. The one exception is the command MkDocs
    names only at startup (build_steps._command, a string)."""
    found = []
    for path in modules():
        tree = ast.parse(path.read_text("utf-8"))
        for node in tree.body:
            targets, value = _assignment(node)
            for name in targets:
                if name.isupper() or name.startswith("__"):
                    continue  # a constant by convention, or __all__
                if _mutable(value):
                    found.append(f"{path.relative_to(ROOT)}: {name}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Global) and not (path == ORDER and node.names == ["_command"]):
                found.append(f"{path.relative_to(ROOT)}: global {', '.join(node.names)}")
    assert not found


def _assignment(node) -> tuple[list[str], ast.AST | None]:
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)], node.value
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [node.target.id], node.value
    return [], None


def _mutable(value) -> bool:
    if isinstance(value, ast.Dict | ast.List | ast.Set | ast.DictComp | ast.ListComp | ast.SetComp):
        return True
    if isinstance(value, ast.Call):
        func = value.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        return name in MUTABLE_CALLS or name[:1].isupper()  # a container, or an object made here
    return False


def test_the_readme_names_the_file_that_holds_the_order():
    readme = (ROOT / "README.md").read_text("utf-8")
    where = readme[readme.index("## Where things are") :]
    where = where[: where.index("\n## ", 3)]
    assert "`hooks/build_steps.py`" in where and "`hooks/site_build.py`" in where
