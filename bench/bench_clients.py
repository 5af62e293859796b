"""Many clients at once on a real `kazgraph serve` over the sample digests.

Loads data/samples into a fresh store with `kazgraph load`, serves it on 127.0.0.1, and
runs `--clients` Python threads (one keep-alive http.client connection each) for
`--duration` seconds on a mix of /sparql queries, canned question pages with varying
values, and entity pages. Any status but 2xx, and any connection error, is an error.
Prints requests, errors and p50/p95/p99 latency per kind of request and overall.

    .venv/bin/python bench/bench_clients.py --duration 60 --clients 50
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
PREFIX = ("PREFIX kg: <https://w3id.org/kazgraph/ontology#> "
          "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")
QUERIES = [
    PREFIX + "SELECT ?t (COUNT(?e) AS ?n) WHERE { ?e a ?t } GROUP BY ?t ORDER BY DESC(?n)",
    PREFIX + "SELECT ?s ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l LIMIT 50",
    PREFIX + "ASK { ?s a kg:State }",
    PREFIX + "SELECT ?a ?h WHERE { ?a a kg:Article ; kg:headline ?h } LIMIT 20",
    PREFIX + "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a kg:State ; rdfs:label ?l }",
]
# Question values to vary over; names as a person types them as well as paths.
QUESTIONS: dict[str, list[dict[str, str]]] = {
    "agreements-since": [{"actor": a, "since": s} for a in ("European Union", "org/european-union",
                                                          "state/KAZ", "China") for s in ("2015", "2022-01")],
    "who-met-whom": [{"actor": a} for a in ("state/KAZ", "Tokayev", "state/CHN", "European Union")],
    "co-mentioned-states": [{"state": s} for s in ("state/KAZ", "state/CHN", "state/RUS")],
    "summits-and-visits": [{"year": y} for y in ("2023", "2024", "2025")],
    "most-mentioned": [{"from": "2020-01", "to": "2025-12-31"}, {"from": "2024", "to": "2024"}],
    "amounts-by-partner": [{"kind": k} for k in ("", "investment", "trade")],
    "corridors": [{}],
    "outlets-by-month": [{"entity": e} for e in ("state/KAZ", "state/CHN")],
}
KINDS = ("sparql", "question", "entity")
Request = tuple[str, str, str, "bytes | None", dict]  # kind, method, path, body, headers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def connect(base: str, timeout: float) -> http.client.HTTPConnection:
    """A keep-alive connection to the server at `base` (http://127.0.0.1:port)."""
    u = urllib.parse.urlparse(base)
    return http.client.HTTPConnection(u.hostname or "127.0.0.1", u.port, timeout=timeout)


def kazgraph_command() -> list[str]:
    """`kazgraph` beside this Python (the venv), else on PATH, else `python -m kazgraph`."""
    exe = Path(sys.executable).with_name("kazgraph")
    found = str(exe) if exe.exists() else shutil.which("kazgraph")
    return [found] if found else [sys.executable, "-m", "kazgraph"]


def load_samples(store: Path, samples: Path = SAMPLES) -> None:
    """Load the sample digests into a store with the real `kazgraph load`."""
    subprocess.run([*kazgraph_command(), "load", str(samples), "--store", str(store)],
                   check=True, capture_output=True, timeout=600)


def start_server(store: Path, port: int, *, threads: int = 16,
                 env: dict[str, str] | None = None) -> subprocess.Popen:
    """`kazgraph serve` on 127.0.0.1:port; its log goes to a file beside the store."""
    with open(store.parent / f"serve-{port}.log", "wb") as log:  # the child keeps its copy
        return subprocess.Popen([*kazgraph_command(), "serve", "--store", str(store), "--host",
                                 "127.0.0.1", "--port", str(port), "--threads", str(threads)],
                                env={**os.environ, **(env or {})}, stdout=log, stderr=log)


def wait_up(base: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    """Poll /ping until it answers 200; exit (RuntimeError) if the server dies or never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"kazgraph serve exited with {proc.returncode}")
        conn = connect(base, 2)
        try:
            conn.request("GET", "/ping")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
        finally:
            conn.close()
    raise RuntimeError(f"{base} did not come up in {seconds} s")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def entity_paths(base: str, limit: int = 200) -> list[str]:
    """Paths of entity pages (/id/...) of labelled things in the served store."""
    conn = connect(base, 30)
    q = PREFIX + f"SELECT DISTINCT ?s WHERE {{ ?s rdfs:label ?l }} ORDER BY ?s LIMIT {limit}"
    try:
        conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": q}),
                     headers={"Accept": "application/sparql-results+json"})
        rows = json.loads(conn.getresponse().read())["results"]["bindings"]
    finally:
        conn.close()
    prefix = "https://w3id.org/kazgraph/id/"
    return ["/id/" + urllib.parse.quote(r["s"]["value"][len(prefix):], safe="/")
            for r in rows if r["s"]["value"].startswith(prefix)]


def plan(entities: list[str]) -> list[Request]:
    """Every request of the mix as (kind, method, path, body, headers)."""
    out: list[Request] = []
    for q in QUERIES:
        accept = {"Accept": "text/turtle" if q.split("\n", 1)[1].startswith("CONSTRUCT")
                  else "application/sparql-results+json"}
        out.append(("sparql", "GET", "/sparql?" + urllib.parse.urlencode({"query": q}), None, accept))
        out.append(("sparql", "POST", "/sparql", q.encode(),
                    {**accept, "Content-Type": "application/sparql-query"}))
    for name, variants in QUESTIONS.items():
        for values in variants:
            query = "?" + urllib.parse.urlencode(values) if values else ""
            out.append(("question", "GET", f"/questions/{name}{query}", None, {"Accept": "text/html"}))
            out.append(("question", "GET", f"/questions/{name}.json{query}", None, {}))
    for path in entities:
        out.append(("entity", "GET", path, None, {"Accept": "text/html"}))
    return out


@dataclass
class Tally:
    """Latencies (ms) and errors of one kind of request."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    examples: list[str] = field(default_factory=list)


def run_clients(base: str, requests: list[Request], clients: int, duration: float,
                seed: int = 12) -> dict[str, Tally]:
    """`clients` threads sending random requests of the mix for `duration` seconds."""
    stop_at = time.monotonic() + duration
    lock = threading.Lock()
    tallies: dict[str, Tally] = defaultdict(Tally)
    by_kind = {k: [r for r in requests if r[0] == k] for k in KINDS}
    kinds = [k for k in KINDS if by_kind[k]]

    def client(n: int) -> None:
        rnd = random.Random(seed * 1000 + n)
        conn = connect(base, 60)
        mine: dict[str, Tally] = defaultdict(Tally)
        while time.monotonic() < stop_at:
            kind, method, path, body, headers = rnd.choice(by_kind[rnd.choice(kinds)])
            started = time.perf_counter()
            problem = None
            try:
                conn.request(method, path, body=body, headers=headers)
                resp = conn.getresponse()
                resp.read()
                if not 200 <= resp.status < 300:
                    problem = f"{resp.status} {method} {path[:100]}"
            except (OSError, http.client.HTTPException) as err:
                problem = f"{type(err).__name__} {method} {path[:100]}"
                conn.close()
                conn = connect(base, 60)
            tally = mine[kind]
            tally.latencies.append((time.perf_counter() - started) * 1000)
            if problem:
                tally.errors += 1
                if len(tally.examples) < 5:
                    tally.examples.append(problem)
        conn.close()
        with lock:
            for kind, t in mine.items():
                tallies[kind].latencies += t.latencies
                tallies[kind].errors += t.errors
                tallies[kind].examples += t.examples[:5 - len(tallies[kind].examples)]

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    everything = Tally()
    for t in tallies.values():
        everything.latencies += t.latencies
        everything.errors += t.errors
        everything.examples += t.examples
    result = {k: tallies[k] for k in KINDS if k in tallies}
    result["overall"] = everything
    return result


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile of `values` (0.0 when there are none)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(fraction * len(ordered) + 0.5)) - 1))]


