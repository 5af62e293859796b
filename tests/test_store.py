"""The embedded store: atomic replace, queries with bound values, caps, exports, sharing."""
from __future__ import annotations

import io
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, XSD

from kazgraph.errors import QueryError, QueryTimeout, StoreError
from kazgraph.store import open_store
from kazgraph.store.embedded import EmbeddedStore
from kazgraph.store.rdfio import FORMATS, parse_file
from kazgraph.store.terms import from_ox, to_ox

EX = "http://example.org/"
G1, G2 = URIRef(EX + "g1"), URIRef(EX + "g2")


def triples(n: int, tag: str = "a") -> list[tuple]:
    return [(URIRef(f"{EX}{tag}{i}"), RDFS.label, Literal(f"{tag} {i}", lang="en")) for i in range(n)]


def test_replace_graph_replaces_and_counts(store):
    assert store.replace_graph(G1, triples(5)) == 5
    assert store.replace_graph(G1, triples(3, "b")) == 3
    assert store.count(G1) == 3 and store.count() == 3
    assert store.graphs() == [G1]


def test_replace_graphs_touches_only_named_graphs(store):
    store.replace_graph(G1, triples(2))
    store.replace_graphs({G2: triples(4, "c")})
    assert store.graphs() == [G1, G2]
    assert (store.count(G1), store.count(G2)) == (2, 4)


def test_empty_replace_drops_graph(store):
    store.replace_graph(G1, triples(2))
    assert store.replace_graph(G1, []) == 0
    assert store.graphs() == []


def test_failing_iterator_leaves_store_unchanged(store):
    store.replace_graphs({G1: triples(3)})

    def broken():
        yield from triples(10, "z")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        store.replace_graphs({G1: triples(7, "y"), G2: broken()})
    assert store.graphs() == [G1] and store.count() == 3
    assert store.query("ASK { <http://example.org/a0> ?p ?o }").boolean


def test_bad_term_leaves_store_unchanged(store):
    store.replace_graph(G1, triples(3))
    bad = triples(4, "q") + [(URIRef("http://exa mple.org/x"), RDFS.label, Literal("x"))]
    with pytest.raises(StoreError, match="cannot store"):
        store.replace_graphs({G1: bad})
    assert store.count(G1) == 3


def test_terms_round_trip():
    for term in [URIRef(EX + "x"), Literal("plain"), Literal("chat", lang="fr"),
                 Literal("2020-01-02", datatype=XSD.date), Literal("4", datatype=XSD.integer),
                 Literal('tab\t"q"\n')]:
        assert from_ox(to_ox(term)) == term
    assert isinstance(from_ox(to_ox(BNode("b1"))), BNode)
    assert from_ox(to_ox(BNode("not a valid id!"))) is not None


def test_query_default_graph_is_union(store):
    store.replace_graphs({G1: triples(2), G2: triples(3, "b")})
    res = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert res.kind == "select" and int(res.rows[0][0]) == 5
    only = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=[G2])
    assert int(only.rows[0][0]) == 3
    named = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", named_graphs=[G1])
    assert [r[0] for r in named.rows] == [G1]


def test_bindings_are_values_not_text(store):
    store.replace_graph(G1, triples(3))
    res = store.query("SELECT ?s WHERE { ?s rdfs:label ?label }",
                      bindings={"label": Literal("a 1", lang="en")})
    assert res.dicts() == [{"s": URIRef(EX + "a1")}]
    # A hostile value stays a value: no rows, no syntax error, nothing injected.
    evil = Literal('x" } ; DROP ALL ; SELECT * { "')
    assert store.query("SELECT ?s WHERE { ?s rdfs:label ?label }", bindings={"label": evil}).rows == []
    assert store.count() == 3


def test_row_cap_sets_truncated(store):
    store.replace_graph(G1, triples(20))
    res = store.query("SELECT ?s WHERE { ?s ?p ?o }", max_rows=5)
    assert len(res.rows) == 5 and res.truncated
    res = store.query("SELECT ?s WHERE { ?s ?p ?o }", max_rows=20)
    assert len(res.rows) == 20 and not res.truncated
    g = store.query("CONSTRUCT WHERE { ?s ?p ?o }", max_rows=4)
    assert g.kind == "graph" and len(g.graph) == 4 and g.truncated


