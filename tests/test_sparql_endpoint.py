"""/sparql through Flask's test client: formats, errors, limits, description, editor."""
from __future__ import annotations

import json
import re

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, VOID

from kazgraph.server import create_app, db

EX = "urn:ex:"
SD = "http://www.w3.org/ns/sparql-service-description#"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    import pyoxigraph as ox

    queries = tmp_path_factory.mktemp("queries")
    (queries / "people.rq").write_text("# title: Everybody and their names\n"
                                       "# description: test\n\nSELECT * { ?s ?p ?o }\n")
    app = create_app({"KAZGRAPH_STORE": str(tmp_path_factory.mktemp("ep") / "store"),
                      "MAX_ROWS": 5, "MAX_BODY_BYTES": 2000, "QUERIES_DIR": str(queries)})
    with app.app_context(), db.writable() as writable:
        store = writable.ox
        for i in range(8):
            store.add(ox.Quad(ox.NamedNode(f"{EX}p{i}"), ox.NamedNode(str(RDF.type)),
                              ox.NamedNode(f"{EX}Person"), ox.NamedNode(f"{EX}g{i % 2}")))
        store.add(ox.Quad(ox.NamedNode(f"{EX}p0"), ox.NamedNode(f"{EX}name"),
                          ox.Literal("Ana, \"A\"", language="es"), ox.NamedNode(f"{EX}g0")))
        store.flush()
        del store  # the write handle closes with the block only if nothing holds it
    yield app
    db.close_app(app)


@pytest.fixture
def client(app):
    return app.test_client()


NAME_Q = f"SELECT ?n WHERE {{ <{EX}p0> <{EX}name> ?n }}"


@pytest.mark.parametrize("accept,media", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"), ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
])
def test_select_by_accept(client, accept, media):
    resp = client.get("/sparql", query_string={"query": NAME_Q}, headers={"Accept": accept})
    assert resp.status_code == 200
    assert resp.mimetype == media
    assert "Ana" in resp.data.decode()


def test_format_parameter_overrides_accept(client):
    resp = client.get("/sparql", query_string={"query": NAME_Q, "format": "tsv"},
                      headers={"Accept": "application/sparql-results+xml"})
    assert resp.mimetype == "text/tab-separated-values"
    assert resp.data.decode().splitlines() == ["?n", '"Ana, \\"A\\""@es']


def test_csv_quotes_commas_and_quotes(client):
    resp = client.get("/sparql", query_string={"query": NAME_Q, "format": "csv"})
    assert resp.data == b'n\r\n"Ana, ""A"""\r\n'


@pytest.mark.parametrize("fmt,media", [("turtle", "text/turtle"), ("nt", "application/n-triples"),
                                       ("jsonld", "application/ld+json"),
                                       ("rdfxml", "application/rdf+xml")])
def test_construct_formats(client, fmt, media):
    resp = client.post("/sparql", data={"query": f"CONSTRUCT WHERE {{ <{EX}p0> ?p ?o }}",
                                        "format": fmt})
    assert resp.status_code == 200 and resp.mimetype == media
    import pyoxigraph as ox

    parsed = {q.triple for q in ox.parse(resp.data, format=ox.RdfFormat.from_media_type(media))}
    assert ox.Triple(ox.NamedNode(f"{EX}p0"), ox.NamedNode(str(RDF.type)),
                     ox.NamedNode(f"{EX}Person")) in parsed
    assert len(parsed) == 2


def test_describe_by_accept(client):
    resp = client.post("/sparql", data=f"DESCRIBE <{EX}p0>", content_type="application/sparql-query",
                       headers={"Accept": "application/n-triples"})
    assert resp.mimetype == "application/n-triples"
    assert f"<{EX}p0>".encode() in resp.data