def table(result: dict[str, Tally], duration: float) -> str:
    """The report: one line per kind of request and one overall."""
    lines = [f"{'kind':10} {'requests':>9} {'errors':>7} {'req/s':>8} {'p50 ms':>8} "
             f"{'p95 ms':>8} {'p99 ms':>8}"]
    for kind, t in result.items():
        lat = t.latencies
        lines.append(f"{kind:10} {len(lat):9d} {t.errors:7d} {len(lat) / duration:8.1f} "
                     f"{percentile(lat, .50):8.1f} {percentile(lat, .95):8.1f} "
                     f"{percentile(lat, .99):8.1f}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--duration", type=float, default=60, help="seconds of load [60]")
    ap.add_argument("--clients", type=int, default=50, help="concurrent clients [50]")
    ap.add_argument("--threads", type=int, default=16, help="waitress threads of the server [16]")
    ap.add_argument("--workers", type=int, default=2, help="query worker processes [2]")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-clients-"))
    proc = None
    try:
        store = tmp / "store"
        load_samples(store)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = start_server(store, port, threads=args.threads,
                            env={"KAZGRAPH_QUERY_WORKERS": str(args.workers)})
        wait_up(base, proc)
        requests = plan(entity_paths(base))
        run_clients(base, requests, min(args.clients, 4), 2)  # warm the workers and caches
        result = run_clients(base, requests, args.clients, args.duration)
        print(f"{args.clients} clients for {args.duration:g} s on data/samples "
              f"(kazgraph serve, {args.threads} threads, {args.workers} query workers; "
              f"{len(requests)} distinct requests):")
        print(table(result, args.duration))
        for example in result["overall"].examples[:10]:
            print("  error:", example)
    finally:
        if proc is not None:
            stop_server(proc)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
