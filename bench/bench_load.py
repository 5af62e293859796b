"""Loading, side by side: kazgraph against `oxigraph load`, and digests at 1 and N jobs.

    .venv/bin/python bench/bench_load.py [--triples 1000000] [--digests 1000] [--jobs 2]
    .venv/bin/python bench/bench_load.py --only rdf --triples 1000000 3000000   # two files
    .venv/bin/python bench/bench_load.py --only digests       # one part: rdf, digests, length

Every figure comes from a separate process (wall time, peak resident memory from the
kernel's rusage, size of the store folder):
- an N-Triples file of digest-shaped statements (bench/corpus.py), loaded by
  `oxigraph load` (into the default graph, and into one named graph) and by `kazgraph
  load` (into a named graph, and again into the kept union default graph);
- synthetic digests (bench/bench_extract.py) loaded with --jobs 1 and --jobs N (digests
  per second of wall time and per second of CPU time, workers included), and a quarter
  of them, to show memory does not grow with the corpus;
- one digest at 1x, 4x and 16x the length, to show extraction time grows linearly.
Prints one table: what, kazgraph, reference, ratio, goal.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))

import bench_extract  # noqa: E402 - the synthetic digest generator
import corpus  # noqa: E402


def run(cmd: list[str]) -> tuple[float, float]:
    """Run a command; its wall time (s) and peak resident memory (MB)."""
    wall, peak, _ = timed(cmd)
    return wall, peak


def timed(cmd: list[str]) -> tuple[float, float, float]:
    """Run a command; its wall time (s), peak resident memory (MB) and CPU time (s), the
    CPU time of the worker processes it waited for included."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode()[-2000:]}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def disk_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def rdf_rows(tmp: Path, triples: int) -> list[tuple]:
    """The file loaded by kazgraph (into a named graph and the kept union), by `oxigraph
    load` into the default graph (the goal's reference) and into one named graph (the
    same information as ours without the union copy)."""
    tmp.mkdir(parents=True)
    nt = tmp / "statements.nt"
    corpus.write(nt, triples, triples=True)
    ours_wall, ours_mem = run([str(BIN / "kazgraph"), "load", str(nt), "--store", str(tmp / "ours")])
    ref_wall, ref_mem = run([str(BIN / "oxigraph"), "load", "--location", str(tmp / "ref"),
                             "--file", str(nt)])
    named_wall, named_mem = run([str(BIN / "oxigraph"), "load", "--location", str(tmp / "named"),
                                 "--file", str(nt), "--graph", "https://example.org/file"])
    what = f"RDF file, {triples:,} triples"
    ours_disk, ref_disk, named_disk = (disk_mb(tmp / d) for d in ("ours", "ref", "named"))
    shutil.rmtree(tmp, ignore_errors=True)  # the next file's stores need the room
    return [(f"{what}: wall s", ours_wall, ref_wall, 1.5),
            (f"{what}: peak MB", ours_mem, ref_mem, 1.5),
            (f"{what}: disk MB", ours_disk, ref_disk, 2.0),
            (f"{what}: wall s (vs oxigraph into a named graph)", ours_wall, named_wall, None),
            (f"{what}: peak MB (vs oxigraph into a named graph)", ours_mem, named_mem, None),
            (f"{what}: disk MB (vs oxigraph into a named graph)", ours_disk, named_disk, None)]


def write_digests(folder: Path, count: int) -> int:
    """`count` synthetic digests as files; their total words."""
    rng = random.Random(7)
    states = bench_extract.state_names()
    folder.mkdir(parents=True)
    words = 0
    for n in range(count):
        raw, _ = bench_extract.digest(rng, states)
        (folder / f"digest-{n:06d}.txt").write_text(raw.text, encoding="utf-8")
        words += len(raw.text.split())
    return words


def digest_rows(tmp: Path, count: int, jobs: int) -> list[tuple]:
    folder, small = tmp / "digests", tmp / "digests-quarter"
    write_digests(folder, count)
    write_digests(small, max(1, count // 4))
    kg = str(BIN / "kazgraph")
    one, mem_one, cpu_one = timed([kg, "load", str(folder), "--store", str(tmp / "d1"),
                                   "--published", "2024-05"])
    many, mem_many, cpu_many = timed([kg, "load", str(folder), "--store", str(tmp / "dn"),
                                      "--published", "2024-05", "--jobs", str(jobs)])
    _, mem_small = run([kg, "load", str(small), "--store", str(tmp / "dq"), "--published", "2024-05"])
    # One process extracts in one thread and writes in another, so it may keep more than
    # one core busy: digests per CPU second is the figure per core.
    return [(f"{count} digests, 1 process: digests/s (reference: the goal)", count / one, 100, 1.0),
            (f"{count} digests, 1 process: digests per CPU second", count / cpu_one, 100, 1.0),
            (f"{count} digests, --jobs {jobs}: digests/s", count / many, count / one, 1.7),
            (f"{count} digests, --jobs {jobs}: digests per CPU second", count / cpu_many,
             count / cpu_one, None),
            (f"peak MB, {count} vs {max(1, count // 4)} digests", mem_one, mem_small, 1.2),
            (f"peak MB, --jobs {jobs} (parent)", mem_many, mem_one, None)]


def length_rows() -> list[tuple]:
    """Extraction seconds per digest of 1x, 4x, 16x a base length (in this process)."""
    from kazgraph.loaders import extract_raw
    from kazgraph.loaders.reading.sources import RawDigest

    rng = random.Random(3)
    states = bench_extract.state_names()
    extract_raw(RawDigest(text="Warm-up: load the gazetteers.", source="warm.txt"))
    times = {}
    for factor in (1, 4, 16):
        raw = bench_extract.long_digest(rng, states, 20_000 * factor, one_line=False)
        start = time.perf_counter()
        extract_raw(raw)
        times[factor] = (time.perf_counter() - start) / len(raw.text) * 1e6  # µs per character
    return [(f"extraction µs/char at {f}x (vs 1x)", times[f], times[1], 1.3) for f in (4, 16)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, nargs="+", default=[1_000_000],
                        help="sizes of the N-Triples files (one file each)")
    parser.add_argument("--digests", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", choices=["rdf", "digests", "length"], nargs="+",
                        help="run only these parts (default: all)")
    args = parser.parse_args()
    parts = set(args.only or ["rdf", "digests", "length"])
    tmp = Path(tempfile.mkdtemp(prefix="kazgraph-bench-"))
    try:
        sizes = args.triples if "rdf" in parts else []
        rows = ([row for n in sizes for row in rdf_rows(tmp / f"rdf-{n}", n)]
                + (digest_rows(tmp, args.digests, args.jobs) if "digests" in parts else [])
                + (length_rows() if "length" in parts else []))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(table(rows))


def table(rows: list[tuple]) -> str:
    """Markdown: what | kazgraph | reference | ratio | goal (ratio at most / at least)."""
    lines = ["| what | kazgraph | reference | ratio | goal |", "|---|---:|---:|---:|---|"]
    for what, ours, ref, goal in rows:
        ratio = ours / ref if ref else float("nan")
        # rates (digests/s, digests per CPU second) should reach their goal; the rest stay under it
        more = what.split(": ", 1)[-1].startswith("digests")
        want = "" if goal is None else (f"≥ {goal:g}" if more else f"≤ {goal:g}")
        lines.append(f"| {what} | {ours:,.2f} | {ref:,.2f} | {ratio:.2f} | {want} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
