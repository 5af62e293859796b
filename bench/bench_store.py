"""Time the embedded store on a synthetic graph shaped like kazgraph's (~100k triples).

    .venv/bin/python bench/bench_store.py [--digests 400] [--keep DIR]

Each synthetic digest is one named graph with articles, people, states, events and
agreements linked the way the loaders link them. Prints load and query figures.
"""
from __future__ import annotations

import argparse
import io
import random
import tempfile
import time
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kazgraph.store.embedded import EmbeddedStore
from kazgraph.store.terms import quad_to_ox
from kazgraph.vocab import DEFAULT_BASE, KG

ID = DEFAULT_BASE
N_STATES, N_PEOPLE = 120, 800


def digest_triples(d: int, rng: random.Random) -> list[tuple]:
    """About 250 triples: 12 articles, 10 events, 4 agreements and their links."""
    out: list[tuple] = []
    add = out.append
    digest = URIRef(f"{ID}digest/{d}")
    add((digest, RDF.type, KG.Digest))
    for a in range(12):
        art = URIRef(f"{ID}article/{d}-{a}")
        add((art, RDF.type, KG.Article))
        add((art, KG.headline, Literal(f"Headline {d}-{a}")))
        add((art, KG.publishedBy, URIRef(f"{ID}outlet/{rng.randrange(60)}")))
        add((art, KG.publicationDate, Literal(f"2024-{1 + d % 12:02d}-{1 + a:02d}", datatype=XSD.date)))
    for e in range(10):
        ev = URIRef(f"{ID}event/{d}-{e}")
        add((ev, RDF.type, rng.choice([KG.Visit, KG.Summit, KG.Talks, KG.Meeting])))
        add((ev, RDFS.label, Literal(f"Event {d}-{e}")))
        add((ev, KG.startDate, Literal(f"2024-{1 + e:02d}-{1 + d % 28:02d}", datatype=XSD.date)))
        add((ev, KG.location, URIRef(f"{ID}place/{rng.randrange(200)}")))
        for _ in range(4):
            add((ev, KG.participant, URIRef(f"{ID}person/{rng.randrange(N_PEOPLE)}")))
            add((ev, KG.participant, URIRef(f"{ID}state/{rng.randrange(N_STATES)}")))
    for g in range(4):
        ag = URIRef(f"{ID}agreement/{d}-{g}")
        add((ag, RDF.type, KG.Agreement))
        add((ag, RDFS.label, Literal(f"Agreement {d}-{g}")))
        add((ag, KG.date, Literal(f"2024-{1 + g:02d}", datatype=XSD.gYearMonth)))
        for _ in range(2):
            add((ag, KG.party, URIRef(f"{ID}state/{rng.randrange(N_STATES)}")))
    for p in rng.sample(range(N_PEOPLE), 25):
        person = URIRef(f"{ID}person/{p}")
        add((person, RDF.type, KG.Leader))
        add((person, RDFS.label, Literal(f"Person {p}")))
        add((person, KG.represents, URIRef(f"{ID}state/{p % N_STATES}")))
        add((person, KG.role, Literal("Foreign Minister")))
    for s in rng.sample(range(N_STATES), 20):
        add((URIRef(f"{ID}state/{s}"), RDF.type, KG.State))
        add((URIRef(f"{ID}state/{s}"), RDFS.label, Literal(f"State {s}")))
    return out


QUERIES = {
    "count all": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "entities by class": "SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?c } GROUP BY ?c",
    "who met whom": """SELECT ?a ?b (COUNT(DISTINCT ?ev) AS ?n) WHERE {
        ?ev kg:participant ?a, ?b . ?a a kg:Leader . ?b a kg:Leader . FILTER(STR(?a) < STR(?b))
      } GROUP BY ?a ?b ORDER BY DESC(?n) LIMIT 20""",
    "one state's events (bound)": """SELECT ?ev ?date WHERE {
        ?ev kg:participant ?state ; kg:startDate ?date } ORDER BY ?date""",
    "label search": """SELECT ?e ?l WHERE { ?e rdfs:label ?l FILTER(CONTAINS(LCASE(?l), "person 7")) }""",
}


def timed(fn):
    t0 = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--digests", type=int, default=400, help="digests (~250 triples each)")
    parser.add_argument("--keep", help="build the store in this folder and keep it")
    args = parser.parse_args()
    rng = random.Random(7)
    graphs = {URIRef(f"{ID}digest/{d}"): digest_triples(d, rng) for d in range(args.digests)}
    total = sum(len(t) for t in graphs.values())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.keep or tmp) / "store"
        with EmbeddedStore(path) as store:
            quads = [quad_to_ox(s, p, o, g) for g, ts in graphs.items() for s, p, o in ts]
            _, t_bulk = timed(lambda: store.load_quads(quads, bulk=True))
            n = store.count()
            print(f"bulk load      {total} triples in {len(graphs)} graphs: {t_bulk:.2f} s "
                  f"({n / t_bulk:,.0f} quads/s; {n} distinct quads)")
            one = next(iter(graphs))
            _, t_rep = timed(lambda: store.replace_graph(one, graphs[one]))
            print(f"replace_graph  one digest ({len(graphs[one])} triples), atomic: {t_rep * 1000:.1f} ms")
            batch = dict(list(graphs.items())[:20])
            _, t_batch = timed(lambda: store.replace_graphs(batch))
            print(f"replace_graphs 20 digests ({sum(map(len, batch.values()))} triples): {t_batch:.2f} s")
            for name, sparql in QUERIES.items():
                bindings = {"state": URIRef(f"{ID}state/3")} if "bound" in name else None
                res, t = timed(lambda: store.query(sparql, bindings=bindings, max_rows=10_000))
                print(f"query          {name:<28} {t * 1000:8.1f} ms  ({len(res.rows)} rows)")
            buf = io.BytesIO()
            written, t_exp = timed(lambda: store.export(buf, format="ttl"))
            print(f"export ttl     {written} triples: {t_exp:.2f} s ({len(buf.getvalue()) / 1e6:.1f} MB)")
        sizes = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
        print(f"on disk        {sizes / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
