"""Loading RDF files into a store: all or nothing, graphs replaced, the union kept.

Run against the embedded store's bulk path and the interface's transactional default
(which the remote store uses), so both keep the same promises.
"""
from __future__ import annotations

import pytest
from rdflib import BNode, URIRef

from kazgraph.errors import InputError
from kazgraph.store.base import Store
from kazgraph.store import embedded
from kazgraph.store.embedded import EmbeddedStore
from kazgraph.store.rdfio import last_statement_closed

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


def test_ntriples_blank_nodes_are_the_same_in_graph_and_union(store, tmp_path, load):
    path = tmp_path / "b.nt"
    path.write_text(f'<{EX}s> <{EX}p> _:n .\n_:n <{EX}q> "x" .\n', encoding="utf-8")
    assert load(store, path, G) == 2
    rows = store.query(f"SELECT ?b WHERE {{ <{EX}s> <{EX}p> ?b . GRAPH <{G}> {{ ?b <{EX}q> \"x\" }} }}").rows
    assert len(rows) == 1 and isinstance(rows[0][0], BNode)


@pytest.mark.parametrize("text", [
    f'<{EX}s> <{EX}p> "a {{ brace }}" .\n<{EX}s> <{EX}p> "and a }} closing one" .\n',
    f'<{EX}s> <{EX}p> "one" .\n<{EX}s> <{EX}p> "two" . # the last line, no line break',
    f'# a comment first\n\n<{EX}s> <{EX}p> "one" .\r\n<{EX}s> <{EX}p> "two" .\r\n',
])
def test_ntriples_edge_cases_fill_graph_and_union(store, tmp_path, load, text):
    path = tmp_path / "e.nt"
    path.write_bytes(text.encode("utf-8"))
    assert load(store, path, G) == 2
    assert store.count(G) == 2
    rows = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ <{EX}s> <{EX}p> ?o }}").rows
    assert int(rows[0][0]) == 2


@pytest.mark.parametrize("bad, line", [
    (f'<{EX}s> <{EX}p> "one" .\n<{EX}s> <{EX}p> <relative> .\n', 2),  # N-Triples IRIs are absolute
    (f'<{EX}s> <{EX}p> "one" .\n<{EX}s> <{EX}p> "open .\n', 2),
    (f'<{EX}s> <{EX}p> "one"\n', 2),  # no full stop: the file ends mid-statement
])
def test_bad_ntriples_names_the_line_and_changes_nothing(store, tmp_path, load, bad, line):
    path = tmp_path / "bad.nt"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load(store, path, G)
    assert f"bad.nt:{line}:" in str(err.value) or f"line {line}" in str(err.value)
    assert store.graphs() == [] and store.count() == 0


@pytest.mark.parametrize("text, closed", [
    ('<a> <b> "c" .\n', True),
    ('<a> <b> "c" .\n# a closing comment\n\n', True),
    ('<a> <b> "c" . # a comment after the statement\n', False),
    ('<a> <b> "c"\n', False),
    ('', False),
])
def test_last_statement_closed(tmp_path, text, closed):
    path = tmp_path / "t.nt"
    path.write_text(text, encoding="utf-8")
    assert last_statement_closed(path) is closed


@pytest.mark.parametrize("batch, blank, one_pass", [
    (1_000_000, False, False), (4, False, True), (1_000_000, True, True)])
def test_ntriples_passes_by_size(store, tmp_path, monkeypatch, batch, blank, one_pass):
    """One pass for a file of more than a loader batch, or one that may name blank
    nodes; two passes otherwise (memory). The same graphs either way."""
    monkeypatch.setattr(embedded, "LOADER_BATCH", batch)
    path = nt(tmp_path, "x.nt", 6, tail=f'<{EX}a5> <{EX}q> _:b .\n' if blank else "")
    assert embedded._one_pass(path) is one_pass
    n = 7 if blank else 6
    assert store.load_file(path, G) == n
    assert store.count(G) == n and ask(store, f'<{EX}a5> <{EX}p> "a 5"')
    rows = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows
    assert int(rows[0][0]) == n
