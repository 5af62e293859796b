"""The remote store against a real `oxigraph serve` process (no mocks)."""
from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from kazgraph.errors import QueryError, StoreError
from kazgraph.store import open_store
from kazgraph.store.remote import RemoteStore, endpoint_urls

EX = "http://example.org/"
G1, G2 = URIRef(EX + "g1"), URIRef(EX + "g2")


def triples(n: int, tag: str = "a") -> list[tuple]:
    return [(URIRef(f"{EX}{tag}{i}"), RDFS.label, Literal(f"{tag} {i}", lang="en")) for i in range(n)]


def test_endpoint_urls():
    assert endpoint_urls("http://h:1/") == ("http://h:1/query", "http://h:1/update", "http://h:1/store")
    assert endpoint_urls("http://h:1/query")[1:] == ("http://h:1/update", "http://h:1/store")


def test_replace_count_graphs(remote_store):
    assert remote_store.replace_graphs({G1: triples(3), G2: triples(2, "b")}) == 5
    assert remote_store.replace_graph(G1, triples(4, "c")) == 4
    assert remote_store.graphs() == [G1, G2]
    assert (remote_store.count(G1), remote_store.count()) == (4, 6)
    assert remote_store.remove_graph(G2) and not remote_store.remove_graph(G2)
    assert remote_store.graphs() == [G1]


def test_failed_replace_changes_nothing(remote_store):
    remote_store.replace_graph(G1, triples(3))
    with pytest.raises(StoreError):
        remote_store.replace_graphs({G1: triples(2, "x"), G2: [(URIRef("http://a b"), RDFS.label, Literal(1))]})
    assert remote_store.count() == 3


def test_query_bindings_cap_and_forms(remote_store):
    remote_store.replace_graphs({G1: triples(10), G2: triples(2, "b")})
    res = remote_store.query("SELECT ?s WHERE { ?s rdfs:label ?l }", bindings={"l": Literal("b 1", lang="en")})
    assert res.dicts() == [{"s": URIRef(EX + "b1")}]
    capped = remote_store.query("SELECT ?s WHERE { ?s ?p ?o }", max_rows=4)
    assert len(capped.rows) == 4 and capped.truncated
    assert remote_store.query("ASK { ?s ?p ?o }").boolean is True
    g = remote_store.query("CONSTRUCT WHERE { ?s ?p ?o }", default_graph=[G2])
    assert g.kind == "graph" and len(g.graph) == 2
    with pytest.raises(QueryError):
        remote_store.query("SELEKT nothing")


def test_export_and_gsp_put(remote_store):
    remote_store.replace_graphs({G1: triples(2), G2: triples(3, "b")})
    out = io.BytesIO()
    assert remote_store.export(out, format="nq") == 5
    assert len(list(ox.parse(out.getvalue(), format=ox.RdfFormat.N_QUADS))) == 5
    remote_store.put_graph(G2, b'<http://example.org/z> <http://example.org/p> "z" .\n')
    one = io.BytesIO()
    assert remote_store.export(one, format="nt", graph=G2) == 1
    with pytest.raises(StoreError, match="no graph"):
        remote_store.export(io.BytesIO(), graph=URIRef(EX + "none"))


def test_open_store_with_endpoint(oxigraph_server):
    with open_store(endpoint=oxigraph_server) as st:
        assert isinstance(st, RemoteStore)


def test_unreachable_endpoint_is_a_clear_error():
    st = RemoteStore("http://127.0.0.1:9")
    with pytest.raises(StoreError, match="cannot reach"):
        st.graphs()
