"""Broken and hostile files through reading, extraction, RDF and a real store: each one
loads or is refused with an error naming it, none stalls (each under 5 s, with room for a
busy machine: the slowest of these small inputs takes about 1 s), and extraction stays linear.

The full run (100,000 inputs, whole-size digests) is `bench/fuzz_pipeline.py`.
"""
from __future__ import annotations

import time

import fuzzing

from kazgraph.loaders import extract_text


def test_two_thousand_inputs_load_or_are_refused_clearly(tmp_path):
    report = fuzzing.run(fuzzing.make_cases(12, 2000, scale=0.1), tmp_path, slow=5.0)
    assert not report.findings, "\n".join(report.findings[:5])
    assert sum(report.counts.values()) == 2000
    # Both paths are exercised, and every kind of input was made.
    assert report.counts["loaded"] > 500 and report.counts["refused"] > 500
    assert len(report.by_kind) >= 12


def test_same_seed_same_cases():
    first = [c.data for c in fuzzing.make_cases(5, 40, scale=0.1)]
    assert first == [c.data for c in fuzzing.make_cases(5, 40, scale=0.1)]


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):  # the least of three: the machine is shared
        started = time.perf_counter()
        extract_text(text, published="2024-05-01")
        best = min(best, time.perf_counter() - started)
    return best


def test_extraction_time_grows_linearly_with_length():
    # A quadratic step would make four times the text take sixteen times as long; the
    # bound (eight) leaves room for a noisy machine. bench/fuzz_pipeline.py --linearity
    # measures the exponent over 1 KB to 1 MB.
    digest = "\n\n".join(fuzzing.samples())
    salad = " ".join(digest.split())  # one paragraph, few full stops once cut
    for text in (digest, salad, "Kazakhstan and " * 1000):
        small, large = text[:8_000], (text * 5)[:32_000]
        assert _seconds(large) < 8 * max(_seconds(small), 0.01), text[:40]
