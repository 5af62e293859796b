"""The wheel holds the whole app under `kazgraph.*`; every command is in the README."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kazgraph.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["pyproject.toml", "README.md", "kazgraph", "loaders", "server", "ontology", "queries", "data"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the tree (the tree itself stays clean)."""
    src = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(ROOT / name, src / name)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-q",
                    "--disable-pip-version-check", "-w", str(out)],
                   check=True, capture_output=True, text=True, timeout=300)
    (built,) = out.glob("kazgraph-*.whl")
    return built


@pytest.fixture(scope="module")
def wheel_names(wheel) -> list[str]:
    with zipfile.ZipFile(wheel) as zf:
        return zf.namelist()


def test_wheel_has_ontology_queries_data_and_templates(wheel_names):
    names = set(wheel_names)
    assert "kazgraph/ontology/kazgraph.ttl" in names
    assert "kazgraph/store/embedded.py" in names and "kazgraph/cli.py" in names
    assert any(re.fullmatch(r"kazgraph/queries/[^/]+\.rq", n) for n in names)
    assert any(re.fullmatch(r"kazgraph/data/[^/]+\.tsv", n) for n in names)
    assert any(n.startswith("kazgraph/server/templates/") for n in names)
    assert any(n.startswith("kazgraph/loaders/") for n in names)


def test_wheel_has_no_generic_top_level_packages(wheel_names):
    tops = {n.split("/", 1)[0] for n in wheel_names}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"kazgraph"}


def test_wheel_declares_the_script(wheel, wheel_names):
    entry = next(n for n in wheel_names if n.endswith(".dist-info/entry_points.txt"))
    with zipfile.ZipFile(wheel) as zf:
        text = zf.read(entry).decode("utf-8")
    assert re.search(r"^kazgraph\s*=\s*kazgraph\.cli:main$", text, re.MULTILINE)


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"kazgraph {name}" in readme, f"`kazgraph {name}` is not in README.md"
    assert "## SPARQL endpoint" in readme and "## Canned questions" in readme
    assert readme.index("<!-- questions:start -->") < readme.index("<!-- questions:end -->")
