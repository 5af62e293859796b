"""The web app: SPARQL endpoint, canned questions, entity pages, exports."""
from __future__ import annotations

import os
from typing import Any

from flask import Flask

# Every limit and switch of the server, declared once; `create_app(test_config)` and the
# environment (KAZGRAPH_<KEY>) override them.
DEFAULTS: dict[str, Any] = {
    "KAZGRAPH_STORE": "var/store",     # on-disk pyoxigraph store
    "KAZGRAPH_ENDPOINT": None,         # remote SPARQL endpoint instead of the embedded store
    "KAZGRAPH_QUERY_URL": None,        # the remote's query, update and graph-store URLs when
    "KAZGRAPH_UPDATE_URL": None,       # they are not derived from KAZGRAPH_ENDPOINT
    "KAZGRAPH_STORE_URL": None,        # (Virtuoso: /sparql and /sparql-graph-crud)
    "KAZGRAPH_BASE": "https://w3id.org/kazgraph/id/",
    "QUERY_TIME_LIMIT": 10.0,          # seconds; a client may lower it (`timeout=`), never raise
    "MAX_ROWS": 10_000,                # result rows (or triples) before truncation
    "MAX_BODY_BYTES": 1_000_000,       # request bodies past this get 413
    "QUERY_WORKERS": 2,                # worker processes running embedded queries, kept warm
    "QUERY_WORKERS_MAX": 12,           # ...and how many run at once while all are busy
    "UPDATE_TOKEN": None,              # bearer token enabling /update and /store; None = off
    "CORS_ORIGINS": None,              # "*" or a list of origins allowed on read endpoints
    "DEFAULT_GRAPH": "union",          # "union" of named graphs, "default", or a graph IRI
    "QUERIES_DIR": None,               # example queries for the editor (default: queries/)
}


def _from_env(key: str, default: Any) -> Any:
    """A setting from the environment, typed like its default."""
    raw = os.environ.get(key if key.startswith("KAZGRAPH_") else f"KAZGRAPH_{key}")
    if raw is None:
        return default
    if isinstance(default, bool):
        return raw.lower() in ("1", "true", "yes")
    if isinstance(default, (int, float)):
        return type(default)(raw)
    return raw


def create_app(test_config: dict | None = None) -> Flask:
    """Build the Flask app; `test_config` overrides the defaults and the environment."""
    app = Flask(__name__)
    app.config.from_mapping({k: _from_env(k, v) for k, v in DEFAULTS.items()})
    if test_config:
        app.config.update(test_config)
    # Flask/werkzeug refuse larger bodies with 413 before a view reads them.
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_BODY_BYTES"]

    from kazgraph.server import db, exports, metrics, questions, quick, resources, sparql, update

    db.init_app(app)
    metrics.init_app(app)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(update.bp)
    app.register_blueprint(questions.bp)
    app.register_blueprint(resources.bp)
    app.register_blueprint(exports.bp)
    app.wsgi_app = quick.QuickSparql(app, app.wsgi_app)  # type: ignore[method-assign]
    return app
