"""Fuzzing the whole loader: random and mutated digest text never crashes extraction."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kazgraph.loaders import extract_text, to_dataset

DATA = Path(__file__).parent / "data"
SEEDS = [(DATA / n).read_text(encoding="utf-8")
         for n in ("digest_weekly.txt", "digest_review.txt", "digest_tca.txt")]
PIECES = ["published an article on", "reported", "Nov. 3", "Sept. 8-13", " date 2020-01-02 ",
          "READ MORE: https://x.example/a", "U.S.", "“", "”", "\n", "\n\n", ": ",
          "Photo credit:",
          "according to the", "by Dr. J. Smith", "writes", "Mr.", "2019", "mid-May", "—"]

# A few seconds in all: short random texts are cheap, whole mutated digests are not.
SETTINGS = settings(max_examples=150, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
FEW = settings(SETTINGS, max_examples=50)


def check(text: str, published: str | None) -> None:
    ex = extract_text(text, published=published)
    for sentence in ex.doc.sentences:
        assert ex.doc.text[sentence.span.start:sentence.span.end] == sentence.text
    for f in ex.facts:
        if f.span:
            assert 0 <= f.span.start <= f.span.end <= len(ex.doc.text)
    to_dataset(ex)


@SETTINGS
@given(st.text(max_size=400), st.sampled_from([None, "2020", "2020-02", "2020-02-29"]))
def test_random_text(text: str, published: str | None) -> None:
    check(text, published)


@FEW
@given(st.sampled_from(SEEDS), st.lists(st.tuples(st.integers(0, 3000), st.integers(0, 40),
                                                  st.sampled_from(PIECES)), max_size=6),
       st.sampled_from([None, "2021-03", "2019-12-07"]))
def test_mutated_digests(seed: str, edits: list, published: str | None) -> None:
    text = seed
    for at, cut, piece in edits:
        at %= len(text) + 1
        text = text[:at] + piece + text[at + cut:]
    check(text, published)
