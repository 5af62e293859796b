"""Broken and hostile inputs for the whole load path, and a runner that times each one.

Each case is a file (bytes, a suffix and a publication date) that goes through what
`kazgraph load` does with it: reading, extraction, RDF and a real embedded store. A case
may load or be refused with a kazgraph error that names the file; anything else (another
exception, or more than `slow` seconds) is a finding. `tests/test_fuzz_pipeline.py` runs
2,000 cases, `bench/fuzz_pipeline.py` as many as asked (100,000 for the record).

The mutated digests start from the files in `data/samples`, read when the cases are made.
"""
from __future__ import annotations

import math
import random
import shutil
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
TESTS = Path(__file__).parent / "data"

# Bits of digest text that steer the rules: outlets, dates, titles, quotes, credits.
PIECES = ["published an article on", "reported", "Nov. 3", "Sept. 8-13", " date 2020-01-02 ",
          "READ MORE: https://x.example/a", "U.S.", "“", "”", "\n", "\n\n", ": ", "Photo credit:",
          "according to the", "by Dr. J. Smith", "writes", "Mr.", "2019", "mid-May", "—",
          "President ", "Foreign Minister ", "signed a memorandum", "visited", "summit in ",
          "the Middle Corridor", "$2 billion", "on Tuesday", "&amp;", "<b>", "</p>", "\u200b",
          "\u202e", "\ufeff", "e\u0301", "👍", "\t", "\r\n", "\\", "\"", "'", "#", "<script>",
          "]]>", "Kazakhstan and ", "The Harbour Gazette", "Astana", "EU", "CIS", "(", ")"]
PUBLISHED = [None] * 8 + ["2020", "2021-03", "2019-12-07", "2024-02-29", "1999"] * 3 + [
    "2024-13-45", "tomorrow"]


@dataclass
class Case:
    """One input file: its kind (what made it), bytes, suffix and --published value."""

    kind: str
    data: bytes
    suffix: str = ".txt"
    published: str | None = None


@dataclass
class Report:
    """What a run found: outcomes by kind, the slowest cases and every finding."""

    counts: Counter = field(default_factory=Counter)
    by_kind: dict[str, Counter] = field(default_factory=dict)
    seconds: Counter = field(default_factory=Counter)   # time spent, by kind
    reasons: Counter = field(default_factory=Counter)   # why inputs were refused
    slowest: list[tuple[float, str, int]] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)

    def add(self, case: Case, outcome: str, seconds: float, size: int) -> None:
        """Count one case's outcome ("loaded", "refused", "crash", "slow")."""
        self.counts[outcome] += 1
        self.by_kind.setdefault(case.kind, Counter())[outcome] += 1
        self.seconds[case.kind] += seconds
        self.slowest = sorted([*self.slowest, (seconds, case.kind, size)], reverse=True)[:10]

    def update(self, other: "Report") -> None:
        """Add another run's counts, slowest cases and findings to this one."""
        self.counts.update(other.counts)
        for kind, outcomes in other.by_kind.items():
            self.by_kind.setdefault(kind, Counter()).update(outcomes)
        self.seconds.update(other.seconds)
        self.reasons.update(other.reasons)
        self.slowest = sorted(self.slowest + other.slowest, reverse=True)[:10]
        self.findings += other.findings

    @property
    def max_seconds(self) -> float:
        """The longest time one case took."""
        return self.slowest[0][0] if self.slowest else 0.0


