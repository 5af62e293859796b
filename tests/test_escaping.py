"""Data is text: a literal holding <script> shows escaped on every page that shows it."""
from __future__ import annotations

import pytest
from pages_fixtures import make_app

RAW = "<script>alert('x')</script>"
ESCAPED = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return make_app(tmp_path_factory.mktemp("escaping"), "pages_basic.trig").test_client()


@pytest.mark.parametrize("url", [
    "/questions/who-met-whom?actor=state/KAZ",
    "/questions/summits-and-visits?year=2024",
    "/questions/new-since-digest?digest=digest/d1",
    "/id/event/astana-summit",
    "/id/article/a2",
    "/id/digest/d2",
    "/id/person/berik-sampleov",
    "/id/state/CHL",
    "/search?q=script",
    "/search?q=%3Cscript%3Ealert('x')%3C/script%3E",
])
def test_script_literal_is_escaped(client, url):
    resp = client.get(url)
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert RAW not in html and "<script>alert" not in html
    assert "&lt;script&gt;alert(" in html


def test_chart_data_cannot_close_its_script_block(client):
    html = client.get("/questions/who-met-whom?actor=state/KAZ").get_data(as_text=True)
    block = html.split('id="network-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and "\\u003cscript\\u003e" in block


def test_javascript_iris_are_not_links(client):
    from kazgraph.server.cells import safe_href

    assert safe_href("javascript:alert(1)") is None
    assert safe_href("https://www.wikidata.org/wiki/Q1") == "https://www.wikidata.org/wiki/Q1"


def test_every_question_page_escapes(client):
    import json
    from pathlib import Path

    params = json.loads((Path(__file__).parent / "golden" / "params.json").read_text(encoding="utf-8"))
    for name, values in params.items():
        html = client.get(f"/questions/{name}", query_string=values).get_data(as_text=True)
        assert "<script>alert" not in html, name
