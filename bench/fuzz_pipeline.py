"""Fuzz the whole load path: generated and mutated files through reading, extraction, RDF
and a real embedded store, as `kazgraph load` runs them.

Every case must load, or be refused with a kazgraph error naming the file before anything
is written, within 2 s. Prints the outcome counts, the slowest cases by kind, the refusal
reasons, and how extraction time grows with input length (the exponent of a log-log fit
over 1x to 64x a digest; 1.0 is linear).

    .venv/bin/python bench/fuzz_pipeline.py --count 100000 --jobs 2
    .venv/bin/python bench/fuzz_pipeline.py --count 2000 --scale 0.1   # about a minute
"""
from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import fuzzing  # noqa: E402  (the case makers live beside the tests that use them)


def _part(args: tuple[int, int, int, float, float]) -> fuzzing.Report:
    """Run cases [start, stop) of the seeded sequence; every worker makes the same sequence
    and keeps its own share, so a run is the same whatever the number of workers."""
    seed, start, stop, scale, slow = args
    cases = fuzzing.make_cases(seed, stop, scale=scale)
    mine = (c for n, c in enumerate(cases) if n >= start)
    with tempfile.TemporaryDirectory(prefix="kazgraph-fuzz-") as tmp:
        return fuzzing.run(mine, Path(tmp), slow=slow)


def linearity(sizes=(1, 4, 16, 64)) -> list[tuple[int, float]]:
    """Extraction seconds for the sample digests repeated 1x..64x (best of three)."""
    from kazgraph.loaders import extract_text

    digest = "\n\n".join(fuzzing.samples())
    rows = []
    for k in sizes:
        text = "\n\n".join([digest] * k)[: 50_000 * k]
        best = math.inf
        for _ in range(3):
            started = time.perf_counter()
            extract_text(text, published="2024-05-01")
            best = min(best, time.perf_counter() - started)
        rows.append((len(text), best))
    return rows


def _slope(rows: list[tuple[int, float]]) -> float:
    xs = [math.log(n) for n, _ in rows]
    ys = [math.log(max(s, 1e-6)) for _, s in rows]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000, help="cases (default 100,000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=float, default=1.0,
                        help="share of the generated sizes (default 1.0: whole digests)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes")
    parser.add_argument("--slow", type=float, default=2.0, help="seconds a case may take")
    parser.add_argument("--no-linearity", action="store_true")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    bounds = [args.count * i // args.jobs for i in range(args.jobs + 1)]
    parts = [(args.seed, a, b, args.scale, args.slow) for a, b in zip(bounds, bounds[1:])]
    if args.jobs == 1:
        reports = [_part(parts[0])]
    else:
        with ProcessPoolExecutor(args.jobs) as pool:
            reports = list(pool.map(_part, parts))
    report = fuzzing.Report()
    for part in reports:
        report.update(part)
    wall = time.perf_counter() - started

    print(f"cases {sum(report.counts.values())}  wall {wall:.0f} s  jobs {args.jobs}  "
          f"scale {args.scale}")
    print("outcomes  " + "  ".join(f"{k} {v}" for k, v in sorted(report.counts.items())))
    print(f"slowest case {report.max_seconds:.2f} s (limit {args.slow} s)")
    print(f"{'kind':<10} {'cases':>7} {'loaded':>7} {'refused':>8} {'mean ms':>8}")
    for kind, c in sorted(report.by_kind.items()):
        n = sum(c.values())
        print(f"{kind:<10} {n:>7} {c['loaded']:>7} {c['refused']:>8} "
              f"{1000 * report.seconds[kind] / n:>8.1f}")
    print("slowest:", ", ".join(f"{s:.2f} s {k} ({b} bytes)" for s, k, b in report.slowest[:5]))
    print("refusals:")
    for reason, n in report.reasons.most_common(8):
        print(f"  {n:>6}  {reason}")
    if not args.no_linearity:
        rows = linearity()
        print("extraction time by length: " + ", ".join(f"{n} chars {s:.2f} s" for n, s in rows))
        print(f"log-log slope {_slope(rows):.2f} (1.00 is linear)")
    print(f"findings {len(report.findings)}")
    for f in report.findings[:20]:
        print("  " + f)
    return 1 if report.findings else 0


if __name__ == "__main__":
    sys.exit(main())
