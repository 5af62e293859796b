"""The app reaches a remote store through explicitly configured URLs (Virtuoso-style)."""
from __future__ import annotations

from kazgraph.config import Settings
from kazgraph.server import create_app, db


def test_explicit_query_url_wins_over_the_derived_one(remote_store, oxigraph_server):
    remote_store.update('INSERT DATA { GRAPH <urn:u:g> { <urn:u:a> <urn:u:p> "via url" } }')
    # The endpoint alone would derive a query URL where nothing listens.
    app = create_app({"KAZGRAPH_ENDPOINT": "http://127.0.0.1:9/nowhere",
                      "KAZGRAPH_QUERY_URL": oxigraph_server.rstrip("/") + "/query"})
    try:
        resp = app.test_client().get("/sparql", query_string={
            "query": "SELECT ?o { <urn:u:a> <urn:u:p> ?o }"})
        assert resp.status_code == 200, resp.data
        assert resp.json["results"]["bindings"][0]["o"]["value"] == "via url"
    finally:
        db.close_app(app)


def test_settings_hand_the_urls_to_the_app():
    cfg = Settings(endpoint="http://h/sparql", query_url="http://h/sparql",
                   update_url="http://h/sparql", store_url="http://h/sparql-graph-crud")
    flask = cfg.flask_config()
    assert flask["KAZGRAPH_STORE_URL"] == "http://h/sparql-graph-crud"
    assert flask["KAZGRAPH_QUERY_URL"] == flask["KAZGRAPH_UPDATE_URL"] == "http://h/sparql"
