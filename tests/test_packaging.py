"""The wheel holds the whole app under `kazgraph.*`; every command is in the README."""
from __future__ import annotations

import json
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


@pytest.fixture(scope="module")
def fresh_venv(wheel, tmp_path_factory) -> Path:
    """A new virtual environment with only the wheel (and its dependencies) installed."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    pip = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q",
                          "--disable-pip-version-check", str(wheel)],
                         capture_output=True, text=True, timeout=900)
    assert pip.returncode == 0, pip.stderr[-3000:]
    return venv


def _get(url: str) -> tuple[int, str]:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


@pytest.mark.slow
def test_wheel_serves_from_the_repository_root(fresh_venv, tmp_path):
    """Installed as a wheel, run where the checkout's own `kazgraph/` folder sits in the
    working directory: the server, and the worker processes that run its queries, use
    a complete package, so queries and question pages answer."""
    import urllib.parse

    from conftest import free_port, wait_until_up

    exe = str(fresh_venv / "bin" / "kazgraph")
    store = tmp_path / "store"
    load = subprocess.run([exe, "load", "data/samples", "--store", str(store)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert load.returncode == 0, load.stderr[-3000:]
    port = free_port()
    proc = subprocess.Popen([exe, "serve", "--store", str(store), "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/ping", proc)
        query = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s a ?type }")
        status, body = _get(f"{base}/sparql?query={query}&format=json")
        assert status == 200, body[:2000]
        assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 0
        status, body = _get(f"{base}/questions/most-mentioned")
        assert status == 200, body[:2000]
        assert "Kazakhstan" in body
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stderr.close()
