"""The guard: SERVICE, LOAD and FROM of graphs outside the store never reach the network."""
from __future__ import annotations

import socket
import threading
import time
import urllib.request

import pytest

from kazgraph.errors import QueryError
from kazgraph.server import create_app, db, guard


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection it is offered."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


@pytest.fixture
def listener():
    lst = Listener()
    yield lst
    lst.close()


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    import pyoxigraph as ox

    app = create_app({"KAZGRAPH_STORE": str(tmp_path_factory.mktemp("guard") / "store"),
                      "UPDATE_TOKEN": "secret-token", "QUERY_TIME_LIMIT": 3})
    with app.app_context(), db.writable() as writable:
        store = writable.ox
        store.add(ox.Quad(ox.NamedNode("urn:x:a"), ox.NamedNode("urn:x:p"), ox.Literal("v"),
                          ox.NamedNode("urn:x:g")))
        store.flush()
        del store  # the write handle closes with the block only if nothing holds it
    yield app
    db.close_app(app)


def test_listener_sees_a_connection(listener):
    """Control: the listener does notice a client (so its silence below means something)."""
    with pytest.raises(OSError):
        urllib.request.urlopen(listener.url, timeout=2)
    assert listener.connections >= 1


def test_engine_alone_would_connect(listener):
    """Control: pyoxigraph itself does run SERVICE over HTTP, hence the guard."""
    import pyoxigraph as ox

    with pytest.raises(OSError):
        list(ox.Store().query(f"SELECT * {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"))
    deadline = time.monotonic() + 2
    while listener.connections == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert listener.connections == 1


QUERY_TEMPLATES = [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "SeLeCt * WhErE {{ sErViCe <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SELECT ?x {{ SERVICE <{url}> {{ ?x ?y ?z }} }} }} }}",
    "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ ?s ?p ?o MINUS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {{ SERVICE <{url}> {{ ?s ?p ?o }} }} UNION {{ }} }}",
    "SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
    "ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "DESCRIBE ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE <{url_escaped}> {{ ?s ?p ?o }} }}",
    "PREFIX r: <{url}> SELECT * WHERE {{ SERVICE r:sparql {{ ?s ?p ?o }} }}",
    "PREFIX r: <{url}> SELECT * WHERE {{ SERVICE r: {{ ?s ?p ?o }} }}",
    "BASE <{url}> SELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
    "BASE <{url}> SELECT * WHERE {{ SERVICE <> {{ ?s ?p ?o }} }}",
    "# a comment\nBASE <{url}>\nPREFIX : <x/>\nSELECT * {{ SERVICE :y {{ ?s ?p ?o }} }}",
    "SELECT * FROM <{url}data.ttl> WHERE {{ ?s ?p ?o }}",
    "select * from <{url}data.ttl> where {{ ?s ?p ?o }}",
    "SELECT * FROM NAMED <{url}data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "PREFIX r: <{url}> SELECT * FROM r:data WHERE {{ ?s ?p ?o }}",
    "BASE <{url}> SELECT * FROM <data.ttl> WHERE {{ ?s ?p ?o }}",
    "BASE <{url}> CONSTRUCT {{ ?s ?p ?o }} FROM NAMED <d> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "ASK FROM <{url}x> {{ }}",
]


def _send_query(client, how: str, query: str, **kw):
    if how == "get":
        return client.get("/sparql", query_string={"query": query}, **kw)
    if how == "form":
        return client.post("/sparql", data={"query": query}, **kw)
    return client.post("/sparql", data=query.encode(), content_type="application/sparql-query", **kw)


def _fill(template: str, url: str) -> str:
    """The template with the listener's address, plain and as \\uXXXX escapes."""
    escaped = "".join(f"\\u{ord(c):04X}" if c in "127." else c for c in url)
    return template.format(url=url, url_escaped=escaped)


def _no_connection(listener) -> None:
    time.sleep(0.05)  # a connection attempt, had there been one, is seen by now
    assert listener.connections == 0


@pytest.mark.parametrize("how", ["get", "form", "body"])
@pytest.mark.parametrize("template", QUERY_TEMPLATES)
def test_remote_query_refused_without_connection(app, listener, template, how):
    resp = _send_query(app.test_client(), how, _fill(template, listener.url))
    assert resp.status_code == 400, resp.data
    assert resp.json["error"]["title"] == "Query refused"
    _no_connection(listener)


def test_relative_iris_against_a_forged_host_are_refused(app, listener):
    """Relative IRIs resolve against the request's own URL, whose host the client names."""
    host = {"Host": f"127.0.0.1:{listener.port}"}
    for how in ("get", "form", "body"):
        for query in ("SELECT * { SERVICE <sparql> { ?s ?p ?o } }",
                      "SELECT * FROM <data.ttl> { ?s ?p ?o }"):
            resp = _send_query(app.test_client(), how, query, headers=host)
            assert resp.status_code == 400, resp.data
    _no_connection(listener)