def test_unbound_variables_are_none(store):
    res = store.query("SELECT ?x ?y WHERE { BIND(1 AS ?x) }")
    assert res.rows == [(Literal(1), None)] and res.dicts() == [{"x": Literal(1)}]


def test_ask_and_bad_query(store):
    assert store.query("ASK { ?s ?p ?o }").boolean is False
    with pytest.raises(QueryError, match="malformed"):
        store.query("SELEKT * WHERE { ?s ?p ?o }")


@pytest.mark.parametrize("sparql", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o . SERVICE<http://127.0.0.1:9/>{?a ?b ?c} }",
])
def test_service_is_refused(store, sparql):
    with pytest.raises(QueryError, match="SERVICE"):
        store.query(sparql)


def test_service_in_strings_and_names_is_fine(store):
    res = store.query('SELECT ?service WHERE { BIND("SERVICE <x>" AS ?service) } # SERVICE')
    assert res.rows == [(Literal("SERVICE <x>"),)]


def test_timeout_between_rows(store):
    store.replace_graph(G1, triples(50))
    with pytest.raises(QueryTimeout):
        store.query("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout=1e-9)


def test_export_turtle_is_deterministic_and_round_trips(store, data_dir):
    quads = parse_file(data_dir / "x.ttl")
    store.replace_graph(G1, [(q.subject, q.predicate, q.object) for q in quads])
    first, second = io.BytesIO(), io.BytesIO()
    assert store.export(first, format="ttl") == 10
    store.export(second, format="ttl")
    assert first.getvalue() == second.getvalue()
    text = first.getvalue().decode()
    assert "@prefix kg: <https://w3id.org/kazgraph/ontology#>" in text
    assert isomorphic(Graph().parse(data=text, format="turtle"),
                      Graph().parse(data_dir / "x.ttl", format="turtle"))


@pytest.mark.parametrize("fmt", ["trig", "nq", "nt", "jsonld"])
def test_export_formats_parse_back(store, fmt):
    store.replace_graphs({G1: triples(2), G2: triples(3, "b")})
    out = io.BytesIO()
    assert store.export(out, format=fmt) == 5
    quads = list(ox.parse(out.getvalue(), format=FORMATS[fmt]))
    assert len(quads) == 5
    if fmt != "nt":
        assert {q.graph_name.value for q in quads} == {str(G1), str(G2)}


def test_export_one_graph_and_missing_graph(store):
    store.replace_graphs({G1: triples(2), G2: triples(3, "b")})
    out = io.BytesIO()
    assert store.export(out, format="nt", graph=G2) == 3
    with pytest.raises(StoreError, match="no graph"):
        store.export(io.BytesIO(), graph=URIRef(EX + "nope"))
    with pytest.raises(StoreError, match="unknown format"):
        store.export(io.BytesIO(), format="xml")


def test_handles_shared_in_process_and_reopened(tmp_path):
    path = tmp_path / "s"
    a = open_store(path=str(path))
    b = open_store(path=str(path))  # a second open in one process shares the handle
    a.replace_graph(G1, triples(2))
    assert b.count() == 2
    a.close()
    assert b.count() == 2
    b.close()
    with EmbeddedStore(path) as c:
        assert c.count() == 2


def test_read_only_from_another_process(tmp_path):
    path = tmp_path / "s"
    with EmbeddedStore(path) as st:
        st.replace_graph(G1, triples(4))
        code = ("from kazgraph.store import open_store\n"
                f"s = open_store(path={str(path)!r}, read_only=True)\n"
                "print(s.count())\n")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert out.stdout.strip() == "4"
        # A second writer in another process gets a clear message.
        code = f"from kazgraph.store import open_store\nopen_store(path={str(path)!r})\n"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert out.returncode != 0 and "in use by another process" in out.stderr


def test_read_only_refuses_writes_and_missing_store(tmp_path):
    with EmbeddedStore(tmp_path / "s") as st:
        st.replace_graph(G1, triples(1))
    with EmbeddedStore(tmp_path / "s", read_only=True) as ro:
        assert ro.count() == 1
        with pytest.raises(StoreError, match="read-only"):
            ro.replace_graph(G1, [])
    with pytest.raises(StoreError, match="no store"):
        EmbeddedStore(tmp_path / "missing", read_only=True)


def test_bulk_load_quads(store):
    from kazgraph.store.terms import quad_to_ox

    store.load_quads((quad_to_ox(s, p, o, G1) for s, p, o in triples(100)), bulk=True)
    assert store.count(G1) == 100


def test_rdf_type_query_with_prefixes(store):
    store.replace_graph(G1, [(URIRef(EX + "x"), RDF.type, URIRef(EX + "T"))])
    res = store.query("SELECT ?x WHERE { ?x a ?t }", bindings={"t": URIRef(EX + "T")})
    assert res.rows == [(URIRef(EX + "x"),)]


def test_union_is_a_set_not_one_copy_per_graph(store):
    shared = (URIRef(EX + "kz"), RDFS.label, Literal("Kazland"))
    store.replace_graphs({G1: [shared] + triples(2), G2: [shared] + triples(1, "b")})
    res = store.query("SELECT ?l WHERE { <http://example.org/kz> rdfs:label ?l }")
    assert res.rows == [(Literal("Kazland"),)]
    assert int(store.query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }").rows[0][0]) == 4
    assert store.count() == 5  # quads in named graphs
    store.replace_graph(G1, triples(2))  # G1 drops the shared triple; G2 still has it
    assert store.query("ASK { <http://example.org/kz> ?p ?o }").boolean
    store.remove_graph(G2)
    assert not store.query("ASK { <http://example.org/kz> ?p ?o }").boolean
    assert int(store.query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }").rows[0][0]) == 2
    out = io.BytesIO()
    assert store.export(out, format="nq") == 2  # the kept union is not exported as data


def test_update_refreshes_union(store):
    store.replace_graph(G1, triples(1))
    store.update("INSERT DATA { GRAPH <http://example.org/g2> { <http://example.org/n> <http://example.org/p> 1 } }")
    assert store.query("ASK { <http://example.org/n> ?p ?o }").boolean
    store.update("DROP GRAPH <http://example.org/g1>")
    assert not store.query("ASK { <http://example.org/a0> ?p ?o }").boolean
    with pytest.raises(QueryError, match="malformed update"):
        store.update("INSERT NONSENSE")


def test_raw_named_graph_writes_still_query_as_union(store):
    from kazgraph.store.embedded import union_options

    store.ox.add(ox.Quad(ox.NamedNode(EX + "r"), ox.NamedNode(EX + "p"), ox.Literal("x"), ox.NamedNode(EX + "g")))
    assert union_options(store.ox) == {"use_default_graph_as_union": True}
    assert store.query("ASK { <http://example.org/r> ?p ?o }").boolean


def test_update_with_trailing_comment_or_semicolon(store):
    store.update("INSERT DATA { GRAPH <http://example.org/g1> { <http://example.org/a> <http://example.org/p> 1 } } # done")
    store.update("INSERT DATA { GRAPH <http://example.org/g1> { <http://example.org/b> <http://example.org/p> 1 } } ;")
    assert int(store.query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }").rows[0][0]) == 2


def test_refresh_union_after_direct_writes(store):
    store.replace_graph(G1, triples(1))
    store.ox.add(ox.Quad(ox.NamedNode(EX + "r"), ox.NamedNode(EX + "p"), ox.Literal("x"), ox.NamedNode(str(G2))))
    assert not store.query("ASK { <http://example.org/r> ?p ?o }").boolean  # stale until refreshed
    store.refresh_union()
    assert store.query("ASK { <http://example.org/r> ?p ?o }").boolean


def test_first_write_on_a_raw_store_keeps_the_whole_union(store):
    store.ox.add(ox.Quad(ox.NamedNode(EX + "r"), ox.NamedNode(EX + "p"), ox.Literal("x"), ox.NamedNode(str(G2))))
    store.replace_graph(G1, triples(1))
    assert store.query("ASK { <http://example.org/r> ?p ?o }").boolean
    assert int(store.query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }").rows[0][0]) == 2


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
       lang=st.sampled_from([None, "en", "kk-Cyrl"]))
def test_any_literal_survives_the_update_text(store, text, lang):
    value = Literal(text, lang=lang)
    store.replace_graph(G1, [(URIRef(EX + "s"), RDFS.label, value)])
    assert store.query("SELECT ?o WHERE { ?s rdfs:label ?o }").rows == [(value,)]
    assert store.count() == 1