def samples() -> list[str]:
    """The sample digests and the invented test digests, as text."""
    files = sorted(SAMPLES.glob("*.txt")) + sorted(TESTS.glob("digest_*.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


def _unicode(rng: random.Random, n: int) -> str:
    """`n` code points from everywhere: controls, scripts, marks, emoji, private use."""
    ranges = [(0, 0x7F), (0x80, 0x2FF), (0x300, 0x36F), (0x400, 0x4FF), (0x590, 0x6FF),
              (0x2000, 0x206F), (0x3000, 0x30FF), (0x4E00, 0x9FFF), (0xE000, 0xF8FF),
              (0xFFF0, 0xFFFF), (0x1F300, 0x1F6FF), (0x10000, 0x10FFFF)]
    if rng.random() < 0.2:
        ranges.append((0xD800, 0xDFFF))
    out = []
    for _ in range(n):
        lo, hi = rng.choice(ranges)
        cp = rng.randint(lo, hi)
        out.append(chr(cp))  # lone surrogates too: written as bytes that are not UTF-8
    return "".join(out)


def _size(rng: random.Random, top: int) -> int:
    """A length spread evenly over orders of magnitude up to `top`."""
    return int(10 ** rng.uniform(0, math.log10(top)))


def _mutate(rng: random.Random, text: str, edits: int) -> str:
    """The text with `edits` insertions, cuts, repeats and swaps of lines."""
    for _ in range(edits):
        at = rng.randint(0, len(text))
        op = rng.random()
        if op < 0.45:
            text = text[:at] + rng.choice(PIECES) + text[at:]
        elif op < 0.65:
            text = text[:at] + text[at + rng.randint(1, 200):]
        elif op < 0.8:
            end = min(len(text), at + rng.randint(1, 400))
            text = text[:end] + text[at:end] * rng.randint(1, 5) + text[end:]
        else:
            lines = text.split("\n")
            if rng.random() < 0.3:
                rng.shuffle(lines)
            else:
                lines.reverse()
            text = "\n".join(lines)
    return text


def _flip_bytes(rng: random.Random, data: bytes, flips: int, *, ascii_only: bool = False) -> bytes:
    buf = bytearray(data)
    for _ in range(flips):
        if buf:
            buf[rng.randrange(len(buf))] = rng.randrange(1, 128 if ascii_only else 256)
    return bytes(buf)


def _html(rng: random.Random, text: str) -> str:
    """The text as a web page: paragraphs, stray and broken tags, scripts, metadata."""
    noise = ["<script>alert(1)</script>", "<style>p{}</style>", "<!-- c -->", "<div", "</div>",
             "<p class='x' onclick=\"alert(1)\">", "<img src=x onerror=alert(1)>", "&nbsp;",
             "&#0;", "&#x110000;", "&unknown;", "<![CDATA[x]]>", "<iframe src=//x>", "<table><tr><td>"]
    paras = [f"<p>{escape(p) if rng.random() < 0.8 else p}</p>" for p in text.split("\n\n")]
    for _ in range(rng.randint(0, 20)):
        paras.insert(rng.randint(0, len(paras)), rng.choice(noise))
    meta = rng.choice(["", '<meta property="article:published_time" content="2024-05-03">',
                       '<meta name="date" content="31/31/31">', "<title>" + "T" * 5000 + "</title>"])
    head = rng.choice(["<!doctype html><html><head>", "<html><head>", "<div>", ""])
    return f"{head}{meta}</head><body><article>{''.join(paras)}</article></body></html>"


def _feed(rng: random.Random, texts: list[str]) -> str:
    """The texts as entries of an RSS or Atom feed, some with markup, some broken."""
    def body(t: str) -> str:
        return f"<![CDATA[<p>{t}</p>]]>" if rng.random() < 0.3 else escape(t)
    dates = ["Mon, 06 May 2024 10:00:00 GMT", "2024-05-06T10:00:00Z", "yesterday", "", "Feb 30 2023"]
    if rng.random() < 0.5:
        items = "".join(f"<item><title>{escape(t[:60])}</title><pubDate>{rng.choice(dates)}</pubDate>"
                        f"<description>{body(t)}</description><link>https://x.example/{n}</link></item>"
                        for n, t in enumerate(texts))
        doc = f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>{items}</channel></rss>'
    else:
        items = "".join(f"<entry><title>{escape(t[:60])}</title><updated>{rng.choice(dates)}</updated>"
                        f"<content type=\"html\">{body(t)}</content></entry>" for t in texts)
        doc = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>N</title>{items}</feed>'
    if rng.random() < 0.15:  # an entity bomb: a parser that expands it runs out of memory
        bomb = ('<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">' + "".join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)) + "]>")
        doc = doc.replace("<rss", bomb + "<rss", 1).replace("<title>News", "<title>&i;News", 1)
    if rng.random() < 0.2:
        doc = doc[: rng.randint(0, len(doc))]  # cut off mid-way
    return doc