@pytest.mark.parametrize("template", [
    "DESCRIBE <{url}>",
    "SELECT * WHERE {{ GRAPH <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ BIND(IRI(\"{url}\") AS ?x) ?x ?p ?o }}",
    "PREFIX service: <{url}> SELECT * WHERE {{ ?s service:load ?o }}",
])
def test_naming_an_address_as_data_fetches_nothing(app, listener, template):
    resp = app.test_client().get("/sparql", query_string={"query": _fill(template, listener.url)})
    assert resp.status_code == 200, resp.data
    _no_connection(listener)


def test_protocol_dataset_naming_an_address_fetches_nothing(app, listener):
    client = app.test_client()
    for key in ("default-graph-uri", "named-graph-uri"):
        resp = client.get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o }",
                                                   key: listener.url + "data.ttl"})
        assert resp.status_code in (200, 400), resp.data
        resp = client.post("/sparql", data={"query": "ASK { ?s ?p ?o }", key: listener.url})
        assert resp.status_code in (200, 400), resp.data
    _no_connection(listener)


UPDATE_TEMPLATES = [
    "LOAD <{url}data.ttl>",
    "load <{url}data.ttl>",
    "LOAD SILENT <{url}data.ttl> INTO GRAPH <urn:x:new>",
    "PREFIX r: <{url}> LOAD r:data",
    "BASE <{url}> LOAD <data.ttl>",
    "BASE <{url}> LOAD SILENT <> INTO GRAPH <urn:x:new>",
    "LOAD <{url_escaped}data.ttl>",
    "INSERT DATA {{ GRAPH <urn:x:g> {{ <urn:x:a> <urn:x:p> 1 }} }} ; LOAD <{url}>",
    "INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "insert {{ ?s ?p ?o }} where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    "BASE <{url}> DELETE {{ ?s ?p ?o }} WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
    "PREFIX r: <{url}> INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE r: {{ ?s ?p ?o }} }}",
    "INSERT {{ GRAPH <urn:x:g> {{ ?s ?p ?o }} }} USING <{url}d> WHERE {{ ?s ?p ?o }}",
    "INSERT {{ GRAPH <urn:x:g> {{ ?s ?p ?o }} }} USING NAMED <{url}d> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "BASE <{url}> INSERT {{ GRAPH <urn:x:g> {{ ?s ?p ?o }} }} USING <d> WHERE {{ ?s ?p ?o }}",
]


@pytest.mark.parametrize("how", ["body", "form"])
@pytest.mark.parametrize("template", UPDATE_TEMPLATES)
def test_remote_update_refused_without_connection(app, listener, template, how):
    text = _fill(template, listener.url)
    auth = {"Authorization": "Bearer secret-token"}
    client = app.test_client()
    if how == "body":
        resp = client.post("/update", data=text.encode(), content_type="application/sparql-update",
                           headers=auth)
    else:
        resp = client.post("/update", data={"update": text}, headers=auth)
    assert resp.status_code == 400, resp.data
    _no_connection(listener)
    count = client.get("/sparql", query_string={"query": "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"})
    assert count.json["results"]["bindings"][0]["n"]["value"] == "1"  # nothing was written


def test_question_values_naming_an_address_fetch_nothing(app, listener):
    """Canned questions take values, not query text; an IRI value is only compared."""
    client = app.test_client()
    for url in (f"/questions/who-met-whom?actor={listener.url}",
                f"/questions/fact-sources.json?subject={listener.url}data.ttl&predicate=kg:party",
                f"/questions/outlets-by-month.json?entity={listener.url}",
                f"/search?q={listener.url}", f"/id/{listener.url}"):
        assert client.get(url).status_code in (200, 400, 404), url
    _no_connection(listener)


def test_from_a_graph_of_the_store_is_allowed(app):
    resp = app.test_client().get("/sparql", query_string={
        "query": "SELECT ?o FROM <urn:x:g> WHERE { ?s ?p ?o }"})
    assert resp.status_code == 200
    assert resp.json["results"]["bindings"] == [{"o": {"type": "literal", "value": "v"}}]


@pytest.mark.parametrize("text", [
    'SELECT * WHERE { ?s ?p "SERVICE <http://x/>" }',
    "SELECT * WHERE { ?s <http://x/#SERVICE> ?o } # SERVICE <http://x/>",
    "PREFIX service: <urn:s:> SELECT ?from WHERE { ?from service:load ?o }",
])
def test_words_in_strings_iris_and_names_are_not_operations(text):
    assert guard.check(text).keyword == "SELECT"


def test_update_sent_as_query_is_refused():
    with pytest.raises(guard.Refused, match="/update"):
        guard.check("PREFIX ex: <urn:ex:> INSERT DATA { ex:a ex:b ex:c }")
    with pytest.raises(QueryError):
        guard.check("SELECT * {}", expect="update")
