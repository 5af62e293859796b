"""Many new graphs at once (`write_graphs`): batches written while the next is gathered.

A load of many digests hands each batch of new graphs to the bulk loader in a thread of
its own. What a reader of the store must still see: every graph whole, the kept union
equal to the named graphs, a refused batch named in a StoreError with none of it added,
and a stream that breaks part-way leaving the batches before it whole.
"""
from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

import kazgraph.store.embedded as embedded
from kazgraph.errors import StoreError
from kazgraph.store.terms import to_ox

EX = "http://example.org/"


def ntriples(graph: int, n: int = 10) -> bytes:
    """One graph's statements as N-Triples text, as a digest's extraction hands them over."""
    lines = [f"{to_ox(URIRef(f'{EX}s{graph}-{i}'))} {to_ox(RDFS.label)} "
             f"{to_ox(Literal(f'item {graph} {i}'))} .\n" for i in range(n)]
    shared = f"{to_ox(URIRef(EX + 'kz'))} {to_ox(RDFS.label)} {to_ox(Literal('Kazland'))} .\n"
    return ("".join(lines) + shared).encode()


def graph(n: int) -> URIRef:
    return URIRef(f"{EX}g{n}")


def union_size(store) -> int:
    """Statements of the default graph, the kept union of the named graphs."""
    return int(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0])


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of about three graphs, so a few graphs make several batches."""
    monkeypatch.setattr(embedded, "BULK_BATCH", 60)


def test_graphs_over_several_batches_are_all_whole(store, small_batches):
    written = store.write_graphs((graph(n), ntriples(n)) for n in range(20))
    assert written == 20 * 11
    assert len(store.graphs()) == 20
    assert all(store.count(graph(n)) == 11 for n in range(20))
    # the kept union holds each statement once, the shared one included
    assert store.count() == 20 * 11 and union_size(store) == 20 * 10 + 1


def test_batches_give_the_store_one_batch_gives(tmp_path, monkeypatch):
    quads = []
    for batch in (60, 10**9):
        monkeypatch.setattr(embedded, "BULK_BATCH", batch)
        with embedded.EmbeddedStore(tmp_path / str(batch)) as st:
            st.write_graphs((graph(n), ntriples(n)) for n in range(12))
            quads.append(sorted(map(str, st.ox.quads_for_pattern(None, None, None, None))))
    assert quads[0] == quads[1]


def test_refused_batch_is_named_and_none_of_it_added(store, small_batches):
    bad = b"<http://example.org/s> <http://example.org/p> .\n"  # no object: not N-Triples

    def stream():
        for n in range(6):
            yield graph(n), ntriples(n)
        yield graph(99), bad  # its batch is refused
        for n in range(6, 9):
            yield graph(n), ntriples(n)

    with pytest.raises(StoreError, match="refused a batch of new graphs"):
        store.write_graphs(stream())
    kept = set(store.graphs())
    assert graph(99) not in kept and set(map(graph, range(6))) <= kept
    assert all(store.count(g) == 11 for g in kept)
    assert union_size(store) == 10 * len(kept) + 1


def test_stream_breaking_part_way_leaves_whole_batches(store, small_batches):
    def stream():
        for n in range(10):
            yield graph(n), ntriples(n)
        raise RuntimeError("the source went away")

    with pytest.raises(RuntimeError, match="went away"):
        store.write_graphs(stream())
    kept = store.graphs()
    assert kept and all(store.count(g) == 11 for g in kept)
    assert union_size(store) == 10 * len(kept) + 1
    # running the load again finishes it
    store.write_graphs((graph(n), ntriples(n)) for n in range(10))
    assert len(store.graphs()) == 10 and union_size(store) == 101


def test_replaced_graph_between_batches_keeps_the_union_whole(store, small_batches):
    """A digest loaded again (its graph replaced) among new ones: what it no longer
    says stays in the union when a new graph, written just before, says it too."""
    store.write_graphs([(graph(0), ntriples(0))])
    shared = ntriples(0).splitlines(keepends=True)[0]  # in graph 0 now; graph 0 drops it

    def stream():
        for n in range(1, 4):  # a batch that holds the statement graph 0 will drop
            yield graph(n), ntriples(n) + (shared if n == 3 else b"")
        yield graph(0), b"".join(ntriples(0).splitlines(keepends=True)[1:])

    store.write_graphs(stream())
    assert store.count(graph(0)) == 10
    statement = shared.decode().rsplit(" .", 1)[0]
    assert store.query(f"ASK {{ {statement} }}").boolean
