"""Benchmark /sparql of `kazgraph serve` against `oxigraph serve-read-only` on the same data.

Both servers run as separate processes on 127.0.0.1 over a generated, digest-shaped data
set (one named graph per digest; the default graph holds their union, as kazgraph keeps it). The load is a fixed mix
of queries, sent with wrk (Debian `wrk`) when installed, else by a Python thread pool;
every phase is bounded in time. Prints per-query single-client latency, then throughput
and latency percentiles under concurrency, and our/oxigraph ratios.

    .venv/bin/python bench/bench_endpoint.py --duration 10 --connections 1,8,32 --rounds 3
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

KG = "https://w3id.org/kazgraph/ontology#"
ID = "https://w3id.org/kazgraph/id/"
RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
XSD_DATE = "<http://www.w3.org/2001/XMLSchema#date>"

PREFIX = f"PREFIX kg: <{KG}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
QUERIES = {
    "label": PREFIX + f"SELECT ?l WHERE {{ <{ID}person/17> rdfs:label ?l }}",
    "ask": PREFIX + f"ASK {{ <{ID}person/3> a kg:Person }}",
    "per-type": PREFIX + "SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?t } GROUP BY ?t ORDER BY ?t",
    "met": PREFIX + f"""SELECT DISTINCT ?event ?date ?other ?name WHERE {{
  ?event kg:participant <{ID}state/5> ; kg:participant ?other ; kg:startDate ?date .
  FILTER(?other != <{ID}state/5>) OPTIONAL {{ ?other rdfs:label ?name }}
}} ORDER BY ?date ?event ?other LIMIT 100""",
    "labels-1000": PREFIX + "SELECT ?s ?l WHERE { ?s rdfs:label ?l } ORDER BY ?s LIMIT 1000",
}


def make_data(path: Path, digests: int, events_per_digest: int) -> int:
    """Write a digest-shaped N-Quads file; return its quad count.

    Like a store written by kazgraph, the default graph holds the union of the named
    graphs (each triple once), so both servers query the same default graph.
    """
    lines = []
    states, people = 60, 400
    for d in range(digests):
        g = f"<{ID}digest/{d}>"
        for k in range(events_per_digest):
            e = f"<{ID}event/{d}-{k}>"
            a, b = (d * 7 + k) % states, (d * 11 + k * 3 + 1) % states
            p, q = (d * 13 + k) % people, (d * 17 + k * 5 + 2) % people
            day = f'"2024-{1 + d % 12:02d}-{1 + k % 28:02d}"^^{XSD_DATE}'
            lines += [f"{e} {RDF_TYPE} <{KG}Meeting> {g} .",
                      f'{e} {RDFS_LABEL} "Meeting {d}-{k}"@en {g} .',
                      f"{e} <{KG}startDate> {day} {g} ."]
            for who in (f"<{ID}state/{a}>", f"<{ID}state/{b}>", f"<{ID}person/{p}>",
                        f"<{ID}person/{q}>"):
                lines.append(f"{e} <{KG}participant> {who} {g} .")
            for who, cls, name in ((f"<{ID}state/{a}>", "State", f"State {a}"),
                                   (f"<{ID}person/{p}>", "Person", f"Person {p}")):
                lines += [f"{who} {RDF_TYPE} <{KG}{cls}> {g} .",
                          f'{who} {RDFS_LABEL} "{name}"@en {g} .']
    union = sorted({line.rsplit(" ", 2)[0] for line in lines})  # drop the graph name
    lines += [f"{triple} ." for triple in union]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    parsed = urllib.parse.urlparse(url)
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server exited: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
        try:
            conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=2)
            conn.request("GET", parsed.path + "?query=" + urllib.parse.quote("ASK {}"))
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"{url} did not come up in {seconds} s")


def post(conn: http.client.HTTPConnection, path: str, query: str) -> tuple[int, bytes]:
    conn.request("POST", path, body=query.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    resp = conn.getresponse()
    return resp.status, resp.read()


def single_client(servers: dict[str, tuple[str, str]], runs: int,
                  rounds: int = 5) -> dict[str, dict[str, float]]:
    """Median milliseconds per query and server, one client each, keep-alive. The servers
    take turns in `rounds` rounds, so a slow spell of a shared machine falls on all."""
    conns = {}
    for name, (base, _) in servers.items():
        u = urllib.parse.urlparse(base)
        conns[name] = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    out: dict[str, dict[str, float]] = {name: {} for name in servers}
    for query, q in QUERIES.items():
        times: dict[str, list[float]] = {name: [] for name in servers}
        for name, conn in conns.items():
            post(conn, servers[name][1], q)  # warm
        for _ in range(rounds):
            for name, conn in conns.items():
                for _ in range(max(1, runs // rounds)):
                    t = time.perf_counter()
                    status, _ = post(conn, servers[name][1], q)
                    times[name].append((time.perf_counter() - t) * 1000)
                    assert status == 200, (name, query, status)
        for name in servers:
            out[name][query] = statistics.median(times[name])
    for conn in conns.values():
        conn.close()
    return out


def result_sizes(base: str, path: str) -> dict[str, int]:
    u = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    sizes = {}
    for name, q in QUERIES.items():
        status, body = post(conn, path, q)
        doc = json.loads(body)
        sizes[name] = len(doc["results"]["bindings"]) if "results" in doc else int(doc["boolean"])
    return sizes


LUA = """
local bodies = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", "%s", {["Content-Type"] = "application/sparql-query",
    ["Accept"] = "application/sparql-results+json"}, bodies[(i %% #bodies) + 1])
end
"""


def mix(size: int = 200) -> list[str]:
    """The load: each query shape in turn, with the entity it asks about varying."""
    out = []
    for i in range(size):
        q = list(QUERIES.values())[i % len(QUERIES)]
        out.append(q.replace("person/17>", f"person/{i % 400}>")
                    .replace("person/3>", f"person/{(i * 7) % 400}>")
                    .replace("state/5>", f"state/{i % 60}>"))
    return out


def with_wrk(base: str, path: str, duration: int, connections: int) -> dict:
    bodies = ", ".join(json.dumps(q) for q in mix())
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(LUA % (bodies, path))
    try:
        out = subprocess.run(["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{duration}s",
                              "--timeout", "30s", "--latency", "-s", f.name, base],
                             capture_output=True, text=True, timeout=duration + 60).stdout
    finally:
        os.unlink(f.name)
    unit = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    pct = {m.group(1): float(m.group(2)) * unit[m.group(3)]
           for m in re.finditer(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)}
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    return {"rps": rps, "p50": pct.get("50"), "p90": pct.get("90"), "p99": pct.get("99"),
            "non2xx": int(bad.group(1)) if bad else 0,
            "socket_errors": errors.group(0) if errors else "", "tool": "wrk"}


def with_threads(base: str, path: str, duration: int, connections: int) -> dict:
    u = urllib.parse.urlparse(base)
    stop_at = time.monotonic() + duration
    bodies = mix()

    def client(n: int) -> tuple[list[float], int]:
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
        lat, bad, i = [], 0, n
        while time.monotonic() < stop_at:
            t = time.perf_counter()
            status, _ = post(conn, path, bodies[i % len(bodies)])
            lat.append((time.perf_counter() - t) * 1000)
            bad += status != 200
            i += 1
        return lat, bad

    started = time.monotonic()
    with ThreadPoolExecutor(connections) as ex:
        parts = list(ex.map(client, range(connections)))
    elapsed = time.monotonic() - started
    lat = sorted(x for p, _ in parts for x in p)
    q = lambda f: lat[min(len(lat) - 1, int(f * len(lat)))]  # noqa: E731
    return {"rps": len(lat) / elapsed, "p50": q(0.5), "p90": q(0.9), "p99": q(0.99),
            "non2xx": sum(b for _, b in parts), "socket_errors": "", "tool": "python threads"}


def _median_run(runs: list[dict]) -> dict:
    """The run of median throughput, with the errors of all runs."""
    best = sorted(runs, key=lambda r: r["rps"])[len(runs) // 2]
    return dict(best, non2xx=sum(r["non2xx"] for r in runs),
                socket_errors=" ".join(r["socket_errors"] for r in runs if r["socket_errors"]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--digests", type=int, default=200)
    ap.add_argument("--events", type=int, default=25, help="events per digest")
    ap.add_argument("--duration", type=int, default=10, help="seconds of load per server")
    ap.add_argument("--connections", default="1,8,32",
                    help="comma-separated numbers of concurrent clients, one run each")
    ap.add_argument("--rounds", type=int, default=3,
                    help="alternating runs per server and client count (medians are shown)")
    ap.add_argument("--runs", type=int, default=30, help="single-client runs per query")
    ap.add_argument("--workers", type=int, default=2, help="our query worker processes")
    ap.add_argument("--baseline", metavar="KAZGRAPH",
                    help="another `kazgraph` command (e.g. an older checkout's) to serve the "
                         "same data, alternated with ours and oxigraph in every round")
    args = ap.parse_args()
    venv_bin = Path(sys.executable).parent
    oxigraph = shutil.which("oxigraph", path=str(venv_bin)) or shutil.which("oxigraph")
    kazgraph = shutil.which("kazgraph", path=str(venv_bin)) or shutil.which("kazgraph")
    if not oxigraph or not kazgraph:
        sys.exit("needs the `oxigraph` (pip install oxigraph) and `kazgraph` commands")
    tmp = Path(tempfile.mkdtemp(prefix="bench-endpoint-"))
    procs: list[subprocess.Popen] = []
    try:
        data = tmp / "data.nq"
        quads = make_data(data, args.digests, args.events)
        import pyoxigraph as ox

        ours_dir, oxi_dir = tmp / "ours", tmp / "oxigraph"
        store = ox.Store(str(ours_dir))
        store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
        store.flush()
        del store
        subprocess.run([oxigraph, "load", "--location", str(oxi_dir), "--file", str(data)],
                       check=True, capture_output=True, timeout=300)
        env = dict(os.environ, KAZGRAPH_QUERY_WORKERS=str(args.workers))
        commands = {"kazgraph": [kazgraph, "serve", "--store", str(ours_dir)]}
        if args.baseline:
            base_dir = tmp / "baseline"  # a store is served by one process at a time
            shutil.copytree(ours_dir, base_dir)
            commands["baseline"] = [args.baseline, "serve", "--store", str(base_dir)]
        servers, by_name = {}, {}
        for name, cmd in commands.items():
            port = free_port()
            by_name[name] = subprocess.Popen(
                [*cmd, "--host", "127.0.0.1", "--port", str(port), "--threads", "16"],
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            servers[name] = (f"http://127.0.0.1:{port}", "/sparql")
        p2 = free_port()
        by_name["oxigraph"] = subprocess.Popen(
            [oxigraph, "serve-read-only", "--location", str(oxi_dir), "--bind", f"127.0.0.1:{p2}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        servers["oxigraph"] = (f"http://127.0.0.1:{p2}", "/query")
        procs.extend(by_name.values())
        for name, (base, path) in servers.items():
            wait_up(base + path, by_name[name])
        sizes = {n: result_sizes(b, p) for n, (b, p) in servers.items()}
        print(f"data: {quads} quads in {args.digests} graphs; result sizes {sizes['kazgraph']}")
        if sizes["kazgraph"] != sizes["oxigraph"]:
            print(f"WARNING: result sizes differ: {sizes}")
        single = single_client(servers, args.runs)
        print("\nsingle client, median ms per query (keep-alive, JSON, servers in turn), ratio to oxigraph:")
        print(f"{'query':14} " + " ".join(f"{n:>9}" for n in servers)
              + " " + " ".join(f"{n[:6]:>6}" for n in servers if n != "oxigraph"))
        for q in QUERIES:
            ms = {n: single[n][q] for n in servers}
            print(f"{q:14} " + " ".join(f"{ms[n]:9.2f}" for n in servers) + " "
                  + " ".join(f"{ms[n] / ms['oxigraph']:6.1f}" for n in servers if n != "oxigraph"))
        load = with_wrk if shutil.which("wrk") else with_threads
        counts = [int(c) for c in args.connections.split(",")]
        print(f"\nquery mix with varying entities, {args.duration} s a run, median of "
              f"{args.rounds} alternating runs ({'wrk' if load is with_wrk else 'python threads'}):")
        print(f"{'clients':>7} {'server':10} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} "
              f"{'p99 ms':>8} {'non-2xx':>8}")
        ratios: dict[str, list] = {n: [] for n in servers if n != "oxigraph"}
        for c in counts:
            # Rounds alternate the servers, so a slow spell of a shared machine falls on all;
            # a ratio compares runs of the same round.
            runs = {n: [] for n in servers}
            for _ in range(args.rounds):
                for n, (b, p) in servers.items():
                    runs[n].append(load(b, p, args.duration, c))
            res = {n: _median_run(r) for n, r in runs.items()}
            for n, r in res.items():
                print(f"{c:7d} {n:10} {r['rps']:8.1f} {r['p50']:8.2f} {r['p90']:8.2f} "
                      f"{r['p99']:8.2f} {r['non2xx']:8d} {r['socket_errors']}")
            for n in ratios:
                ratios[n].append((c, statistics.median(
                    a["rps"] / b["rps"] for a, b in zip(runs[n], runs["oxigraph"]))))
        for n, values in ratios.items():
            print(f"throughput ratio {n}/oxigraph (median of rounds): "
                  + ", ".join(f"{r:.2f} at {c}" for c, r in values))
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
