"""The app's store handle and the one way pages and endpoint run queries.

(First cut; the endpoint helper hardens it - worker process, time limit - keeping the API.)
"""
from __future__ import annotations

from flask import Flask, current_app, g

from kazgraph.store import QueryResult, Store, open_store


def get_store() -> Store:
    """The store for this app, opened once per request context."""
    if "store" not in g:
        cfg = current_app.config
        g.store = open_store(path=cfg.get("KAZGRAPH_STORE"), endpoint=cfg.get("KAZGRAPH_ENDPOINT"))
    return g.store


def close_store(_exc=None) -> None:
    store = g.pop("store", None)
    if store is not None:
        store.close()


def run_query(sparql: str, *, bindings: dict | None = None, timeout: float | None = None,
              max_rows: int | None = None) -> QueryResult:
    """Run a read query under the configured limits (a caller may only lower them)."""
    cfg = current_app.config
    limit = cfg.get("QUERY_TIME_LIMIT", 10.0)
    timeout = min(timeout, limit) if timeout else limit
    cap = cfg.get("MAX_ROWS", 10_000)
    max_rows = min(max_rows, cap) if max_rows else cap
    return get_store().query(sparql, bindings=bindings, timeout=timeout, max_rows=max_rows)


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_store)
