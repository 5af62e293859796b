"""Writes: /update and /store are off by default and need the bearer token when on."""
from __future__ import annotations

import pytest

from kazgraph.server import create_app, db

TOKEN = "t0ken-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
INSERT = "INSERT DATA { GRAPH <urn:u:g> { <urn:u:a> <urn:u:p> 42 } }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = create_app({"KAZGRAPH_STORE": str(tmp_path_factory.mktemp("upd") / "store"),
                      "UPDATE_TOKEN": TOKEN})
    yield app
    db.close_app(app)


def _count(client) -> int:
    resp = client.get("/sparql", query_string={"query": COUNT})
    assert resp.status_code == 200, resp.data
    return int(resp.json["results"]["bindings"][0]["n"]["value"])


def test_writes_off_by_default(tmp_path):
    app = create_app({"KAZGRAPH_STORE": str(tmp_path / "s")})
    try:
        client = app.test_client()
        resp = client.post("/update", data=INSERT, content_type="application/sparql-update",
                           headers=AUTH)
        assert resp.status_code == 403 and resp.json["error"]["title"] == "Writes disabled"
        assert client.put("/store?graph=urn:u:g", data="<urn:a> <urn:b> <urn:c> .",
                          content_type="application/n-triples").status_code == 403
    finally:
        db.close_app(app)


def test_update_without_token_refused(app):
    client = app.test_client()
    before = _count(client)
    resp = client.post("/update", data=INSERT, content_type="application/sparql-update")
    assert resp.status_code == 401 and resp.headers["WWW-Authenticate"].startswith("Bearer")
    resp = client.post("/update", data={"update": INSERT},
                       headers={"Authorization": "Bearer wrong"})
    assert resp.status_code == 403
    assert _count(client) == before


def test_update_with_token_is_seen_by_queries(app):
    client = app.test_client()
    before = _count(client)
    resp = client.post("/update", data=INSERT, content_type="application/sparql-update",
                       headers=AUTH)
    assert resp.status_code == 204, resp.data
    assert _count(client) == before + 1


def test_update_syntax_error_is_400(app):
    resp = app.test_client().post("/update", data={"update": "CLEAR XYZ"}, headers=AUTH)
    assert resp.status_code == 400


def test_update_by_get_is_refused(app):
    assert app.test_client().get("/update", query_string={"update": "CLEAR ALL"},
                                 headers=AUTH).status_code == 405


def test_graph_store_protocol(app):
    client = app.test_client()
    url = "/store?graph=urn:u:gsp"
    resp = client.put(url, data='<urn:u:x> <urn:u:p> "1" .\n<urn:u:y> <urn:u:p> "2" .',
                      content_type="application/n-triples", headers=AUTH)
    assert resp.status_code == 201
    resp = client.post(url, data="<urn:u:z> <urn:u:p> 3 .", content_type="text/turtle",
                       headers=AUTH)
    assert resp.status_code == 204
    got = client.get(url, headers=AUTH)
    assert got.status_code == 200 and got.mimetype == "text/turtle"
    assert got.data.count(b"urn:u:p") == 3
    q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:u:gsp> { ?s ?p ?o } }"
    assert client.get("/sparql", query_string={"query": q}).json[
        "results"]["bindings"][0]["n"]["value"] == "3"
    assert client.delete(url, headers=AUTH).status_code == 204
    assert client.get(url, headers=AUTH).status_code == 404
    assert client.put(url, data="not rdf <", content_type="text/turtle",
                      headers=AUTH).status_code == 400
    assert client.get(url).status_code == 401


