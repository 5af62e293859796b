"""The question pages and the search, through the real app on a hand-made graph."""
from __future__ import annotations

import pytest
from pages_fixtures import basic_client

from kazgraph.queries import questions


@pytest.fixture(scope="module", params=["embedded", "remote"])
def client(request, tmp_path_factory):
    """The app on the embedded store, then on a real `oxigraph serve`."""
    return basic_client(request, tmp_path_factory)


def test_index_lists_every_question(client):
    html = client.get("/questions/").get_data(as_text=True)
    for q in questions().values():
        assert f'href="/questions/{q.name}"' in html
    assert client.get("/").status_code == 200


def test_question_page_has_form_table_links_and_twins(client):
    resp = client.get("/questions/agreements-since")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert '<label for="p-actor">' in html and 'list="list-actor"' in html
    assert 'value="org/european-union"' in html
    assert '<a href="/id/agreement/wind-memorandum"' in html and ">Memorandum on offshore wind</a>" in html
    assert "Fishing accord" not in html  # dated 2015
    assert "/questions/agreements-since.csv" in html and "/questions/agreements-since.json" in html
    assert 'id="timeline-data"' in html and 'id="network-data"' in html
    assert "vendor/vis-timeline-graph2d-8.5.4.min.js" in html


def test_parameter_changes_the_answer(client):
    html = client.get("/questions/agreements-since?actor=state/ISL&since=2015").get_data(as_text=True)
    assert "Fishing accord" in html and "Arctic Sea Route deal" in html
    html = client.get("/questions/agreements-since?actor=state/ISL&since=2024-03").get_data(as_text=True)
    assert "No answers" in html


def test_bad_value_gives_400_page_and_json_error(client):
    resp = client.get("/questions/agreements-since?since=soon")
    assert resp.status_code == 400 and "not a date" in resp.get_data(as_text=True)
    resp = client.get("/questions/agreements-since.json?since=soon")
    assert resp.status_code == 400
    assert resp.json["error"]["status"] == 400 and "since" in resp.json["error"]["detail"]
    assert client.get("/questions/agreements-since.csv?since=soon").status_code == 400


def test_question_without_default_shows_only_the_form(client):
    resp = client.get("/questions/leader-timeline")
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert 'name="person"' in html and 'id="answers"' not in html


def test_unknown_question_is_404(client):
    assert client.get("/questions/no-such-thing").status_code == 404
    assert client.get("/questions/no-such-thing.json").status_code == 404


def test_json_twin_shape(client):
    body = client.get("/questions/who-met-whom.json?actor=state/KAZ").json
    assert body["question"] == "who-met-whom" and body["truncated"] is False
    assert body["parameters"] == {"actor": "https://w3id.org/kazgraph/id/state/KAZ"}
    assert body["columns"][0] == "start" and len(body["rows"]) == 2


def test_search_matches_labels_and_aliases(client):
    hits = client.get("/search.json?q=kingdom of").json
    assert [h["iri"].rsplit("/", 1)[-1] for h in hits] == ["NOR"]
    hits = client.get("/search.json?q=eu&class=kg:InternationalOrganization").json
    assert hits[0]["label"] == "European Union" and hits[0]["path"] == "/id/org/european-union"
    assert client.get("/search.json?q=a&class=kg:NoSuchClass").status_code == 400
    html = client.get("/search?q=testova").get_data(as_text=True)
    assert '<a href="/id/person/ana-testova">Ana Testova</a>' in html


@pytest.mark.parametrize("name", ["__doc__", "__module__", "_NS", "_fail"])
def test_search_class_must_be_a_vocabulary_term(client, name):
    # Python internals of the KG class are no terms: a clear 400, never a 500
    resp = client.get(f"/search.json?q=a&class={name}")
    assert resp.status_code == 400 and "unknown class" in resp.json["error"]["detail"]


def test_search_text_is_a_bound_value(client):
    # Quotes and braces are part of the words searched for, not of the query.
    assert client.get('/search.json?q=" } } DROP ALL { {').json == []


def test_error_pages_share_one_shape(client):
    resp = client.get("/questions/nothing-here")
    assert resp.status_code == 404 and resp.mimetype == "text/html"
    assert "no question named" in resp.get_data(as_text=True) and 'class="site"' in resp.get_data(as_text=True)
    resp = client.get("/questions/nothing-here.json")
    assert resp.status_code == 404 and resp.json["error"]["status"] == 404
    assert resp.json["error"]["title"] == "Not Found"


@pytest.mark.parametrize("url", ["/questions/agreements-since.json?since=soon",
                                 "/questions/nothing-here.json", "/search.json?q=a&class=_NS",
                                 "/sparql?query=SELEKT", "/sparql?query=ASK{}&timeout=soon"])
def test_pages_and_endpoint_share_one_json_error_shape(client, url):
    resp = client.get(url)
    assert resp.status_code in (400, 404) and resp.mimetype == "application/json"
    error = resp.json["error"]
    assert set(resp.json) == {"error"} and set(error) == {"status", "title", "detail"}
    assert error["status"] == resp.status_code
    assert isinstance(error["title"], str) and error["title"] and error["detail"]


def test_entity_parameter_shows_its_name(client):
    html = client.get("/questions/who-met-whom?actor=state/CHL").get_data(as_text=True)
    assert 'Now: <a href="/id/state/CHL">Chile</a>' in html


def test_stray_query_arguments_are_ignored(client):
    assert client.get("/questions/who-met-whom?name=x&actor=state/KAZ").status_code == 200


def test_property_parameter_is_a_list_of_relations(client):
    html = client.get("/questions/fact-sources?subject=agreement/wind-memorandum").get_data(as_text=True)
    assert '<select id="p-predicate" name="predicate">' in html
    assert '<option value="kg:party" selected>' in html
    assert "Nordic Post" in html


def test_pages_forbid_outside_scripts(client):
    resp = client.get("/questions/who-met-whom")
    assert "script-src 'self'" in resp.headers["Content-Security-Policy"]
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("raw, expected", [("2024", "2024-01-01"), ("2024-05", "2024-05-01"),
                                           ("2024-05-06", "2024-05-06"), ("soon", None), (None, None)])
def test_chart_dates_at_any_precision(raw, expected):
    from rdflib import Literal

    from kazgraph.server.cells import chart_date

    assert chart_date(Literal(raw) if raw else None) == expected


def test_timeline_and_network_data(client):
    html = client.get("/questions/summits-and-visits?year=2024").get_data(as_text=True)
    data = html.split('id="timeline-data">', 1)[1].split("</script>", 1)[0]
    assert '"start": "2024-05-02"' in data and '"end": "2024-05-03"' in data
    assert '"href": "/id/event/astana-summit"' in data
