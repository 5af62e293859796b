"""The app's store handle and the one way pages and endpoint run queries.

Queries on the embedded store run in a pool of worker processes (kazgraph.server.worker)
so a query past its time limit is really stopped; a remote store answers over HTTP with
its own timeout. Either way the guard has checked the text first (nothing is fetched).

The server never keeps the embedded store open for writing: RocksDB compacts in the
background after writes, which breaks read-only handles opened meanwhile. Reads use
read-only handles; a write (`writable()`) stops the workers, opens the store for
writing, closes it again, then starts fresh workers. Between writes the server holds
the folder's lock file, so no other process (`kazgraph load`) writes under its readers.
"""
from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from flask import Flask, current_app
from rdflib import Graph

from kazgraph.errors import QueryTimeout, StoreError
from kazgraph.server import guard
from kazgraph.server.worker import Task, WorkerPool
from kazgraph.store import QueryResult, Store, open_store

_KEY = "kazgraph"


def _state(app: Flask | None = None) -> dict:
    app = app or current_app._get_current_object()
    # Re-entrant: a write holds it throughout, so no read handle opens meanwhile.
    return app.extensions.setdefault(_KEY, {"lock": threading.RLock()})


def _hold_lock(state: dict, path: str) -> None:
    """Take RocksDB's LOCK file as a writer would, so other processes cannot write."""
    fd = state.get("lock_fd")
    if fd is None:
        fd = state["lock_fd"] = os.open(Path(path, "LOCK"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        raise StoreError(f"the store at {path} is being written by another process "
                         "(a running `kazgraph load`?); try again when it is done") from None


def _store_path() -> str:
    return str(Path(current_app.config.get("KAZGRAPH_STORE") or "var/store").resolve())


def get_store() -> Store:
    """The store of this app (read-only when embedded), opened once and held."""
    state = _state()
    with state["lock"]:
        if "store" not in state:
            cfg = current_app.config
            if cfg.get("KAZGRAPH_ENDPOINT"):
                state["store"] = open_store(endpoint=cfg["KAZGRAPH_ENDPOINT"],
                                            query_url=cfg.get("KAZGRAPH_QUERY_URL"),
                                            update_url=cfg.get("KAZGRAPH_UPDATE_URL"),
                                            store_url=cfg.get("KAZGRAPH_STORE_URL"))
            else:
                from kazgraph.store.embedded import EmbeddedStore

                path = _store_path()
                if not Path(path, "CURRENT").exists():
                    EmbeddedStore(path).close()  # an empty store, so the app can start
                _hold_lock(state, path)
                state["store"] = EmbeddedStore(path, read_only=True)
        return state["store"]


@contextmanager
def writable() -> Iterator[Store]:
    """The embedded store open for writing, with the query workers stopped meanwhile.

    Keep no reference to the store (or its `.ox`) past the block: RocksDB closes only
    when the last one goes, and fresh readers must not open while it is still open.
    """
    from kazgraph.store.embedded import EmbeddedStore

    if is_remote():
        raise StoreError("writes go to the remote store directly")
    get_store()
    state = _state()
    limit, _ = limits(None, None)
    # The lock is held throughout: no pool starts and no read handle opens meanwhile.
    with state["lock"]:
        pool = state.get("pool")
        with pool.exclusive(limit + 1) if pool is not None else nullcontext():
            old = state.pop("store", None)
            if old is not None:
                old.close()
            store = EmbeddedStore(_store_path())
            try:
                yield store
            finally:
                store.close()  # flushes; RocksDB ends its background work first
                data_changed(restart=False)
                _hold_lock(state, _store_path())  # closing RocksDB released our lock


def is_remote() -> bool:
    """Whether queries go to a remote endpoint rather than the embedded store."""
    return bool(current_app.config.get("KAZGRAPH_ENDPOINT"))


def get_pool() -> WorkerPool:
    """The worker pool of this app, started on first use."""
    get_store()  # creates a missing store and takes the lock first
    state = _state()
    with state["lock"]:
        if "pool" not in state:
            state["pool"] = WorkerPool(_store_path(), current_app.config.get("QUERY_WORKERS", 2),
                                       current_app.config.get("QUERY_WORKERS_MAX"))
        return state["pool"]


def check_syntax(text: str, timeout: float) -> None:
    """Raise QueryError when the engine cannot parse `text`; the data is not queried.

    It runs in a worker (on an empty store), so even a parse that evaluates is bounded by
    `timeout`. A remote store's queries are checked by pyoxigraph's parser, in a worker of
    its own started on first use.
    """
    state = _state()
    if is_remote():
        with state["lock"]:
            if "parse_pool" not in state:
                state["parse_pool"] = WorkerPool(None, 1)
        pool = state["parse_pool"]
    else:
        pool = get_pool()
    pool.run(Task(text, output="parse"), timeout)


def known_graphs() -> list[str]:
    """Named graphs in the store (cached until the next write)."""
    state = _state()
    cached = state.get("graphs")
    if cached is None:
        cached = state["graphs"] = [str(g) for g in get_store().graphs()]
    return cached


def data_changed(*, restart: bool = True) -> None:
    """Forget cached facts about the data; restart workers so they see the new data."""
    state = _state()
    state.pop("graphs", None)
    state.pop("void", None)
    pool = state.get("pool")
    if pool is not None and restart:
        pool.restart()


def limits(timeout: float | None, max_rows: int | None) -> tuple[float, int]:
    """The configured limits, lowered (never raised) by a caller's own."""
    cfg = current_app.config
    limit = float(cfg.get("QUERY_TIME_LIMIT", 10.0))
    cap = int(cfg.get("MAX_ROWS", 10_000))
    timeout = min(float(timeout), limit) if timeout and timeout > 0 else limit
    max_rows = min(int(max_rows), cap) if max_rows and max_rows > 0 else cap
    return timeout, max_rows


def default_dataset() -> str | list[str]:
    """The configured default graph: "union", "default" or [graph IRI]."""
    value = current_app.config.get("DEFAULT_GRAPH", "union") or "union"
    return value if value in ("union", "default") else [value]


def execute(task: Task, timeout: float) -> tuple:
    """Run a checked task on the embedded store (worker pool) or the remote store."""
    if not is_remote():
        return get_pool().run(task, timeout)
    store = get_store()
    started = time.monotonic()
    dg = task.default_graph
    res = store.query(task.query, bindings=task.bindings or None,
                      default_graph=None if isinstance(dg, str) else list(dg),
                      named_graphs=task.named_graphs, timeout=timeout,
                      max_rows=task.max_rows)
    if time.monotonic() - started > timeout:
        raise QueryTimeout(f"the query ran past its time limit of {timeout:g} s")
    if task.output == "terms":
        if res.kind == "select":
            return ("select", res.variables, res.rows, res.truncated)
        if res.kind == "ask":
            return ("ask", res.boolean)
        return ("graph", list(res.graph or []), res.truncated)
    from kazgraph.server import results

    if res.kind == "ask":
        return ("ask", results.write_ask(task.output, bool(res.boolean)), 0, False)
    if res.kind == "select":
        rows = [tuple(results.rdflib_term(t) for t in row) for row in res.rows]
        body = results.write_select(task.output, res.variables, rows,
                                    truncated=res.truncated, max_rows=task.max_rows)
        return ("select", body, len(rows), res.truncated)
    fmt = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}
    graph = res.graph if res.graph is not None else Graph()
    return ("graph", graph.serialize(format=fmt[task.output], encoding="utf-8"),
            len(graph), res.truncated)


def run_query(sparql: str, *, bindings: dict | None = None, timeout: float | None = None,
              max_rows: int | None = None) -> QueryResult:
    """Run a read query under the configured limits (a caller may only lower them)."""
    timeout, max_rows = limits(timeout, max_rows)
    checked = guard.check(sparql, known_graphs=known_graphs)
    dataset = "default" if checked.from_graphs or checked.from_named else default_dataset()
    task = Task(sparql, output="terms", default_graph=dataset, bindings=dict(bindings or {}),
                max_rows=max_rows)
    reply = execute(task, timeout)
    if reply[0] == "select":
        return QueryResult("select", variables=list(reply[1]), rows=list(reply[2]),
                           truncated=reply[3])
    if reply[0] == "ask":
        return QueryResult("ask", boolean=reply[1])
    graph = Graph()
    for triple in reply[1]:
        graph.add(triple)
    return QueryResult("graph", graph=graph, truncated=reply[2])


def close_app(app: Flask) -> None:
    """Stop the workers and release the store (tests, shutdown)."""
    state = app.extensions.pop(_KEY, {})
    for name in ("pool", "parse_pool"):
        if state.get(name) is not None:
            state[name].stop()
    if state.get("store") is not None:
        state["store"].close()
    if state.get("lock_fd") is not None:
        os.close(state["lock_fd"])


def init_app(app: Flask) -> None:
    """Register the store handle with `app`."""
    _state(app)
