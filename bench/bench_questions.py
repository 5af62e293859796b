"""Time every canned question (queries/*.rq) on a large digest-shaped store.

    .venv/bin/python bench/bench_questions.py --store var/bench/1m-store
    .venv/bin/python bench/bench_questions.py --triples 200000      # builds a store first
    .venv/bin/python bench/bench_questions.py --store DIR --only who-met-whom --repeat 3

Each question runs as its HTML page runs it: the parameters bound as typed terms in a
VALUES block (never written into the text), one page of rows (LIMIT PAGE_SIZE + 1). A
question runs once with its defaults (when every parameter has one) and once with a
typical value for each entity parameter: the most-linked entity of the parameter's
classes other than the default, found in the store. Prints p50 and p90 over the
repeats, and the rows of the page.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kazgraph.queries import Param, Question, QuestionError, questions, with_page, with_values  # noqa: E402
from kazgraph.server.answers import PAGE_SIZE  # noqa: E402
from kazgraph.store.embedded import EmbeddedStore  # noqa: E402
from kazgraph.vocab import DEFAULT_BASE  # noqa: E402


def build(triples: int, folder: Path) -> Path:
    """A store of `triples` digest-shaped statements made by bench/corpus.py."""
    import corpus
    from rdflib import URIRef

    nq = folder / "corpus.nq"
    corpus.write(nq, triples)
    store = EmbeddedStore(folder / "store")
    store.load_file(nq, URIRef(DEFAULT_BASE + "graph/bench"))
    store.close()
    return folder / "store"


def most_linked(store: EmbeddedStore, p: Param, relation: str | None = None) -> str | None:
    """The entity of p's classes that the most statements point at, other than p's default.

    A parameter without classes takes the entity most facts (of `relation`, when given)
    are recorded about.
    """
    if p.classes:
        types = " ".join(f"<{c}>" for c in p.class_iris())
        where = f"VALUES ?class {{ {types} }} ?e a ?class . ?x ?link ?e ."
    else:
        where = "?x rdf:subject ?e ." + (f" ?x rdf:predicate <{relation}> ." if relation else "")
    default = p.to_term(p.default) if p.default else None
    skip = f"FILTER(?e != <{default}>)" if default is not None else ""
    rows = store.query(f"SELECT ?e WHERE {{ {where} {skip} }} GROUP BY ?e "
                       "ORDER BY DESC(COUNT(?x)) ?e LIMIT 1").rows
    return str(rows[0][0]) if rows else None


def runs(store: EmbeddedStore, q: Question) -> list[tuple[str, dict]]:
    """(label, values) of the runs of one question: its defaults, then typical entities."""
    out = []
    if all(p.default is not None for p in q.params):
        out.append(("defaults", {}))
    relation = next((str(p.to_term(p.default)) for p in q.params if p.type == "property" and p.default), None)
    typical = {p.name: most_linked(store, p, relation) for p in q.params if p.type == "entity"}
    if typical and all(typical.values()):
        label = " ".join(v.removeprefix(DEFAULT_BASE) for v in typical.values())
        out.append((label, typical))
    return out


def time_run(store: EmbeddedStore, q: Question, values: dict, repeat: int) -> tuple[list[float], int]:
    """Milliseconds of each repeat, and the rows of the page."""
    sparql = with_page(with_values(q.sparql, q.bindings(values)), PAGE_SIZE + 1)
    times, rows = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        rows = len(store.query(sparql).rows)
        times.append((time.perf_counter() - started) * 1000)
    return times, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="an existing store folder (else one is built)")
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of a built store")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--only", nargs="*", help="question names to run")
    args = parser.parse_args()
    tmp = None
    path = args.store
    if path is None:
        tmp = tempfile.TemporaryDirectory(prefix="kazgraph-bench-")
        path = build(args.triples, Path(tmp.name))
    store = EmbeddedStore(path, read_only=True)
    print(f"{'question':<22} {'values':<34} {'p50 ms':>8} {'p90 ms':>8} {'rows':>5}")
    for name, q in questions().items():
        if args.only and name not in args.only:
            continue
        for label, values in runs(store, q):
            try:
                times, rows = time_run(store, q, values, args.repeat)
            except QuestionError as err:
                print(f"{name:<22} {label:<34} {err}")
                continue
            p90 = statistics.quantiles(times, n=10)[-1] if len(times) > 1 else times[0]
            print(f"{name:<22} {label[:34]:<34} {statistics.median(times):8.1f} {p90:8.1f} {rows:5d}",
                  flush=True)
    store.close()
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