def test_queries_during_writes_are_all_answered(app):
    """Writes stop the workers only between queries: concurrent readers never see a 500."""
    from concurrent.futures import ThreadPoolExecutor

    def reader(_):
        client = app.test_client()
        return [client.get("/sparql", query_string={"query": COUNT}).status_code
                for _ in range(15)]

    def writer():
        client = app.test_client()
        return [client.post("/update", data={"update": f"INSERT DATA {{ GRAPH <urn:u:w> "
                                             f"{{ <urn:u:w{i}> <urn:u:p> {i} }} }}"},
                            headers=AUTH).status_code for i in range(4)]

    with ThreadPoolExecutor(4) as ex:
        reads = [ex.submit(reader, n) for n in range(3)]
        writes = writer()
        codes = [c for f in reads for c in f.result()]
    assert writes == [204] * 4
    assert set(codes) == {200}, app.test_client().get("/sparql", query_string={"query": COUNT}).data


def test_running_server_keeps_other_writers_out(app):
    """Between writes the server holds the folder lock: `kazgraph load` cannot write under it."""
    import subprocess
    import sys

    with app.app_context():
        db.get_store()
        path = db._store_path()
    other = subprocess.run([sys.executable, "-c", f"import pyoxigraph; pyoxigraph.Store({path!r})"],
                           capture_output=True, text=True, timeout=60)
    assert other.returncode != 0 and "lock" in other.stderr.lower()


KEEP = "/store?graph=urn:u:keep"
DUMP = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g ?s ?p ?o"
BAD_AUTH = [
    {},
    {"Authorization": "Bearer wrong"},
    {"Authorization": "Bearer "},
    {"Authorization": "Bearer"},
    {"Authorization": f"Bearer {TOKEN}x"},
    {"Authorization": f"Bearer {TOKEN[:-1]}"},
    {"Authorization": f"Bearer {TOKEN.upper()}"},
    {"Authorization": f"Basic {TOKEN}"},
    {"Authorization": TOKEN},
    {"Authorization": f"Token {TOKEN}"},
    {"X-Update-Token": TOKEN},
]
WRITES = [
    ("post", "/update", {"data": "DROP ALL", "content_type": "application/sparql-update"}),
    ("post", "/update", {"data": {"update": "CLEAR GRAPH <urn:u:keep>"}}),
    ("post", f"/update?access_token={TOKEN}", {"data": INSERT, "content_type": "application/sparql-update"}),
    ("post", "/update", {"data": {"update": INSERT, "access_token": TOKEN}}),
    ("put", KEEP, {"data": "<urn:u:x> <urn:u:p> 9 .", "content_type": "text/turtle"}),
    ("post", KEEP, {"data": "<urn:u:x> <urn:u:p> 9 .", "content_type": "text/turtle"}),
    ("delete", KEEP, {}),
    ("put", "/store?graph=urn:u:new", {"data": "<urn:u:x> <urn:u:p> 9 .", "content_type": "text/turtle"}),
    ("get", KEEP, {}),
]


@pytest.fixture(scope="module")
def kept(app):
    """A graph the refused writes below aim at, written with the token; then every quad."""
    client = app.test_client()
    assert client.put(KEEP, data="<urn:u:k> <urn:u:p> 1 .", content_type="text/turtle",
                      headers=AUTH).status_code in (201, 204)
    return client.get("/sparql", query_string={"query": DUMP}).json["results"]["bindings"]


@pytest.mark.parametrize("auth", BAD_AUTH, ids=lambda a: next(iter(a.values()), "none")[:20])
@pytest.mark.parametrize("method,url,kw", WRITES, ids=[f"{m}-{u.split('?')[0]}-{i}" for i, (m, u, _) in enumerate(WRITES)])
def test_writes_without_the_right_token_are_refused_and_change_nothing(app, kept, auth, method, url, kw):
    client = app.test_client()
    resp = getattr(client, method)(url, headers=auth, **kw)
    assert resp.status_code in (401, 403), (resp.status_code, resp.data)
    assert resp.json["error"]["status"] == resp.status_code
    if resp.status_code == 401:
        assert resp.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.get("/sparql", query_string={"query": DUMP}).json["results"]["bindings"] == kept


def test_scheme_name_is_case_insensitive(app):
    client = app.test_client()
    resp = client.get(KEEP, headers={"Authorization": f"bearer {TOKEN}"})
    assert resp.status_code == 200, resp.data
