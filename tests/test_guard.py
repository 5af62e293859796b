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


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SELECT ?x {{ SERVICE <{url}> {{ ?x ?y ?z }} }} }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    "PREFIX r: <{url}> SELECT * WHERE {{ SERVICE r:sparql {{ ?s ?p ?o }} }}",
    "SELECT * FROM <{url}data.ttl> WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM NAMED <{url}data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "ASK FROM <{url}x> {{ }}",
])
def test_remote_query_refused_without_connection(app, listener, template):
    query = template.format(url=listener.url)
    resp = app.test_client().get("/sparql", query_string={"query": query})
    assert resp.status_code == 400, resp.data
    assert resp.json["error"]["title"] == "Query refused"
    assert listener.connections == 0


def test_service_through_post_form_refused(app, listener):
    resp = app.test_client().post("/sparql", data={
        "query": f"SELECT * {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"})
    assert resp.status_code == 400
    assert listener.connections == 0


@pytest.mark.parametrize("template", [
    "LOAD <{url}data.ttl>",
    "LOAD SILENT <{url}data.ttl> INTO GRAPH <urn:x:new>",
    "INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "INSERT {{ GRAPH <urn:x:g> {{ ?s ?p ?o }} }} USING <{url}d> WHERE {{ ?s ?p ?o }}",
])
def test_remote_update_refused_without_connection(app, listener, template):
    resp = app.test_client().post("/update", data=template.format(url=listener.url),
                                  content_type="application/sparql-update",
                                  headers={"Authorization": "Bearer secret-token"})
    assert resp.status_code == 400, resp.data
    assert listener.connections == 0


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
