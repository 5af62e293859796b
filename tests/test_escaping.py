"""Data is text: a literal holding <script> shows escaped on every page that shows it."""
from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from pages_fixtures import DATA, make_app

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


# --- A store where every text is hostile (tests/data/hostile.trig) -----------------------
# Its payloads set window.__pwned when run; a page is safe when none of them is markup:
# no tag, attribute or link of its own, only text (escaped in HTML, \u003c in JSON blocks).

LINK_ATTRS = ("href", "src", "action", "formaction", "srcdoc", "xlink:href")
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text")
# Values that show answers on the hostile store; a new question must be added here.
HOSTILE_PARAMS = {
    "agreements-since": {"actor": "state/EVL", "since": "2020"},
    "amounts-by-partner": {"home": "state/KAZ", "kind": ""},
    "co-mentioned-states": {"state": "state/KAZ"},
    "corridors": {},
    "fact-sources": {"subject": "event/evil-summit", "predicate": "kg:participant"},
    "leader-timeline": {"person": "person/mallory"},
    "most-mentioned": {"from": "2024-01", "to": "2024-12-31"},
    "new-since-digest": {"digest": "digest/h0"},
    "office-holders": {"body": "state/EVL"},
    "outlets-by-month": {"entity": "state/EVL"},
    "summits-and-visits": {"year": "2024"},
    "who-met-whom": {"actor": "state/KAZ"},
}
PAYLOADS = ["<script>window.__pwned=1</script>", '"><img src=x onerror=window.__pwned=2>',
            "'><svg onload=window.__pwned=4>", "javascript:window.__pwned=3",
            '" onmouseover="window.__pwned=8', "</title><script>window.__pwned=7</script>"]


class _Markup(HTMLParser):
    """Collects what would run in a browser: handlers, script links, inline scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._script: str | None = None  # the type of the open <script>, while in one

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in LINK_ATTRS and value.startswith(BAD_SCHEMES):
                self.problems.append(f"<{tag} {name}={value[:40]!r}>")
        if tag in ("iframe", "object", "embed"):
            self.problems.append(f"<{tag}>")
        if tag == "script":
            self._script = dict(attrs).get("type") or "text/javascript"

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is None or not data.strip():
            return
        if self._script == "application/json":
            if "<" in data:  # could close its block early
                self.problems.append(f"'<' in a JSON block: {data[:60]!r}")
        else:
            self.problems.append(f"inline script {data[:60]!r}")


def assert_inert(html: str, where: str) -> None:
    """No payload of the hostile store (nor anything else) is markup that runs."""
    parser = _Markup()
    parser.feed(html)
    parser.close()
    assert not parser.problems, f"{where}: {parser.problems}"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return make_app(tmp_path_factory.mktemp("hostile"), "hostile.trig").test_client()


def _entity_paths() -> list[str]:
    import pyoxigraph as ox

    base = "https://w3id.org/kazgraph/id/"
    quads = ox.parse(path=str(DATA / "hostile.trig"), format=ox.RdfFormat.TRIG)
    return sorted({q.subject.value[len(base):] for q in quads
                   if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(base)})


def test_hostile_params_cover_every_question():
    from kazgraph.queries import questions

    assert set(HOSTILE_PARAMS) == set(questions())


@pytest.mark.parametrize("name", sorted(HOSTILE_PARAMS))
def test_question_answers_with_hostile_text_are_inert(hostile, name):
    resp = hostile.get(f"/questions/{name}", query_string=HOSTILE_PARAMS[name])
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200, html
    assert 'id="answers"' in html
    assert resp.headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert_inert(html, name)
    assert "__pwned" in html, f"{name}: the hostile text should be on the page, as text"
    rows = hostile.get(f"/questions/{name}.json", query_string=HOSTILE_PARAMS[name]).json["rows"]
    assert rows, f"{name}: no answers on the hostile store"


@pytest.mark.parametrize("path", _entity_paths())
def test_entity_pages_with_hostile_text_are_inert(hostile, path):
    resp = hostile.get("/id/" + quote(path, safe="/"))
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200, html
    assert_inert(html, path)


def test_hostile_links_are_text_not_links(hostile):
    html = hostile.get("/id/state/EVL").get_data(as_text=True)
    assert "Evilland &lt;svg onload=window.__pwned=4&gt;" in html
    assert 'href="javascript:' not in html and 'href="data:text' not in html
    article = hostile.get("/id/article/h1").get_data(as_text=True)
    assert "The &#34;&gt;&lt;img src=x onerror=window.__pwned=2&gt; Times" in article


@pytest.mark.parametrize("url", [
    "/", "/questions/", "/export", "/search", "/search?q=pwned", "/search?q=Evilland",
    *("/search?q=" + quote(p) for p in PAYLOADS),
    *("/id/" + quote(p) for p in PAYLOADS),
    *("/questions/" + quote(p, safe="") for p in PAYLOADS[:2]),
    *("/questions/who-met-whom?actor=" + quote(p) for p in PAYLOADS),
    *("/questions/agreements-since?actor=state/EVL&since=" + quote(p) for p in PAYLOADS[:2]),
    "/questions/who-met-whom?actor=pwned",  # several hostile names to pick from
    "/questions/amounts-by-partner?kind=" + quote(PAYLOADS[1]),
    "/questions/fact-sources?subject=state/EVL&predicate=" + quote(PAYLOADS[0]),
])
def test_other_pages_and_error_pages_are_inert(hostile, url):
    resp = hostile.get(url)
    html = resp.get_data(as_text=True)
    assert resp.status_code < 500, html
    assert resp.mimetype == "text/html"
    assert_inert(html, url)


def test_export_listing_escapes_graph_names(hostile):
    html = hostile.get("/export").get_data(as_text=True)
    assert "digest/h1&#39;&amp;x=1" in html and "digest/h1'&x" not in html


@pytest.mark.parametrize("query", [
    'SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(CONTAINS(?l, "pwned")) }',
    'SELECT * WHERE { BIND("<script>window.__pwned=1</script>" AS ?x) }',
    'SELECT * WHERE { ?s ?p "<script>window.__pwned=1</script>" ',  # a syntax error echoes it
])
def test_sparql_answers_to_a_browser_are_never_html(hostile, query):
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    resp = hostile.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert resp.mimetype != "text/html" and resp.status_code in (200, 400), resp.data
