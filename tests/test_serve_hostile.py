"""A real `kazgraph serve` on 127.0.0.1 under hostile requests: path traversal, 50 MB
bodies, and many clients at once (a short run of bench/bench_clients.py).

Requests go over raw http.client, so paths reach the server exactly as written
(`..`, `%2e%2e`, `%5c` and double encodings are not tidied by a client library).
"""
from __future__ import annotations

import http.client
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import bench_clients  # noqa: E402

TOKEN = "hostile-test-token"
MB = 1024 * 1024
# Text that only the files a traversal aims at hold.
SECRETS = [b"The web app: SPARQL endpoint", b"[build-system]", b"root:x:0:0", b"def create_app"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """(base URL, process) of `kazgraph serve` on the sample digests, writes enabled."""
    store = tmp_path_factory.mktemp("serve-hostile") / "store"
    bench_clients.load_samples(store)
    port = bench_clients.free_port()
    proc = bench_clients.start_server(store, port, threads=8,
                                      env={"KAZGRAPH_UPDATE_TOKEN": TOKEN,
                                           "KAZGRAPH_QUERY_WORKERS": "2"})
    base = f"http://127.0.0.1:{port}"
    try:
        bench_clients.wait_up(base, proc)
        yield base, proc
    finally:
        bench_clients.stop_server(proc)


def _conn(base: str, timeout: float = 30) -> http.client.HTTPConnection:
    host, port = base.removeprefix("http://").split(":")
    return http.client.HTTPConnection(host, int(port), timeout=timeout)


def get(base: str, path: str, headers: dict | None = None, *,
        follow: bool = False) -> tuple[int, bytes]:
    """(status, body) of one GET; `follow`: through redirects that stay on this server."""
    for _ in range(3):
        conn = _conn(base)
        try:
            conn.request("GET", path, headers=headers or {})
            resp = conn.getresponse()
            status, body, location = resp.status, resp.read(), resp.getheader("Location")
        finally:
            conn.close()
        if not (follow and status in (301, 302, 307, 308) and location):
            break
        assert location.startswith((base + "/", "/")), location
        path = location.removeprefix(base)
    return status, body


def _ping_ms(base: str) -> float:
    started = time.perf_counter()
    status, _ = get(base, "/ping")
    assert status == 200
    return (time.perf_counter() - started) * 1000


def _peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM in /proc")


def test_static_files_are_served(server):
    """Control: the static folder itself answers, so the 404s below are refusals."""
    status, body = get(server[0], "/static/kazgraph.css")
    assert status == 200 and body


@pytest.mark.parametrize("path", [
    "/static/../__init__.py",
    "/static/../../pyproject.toml",
    "/static/../server/__init__.py",
    "/static/yasgui/../../__init__.py",
    "/static/%2e%2e/__init__.py",
    "/static/%2e%2e%2f__init__.py",
    "/static/..%2f__init__.py",
    "/static/..%2F..%2Fpyproject.toml",
    "/static/..%5c__init__.py",
    "/static/..\\__init__.py",
    "/static/%252e%252e%252f__init__.py",
    "/static/%25252e%25252e/__init__.py",
    "/static/..%c0%af__init__.py",
    "/static/....//__init__.py",
    "/static/..;/__init__.py",
    "/static/%00../__init__.py",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/vendor/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
    "/id/../../etc/passwd",
    "/id/..%2f..%2f..%2fpyproject.toml",
    "/id/%2e%2e/%2e%2e/server/__init__.py",
    "/id/state/..%5c..%5c__init__.py",
    "/id/%252e%252e%252fpyproject.toml.ttl",
    "/id/../static/../__init__.py",
    "/questions/..%2f..%2fpyproject.toml",
    "/questions/../../server/__init__.py",
    "/export.ttl/../../pyproject.toml",
    "/export.%2e%2e%2fpyproject",
    "/export.ttl?graph=../../../etc/passwd",
    "/export.ttl?graph=file:///etc/passwd",
])
def test_traversal_gets_no_file(server, path):
    # A doubled slash is merged by a redirect (to /static/etc/passwd), which then is a 404.
    status, body = get(server[0], path, {"Accept": "text/html"}, follow=True)
    assert status in (400, 404), (status, body[:300])
    for secret in SECRETS:
        assert secret not in body, (path, body[:300])


def _big_request(base: str, method: str, path: str, ctype: str, size: int,
                 headers: dict | None = None, chunked: bool = False) -> int | str:
    """Send `size` bytes of body without holding them; the status, or how it ended."""
    block = b"#" * MB

    def body():
        sent = 0
        while sent < size:
            piece = block[: min(MB, size - sent)]
            sent += len(piece)
            yield piece

    conn = _conn(base, timeout=120)
    hdrs = {"Content-Type": ctype, **(headers or {})}
    if not chunked:
        hdrs["Content-Length"] = str(size)
    try:
        conn.request(method, path, body=body(), headers=hdrs, encode_chunked=chunked)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server may answer and close before the whole body is sent
    try:
        resp = conn.getresponse()
        resp.read()
        return resp.status
    except (ConnectionResetError, http.client.RemoteDisconnected) as err:
        return type(err).__name__
    finally:
        conn.close()


AUTH = {"Authorization": f"Bearer {TOKEN}"}
BIG = [
    ("POST", "/sparql", "application/sparql-query", {}),
    ("POST", "/sparql", "application/x-www-form-urlencoded", {}),
    ("POST", "/update", "application/sparql-update", AUTH),
    ("POST", "/update", "application/x-www-form-urlencoded", AUTH),
    ("PUT", "/store?graph=urn:x:big", "application/n-triples", AUTH),
    ("POST", "/store?graph=urn:x:big", "text/turtle", AUTH),
]


@pytest.mark.parametrize("method,path,ctype,headers", BIG)
@pytest.mark.parametrize("chunked", [False, True], ids=["length", "chunked"])
def test_50_mb_body_is_413_and_the_server_stays_small(server, method, path, ctype, headers, chunked):
    base, proc = server
    bench_clients.run_clients(base, bench_clients.plan(["/id/state/KAZ"]), 2, 1)  # warm
    peak = _peak_rss_mb(proc.pid)
    status = _big_request(base, method, path, ctype, 50 * MB, headers, chunked)
    assert status == 413, status
    assert _ping_ms(base) < 2000
    grown = _peak_rss_mb(proc.pid) - peak
    assert grown < 25, f"peak memory grew by {grown:.0f} MB for one 50 MB body"


def test_50_mb_without_token_is_refused(server):
    base = server[0]
    for method, path, ctype, _ in BIG[2:]:
        status = _big_request(base, method, path, ctype, 50 * MB)
        assert status in (401, 413), (path, status)
    status, body = get(base, "/store?graph=urn:x:big", AUTH)
    assert status == 404, body  # nothing was written


def test_server_answers_while_big_bodies_arrive(server):
    """Three 50 MB uploads at once; /ping and a question keep answering meanwhile."""
    base, proc = server
    peak = _peak_rss_mb(proc.pid)
    statuses: list = []
    uploads = [threading.Thread(target=lambda: statuses.append(_big_request(
        base, "POST", "/sparql", "application/sparql-query", 50 * MB))) for _ in range(3)]
    for t in uploads:
        t.start()
    pings = []
    while any(t.is_alive() for t in uploads):
        pings.append(_ping_ms(base))
        status, _ = get(base, "/questions/who-met-whom.json?actor=state/KAZ")
        assert status == 200
        time.sleep(0.05)
    for t in uploads:
        t.join()
    assert statuses == [413] * 3
    assert pings and max(pings) < 2000, pings
    assert _peak_rss_mb(proc.pid) - peak < 50


def test_many_clients_get_no_errors(server):
    """bench/bench_clients.py in short: 10 clients for 5 s, every answer a 2xx."""
    base = server[0]
    requests = bench_clients.plan(bench_clients.entity_paths(base))
    assert {r[0] for r in requests} == set(bench_clients.KINDS)
    result = bench_clients.run_clients(base, requests, clients=10, duration=5)
    overall = result["overall"]
    assert overall.latencies, "no request was made"
    assert overall.errors == 0, overall.examples
    assert set(result) == {*bench_clients.KINDS, "overall"}
