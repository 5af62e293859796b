"""Digest-shaped RDF at any size, grown from what kazgraph extracts from real digests.

The sample digests in data/samples are extracted once; their graphs are then copied as
many times as needed. In each copy the IRIs minted per digest (digests, articles, events,
agreements, evidence, amounts, corridors, runs) get a copy number, while the shared
reference entities (states, organisations, people, offices, outlets, places) stay the
same, so a large store looks like years of digests about the same actors: labels and
types repeated in every graph, events and evidence new in each.

    .venv/bin/python bench/corpus.py --triples 1000000 --out var/bench/1m.nq
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
ID = "https://w3id.org/kazgraph/id/"
PER_DIGEST = ("digest", "article", "event", "agreement", "evidence", "amount", "corridor", "run")
_MINTED = re.compile("<" + re.escape(ID) + "(" + "|".join(PER_DIGEST) + r")/([^>]*)>")


def sample_quads() -> list[str]:
    """The N-Quads lines of the sample digests' graphs, as `kazgraph extract` writes them."""
    from kazgraph.loaders import extract_file, to_dataset
    from kazgraph.store.terms import quad_to_ox

    quads = []
    for ex in extract_file(SAMPLES):
        for s, p, o, g in to_dataset(ex).quads((None, None, None, None)):
            name = getattr(g, "identifier", g)
            quads.append(quad_to_ox(s, p, o, name))
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode().splitlines()


def copies(lines: list[str], quads: int):
    """N-Quads lines, copy after copy of `lines` with per-digest IRIs renumbered, `quads` in all."""
    written, copy = 0, 0
    while True:
        suffix = f"-c{copy}"
        for line in lines:
            if written >= quads:
                return
            yield _MINTED.sub(lambda m: f"<{ID}{m[1]}/{m[2]}{suffix}>", line)
            written += 1
        copy += 1


def write(path: Path, quads: int, *, triples: bool = False) -> int:
    """Write `quads` digest-shaped quads (or, triples=True, N-Triples without graph names)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = sample_quads()
    if triples:  # the same statements without their graph names
        lines = ox.serialize((ox.Triple(q.subject, q.predicate, q.object)
                              for q in ox.parse("\n".join(lines), format=ox.RdfFormat.N_QUADS)),
                             format=ox.RdfFormat.N_TRIPLES).decode().splitlines()
    seen = 0
    with path.open("w", encoding="utf-8") as out:
        for line in copies(lines, quads):
            out.write(line + "\n")
            seen += 1
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="statements to write")
    parser.add_argument("--out", type=Path, required=True, help=".nq (named graphs) or .nt file")
    args = parser.parse_args()
    n = write(args.out, args.triples, triples=args.out.suffix == ".nt")
    print(f"wrote {n} statements to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
