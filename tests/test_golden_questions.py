"""Every canned question, run through the app on tests/data/pages_basic.trig, gives
exactly the answer kept in tests/golden/<name>.json - on the embedded store and on a
remote SPARQL server alike.

Inputs are in tests/golden/params.json. After a deliberate change, rewrite the expected
files with KAZGRAPH_UPDATE_GOLDEN=1 and review the diff.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pages_fixtures import make_app, make_remote_app

from kazgraph.queries import questions

GOLDEN = Path(__file__).parent / "golden"
PARAMS = json.loads((GOLDEN / "params.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=["embedded", "remote"])
def client(request, tmp_path_factory):
    """The app on the embedded store, then on a real `oxigraph serve` (same answers)."""
    if request.param == "remote":
        app = make_remote_app(request.getfixturevalue("oxigraph_server"), "pages_basic.trig")
    else:
        app = make_app(tmp_path_factory.mktemp("golden"), "pages_basic.trig")
    return app.test_client()


def test_every_question_has_inputs_listed():
    assert sorted(PARAMS) == sorted(questions())


@pytest.mark.parametrize("name", sorted(questions()))
def test_question_matches_golden(client, name):
    resp = client.get(f"/questions/{name}.json", query_string=PARAMS[name])
    assert resp.status_code == 200, resp.get_data(as_text=True)
    got = {"columns": resp.json["columns"], "rows": resp.json["rows"]}
    path = GOLDEN / f"{name}.json"
    if os.environ.get("KAZGRAPH_UPDATE_GOLDEN"):
        path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(path.read_text(encoding="utf-8"))
    assert got["rows"], f"{name}: the golden answer should not be empty"


def test_csv_twin_matches_golden(client):
    expected = json.loads((GOLDEN / "agreements-since.json").read_text(encoding="utf-8"))
    resp = client.get("/questions/agreements-since.csv", query_string=PARAMS["agreements-since"])
    lines = resp.get_data(as_text=True).splitlines()
    assert lines[0] == ",".join(expected["columns"])
    assert len(lines) == 1 + len(expected["rows"])
    assert resp.headers["Content-Disposition"].startswith("attachment")
