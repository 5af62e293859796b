"""`kazgraph push` and RemoteStore against a real Virtuoso 7 (Debian virtuoso-opensource), no mocks."""
from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS
from SPARQLWrapper import JSON, SPARQLWrapper

from kazgraph.cli import cli
from kazgraph.errors import QueryError, StoreError
from kazgraph.store.embedded import EmbeddedStore
from kazgraph.store.remote import RemoteStore
from virtuoso_fixture import RESULT_ROWS, virtuoso  # noqa: F401  (the session fixture)

EX = "http://example.org/vt/"
G1, G2 = URIRef(EX + "g1"), URIRef(EX + "g2")
FILES = ("pages_basic.trig", "x.ttl")  # three named graphs, dates, decimals, gYear, escapes


@pytest.fixture
def run(tmp_path, monkeypatch):
    """Invoke the CLI in-process in tmp_path (store var/store) with no KAZGRAPH_* settings."""
    monkeypatch.chdir(tmp_path)
    for var in ("KAZGRAPH_STORE", "KAZGRAPH_ENDPOINT", "KAZGRAPH_CONFIG", "KAZGRAPH_QUERY_URL",
                "KAZGRAPH_UPDATE_URL", "KAZGRAPH_STORE_URL", "KAZGRAPH_UPDATE_TOKEN"):
        monkeypatch.delenv(var, raising=False)
    runner = CliRunner()
    return lambda *args: runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def vstore(virtuoso):  # noqa: F811
    """A RemoteStore configured the Virtuoso way; the test graphs of this module dropped first."""
    st = RemoteStore(virtuoso.sparql, query_url=virtuoso.sparql, update_url=virtuoso.sparql,
                     store_url=virtuoso.graph_crud)
    # Only our graphs: Virtuoso keeps its own system graphs in the same quad store.
    st.update(f"DROP SILENT GRAPH <{G1}> ; DROP SILENT GRAPH <{G2}>")
    return st


def triples(n: int, tag: str = "a") -> list[tuple]:
    return [(URIRef(f"{EX}{tag}{i}"), RDFS.label, Literal(f"{tag} {i}", lang="en")) for i in range(n)]


def parsed(data: bytes) -> set:
    return {q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)}


def local_graphs(store_dir) -> dict[URIRef, set]:
    """Each named graph of the embedded store as a set of pyoxigraph triples."""
    out = {}
    with EmbeddedStore(store_dir, read_only=True) as st:
        for g in st.graphs():
            buf = io.BytesIO()
            st.export(buf, format="nt", graph=g)
            out[g] = parsed(buf.getvalue())
    return out


def remote_graph(st: RemoteStore, g: URIRef) -> set:
    buf = io.BytesIO()
    st.export(buf, format="nt", graph=g)
    return parsed(buf.getvalue())


def test_push_to_virtuoso_keeps_every_graph(run, tmp_path, data_dir, virtuoso, vstore):  # noqa: F811
    assert run("load", *(data_dir / f for f in FILES)).exit_code == 0
    local = local_graphs(tmp_path / "var/store")
    assert len(local) == 3
    result = run("push", "--endpoint", virtuoso.sparql, "--store-url", virtuoso.graph_crud)
    assert result.exit_code == 0, result.output
    total = sum(len(t) for t in local.values())
    assert f"pushed 3 graphs ({total} triples) to {virtuoso.graph_crud}" in result.stdout
    for g, expected in local.items():
        assert vstore.count(g) == len(expected), g
        assert remote_graph(vstore, g) == expected, g  # same terms, datatypes and escapes
    # Pushing again replaces each graph (GSP PUT): nothing doubles.
    assert run("push", "--endpoint", virtuoso.sparql, "--store-url", virtuoso.graph_crud).exit_code == 0
    assert {g: vstore.count(g) for g in local} == {g: len(t) for g, t in local.items()}
    assert set(local) <= set(vstore.graphs())


def test_push_one_graph_read_back_with_sparqlwrapper(run, tmp_path, data_dir, virtuoso, vstore):  # noqa: F811
    run("load", data_dir / "x.ttl")
    graph = "https://w3id.org/kazgraph/id/file/x.ttl"
    vstore.update(f"DROP SILENT GRAPH <{graph}>")
    result = run("push", "--endpoint", virtuoso.sparql, "--store-url", virtuoso.graph_crud,
                 "--graph", graph)
    assert result.exit_code == 0 and "pushed 1 graph (10 triples)" in result.stdout
    # What an analyst would run: SPARQLWrapper on Virtuoso's /sparql.
    client = SPARQLWrapper(virtuoso.sparql)
    client.setQuery(f"SELECT ?c WHERE {{ GRAPH <{graph}> {{ ?s <{RDFS.comment}> ?c }} }}")
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]
    assert [r["c"]["value"] for r in rows] == ['A line with "quotes" and a tab\tin it.']
    missing = run("push", "--endpoint", virtuoso.sparql, "--store-url", virtuoso.graph_crud,
                  "--graph", EX + "nowhere")
    assert missing.exit_code != 0 and "no graph" in missing.stderr


