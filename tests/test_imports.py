"""The source tree imports as the installed package does, for Python and for static tools."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ["loaders", "server", "ontology", "queries", "data"]


@pytest.mark.parametrize("folder", FOLDERS)
def test_each_top_level_folder_is_its_subpackage(folder):
    link = ROOT / "kazgraph" / folder
    assert link.is_symlink() and link.resolve() == (ROOT / folder).resolve()


@pytest.mark.parametrize("cwd", [ROOT, ROOT / "kazgraph", Path("/")])
def test_every_module_imports_from_any_directory(cwd):
    """A fresh interpreter (working directory first on its path) finds the whole package."""
    code = ("import pkgutil, kazgraph\n"
            "mods = [m.name for m in pkgutil.walk_packages(kazgraph.__path__, 'kazgraph.')]\n"
            "for m in mods: m.endswith('__main__') or __import__(m)\n"
            "print(len(mods))")
    out = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    assert int(out.stdout) > 60


@pytest.mark.slow
def test_mypy_resolves_every_project_import():
    """`mypy` with only pyproject.toml's settings finds every module the project imports."""
    out = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental"], cwd=ROOT,
                         capture_output=True, text=True, timeout=600)
    assert "checked" in out.stdout, out.stdout[-2000:] + out.stderr[-2000:]
    unresolved = [line for line in out.stdout.splitlines()
                  if re.search(r"\[(import-not-found|import-untyped|import)\]$", line)
                  or "found twice under different module names" in line]
    assert unresolved == []
