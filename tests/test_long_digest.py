"""A long digest (one line of ~100 KB) goes through extraction without quadratic work.

Timing targets live in bench/bench_extract.py (--long); these tests count work instead.
"""
from __future__ import annotations

from hypothesis import given, strategies as st

from kazgraph.loaders import extract_text
from kazgraph.loaders.entities import gazetteer
from kazgraph.loaders.text.intervals import Intervals

SENTENCES = [
    "Norway and Chile signed a fisheries memorandum in Oslo on Oct. 3.",
    "The EU and the UN welcomed the deal, while the US and the UK asked for details.",
    "Foreign Minister Ines Valdivia met her counterpart Lars Ekholm in Santiago.",
    "Delegates of the OSCE and the CIS discussed river transit near Lyon.",
    "Valdivia said the talks had been frank, and Ekholm agreed.",
    "The Harbour Gazette reported that NATO observers were present.",
]


def long_line(size: int) -> str:
    """A digest of about `size` characters written as a single line."""
    words, n = [], 0
    while n < size:
        for sentence in SENTENCES:
            words.append(sentence)
            n += len(sentence) + 1
    return "WEEKLY REVIEW OF THE FOREIGN PRESS\n\n" + " ".join(words)


def test_each_line_is_judged_once_for_capitals(monkeypatch):
    calls = []

    def counting(line: str) -> bool:
        calls.append(len(line))
        return capitals(line)

    capitals = gazetteer._capitals
    monkeypatch.setattr(gazetteer, "_capitals", counting)
    text = long_line(100_000)
    ex = extract_text(text)
    # find_states and find_organizations each judge a line at most once
    assert len(calls) <= 2 * (text.count("\n") + 1)
    assert "state/NOR" in ex.entities and "org/european-union" in ex.entities


def test_acronyms_on_a_shouting_line_are_dropped_but_kept_elsewhere():
    text = "JOIN US AT THE FORUM TODAY\n\nThe US and Peru held talks in Lima on May 2."
    hits = [(h.surface, h.start) for h in gazetteer.find_states(text)]
    assert ("US", text.index("US", 10)) in hits
    assert ("US", text.index("US")) not in hits


ranges = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)).map(
    lambda p: (p[0], p[0] + p[1])), max_size=12)


@given(ranges, st.integers(0, 80), st.integers(1, 10))
def test_intervals_agree_with_checking_every_range(spans, start, length):
    end = start + length
    index = Intervals(spans)
    assert index.covers(start, end) == any(s <= start and end <= e for s, e in spans)
    assert index.overlaps(start, end) == any(s < end and start < e for s, e in spans)
    assert index.holds(start) == any(s <= start < e for s, e in spans)


def test_a_run_without_full_stops_is_cut_into_bounded_sentences():
    from kazgraph.loaders.text.sentences import MAX_SENTENCE, split_sentences

    words = ("Norway and Chile signed the agreement and Valdivia met Ekholm " * 400).strip()
    ex = extract_text(words)
    assert ex.doc.sentences and max(len(s.text) for s in ex.doc.sentences) <= MAX_SENTENCE
    for s in ex.doc.sentences:
        assert ex.doc.text[s.span.start:s.span.end] == s.text == s.text.strip()
    unbroken = "x" * (2 * MAX_SENTENCE + 10)
    assert split_sentences(unbroken) == [(0, MAX_SENTENCE), (MAX_SENTENCE, 2 * MAX_SENTENCE),
                                         (2 * MAX_SENTENCE, len(unbroken))]
