"""The store and domain layers stay free of Qt, so every feature runs without a window."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import jobtracker

PACKAGE = Path(jobtracker.__file__).parent
QT_FREE = ("store", "domain")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_store_and_domain_sources_never_import_qt() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for layer in QT_FREE
        for path in (PACKAGE / layer).rglob("*.py")
        if any(name.split(".")[0] == "PySide6" for name in _imported_modules(path))
    ]
    assert offenders == []


def test_importing_store_and_domain_loads_no_qt_module() -> None:
    """Catches indirect imports too: load every module and look at sys.modules."""
    modules = sorted(
        ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        for layer in QT_FREE
        for path in (PACKAGE / layer).rglob("*.py")
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
