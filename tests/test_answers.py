"""Answers an analyst can check: a source per row, typed names, paging, the editor link.

Through the real app on the hand-made graphs of tests/data, on the embedded store and
on a real `oxigraph serve`.
"""
from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlsplit

import pytest
from pages_fixtures import make_app, make_remote_app

GRAPHS = ("pages_basic.trig", "pages_names.trig")
SOURCE_COLUMNS = ["sourceArticle", "sourceOutlet", "sourceDate", "sourceSentence", "sourceUrl",
                  "sourceInferred", "sourceCount"]


@pytest.fixture(scope="module", params=["embedded", "remote"])
def client(request, tmp_path_factory):
    if request.param == "remote":
        return make_remote_app(request.getfixturevalue("oxigraph_server"), *GRAPHS).test_client()
    return make_app(tmp_path_factory.mktemp("answers"), *GRAPHS).test_client()


def rows_of(resp) -> list[dict]:
    return [dict(zip(resp.json["columns"], row)) for row in resp.json["rows"]]


def test_every_row_names_its_source(client):
    resp = client.get("/questions/agreements-since.json", query_string={"actor": "state/NOR", "since": "2024"})
    assert resp.json["columns"][-7:] == SOURCE_COLUMNS
    wind = [r for r in rows_of(resp) if r["agreementLabel"] == "Memorandum on offshore wind"]
    assert wind and all(r["sourceOutlet"] == "Nordic Post" for r in wind)
    assert all(r["sourceDate"] == "2024-02-13" for r in wind)
    assert all(r["sourceSentence"].startswith("Norway and the European Union signed") for r in wind)
    assert all(r["sourceArticle"].endswith("/id/article/a1") for r in wind)


def test_csv_carries_the_same_source_columns(client):
    resp = client.get("/questions/agreements-since.csv", query_string={"actor": "state/NOR", "since": "2024"})
    table = list(csv.DictReader(io.StringIO(resp.get_data(as_text=True))))
    assert list(table[0])[-7:] == SOURCE_COLUMNS
    assert any(r["sourceSentence"].startswith("Norway and the European Union signed") for r in table)


def test_source_column_in_the_table_is_escaped(client):
    html = client.get("/questions/who-met-whom?actor=state/KAZ").get_data(as_text=True)
    assert '<th scope="col">source</th>' in html
    assert "met at a summit in Astana on 2 May 2024 &lt;script&gt;" in html
    assert "<script>alert" not in html


def test_an_inferred_source_says_so_in_the_row_and_the_table(client):
    # Norway's attendance is read from a line that does not name the summit
    resp = client.get("/questions/who-met-whom.json", query_string={"actor": "state/KAZ"})
    flags = {(r["other"].rsplit("/", 1)[-1], r["sourceInferred"]) for r in rows_of(resp)}
    assert ("NOR", "true") in flags and ("CHL", None) in flags
    html = client.get("/questions/who-met-whom?actor=state/KAZ").get_data(as_text=True)
    assert html.count('<span class="inferred"') == 1


def test_an_entity_page_marks_inferred_evidence(client):
    html = client.get("/id/event/astana-summit").get_data(as_text=True)
    assert 'class="inferred"' in html
    assert "In attendance were the delegations of <mark>Norway</mark> and Chile." in html


@pytest.mark.parametrize("typed, path", [
    ("Norway", "state/NOR"), ("norway", "state/NOR"), ("Kingdom of Norway", "state/NOR"),
    ("EU", "org/european-union"), ("european union", "org/european-union"),
    ("Sao Teste", "state/XST"), ("SÃO TESTÉ", "state/XST"), ("Republic of Sao-Teste", "state/XST"),
])
def test_typed_names_resolve_through_labels_and_aliases(client, typed, path):
    resp = client.get("/questions/agreements-since.json", query_string={"actor": typed, "since": "2000"})
    assert resp.status_code == 200, resp.json
    assert resp.json["parameters"]["actor"].endswith("/id/" + path)
    assert resp.json["rows"]


def test_a_surname_finds_the_person_and_says_so(client):
    resp = client.get("/questions/leader-timeline.json", query_string={"person": "Muller Testmann"})
    assert resp.status_code == 200
    assert resp.json["parameters"]["person"].endswith("/person/jorg-muller-testmann")
    assert resp.json["notes"] == ["“Muller Testmann” is taken as Jörg Müller-Testmann."]
    html = client.get("/questions/leader-timeline?person=Testova").get_data(as_text=True)
    assert 'Now: <a href="/id/person/ana-testova">Ana Testova</a>' in html