def test_ask_json_and_xml(client):
    q = f"ASK {{ <{EX}p1> a <{EX}Person> }}"
    assert client.get("/sparql", query_string={"query": q}).json == {"head": {}, "boolean": True}
    xml = client.get("/sparql", query_string={"query": q, "format": "xml"})
    assert b"<boolean>true</boolean>" in xml.data


def test_default_graph_is_the_union(client):
    resp = client.get("/sparql", query_string={"query": f"SELECT (COUNT(*) AS ?n) {{ ?s a <{EX}Person> }}"})
    assert resp.json["results"]["bindings"][0]["n"]["value"] == "8"


def test_protocol_dataset_selects_graphs(client):
    q = f"SELECT (COUNT(*) AS ?n) {{ ?s a <{EX}Person> }}"
    resp = client.get("/sparql", query_string={"query": q, "default-graph-uri": f"{EX}g1"})
    assert resp.json["results"]["bindings"][0]["n"]["value"] == "4"


def test_bad_graph_iri_is_400(client):
    resp = client.get("/sparql", query_string={"query": "ASK {}", "default-graph-uri": "not an iri"})
    assert resp.status_code == 400 and "IRI" in resp.json["error"]["detail"]


def test_row_cap_truncates_with_flag_and_header(client):
    resp = client.get("/sparql", query_string={"query": "SELECT ?s { ?s a ?c }"})
    assert resp.headers["X-Kazgraph-Truncated"] == "true"
    assert resp.json["truncated"] is True and resp.json["max_rows"] == 5
    assert len(resp.json["results"]["bindings"]) == 5
    small = client.get("/sparql", query_string={"query": NAME_Q})
    assert small.headers["X-Kazgraph-Truncated"] == "false" and small.json["truncated"] is False


def test_query_limit_at_the_cap_is_whole_and_past_it_is_cut(client):
    at = client.get("/sparql", query_string={"query": "SELECT ?s { ?s a ?c } LIMIT 5"})
    assert at.headers["X-Kazgraph-Truncated"] == "false" and at.json["truncated"] is False
    assert len(at.json["results"]["bindings"]) == 5
    past = client.get("/sparql", query_string={"query": "SELECT ?s { ?s a ?c } LIMIT 6"})
    assert past.headers["X-Kazgraph-Truncated"] == "true" and past.json["truncated"] is True
    assert len(past.json["results"]["bindings"]) == 5


def test_syntax_error_is_400_with_one_json_shape(client):
    resp = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p }"})
    assert resp.status_code == 400
    err = resp.json["error"]
    assert err["status"] == 400 and err["title"] == "Query syntax error" and err["detail"]


def test_error_as_text_for_a_tool_that_asks(client):
    resp = client.get("/sparql", query_string={"query": "ASK {"}, headers={"Accept": "text/plain, */*;q=0.1"})
    assert resp.status_code == 400 and resp.mimetype == "text/plain"


@pytest.mark.parametrize("body,ctype", [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-update"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-query"),
])
def test_update_on_query_endpoint_is_400(client, body, ctype):
    resp = client.post("/sparql", data=body, content_type=ctype)
    assert resp.status_code == 400
    assert "/update" in resp.json["error"]["detail"]


def test_update_in_form_or_get_is_400(client):
    assert client.post("/sparql", data={"update": "CLEAR ALL"}).status_code == 400
    assert client.get("/sparql", query_string={"update": "CLEAR ALL"}).status_code == 400


def test_unknown_content_type_is_415(client):
    resp = client.post("/sparql", data="ASK {}", content_type="text/plain")
    assert resp.status_code == 415 and resp.json["error"]["status"] == 415


def test_not_acceptable_is_406(client):
    resp = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert resp.status_code == 406


def test_body_over_the_cap_is_413(client):
    resp = client.post("/sparql", data="ASK {} #" + "x" * 3000,
                       content_type="application/sparql-query")
    assert resp.status_code == 413 and resp.json["error"]["status"] == 413


