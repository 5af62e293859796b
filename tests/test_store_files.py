"""Loading RDF files into a store: all or nothing, graphs replaced, the union kept.

Run against the embedded store's bulk path and the interface's transactional default
(which the remote store uses), so both keep the same promises.
"""
from __future__ import annotations

import pytest
from rdflib import BNode, URIRef

from kazgraph.errors import InputError
from kazgraph.store.base import Store
from kazgraph.store.embedded import EmbeddedStore

EX = "http://example.org/"
G, H = URIRef(EX + "file"), URIRef(EX + "h")


def default_load(store, path, graph):
    return Store.load_file(store, path, graph)


@pytest.fixture(params=["bulk", "transactional"])
def load(request):
    return EmbeddedStore.load_file if request.param == "bulk" else default_load


def nt(tmp_path, name, n, tag="a", tail=""):
    path = tmp_path / name
    lines = [f'<{EX}{tag}{i}> <{EX}p> "{tag} {i}" .' for i in range(n)]
    path.write_text("\n".join(lines) + "\n" + tail, encoding="utf-8")
    return path


def ask(store, pattern):
    return store.query(f"ASK {{ {pattern} }}").boolean


def test_file_fills_its_graph_and_the_union(store, tmp_path, load):
    assert load(store, nt(tmp_path, "x.nt", 50), G) == 50
    assert store.graphs() == [G] and store.count(G) == 50
    assert ask(store, f'<{EX}a7> <{EX}p> "a 7"')  # default graph = union
    rows = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{EX}p> ?o }}").rows
    assert int(rows[0][0]) == 50


def test_reload_replaces_and_union_forgets(store, tmp_path, load):
    load(store, nt(tmp_path, "x.nt", 20), G)
    load(store, nt(tmp_path, "x.nt", 5, "b"), G)
    assert store.count(G) == 5
    assert not ask(store, f"<{EX}a1> ?p ?o") and ask(store, f"<{EX}b1> ?p ?o")


@pytest.mark.parametrize("fresh", [True, False])
def test_bad_file_changes_nothing(store, tmp_path, load, fresh):
    if not fresh:
        load(store, nt(tmp_path, "x.nt", 10), G)
    before = (store.graphs(), store.count())
    bad = nt(tmp_path, "x.nt", 500, "c", tail="<a> <b> not-a-term .\n")
    with pytest.raises(InputError) as err:
        load(store, bad, G)
    assert "x.nt" in str(err.value) and "501" in str(err.value)
    assert (store.graphs(), store.count()) == before
    assert not ask(store, f"<{EX}c1> ?p ?o")


def test_dataset_file_replaces_the_graphs_it_names(store, tmp_path, load):
    load(store, nt(tmp_path, "old.nt", 3, "old"), H)
    trig = tmp_path / "d.trig"
    trig.write_text(f'<{EX}s> <{EX}p> "default" .\n<{H}> {{ <{EX}s> <{EX}p> "in h" . }}\n')
    assert load(store, trig, G) == 2
    assert store.graphs() == [G, H] and store.count(H) == 1
    assert not ask(store, f"<{EX}old0> ?p ?o")
    assert ask(store, f'GRAPH <{G}> {{ <{EX}s> <{EX}p> "default" }}')


def test_blank_nodes_are_the_same_in_graph_and_union(store, tmp_path, load):
    ttl = tmp_path / "b.ttl"
    ttl.write_text(f'<{EX}s> <{EX}p> [ <{EX}q> "x" ] .\n')
    load(store, ttl, G)
    rows = store.query(f"SELECT ?b WHERE {{ <{EX}s> <{EX}p> ?b . GRAPH <{G}> {{ ?b <{EX}q> \"x\" }} }}").rows
    assert len(rows) == 1 and isinstance(rows[0][0], BNode)
