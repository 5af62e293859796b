"""/sparql in front of a remote store (a real `oxigraph serve`): same protocol, same guard."""
from __future__ import annotations

import pytest

from kazgraph.server import create_app, db


@pytest.fixture
def client(remote_store, oxigraph_server):
    remote_store.update("INSERT DATA { GRAPH <urn:r:g> { <urn:r:a> <urn:r:p> \"remote\"@en } }")
    app = create_app({"KAZGRAPH_ENDPOINT": oxigraph_server, "MAX_ROWS": 1})
    yield app.test_client()
    db.close_app(app)


def test_select_through_remote_store(client):
    resp = client.get("/sparql", query_string={"query": "SELECT ?o { <urn:r:a> <urn:r:p> ?o }"})
    assert resp.status_code == 200, resp.data
    assert resp.json["results"]["bindings"] == [
        {"o": {"type": "literal", "value": "remote", "xml:lang": "en"}}]


def test_csv_and_construct_through_remote_store(client):
    csv = client.get("/sparql", query_string={"query": "SELECT ?o { ?s <urn:r:p> ?o }",
                                              "format": "csv"})
    assert csv.data == b"o\r\nremote\r\n"
    ttl = client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert ttl.mimetype == "text/turtle" and b"remote" in ttl.data


def test_remote_row_cap_and_guard(client):
    resp = client.get("/sparql", query_string={
        "query": "SELECT * { VALUES ?x { 1 2 3 } }"})
    assert resp.headers["X-Kazgraph-Truncated"] == "true"
    refused = client.get("/sparql", query_string={
        "query": "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"})
    assert refused.status_code == 400