def test_timeout_parameter_validated(client):
    assert client.get("/sparql", query_string={"query": "ASK {}", "timeout": "abc"}).status_code == 400
    assert client.get("/sparql", query_string={"query": "ASK {}", "timeout": "999"}).status_code == 200


def test_service_description_with_void(client):
    resp = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert resp.mimetype == "text/turtle"
    g = Graph().parse(data=resp.data, format="turtle")
    svc = URIRef("http://localhost/sparql")
    assert (svc, RDF.type, URIRef(SD + "Service")) in g
    assert (svc, URIRef(SD + "endpoint"), svc) in g
    assert (svc, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Query")) in g
    dataset = g.value(svc, URIRef(SD + "defaultDataset"))
    assert int(g.value(dataset, VOID.triples)) == 9
    assert int(g.value(dataset, VOID.entities)) == 8
    assert int(g.value(dataset, VOID.classes)) == 1
    assert len(list(g.objects(dataset, URIRef(SD + "namedGraph")))) == 2


def test_editor_for_a_browser_makes_no_external_request(client):
    resp = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert resp.mimetype == "text/html"
    html = resp.data.decode()
    assert "Everybody and their names" in html
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith(("/", "#", "data:")) and not s.startswith("//")
                           for s in sources)
    assert "yasgui.min.js" in html
    # the site's navigation, with the SPARQL item marked as the current page
    assert '<a href="/sparql" aria-current="page">SPARQL</a>' in html
    assert html.count('aria-current="page"') == 1


def test_ping_and_metrics(client):
    assert client.get("/ping").status_code == 200
    client.get("/sparql", query_string={"query": "SELECT ?s { ?s a ?c }"})
    text = client.get("/metrics").data.decode()
    assert 'kazgraph_requests_total{endpoint="sparql.query",method="GET",status="200"}' in text
    assert "kazgraph_request_seconds_bucket" in text
    assert re.search(r"^kazgraph_query_truncations_total [1-9]", text, re.M)


def test_cors_off_by_default(client):
    resp = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Origin": "http://a.test"})
    assert "Access-Control-Allow-Origin" not in resp.headers


def test_cors_opt_in(tmp_path):
    app = create_app({"KAZGRAPH_STORE": str(tmp_path / "s"), "CORS_ORIGINS": "*"})
    try:
        client = app.test_client()
        resp = client.get("/ping", headers={"Origin": "http://a.test"})
        assert resp.headers["Access-Control-Allow-Origin"] == "*"
        pre = client.options("/sparql", headers={"Origin": "http://a.test",
                                                 "Access-Control-Request-Method": "POST"})
        assert pre.status_code == 204 and pre.headers["Access-Control-Allow-Origin"] == "*"
        upd = client.options("/update", headers={"Origin": "http://a.test"})
        assert "Access-Control-Allow-Origin" not in upd.headers
    finally:
        db.close_app(app)


def test_run_query_binds_values(app):
    from rdflib import Literal

    with app.app_context():
        res = db.run_query("SELECT ?n WHERE { ?s ?p ?n }", bindings={"s": URIRef(f"{EX}p0"),
                                                                       "p": URIRef(f"{EX}name")})
    assert res.kind == "select" and res.rows == [(Literal("Ana, \"A\"", lang="es"),)]
    assert json.dumps(res.dicts(), default=str)


def test_editor_examples_come_with_their_default_values_bound():
    from kazgraph.server import service

    app = create_app({"KAZGRAPH_STORE": "unused"})
    with app.test_request_context("/sparql"):
        examples = {e["name"]: e["query"] for e in service.example_queries()}
    # the default actor of the agreements question is bound in a VALUES block
    assert "org/european-union>" in examples["agreements-since"].split("SELECT", 1)[1]


def test_results_and_errors_are_never_sniffed(client):
    for resp in (client.get("/sparql", query_string={"query": NAME_Q}),
                 client.get("/sparql", query_string={"query": "SELECT"})):
        assert resp.headers["X-Content-Type-Options"] == "nosniff"
