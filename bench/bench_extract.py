"""Extraction throughput on synthetic digests (one core).

    .venv/bin/python bench/bench_extract.py --count 2000 [--write DIR]

Generates varied digests from templates (random outlets, states, people, dates and
phrasings), runs the whole extraction pipeline over each, and prints digests/s and
words/s. `--check` also verifies that every generated item's outlet and date are found.

    .venv/bin/python bench/bench_extract.py --long 200000

times one digest of about that many characters instead, written once as a single line and
once as paragraphs (the loader accepts digests up to 5 MB; a long line once took minutes).
"""
from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import pycountry

from kazgraph.loaders import extract_raw
from kazgraph.loaders.reading import segment
from kazgraph.loaders.reading.sources import RawDigest

OUTLETS = ["Al Jazeera", "Yonhap", "Kyodo News", "Dawn", "The Straits Times", "Bangkok Post",
           "Harbour Gazette", "Baltic Ledger", "Andes Tribune", "Nordic Pulse", "Lagos Weekly",
           "The Fjord Post", "Deutsche Welle", "Politico", "Caspian News", "Asia Times"]
FIRST = ["Ana", "Peter", "Maria", "Jonas", "Leila", "Tomas", "Aiko", "Omar", "Sofia", "Ivan"]
LAST = ["Ribeiro", "Ivanov", "Lopez", "Berg", "Haddad", "Novak", "Tanaka", "Farouk", "Costa"]
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
          "Nov.", "Dec."]
LEADS = [
    "{o} published an article on {d} about {topic}.",
    "{o} released an article on {d} covering {topic}.",
    "{topic_cap} is on the agenda, {o} reported on {d}.",
    "{topic_cap} is on the agenda, reported {o} on {d}.",
    "According to an article published in {o} on {d}, {topic} is on the agenda.",
    "{title} {person} writes in an opinion article for {o} on {d} about {topic}.",
    "{o}, a leading {adj} outlet, published an article on {d} by {person} about {topic}.",
    "{o}’s {d} article highlights {topic}.",
    "The article, published in {o} on {d}, says {topic} is on the agenda.",
    "{o} ran a story on {d} about {topic}.",
    "In an article for {o} on {d}, {person} argues that {topic} matters.",
]
TOPICS = ["trade between {a} and {b}", "a new railway linking {a} and {b}",
          "talks between the foreign ministers of {a} and {b}", "energy cooperation with {a}",
          "the upcoming summit of {a} and {b}", "investment from {a} in {b}"]
FILLER = ["The two sides discussed transport, energy and digital cooperation.",
          "Officials said the project would be completed within three years.",
          "“We are ready to deepen our partnership,” the minister said.",
          "Trade between the two countries grew by 12 percent last year.",
          "The article notes that the region is becoming a hub for logistics."]
# Sentences with acronyms of states and bodies, for the long digest: each acronym makes the
# gazetteer look at the line it stands on.
ACRONYMS = ["The EU and the UN backed the plan, while the US and the UK stayed silent.",
            "Delegates from the SCO, the CIS and the OSCE met in {a} to discuss transit.",
            "NATO and CSTO observers, the article says, watched the drills near {b}.",
            "A UAE fund and the IMF will finance the new corridor through {a}."]


def state_names() -> list[str]:
    """Short country names from pycountry, the states the generated digests speak of."""
    return sorted(getattr(c, "common_name", c.name) for c in pycountry.countries
                  if len(c.name) < 16 and "," not in c.name)