def make_cases(seed: int, count: int, *, scale: float = 1.0,
               texts: list[str] | None = None) -> Iterator[Case]:
    """`count` cases, the same for the same seed, cycling through every kind.

    `scale` shrinks the generated sizes (and cuts the digests to a window of that share),
    for a quick run; the fixed cases (1 MB lines, long repetitions) keep their size.
    """
    rng = random.Random(seed)
    texts = texts if texts is not None else samples()

    def text() -> str:
        whole = rng.choice(texts)
        if scale >= 1:
            return whole
        width = max(200, int(len(whole) * scale))
        start = rng.randint(0, max(0, len(whole) - width))
        return whole[start:start + width]

    def size(top: int) -> int:
        return _size(rng, max(10, int(top * scale)))

    def pub() -> str | None:
        return rng.choice(PUBLISHED)

    makers: list[tuple[str, Callable[[], Case]]] = [
        ("unicode", lambda: Case("unicode", _unicode(rng, size(40_000)).encode(
            "utf-8", "surrogatepass"), rng.choice([".txt", ""]), pub())),
        ("words", lambda: Case("words", " ".join(rng.choice(text().split())
                                                 for _ in range(size(8_000))).encode(), ".txt", pub())),
        ("mutated", lambda: Case("mutated", _mutate(rng, text(), rng.randint(1, 30)).encode(),
                                 rng.choice([".txt", ".text", ""]), pub())),
        ("spliced", lambda: Case("spliced", "\n".join(
            rng.choice(text().split("\n")) for _ in range(size(120))).encode(), ".txt", pub())),
        ("bytes", lambda: Case("bytes", _flip_bytes(rng, text().encode(), rng.randint(1, 40),
                                                    ascii_only=rng.random() < 0.5), ".txt", pub())),
        ("nul", lambda: Case("nul", _insert_nul(rng, text().encode()), ".txt", pub())),
        ("encoding", lambda: Case("encoding", text().encode(rng.choice(
            ["utf-16", "utf-32", "latin-1", "cp1251", "utf-8-sig"]), "replace"), ".txt", pub())),
        ("binary", lambda: Case("binary", rng.randbytes(size(100_000)), rng.choice([".txt", ".html", ".xml"]))),
        ("html", lambda: Case("html", _html(rng, _mutate(rng, text(), rng.randint(0, 10))).encode(),
                              rng.choice([".html", ".htm", ".txt"]), pub())),
        ("feed", lambda: Case("feed", _feed(rng, [_mutate(rng, text(), rng.randint(0, 5))
                                                  for _ in range(rng.randint(0, 4))]).encode(),
                              rng.choice([".xml", ".rss", ".atom", ".txt"]), pub())),
        ("repeat", lambda: Case("repeat", (rng.choice(PIECES + ["Kazakhstan and ", "a", "On May 3, "])
                                           * size(10_000)).encode(), ".txt", pub())),
        ("long-line", lambda: Case("long-line", _long_line(rng, text(), scale).encode(), ".txt", pub())),
    ]
    fixed = [Case("repeat", ("Kazakhstan and " * 10_000).encode()),
             Case("repeat", ("Kazakhstan and " * 3_000).encode()),  # under the length cap
             Case("long-line", ("x" * 1_000_000).encode()),
             Case("long-line", " ".join(texts).replace("\n", " ").encode() * 4),
             Case("empty", b""), Case("empty", b"\n\n   \n"),
             Case("html", b"<html>" * 100_000, ".html"),
             Case("feed", b'<?xml version="1.0"?><rss><channel></channel></rss>', ".xml")]
    for n in range(count):
        if n < len(fixed):
            yield fixed[n]
        else:
            yield makers[n % len(makers)][1]()