def test_several_matches_are_offered_to_pick(client):
    resp = client.get("/questions/agreements-since.json", query_string={"actor": "Union"})
    assert resp.status_code == 400
    choices = resp.json["error"]["choices"]["actor"]
    assert [c["label"] for c in choices] == ["European Union", "Nordic Test Union"]
    resp = client.get("/questions/agreements-since?actor=Union&since=2000")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert "“Union” matches 2 names; pick one." in html
    assert 'href="/questions/agreements-since?actor=org/nordic-test-union&amp;since=2000"' in html
    assert "answers</h2>" not in html


@pytest.mark.parametrize("typed, message", [
    ("Atlantis", "no state, organisation, company or person is called “Atlantis”"),
    ("state/XYZ", "nothing in the graph is called state/XYZ"),
    ("<b>Atlantis</b>", "is called “&lt;b&gt;Atlantis&lt;/b&gt;”"),
])
def test_no_match_is_said_plainly(client, typed, message):
    resp = client.get("/questions/agreements-since", query_string={"actor": typed})
    assert resp.status_code == 400
    assert message in resp.get_data(as_text=True)
    resp = client.get("/questions/agreements-since.json", query_string={"actor": typed})
    assert resp.status_code == 400 and resp.json["error"]["status"] == 400
    assert "is not an IRI" not in resp.json["error"]["detail"]


def test_typed_values_reach_the_query_only_as_bound_terms(client):
    hostile = 'x") } DROP ALL { ("'
    resp = client.get("/questions/agreements-since.json", query_string={"actor": hostile})
    assert resp.status_code == 400
    assert client.get("/questions/agreements-since.json").json["rows"]  # the graph is intact


def test_paging_with_limit_and_offset(client):
    everything = client.get("/questions/who-met-whom.json", query_string={"actor": "state/KAZ"}).json
    assert everything["next"] is None and everything["previous"] is None
    first = client.get("/questions/who-met-whom.json", query_string={"actor": "state/KAZ", "limit": "1"}).json
    assert first["rows"] == everything["rows"][:1] and first["limit"] == 1 and first["offset"] == 0
    assert first["truncated"] is False
    nxt = urlsplit(first["next"])
    assert nxt.path == "/questions/who-met-whom.json"
    assert parse_qs(nxt.query) == {"actor": ["state/KAZ"], "limit": ["1"], "offset": ["1"]}
    second = client.get(nxt.path + "?" + nxt.query).json
    assert second["rows"] == everything["rows"][1:2]
    assert parse_qs(urlsplit(second["previous"]).query)["offset"] == ["0"]
    resp = client.get("/questions/who-met-whom.csv", query_string={"actor": "state/KAZ", "limit": "1"})
    assert len(resp.get_data(as_text=True).splitlines()) == 2
    assert 'rel="next"' in resp.headers["Link"]
    html = client.get("/questions/who-met-whom?actor=state/KAZ&limit=1&offset=1").get_data(as_text=True)
    assert 'rel="prev"' in html and "Answers 2–2" in html


@pytest.mark.parametrize("args", [{"limit": "x"}, {"offset": "-1"}, {"limit": "1e3"}])
def test_bad_paging_values_are_refused(client, args):
    resp = client.get("/questions/who-met-whom.json", query_string=args)
    assert resp.status_code == 400
    assert next(iter(args)) in resp.json["error"]["detail"]


def test_the_row_cap_still_ends_a_page(tmp_path):
    client = make_app(tmp_path, *GRAPHS, MAX_ROWS=1).test_client()
    body = client.get("/questions/who-met-whom.json", query_string={"actor": "state/KAZ", "limit": "50"}).json
    assert body["limit"] == 1 and len(body["rows"]) == 1
    assert body["truncated"] is True and "offset=1" in body["next"]
    resp = client.get("/questions/who-met-whom.csv", query_string={"actor": "state/KAZ"})
    assert resp.headers["X-Kazgraph-Truncated"] == "true"


def test_open_in_the_editor_carries_the_bound_values(client):
    html = client.get("/questions/agreements-since?actor=Norway&since=2024").get_data(as_text=True)
    start = html.index('href="/sparql#query=') + len('href="/sparql#')
    fragment = html[start:html.index('"', start)].replace("&amp;", "&")
    query = parse_qs(fragment)["query"][0]
    assert "VALUES (?actor ?since ?dated) { (<https://w3id.org/kazgraph/id/state/NOR> " in query
    assert '"2024"^^<http://www.w3.org/2001/XMLSchema#gYear>' in query
    assert parse_qs(fragment)["tabTitle"] == ["Agreements involving an actor since a date"]
