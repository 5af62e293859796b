"""Entity pages: HTML with facts and evidence, RDF by content negotiation and suffix."""
from __future__ import annotations

import json

import pytest
from pages_fixtures import basic_client, make_app
import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

ID = "https://w3id.org/kazgraph/id/"


def parse(data: bytes, fmt: str) -> Graph:
    """Parse with pyoxigraph (rdflib 7.6's JSON-LD parser warns of deprecations)."""
    from kazgraph.store.terms import from_ox

    oxfmt = {"turtle": ox.RdfFormat.TURTLE, "json-ld": ox.RdfFormat.JSON_LD, "nt": ox.RdfFormat.N_TRIPLES}[fmt]
    g = Graph()
    for q in ox.parse(data, format=oxfmt):
        g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    return g


@pytest.fixture(scope="module", params=["embedded", "remote"])
def client(request, tmp_path_factory):
    """The app on the embedded store, then on a real `oxigraph serve`."""
    return basic_client(request, tmp_path_factory)


def test_html_page_has_label_aliases_wikidata_and_facts(client):
    resp = client.get("/id/state/NOR", headers={"Accept": "text/html,*/*;q=0.8"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and resp.headers["Vary"] == "Accept"
    assert "<h1>Norway</h1>" in html and "Kingdom of Norway" in html
    assert 'href="http://www.wikidata.org/entity/Q20"' in html
    assert "Referred to by" in html and '<a href="/id/person/olaf-example"' in html


def test_fact_evidence_shows_outlet_date_sentence_and_mark(client):
    html = client.get("/id/agreement/wind-memorandum").get_data(as_text=True)
    assert "Norway and <mark>the European Union</mark> signed a memorandum" in html
    assert '<a href="/id/outlet/nordic-post">Nordic Post</a>' in html
    assert '<time datetime="2024-02-13">' in html
    assert '<a href="/id/article/a1">Norway and EU sign wind memorandum</a>' in html


def test_mentions_are_listed(client):
    html = client.get("/id/org/european-union").get_data(as_text=True)
    assert "Mentions in the sources" in html and "<mark>the European Union</mark>" in html


@pytest.mark.parametrize("accept, mime, fmt", [
    ("text/turtle", "text/turtle", "turtle"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/n-triples", "application/n-triples", "nt"),
])
def test_content_negotiation(client, accept, mime, fmt):
    resp = client.get("/id/state/NOR", headers={"Accept": accept})
    assert resp.status_code == 200 and resp.mimetype == mime
    assert resp.headers["Vary"] == "Accept"
    g = parse(resp.get_data(), fmt)
    assert (URIRef(ID + "state/NOR"), RDFS.label, None) in g
    assert (URIRef(ID + "person/olaf-example"), None, URIRef(ID + "state/NOR")) in g


@pytest.mark.parametrize("suffix, mime", [(".ttl", "text/turtle"), (".jsonld", "application/ld+json"),
                                          (".nt", "application/n-triples")])
def test_suffix_twins(client, suffix, mime):
    resp = client.get("/id/state/NOR" + suffix)
    assert resp.status_code == 200 and resp.mimetype == mime
    if suffix == ".jsonld":
        assert json.loads(resp.get_data(as_text=True))


def test_unknown_resource_is_404(client):
    assert client.get("/id/state/XXX").status_code == 404
    assert client.get("/id/state/XXX.ttl").status_code == 404


def test_digest_page_shows_its_text(client):
    html = client.get("/id/digest/d1").get_data(as_text=True)
    assert "Source text" in html and "Weekly digest of the Nordic press." in html


def test_configured_base_maps_to_id(tmp_path):
    app = make_app(tmp_path, "pages_base.trig", KAZGRAPH_BASE="http://example.org/kg/")
    client = app.test_client()
    html = client.get("/id/agreement/x").get_data(as_text=True)
    assert "<h1>Cork accord</h1>" in html and '<a href="/id/state/PRT"' in html
    body = client.get("/questions/agreements-since.json?actor=org/example-union").json
    assert body["parameters"]["actor"] == "http://example.org/kg/org/example-union"
    assert body["rows"][0][1] == "http://example.org/kg/agreement/x"
