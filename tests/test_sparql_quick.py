"""The quick path of /sparql answers plain queries exactly as the app does, and hands
everything else to the app."""
from __future__ import annotations

import pytest
from werkzeug.test import EnvironBuilder, run_wsgi_app

from kazgraph.server import create_app, db
from kazgraph.server.quick import QuickSparql

EX = "urn:ex:"
SELECT = f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?s"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    import pyoxigraph as ox

    app = create_app({"KAZGRAPH_STORE": str(tmp_path_factory.mktemp("quick") / "store"),
                      "MAX_ROWS": 3, "QUERY_WORKERS": 1})
    with app.app_context(), db.writable() as writable:
        store = writable.ox
        for i in range(5):
            store.add(ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}p"),
                              ox.Literal(f"Астана {i}", language="kk"), ox.NamedNode(f"{EX}g")))
        store.flush()
        del store
    yield app
    db.close_app(app)


def _call(wsgi, **request):
    env = EnvironBuilder(path="/sparql", **request).get_environ()
    body, status, headers = run_wsgi_app(wsgi, env, buffered=True)
    return status, list(headers.items()), b"".join(body)


def _refuse(environ, start_response):
    raise AssertionError("handed to the app")


PLAIN = [
    {"method": "POST", "data": SELECT, "content_type": "application/sparql-query",
     "headers": {"Accept": "application/sparql-results+json"}},
    {"method": "POST", "data": SELECT + " LIMIT 2",
     "content_type": "application/sparql-query; charset=UTF-8",
     "headers": {"Accept": "application/sparql-results+xml"}},
    {"method": "GET", "query_string": {"query": SELECT}, "headers": {"Accept": "text/csv"}},
    {"method": "GET", "query_string": {"query": SELECT}, "headers": {"Accept": "text/tab-separated-values"}},
    {"method": "GET", "query_string": {"query": f"ASK {{ <{EX}s1> ?p ?o }}"}},
    {"method": "GET", "query_string": {"query": f"CONSTRUCT WHERE {{ ?s <{EX}p> ?o }}"},
     "headers": {"Accept": "text/turtle"}},
    {"method": "GET", "query_string": {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 2"},
     "headers": {"Accept": "application/json"}},
    {"method": "GET", "query_string": {"query": f"SELECT * FROM <{EX}g> WHERE {{ ?s ?p ?o }}"}},
]


@pytest.mark.parametrize("request_", PLAIN)
def test_plain_query_answered_as_the_app_answers_it(app, request_):
    quick = QuickSparql(app, _refuse)  # it must not need the app for these
    status, headers, body = _call(quick, **request_)
    assert status == "200 OK", body
    assert (status, headers, body) == _call(app.wsgi_app.wsgi_app, **request_)


def test_row_cap_and_truncation_header(app):
    status, headers, body = _call(QuickSparql(app, _refuse), method="POST", data=SELECT,
                                  content_type="application/sparql-query")
    assert dict(headers)["X-Kazgraph-Truncated"] == "true"
    assert b'"truncated":true' in body and b'"max_rows":3' in body


HANDED_OVER = [
    ({"method": "GET", "query_string": {"query": SELECT, "timeout": "1"}}, 200),
    ({"method": "GET", "query_string": {"query": SELECT, "format": "csv"}}, 200),
    ({"method": "GET", "query_string": {"query": SELECT, "default-graph-uri": f"{EX}g"}}, 200),
    ({"method": "GET", "query_string": {"query": "SELECT * WHERE { ?s ?p }"}}, 400),
    ({"method": "GET", "query_string": {"query": "  # nothing\n"}}, 400),
    ({"method": "GET", "query_string": {"query": "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }"}},
     400),
    ({"method": "GET", "query_string": {"query": SELECT}, "headers": {"Accept": "image/png"}}, 406),
    ({"method": "GET"}, 200),  # the editor
    ({"method": "POST", "data": "query=" + SELECT,
      "content_type": "application/x-www-form-urlencoded"}, 200),
    ({"method": "POST", "data": "INSERT DATA {}", "content_type": "application/sparql-update"},
     400),
    ({"method": "POST", "data": SELECT.encode("utf-16"),
      "content_type": "application/sparql-query"}, 400),
    ({"method": "OPTIONS"}, 204),
    ({"method": "DELETE"}, 405),
]


@pytest.mark.parametrize("request_, status", HANDED_OVER)
def test_anything_else_is_answered_by_the_app(app, request_, status):
    with pytest.raises(AssertionError, match="handed to the app"):
        _call(QuickSparql(app, _refuse), **request_)
    got, headers, body = _call(app.wsgi_app, **request_)
    assert int(got[:3]) == status, body
    assert (got, headers, body) == _call(app.wsgi_app.wsgi_app, **request_)


def test_quick_answers_are_counted_and_logged(app, caplog):
    client = app.test_client()
    before = client.get("/metrics").data.decode()
    with caplog.at_level("INFO", logger=app.logger.name):
        client.post("/sparql", data=SELECT, content_type="application/sparql-query")
    after = client.get("/metrics").data.decode()
    line = 'kazgraph_requests_total{endpoint="sparql.query",method="POST",status="200"}'

    def count(text: str) -> int:
        return next((int(x.rsplit(" ", 1)[1]) for x in text.splitlines()
                     if x.startswith(line)), 0)
    assert count(after) == count(before) + 1
    assert any("POST /sparql 200" in r.getMessage() and "rows=3 truncated" in r.getMessage()
               for r in caplog.records)


def test_cross_origin_headers_kept_while_cors_is_on(tmp_path):
    app = create_app({"KAZGRAPH_STORE": str(tmp_path / "store"), "CORS_ORIGINS": "*",
                      "QUERY_WORKERS": 1})
    try:
        resp = app.test_client().get("/sparql", query_string={"query": "ASK {}"})
        assert resp.status_code == 200
        assert resp.headers["Access-Control-Allow-Origin"] == "*"
    finally:
        db.close_app(app)