def test_remote_store_writes_and_counts(vstore):
    assert vstore.replace_graphs({G1: triples(3), G2: triples(2, "b")}) == 5
    assert vstore.replace_graph(G1, triples(4, "c")) == 4
    assert {G1, G2} <= set(vstore.graphs())
    assert (vstore.count(G1), vstore.count(G2)) == (4, 2)
    assert vstore.remove_graph(G2) and not vstore.remove_graph(G2)
    assert G2 not in vstore.graphs() and vstore.count(G2) == 0
    with pytest.raises(StoreError):  # a bad term fails before anything is sent
        vstore.replace_graphs({G1: [(URIRef("http://a b"), RDFS.label, Literal(1))]})
    assert vstore.count(G1) == 4


def test_extracted_digest_loads_into_virtuoso(vstore):
    """A digest as loading hands it over (N-Triples text) goes into Virtuoso whole."""
    from pathlib import Path

    from kazgraph.pipeline import extract_digests
    from kazgraph.vocab import DEFAULT_BASE

    sample = sorted((Path(__file__).resolve().parents[1] / "data" / "samples").glob("*.txt"))[0]
    digest = extract_digests(sample, "2025-11", DEFAULT_BASE)[0]
    written = vstore.write_graphs([(digest.graph, digest.ntriples)])
    assert written == digest.ntriples.count(b"\n") and vstore.count(digest.graph) == written
    assert vstore.remove_graph(digest.graph)


def test_remote_store_queries(vstore):
    vstore.replace_graphs({G1: triples(10), G2: triples(2, "b")})
    # On Virtuoso a bound variable must be projected (its trailing VALUES is checked that way).
    res = vstore.query("SELECT ?s ?l WHERE { ?s rdfs:label ?l }", bindings={"l": Literal("b 1", lang="en")})
    assert res.dicts() == [{"s": URIRef(EX + "b1"), "l": Literal("b 1", lang="en")}]
    capped = vstore.query(f"SELECT ?s WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}", max_rows=4)
    assert len(capped.rows) == 4 and capped.truncated
    assert vstore.query(f"ASK {{ GRAPH <{G2}> {{ ?s ?p ?o }} }}").boolean is True
    assert vstore.query(f"ASK {{ GRAPH <{EX}none> {{ ?s ?p ?o }} }}").boolean is False
    g = vstore.query("CONSTRUCT WHERE { ?s ?p ?o }", default_graph=[G2])
    assert g.kind == "graph" and len(g.graph) == 2
    with pytest.raises(QueryError, match="SELEKT"):
        vstore.query("SELEKT nothing")


def test_remote_store_export_and_put(vstore):
    vstore.replace_graphs({G1: triples(2), G2: triples(3, "b")})
    out = io.BytesIO()
    vstore.export(out, format="nq")  # every quad, Virtuoso's own graphs too
    ours = [q for q in ox.parse(out.getvalue(), format=ox.RdfFormat.N_QUADS)
            if q.graph_name.value in (str(G1), str(G2))]
    assert len(ours) == 5
    vstore.put_graph(G2, b'<http://example.org/vt/z> <http://example.org/vt/p> "z" .\n')
    assert remote_graph(vstore, G2) == {ox.Triple(ox.NamedNode(EX + "z"), ox.NamedNode(EX + "p"),
                                                  ox.Literal("z"))}
    with pytest.raises(StoreError, match="no graph"):
        vstore.export(io.BytesIO(), graph=URIRef(EX + "none"))


def test_result_limit_is_reported_not_hidden(vstore):
    # Virtuoso's own graphs (~2,500 triples) and these pass the fixture's ResultSetMaxRows.
    vstore.replace_graph(G1, triples(RESULT_ROWS - 2000))
    try:
        everything = vstore.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert len(everything.rows) == RESULT_ROWS and everything.truncated
        assert not vstore.query(f"SELECT ?s WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }} LIMIT 10").truncated
        with pytest.raises(StoreError, match="ResultSetMaxRows"):
            vstore.export(io.BytesIO(), format="nq")
    finally:
        vstore.update(f"DROP SILENT GRAPH <{G1}>")
