"""The layers keep to their lanes: store and domain stay free of Qt (every feature runs
without a window); the window and the commands reach the data through domain services, never
peewee or the store's models, backups and lock; nothing but ``__main__`` imports the command
line."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import jobtracker

PACKAGE = Path(jobtracker.__file__).parent
QT_FREE = ("store", "domain")
#: the layers that go through domain services, and what they must not import
SERVICE_USERS = ("ui", "commands")
STORE_INTERNALS = ("peewee", "jobtracker.store.models", "jobtracker.store.backup",
                   "jobtracker.store.lock")  # fmt: skip


def _imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, anywhere in it (``from a import b`` counts as ``a`` and
    ``a.b``, since ``b`` may be a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _sources(*layers: str) -> list[Path]:
    return [path for layer in layers for path in sorted((PACKAGE / layer).rglob("*.py"))]


def _within(name: str, modules: tuple[str, ...]) -> bool:
    return any(name == module or name.startswith(module + ".") for module in modules)


def test_ui_and_commands_import_no_store_internals() -> None:
    offenders = sorted(
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in _sources(*SERVICE_USERS)
        for name in _imported_modules(path)
        if _within(name, STORE_INTERNALS)
    )
    assert offenders == []


def test_nothing_imports_the_command_line_but_main() -> None:
    offenders = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.name != "__main__.py" and "jobtracker.cli" in _imported_modules(path)
    )
    assert offenders == []


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
