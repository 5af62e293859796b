"""The endpoint served by waitress on 127.0.0.1, used by SPARQLWrapper and plain HTTP."""
from __future__ import annotations

import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from SPARQLWrapper import CSV, JSON, XML, SPARQLWrapper

from kazgraph.server import create_app, db

LIMIT = 2.0
# A cross join over ~3,000 triples: about 2.7e10 solutions, far past any limit.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
FAST = "ASK { ?s a <urn:t:Thing> }"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Base URL of a waitress server in a thread, over a store of 3,000 triples."""
    import pyoxigraph as ox
    from waitress import create_server

    app = create_app({"KAZGRAPH_STORE": str(tmp_path_factory.mktemp("live") / "store"),
                      "QUERY_TIME_LIMIT": LIMIT, "QUERY_WORKERS": 2})
    with app.app_context(), db.writable() as writable:
        store = writable.ox
        g = ox.NamedNode("urn:t:graph")
        store.extend(ox.Quad(ox.NamedNode(f"urn:t:s{i}"), ox.NamedNode("urn:t:p"),
                             ox.Literal(i), g) for i in range(2999))
        store.add(ox.Quad(ox.NamedNode("urn:t:s0"), ox.NamedNode(
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode("urn:t:Thing"), g))
        store.flush()
        del store  # the write handle closes with the block only if nothing holds it
    with app.app_context():
        db.get_pool()  # start the workers before the clock starts
    srv = create_server(app, host="127.0.0.1", port=0, threads=16)

    def serve() -> None:
        try:
            srv.run()
        except OSError:  # close() from the test thread ends the loop this way
            pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.effective_port}/sparql"
    srv.close()
    thread.join(timeout=5)
    db.close_app(app)


def _wrapper(url: str, fmt) -> SPARQLWrapper:
    sw = SPARQLWrapper(url)
    sw.setQuery("SELECT ?s ?o WHERE { ?s <urn:t:p> ?o FILTER(?o < 3) } ORDER BY ?o")
    sw.setReturnFormat(fmt)
    return sw


def test_sparqlwrapper_json(server):
    res = _wrapper(server, JSON).queryAndConvert()
    assert [(b["s"]["value"], b["o"]["value"]) for b in res["results"]["bindings"]] == \
        [("urn:t:s0", "0"), ("urn:t:s1", "1"), ("urn:t:s2", "2")]
    assert res["results"]["bindings"][0]["o"]["datatype"].endswith("#integer")


def test_sparqlwrapper_xml(server):
    doc = _wrapper(server, XML).queryAndConvert()
    uris = [e.firstChild.data for e in doc.getElementsByTagName("uri")]
    assert uris == ["urn:t:s0", "urn:t:s1", "urn:t:s2"]


def test_sparqlwrapper_csv(server):
    text = _wrapper(server, CSV).queryAndConvert().decode("utf-8")
    assert text.splitlines() == ["s,o", "urn:t:s0,0", "urn:t:s1,1", "urn:t:s2,2"]


def test_sparqlwrapper_post(server):
    sw = _wrapper(server, JSON)
    sw.setMethod("POST")
    assert len(sw.queryAndConvert()["results"]["bindings"]) == 3


def _get(url: str, query: str, timeout: float = 30) -> tuple[int, bytes, float]:
    started = time.monotonic()
    sep = "&" if "?" in url else "?"
    req = urllib.request.Request(url + sep + urllib.parse.urlencode({"query": query}),
                                 headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read(), time.monotonic() - started
    except urllib.error.HTTPError as err:
        return err.code, err.read(), time.monotonic() - started


def test_slow_query_stopped_while_others_are_answered(server):
    with ThreadPoolExecutor(max_workers=2) as ex:
        slow = ex.submit(_get, server, SLOW)
        time.sleep(0.3)  # let the slow query occupy a worker
        fast = [_get(server, FAST) for _ in range(3)]
        status, body, took = slow.result()
    assert status == 503 and b"time limit" in body, body
    assert LIMIT - 0.1 <= took <= LIMIT + 1.0, took
    for code, answer, seconds in fast:
        assert code == 200 and b"true" in answer
        assert seconds < 1.0, seconds
    # The killed worker was replaced: the endpoint still answers.
    assert _get(server, FAST)[0] == 200


def test_ten_slow_queries_at_once_leave_room_for_a_quick_one(server):
    """More slow queries than warm workers: each stops at the limit with a clear error,
    and a quick query sent meanwhile still answers at once (the pool grows)."""
    with ThreadPoolExecutor(max_workers=10) as ex:
        slow = [ex.submit(_get, server, SLOW) for _ in range(10)]
        time.sleep(0.5)  # every warm worker is busy now
        fast = [_get(server, FAST) for _ in range(3)]
        answers = [f.result() for f in slow]
    for status, body, took in answers:
        assert status == 503 and b"time limit" in body, body
        assert took <= LIMIT + 2.0, took
    for code, answer, seconds in fast:
        assert code == 200 and b"true" in answer
        # Had it waited for a worker, it would have waited for a slow query to be stopped
        # at the limit; a new worker (however long a busy machine takes to start one)
        # answers before that.
        assert seconds < LIMIT, seconds
    assert _get(server, FAST)[0] == 200


def test_client_may_lower_the_time_limit(server):
    started = time.monotonic()
    status, body, _ = _get(server + "?timeout=0.5", SLOW)
    assert status == 503, body
    assert time.monotonic() - started < 1.5


def test_metrics_count_the_timeouts(server):
    with urllib.request.urlopen(server.replace("/sparql", "/metrics"), timeout=5) as resp:
        text = resp.read().decode()
    assert re.search(r"^kazgraph_query_timeouts_total [1-9]", text, re.M)


def test_kazgraph_serve_process(tmp_path):
    """The real command: `kazgraph serve` answers SPARQLWrapper and logs one line a request."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    import pyoxigraph as ox

    from conftest import free_port, wait_until_up

    store = ox.Store(str(tmp_path / "store"))
    store.add(ox.Quad(ox.NamedNode("urn:t:a"), ox.NamedNode("urn:t:p"), ox.Literal("one"),
                      ox.NamedNode("urn:t:g")))
    store.flush()
    del store
    exe = Path(sys.executable).with_name("kazgraph")
    port = free_port()
    proc = subprocess.Popen([str(exe if exe.exists() else shutil.which("kazgraph")), "serve",
                             "--store", str(tmp_path / "store"), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/sparql"
        wait_until_up(url.replace("/sparql", "/ping"), proc)
        sw = SPARQLWrapper(url)
        sw.setQuery("SELECT ?o WHERE { <urn:t:a> <urn:t:p> ?o }")
        sw.setReturnFormat(JSON)
        assert sw.queryAndConvert()["results"]["bindings"] == [
            {"o": {"type": "literal", "value": "one"}}]
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert re.search(r"GET /sparql 200 [\d.]+ms rows=1", err), err
    assert len(re.findall(r"GET /sparql 200", err)) == 1, err