def _reason(message: str, path: str) -> str:
    """An error message without the file's path and numbers, to count refusals by cause."""
    import re

    return re.sub(r"\d+", "N", message.replace(path, "FILE"))[:90]


def _insert_nul(rng: random.Random, data: bytes) -> bytes:
    at = rng.randint(0, len(data))
    return data[:at] + b"\x00" * rng.randint(1, 3) + data[at:]


def _long_line(rng: random.Random, text: str, scale: float = 1.0) -> str:
    """One line of about 1 MB, or just under the length cap, of digest words."""
    words = text.split() or ["word"]
    target = rng.choice([1_000_000, int(45_000 * scale), int(20_000 * scale)])
    mean = sum(map(len, words)) / len(words) + 1
    line = " ".join(rng.choices(words, k=int(target / mean) + 1))
    return line[:target]


def _warm_up(folder: Path) -> None:
    """Read one page and one feed first, so their parsers' imports are not timed as a case."""
    from kazgraph.loaders.reading.sources import read_file

    page, feed = folder / "warm.html", folder / "warm.xml"
    page.write_text('<html><head><meta name="date" content="31/31/31"></head><body><p>'
                    + "Ports and trade news of the week. " * 5 + "</p></body></html>")
    feed.write_text('<?xml version="1.0"?><rss><channel><item><description>Ports and trade '
                    "news of the week.</description></item></channel></rss>")
    for path in (page, feed):
        list(read_file(path))
        path.unlink()


def run(cases: Iterator[Case], folder: Path, *, slow: float = 2.0, fresh_every: int = 500,
        progress: Callable[[int, Report], None] | None = None) -> Report:
    """Load each case as `kazgraph load` would, into an embedded store under `folder`.

    The store starts afresh every `fresh_every` cases so it stays small. Every exception
    that is not a kazgraph error naming the file, every refusal after part of the file
    was written, and every case slower than `slow` seconds, is a finding.
    """
    from kazgraph.store.embedded import EmbeddedStore

    _warm_up(folder)
    report = Report()
    store = None
    for n, case in enumerate(cases):
        if n % fresh_every == 0:
            if store is not None:
                store.close()
            shutil.rmtree(folder / "store", ignore_errors=True)
            store = EmbeddedStore(folder / "store")
        path = folder / f"case-{n}{case.suffix}"
        path.write_bytes(case.data)
        started = time.perf_counter()
        outcome = _load_one(store, path, case, report, n)
        seconds = time.perf_counter() - started
        if seconds > slow and outcome != "crash":
            outcome = "slow"
            report.findings.append(f"case {n} ({case.kind}, {len(case.data)} bytes): {seconds:.2f} s")
        report.add(case, outcome, seconds, len(case.data))
        path.unlink()
        if progress is not None:
            progress(n + 1, report)
    if store is not None:
        store.close()
    return report


def _load_one(store, path: Path, case: Case, report: Report, n: int) -> str:
    """Load one case's file as `kazgraph load` does; its outcome, findings added to `report`.

    The whole file is extracted before the store sees any of it, so a refused file
    cannot have left part of itself behind.
    """
    from kazgraph.errors import Error
    from kazgraph.pipeline import extract_digests
    from kazgraph.vocab import DEFAULT_BASE

    try:
        digests = extract_digests(path, case.published, DEFAULT_BASE)
        store.write_graphs((d.graph, d.ntriples) for d in digests)
    except Error as err:
        report.reasons[_reason(str(err), str(path))] += 1
        if path.name not in str(err):
            report.findings.append(f"case {n} ({case.kind}): error without the file name: {err}")
            return "crash"
        return "refused"
    except Exception:  # noqa: BLE001 - the finding this runner exists for
        report.findings.append(f"case {n} ({case.kind}, {len(case.data)} bytes, "
                               f"{case.suffix}):\n{traceback.format_exc(limit=6)}")
        return "crash"
    return "loaded"
