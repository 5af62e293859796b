"""Hostile values for every parameter of every canned question: a clear 400 or a normal
answer, never a 500, and never an answer that shows the text became part of the query.

The cases come from the question registry, so a new question is covered when it lands.
Values reach SPARQL only as typed terms (kazgraph.queries.with_values); these tests hold
that from the outside, through the pages' .json, .csv and HTML addresses.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from pages_fixtures import make_app

from kazgraph.queries import questions

PARAMS = json.loads((Path(__file__).parent / "golden" / "params.json").read_text(encoding="utf-8"))
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
BASE = "https://w3id.org/kazgraph/id/"

# SPARQL fragments that close the term, the group or the query; quotes of every kind;
# codepoint escapes (which SPARQL applies before parsing); IRIs that close themselves.
HOSTILE = [
    "> } ; DROP ALL ; #",
    '" } ; DROP ALL ; #',
    "' } ; DROP ALL ; #",
    'x" || true || "',
    "x' || true || '",
    '""" || true || """',
    "}",
    "{",
    "\n} UNION { ?s ?p ?o }\n#",
    "?s",
    "\\u0022 || true || \\u0022",
    "\\\" || true || \\\"",
    "state/KAZ> } UNION { ?s ?p ?o } #",
    BASE + "state/KAZ> . ?s ?p ?o } #",
    f"<{BASE}state/KAZ>",
    "kg:party> } #",
    '2024" || true || "',
    "2024-01-01\"^^<http://www.w3.org/2001/XMLSchema#date> } UNION { ?s ?p ?o } #",
    "1 } UNION { ?s ?p ?o } #",
    "1) || (1",
    "x\x00y",
    "A" * 5000,
    "é" * 300 + "\" } #",
]
CASES = [(q.name, p.name, p.type, v) for q in questions().values() for p in q.params
         for v in HOSTILE]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return make_app(tmp_path_factory.mktemp("inject"), "pages_basic.trig").test_client()


def _triples(client) -> int:
    resp = client.get("/sparql", query_string={"query": COUNT})
    return int(resp.json["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def before(client) -> int:
    return _triples(client)


def test_every_question_has_parameters_tested():
    with_params = {q.name for q in questions().values() if q.params}
    assert with_params == {name for name, *_ in CASES}


@pytest.mark.parametrize("name,param,kind,value", CASES,
                         ids=[f"{n}-{p}-{i % len(HOSTILE)}" for i, (n, p, _, _) in enumerate(CASES)])
def test_hostile_value_is_refused_or_inert(client, before, name, param, kind, value):
    q = questions()[name]
    label = next(p.label for p in q.params if p.name == param)
    args = {**PARAMS[name], param: value}
    resp = client.get(f"/questions/{name}.json", query_string=args)
    assert resp.status_code in (200, 400), resp.get_data(as_text=True)[:500]
    if resp.status_code == 400:
        detail = resp.json["error"]["detail"]
        assert param in detail or label in detail, detail  # names what was wrong
    elif kind == "entity":
        # A name is compared word by word ("?s" is the word "s" of "Testova's visit"): an
        # answer is the one for the entity the name was taken as, said in a note.
        iri = resp.json["parameters"][param]
        assert iri.startswith(BASE) and resp.json["notes"], resp.json
        direct = client.get(f"/questions/{name}.json", query_string={**args, param: iri})
        assert resp.json["rows"] == direct.json["rows"]
    else:
        # Only free text takes any value, and none of these is in the data: no row can
        # match it. (An empty `kind` matches every amount; `x" || true || "` must not.)
        assert kind == "text", f"{name}: {param}={value[:60]!r} gave an answer"
        assert resp.json["rows"] == [], resp.json["rows"][:3]
        assert resp.json["parameters"][param] == value.strip()  # taken as the text it is
    csv = client.get(f"/questions/{name}.csv", query_string=args)
    assert csv.status_code == resp.status_code
    page = client.get(f"/questions/{name}", query_string=args)
    assert page.status_code == resp.status_code, page.get_data(as_text=True)[:500]
    assert _triples(client) == before


def test_text_parameter_matches_literally(client):
    """Control for the text cases: the empty kind matches all amounts, a word some."""
    every = client.get("/questions/amounts-by-partner.json", query_string={"kind": ""}).json["rows"]
    some = client.get("/questions/amounts-by-partner.json", query_string={"kind": "trade"}).json["rows"]
    assert len(every) > len(some) > 0


@pytest.mark.parametrize("args", [
    {"limit": "-1"}, {"limit": "1e9"}, {"limit": "1; DROP ALL"}, {"offset": "-5"},
    {"offset": "99999999999999999999"}, {"limit": "} UNION { ?s ?p ?o }"},
])
def test_hostile_paging_is_refused(client, before, args):
    resp = client.get("/questions/agreements-since.json", query_string=args)
    assert resp.status_code == 400, resp.data
    assert next(iter(args)) in resp.json["error"]["detail"]
    assert _triples(client) == before


def test_repeated_and_unknown_arguments_are_harmless(client):
    ok = client.get("/questions/who-met-whom.json", query_string={"actor": "state/KAZ"}).json["rows"]
    resp = client.get("/questions/who-met-whom.json?actor=state/KAZ&actor=%7D%20UNION%20%7B"
                      "&query=DROP%20ALL&update=DROP%20ALL&format=x")
    assert resp.status_code == 200 and resp.json["rows"] == ok
