"""The one structural rule: editor/core never imports Qt, so the command line, scripts and tests
use it without a display. `make check` runs this file."""

from __future__ import annotations

import ast
import subprocess
import sys

from tests.conftest import ROOT

CORE = ROOT / "editor" / "core"


def _modules() -> list[str]:
    """Every module and package under editor/core, by its dotted name."""
    names = []
    for path in CORE.rglob("*.py"):
        parts = path.relative_to(CORE).with_suffix("").parts
        names.append(".".join(("editor", "core", *(parts[:-1] if parts[-1] == "__init__" else parts))))
    return sorted(names)


def test_no_core_module_names_qt() -> None:
    offenders = []
    for path in sorted(CORE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [
                f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}: {n}"
                for n in names
                if n.split(".")[0] in ("PySide6", "shiboken6") or n.startswith("editor.ui")
            ]
    assert offenders == []


def test_importing_every_core_module_and_the_cli_loads_no_qt() -> None:
    modules = [*_modules(), "editor.cli", "editor.commands"]
    assert len(modules) > 15
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'editor.ui'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_the_ui_is_not_imported_by_the_core_paths_the_window_shares() -> None:
    """editor/app.py is the composition root: the only module outside editor/ui that may import it."""
    importers = [
        p.relative_to(ROOT)
        for p in (ROOT / "editor").glob("*.py")
        if "editor.ui" in p.read_text(encoding="utf-8") and p.name != "app.py"
    ]
    assert importers == []
