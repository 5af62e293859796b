"""`kazgraph load --jobs N`: the same store whatever N, bad files still reported by name."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"


def _load(folder: Path, store: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kazgraph", "load", str(folder), "--store", str(store),
                           *extra], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})


def _quads(store: Path) -> set:
    handle = ox.Store.read_only(str(store))
    try:
        return set(handle)
    finally:
        del handle


def test_parallel_load_builds_the_same_store(tmp_path):
    one, two = _load(SAMPLES, tmp_path / "one"), _load(SAMPLES, tmp_path / "two", "--jobs", "2")
    assert one.returncode == two.returncode == 0, one.stderr + two.stderr
    assert one.stdout.replace("one", "") == two.stdout.replace("two", "")  # the same summary
    assert _quads(tmp_path / "one") == _quads(tmp_path / "two")


def test_parallel_load_reports_a_bad_file_and_loads_the_rest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for src in sorted(SAMPLES.glob("*.txt"))[:3]:
        (folder / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00" * 10)
    done = _load(folder, tmp_path / "store", "--jobs", "2", "--published", "2024-01")
    assert done.returncode == 1
    assert "broken.txt" in done.stderr
    assert "loaded 3 digests" in done.stdout and "1 failed" in done.stdout
