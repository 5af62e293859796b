"""`kazgraph load` killed with SIGKILL part-way: the store opens and nothing is half-written.

New digests go in through the bulk loader, which adds a batch of whole digests at once; a
digest already in the store is replaced in its own transaction. So after a kill at any
moment every digest graph is either absent (the state before) or whole (the state after),
the kept union default graph matches the named graphs, and running the same load again
finishes the job. The corpus is 300 digests made from the sample digests, each with its
own closing line so that every one gets its own graph; each keeps only its first items,
so the whole load stays a matter of seconds.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from kazgraph.store.handles import open_read_only

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
DIGESTS = 300
KEEP = 700  # characters of each sample digest kept: its introduction and first items


def _opening(text: str) -> str:
    """The lines of `text` that fit in KEEP characters."""
    kept, size = [], 0
    for line in text.splitlines(keepends=True):
        if size + len(line) > KEEP and kept:
            break
        kept.append(line)
        size += len(line)
    return "".join(kept)


def _kazgraph(*args: str) -> list[str]:
    return [sys.executable, "-m", "kazgraph", *args]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    texts = sorted(SAMPLES.glob("*.txt"))
    manifest = ["file\tpublished"]
    for n in range(DIGESTS):
        source = texts[n % len(texts)]
        name = f"{n:03d}_{source.name}"
        (folder / name).write_text(_opening(source.read_text(encoding="utf-8"))
                                   + f"\n\nCompiled by the digest desk, issue {n}.\n",
                                   encoding="utf-8")
        manifest.append(f"{name}\t2024-0{1 + n % 9}")
    (folder / "manifest.tsv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return folder


def _graphs(store_dir: Path) -> tuple[Counter, set, set]:
    """Quads per named graph, the triples of the default graph, the union of the named ones."""
    store = open_read_only(str(store_dir))
    try:
        counts: Counter = Counter()
        named, default = set(), set()
        for q in store:
            if isinstance(q.graph_name, ox.DefaultGraph):
                default.add(ox.Triple(q.subject, q.predicate, q.object))
            else:
                counts[q.graph_name.value] += 1
                named.add(ox.Triple(q.subject, q.predicate, q.object))
        return counts, default, named
    finally:
        del store


def _load(corpus: Path, store_dir: Path, log: Path, *extra: str) -> subprocess.Popen:
    with log.open("wb") as err:
        return subprocess.Popen(_kazgraph("load", str(corpus), "--store", str(store_dir), *extra),
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err,
                                env={**os.environ, "PYTHONSAFEPATH": "1"})


def _digests(counts: Counter) -> int:
    return sum(1 for g in counts if "/digest/" in g)


def _state(store_dir: Path) -> Counter:
    """Quads per graph of a store that must open and keep its union in step."""
    if not (store_dir / "CURRENT").exists():
        return Counter()
    counts, default, named = _graphs(store_dir)
    assert default == named, "union default graph out of step with the named graphs"
    return counts


def _kill_part_way(corpus: Path, store_dir: Path, log: Path, delay: float, extra: tuple) -> None:
    """Start a load into `store_dir` as it is and SIGKILL it after `delay` s. A load that
    ends first (the machine was busier when the reference load was timed) is undone, by
    putting back a copy of the store taken before it, and tried again with half the
    delay, so the kill always lands part-way."""
    backup = store_dir.with_name(store_dir.name + ".before")
    for _ in range(6):
        shutil.rmtree(backup, ignore_errors=True)
        if store_dir.exists():
            shutil.copytree(store_dir, backup)
        proc = _load(corpus, store_dir, log, *extra)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            return
        assert proc.returncode == 0, log.read_text()
        shutil.rmtree(store_dir)
        if backup.exists():
            backup.rename(store_dir)
        delay /= 2
    pytest.fail("every load ended before it could be killed")


def test_a_killed_load_leaves_the_store_whole_and_a_rerun_finishes(corpus, tmp_path):
    log = tmp_path / "load.log"
    reference = tmp_path / "reference"
    started = time.monotonic()
    assert _load(corpus, reference, log).wait(timeout=600) == 0, log.read_text()
    duration = time.monotonic() - started
    complete = _state(reference)
    assert _digests(complete) == DIGESTS

    store_dir = tmp_path / "store"
    # kill a first load late (one process) and early (two), then a reload of a full store
    for fraction, extra in ((0.7, ()), (0.35, ("--jobs", "2"))):
        _kill_part_way(corpus, store_dir, log, duration * fraction, extra)
        counts = _state(store_dir)  # the store opens after the kill
        # the state before (nothing), or whole digests only
        for graph, quads in counts.items():
            assert quads == complete[graph], f"graph {graph} half-written by a kill at {fraction}"
    assert _load(corpus, store_dir, log).wait(timeout=600) == 0, log.read_text()
    assert _state(store_dir) == complete

    proc = _load(corpus, store_dir, log)  # a reload replaces graphs one by one
    time.sleep(duration * 0.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert _state(store_dir) == complete
    assert _load(corpus, store_dir, log).wait(timeout=600) == 0, log.read_text()
    assert _state(store_dir) == complete