def digest(rng: random.Random, states: list[str]) -> tuple[RawDigest, list[tuple[str, str]]]:
    """One synthetic digest and the (outlet, ISO date) of each of its items."""
    year, month = rng.randint(2015, 2025), rng.randint(2, 12)
    lines = [f" date {year}-{month:02d}-28 CITY – The Herald has selected articles from "
             f"global media outlets covering {rng.choice(states)}. This week’s digest covers "
             "trade, transport and more.", ""]
    expected = []
    for _ in range(rng.randint(2, 7)):
        a, b = rng.sample(states, 2)
        topic = rng.choice(TOPICS).format(a=a, b=b)
        outlet, day = rng.choice(OUTLETS), rng.randint(1, 27)
        lines.append(f"{a} and {b} {rng.choice(['expand', 'discuss', 'boost'])} "
                     f"{rng.choice(['trade', 'ties', 'transport links', 'energy projects'])}")
        lines.append(rng.choice(LEADS).format(
            o=outlet, d=f"{MONTHS[month - 1]} {day}", topic=topic,
            topic_cap=topic[0].upper() + topic[1:], title=rng.choice(["Minister", "Dr."]),
            person=f"{rng.choice(FIRST)} {rng.choice(LAST)}", adj=rng.choice(["Asian", "news"])))
        lines += rng.sample(FILLER, rng.randint(1, 3))
        lines.append("")
        expected.append((outlet, f"{year}-{month:02d}-{day:02d}"))
    return RawDigest(text="\n".join(lines), source="bench.txt"), expected


def long_digest(rng: random.Random, states: list[str], size: int, *, one_line: bool) -> RawDigest:
    """One digest of about `size` characters: many generated items, optionally on one line."""
    head, parts = "", []
    while sum(map(len, parts)) < size:
        raw, _ = digest(rng, states)
        head, body = raw.text.split("\n", 1)
        a, b = rng.sample(states, 2)
        parts.append(body + " ".join(s.format(a=a, b=b) for s in rng.sample(ACRONYMS, 2)))
    body = " ".join(" ".join(p.split()) for p in parts) if one_line else "\n\n".join(parts)
    return RawDigest(text=f"{head}\n\n{body}", source="long.txt")


def time_long(rng: random.Random, states: list[str], size: int) -> None:
    """Print the time to extract one long digest, as one line and as paragraphs."""
    for one_line in (True, False):
        raw = long_digest(rng, states, size, one_line=one_line)
        start = time.perf_counter()
        extract_raw(raw)
        shape = "one line" if one_line else "paragraphs"
        print(f"{len(raw.text)} characters ({shape}): {time.perf_counter() - start:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--check", action="store_true", help="also score outlets and dates")
    parser.add_argument("--structure-only", action="store_true",
                        help="time only segment.parse (items, outlets, dates, sentences)")
    parser.add_argument("--write", type=Path, metavar="DIR",
                        help="write the generated digests as .txt files into DIR and stop")
    parser.add_argument("--long", type=int, metavar="CHARS",
                        help="time one digest of about CHARS characters instead")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    states = state_names()
    if args.long:
        extract_raw(RawDigest(text="Warm-up: load the gazetteers.", source="warm.txt"))
        time_long(rng, states, args.long)
        return
    digests = [digest(rng, states) for _ in range(args.count)]
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        for n, (raw, _) in enumerate(digests):
            (args.write / f"digest-{n:06d}.txt").write_text(raw.text, encoding="utf-8")
        print(f"wrote {len(digests)} digests to {args.write}")
        return
    words = sum(len(raw.text.split()) for raw, _ in digests)
    good = total = 0
    start = time.perf_counter()
    for raw, expected in digests:
        doc = segment.parse(raw) if args.structure_only else extract_raw(raw).doc
        if args.check:
            found = [(i.outlet, i.published) for i in doc.items if i.outlet]
            total += len(expected)
            good += sum(1 for want in expected if want in found)
    seconds = time.perf_counter() - start
    print(f"{args.count} digests, {words} words in {seconds:.1f} s: "
          f"{args.count / seconds:.1f} digests/s, {words / seconds:.0f} words/s")
    if args.check:
        print(f"items with the right outlet and date: {good}/{total} ({good / total:.1%})")


if __name__ == "__main__":
    main()
