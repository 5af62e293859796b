"""Exports from the web: every format round-trips, Turtle is stable, ETag gives 304."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from pages_fixtures import DATA, basic_client

FORMATS = {"ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS,
           "jsonld": ox.RdfFormat.JSON_LD}
D1 = "https://w3id.org/kazgraph/id/digest/d1"


def quads_of(data: bytes, fmt: str) -> set[tuple[str, str, str, str]]:
    """The quads of an export as strings (no blank nodes in the test data)."""
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
            for q in ox.parse(data, format=FORMATS[fmt])}


def triples(quads) -> set[tuple[str, str, str]]:
    return {q[:3] for q in quads}


@pytest.fixture(scope="module")
def source() -> set:
    return quads_of((DATA / "pages_basic.trig").read_bytes(), "trig")


@pytest.fixture(scope="module", params=["embedded", "remote"])
def client(request, tmp_path_factory):
    """The app on the embedded store, then on a real `oxigraph serve`."""
    return basic_client(request, tmp_path_factory)


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld"])
def test_dataset_formats_round_trip(client, source, fmt):
    resp = client.get(f"/export.{fmt}")
    assert resp.status_code == 200 and resp.headers["ETag"]
    assert int(resp.headers["Content-Length"]) == len(resp.get_data())
    assert quads_of(resp.get_data(), fmt) == source


def test_turtle_round_trips_and_is_deterministic(client, source):
    first, second = client.get("/export.ttl"), client.get("/export.ttl")
    assert first.mimetype == "text/turtle"
    assert first.get_data() == second.get_data()
    assert first.headers["ETag"] == second.headers["ETag"]
    assert triples(quads_of(first.get_data(), "ttl")) == triples(source)


def test_one_digest_graph(client, source):
    resp = client.get("/export.nq", query_string={"graph": D1})
    assert resp.status_code == 200
    got = quads_of(resp.get_data(), "nq")
    # The triples of that graph only (the remote store writes them without the graph name).
    assert triples(got) == triples(q for q in source if q[3] == f"<{D1}>")
    assert client.get("/export.ttl", query_string={"graph": D1}).headers["ETag"] != \
        client.get("/export.ttl").headers["ETag"]


def test_if_none_match_gives_304(client):
    etag = client.get("/export.trig").headers["ETag"]
    resp = client.get("/export.trig", headers={"If-None-Match": etag})
    assert resp.status_code == 304 and resp.get_data() == b""
    assert client.get("/export.trig", headers={"If-None-Match": '"other"'}).status_code == 200


def test_unknown_graph_and_format_are_404(client):
    assert client.get("/export.ttl", query_string={"graph": "https://example.org/none"}).status_code == 404
    assert client.get("/export.xml").status_code == 404


def test_export_page_lists_digest_graphs(client):
    html = client.get("/export").get_data(as_text=True)
    assert D1 in html and "/export.trig" in html
