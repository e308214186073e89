"""The house rules that import-linter cannot check: no module borrows
another's underscore names (STYLE.md item 15: a module talks to another
through names without a leading underscore), in the code and in its tests."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import ROOT

OURS = ("store", "tui", "tests", "bench")


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _is_ours(module: str | None) -> bool:
    return bool(module) and module.split(".")[0] in OURS  # type: ignore[union-attr]


def borrowed_names(path: Path) -> Iterator[str]:
    """Each underscore name `path` takes from another of our modules: by
    `from module import _name`, or as `module._name` on a module it imported."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and _is_ours(node.module):
            for alias in node.names:
                if _is_private(alias.name):
                    yield f"{path.relative_to(ROOT)}:{node.lineno} imports {node.module}.{alias.name}"
                modules.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if _is_ours(alias.name):
                    modules.add(alias.asname or alias.name.split(".")[0])
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _is_private(node.attr):
            base = node.value
            while isinstance(base, ast.Attribute):
                base = base.value
            if isinstance(base, ast.Name) and base.id in modules:
                yield f"{path.relative_to(ROOT)}:{node.lineno} uses {ast.unparse(node)}"


def test_no_module_borrows_another_modules_underscore_names() -> None:
    found = [
        line
        for folder in OURS
        for path in sorted((ROOT / folder).rglob("*.py"))
        for line in borrowed_names(path)
    ]
    assert found == []
