"""Request accounting: /metrics (Prometheus text), /ping, one log line per request, CORS."""
from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict

from flask import Blueprint, Flask, Response, current_app, g, request

bp = Blueprint("metrics", __name__)

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
# Writes are never opened to other origins; every read endpoint is, when CORS_ORIGINS is set.
WRITE_BLUEPRINTS = {"update"}


class Metrics:
    """Counters and one latency histogram, safe across server threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests: dict[tuple[str, str, int], int] = defaultdict(int)
        self.buckets = [0] * len(BUCKETS)
        self.count = 0
        self.total = 0.0
        self.timeouts = 0
        self.truncations = 0
        self.rows = 0

    def observe(self, endpoint: str, method: str, status: int, seconds: float, rows: int,
                truncated: bool, timed_out: bool) -> None:
        with self.lock:
            self.requests[(endpoint, method, status)] += 1
            self.count += 1
            self.total += seconds
            for i, edge in enumerate(BUCKETS):
                if seconds <= edge:
                    self.buckets[i] += 1
            self.rows += rows
            self.truncations += truncated
            self.timeouts += timed_out

    def render(self) -> str:
        with self.lock:
            out = ["# HELP kazgraph_requests_total HTTP requests by endpoint, method, status.",
                   "# TYPE kazgraph_requests_total counter"]
            for (ep, method, status), n in sorted(self.requests.items()):
                out.append(f'kazgraph_requests_total{{endpoint="{ep}",method="{method}",'
                           f'status="{status}"}} {n}')
            out += ["# HELP kazgraph_request_seconds Request latency.",
                    "# TYPE kazgraph_request_seconds histogram"]
            out += [f'kazgraph_request_seconds_bucket{{le="{edge}"}} {n}'
                    for edge, n in zip(BUCKETS, self.buckets)]
            out += [f'kazgraph_request_seconds_bucket{{le="+Inf"}} {self.count}',
                    f"kazgraph_request_seconds_sum {self.total:.6f}",
                    f"kazgraph_request_seconds_count {self.count}"]
            for name, value, text in (
                    ("query_timeouts_total", self.timeouts, "Queries stopped at the time limit."),
                    ("query_truncations_total", self.truncations, "Results cut by the row cap."),
                    ("query_rows_total", self.rows, "Result rows sent.")):
                out += [f"# HELP kazgraph_{name} {text}", f"# TYPE kazgraph_{name} counter",
                        f"kazgraph_{name} {value}"]
        return "\n".join(out) + "\n"


@bp.get("/metrics")
def metrics() -> Response:
    """Prometheus text exposition of the counters."""
    text = current_app.extensions["kazgraph_metrics"].render()
    return Response(text, mimetype="text/plain; version=0.0.4")


@bp.get("/ping")
def ping() -> Response:
    """Health check: the app answers (the store is not touched)."""
    return Response("pong\n", mimetype="text/plain")


# Where the quick path of /sparql (kazgraph.server.quick) notes when a request it handed
# over began, so the request counts from its start.
STARTED = "kazgraph.started"


def record(app: Flask, endpoint: str, method: str, path: str, status: int, seconds: float,
           rows: int, truncated: bool, timed_out: bool) -> None:
    """Count one answered request and write its log line."""
    app.extensions["kazgraph_metrics"].observe(endpoint, method, status, seconds, rows,
                                               truncated, timed_out)
    # Flask's handler on this logger (the app's) stamps the time.
    app.logger.info("%s %s %d %.1fms rows=%d%s", method, path, status, seconds * 1000, rows,
                    " truncated" if truncated else "")


def _before() -> None:
    g.kg_started = request.environ.get(STARTED) or time.perf_counter()
    g.kg_rows = 0
    g.kg_truncated = False
    g.kg_timeout = False


def _after(response: Response) -> Response:
    seconds = time.perf_counter() - g.get("kg_started", time.perf_counter())
    record(current_app, request.endpoint or "none", request.method, request.path,
           response.status_code, seconds, g.get("kg_rows", 0), g.get("kg_truncated", False),
           g.get("kg_timeout", False))
    origins = current_app.config.get("CORS_ORIGINS")
    if origins and request.blueprint not in WRITE_BLUEPRINTS:
        origin = request.headers.get("Origin")
        allowed = origins == "*" or (origin and origin in
                                     ([origins] if isinstance(origins, str) else origins))
        if allowed:
            response.headers["Access-Control-Allow-Origin"] = "*" if origins == "*" else origin
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "Content-Type, Accept"
            response.headers["Access-Control-Expose-Headers"] = "X-Kazgraph-Truncated"
            if origins != "*":
                response.headers["Vary"] = "Origin"
    return response


def init_app(app: Flask) -> None:
    """Install the hooks and the /metrics and /ping routes."""
    app.extensions["kazgraph_metrics"] = Metrics()
    app.before_request(_before)
    app.after_request(_after)
    app.register_blueprint(bp)
    if app.logger.level == logging.NOTSET:  # Flask's own handler, at INFO: one line a request
        app.logger.setLevel(logging.INFO)
    if app.logger.handlers:  # waitress configures the root logger too: log each line once
        app.logger.propagate = False
