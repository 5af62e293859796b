"""The question files: metadata parsing, typed parameters, and the README table."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import XSD, Literal, URIRef

from kazgraph.queries import QuestionError, parse_question, questions
from kazgraph.server.questions import readme_table
from kazgraph.vocab import DEFAULT_BASE, KG

README = Path(__file__).parent.parent / "README.md"


def test_every_question_has_title_description_and_projected_params():
    found = questions()
    assert len(found) >= 12
    for q in found.values():
        assert q.title and q.description, q.name
        for p in q.params:
            assert f"?{p.name}" in q.sparql


def test_default_actor_is_an_entity_iri():
    q = questions()["agreements-since"]
    bound = q.bindings({})
    assert bound["actor"] == URIRef(DEFAULT_BASE + "org/european-union")
    assert bound["since"] == Literal("2020-01-01", datatype=XSD.date)


@pytest.mark.parametrize("raw, expected", [
    ("2024", Literal("2024", datatype=XSD.gYear)),
    ("2024-05", Literal("2024-05", datatype=XSD.gYearMonth)),
    ("2024-05-06", Literal("2024-05-06", datatype=XSD.date)),
])
def test_dates_keep_their_precision(raw, expected):
    assert questions()["agreements-since"].bindings({"since": raw})["since"] == expected


@pytest.mark.parametrize("name, value", [
    ("since", "2024-13-01"), ("since", "yesterday"), ("since", '2020" } DROP ALL {'),
    ("actor", "state/KAZ> } DROP ALL { <x"), ("actor", "a b"),
])
def test_malformed_values_are_refused(name, value):
    with pytest.raises(QuestionError, match=name):
        questions()["agreements-since"].bindings({name: value})


def test_entity_values_accept_paths_and_iris():
    q = questions()["who-met-whom"]
    assert q.bindings({"actor": "/id/state/CHL"})["actor"] == URIRef(DEFAULT_BASE + "state/CHL")
    assert q.bindings({"actor": "http://example.org/x"})["actor"] == URIRef("http://example.org/x")


def test_property_and_integer_and_text_params():
    assert questions()["fact-sources"].bindings({"subject": "x/y", "predicate": "kg:participant"})["predicate"] == KG.participant
    with pytest.raises(QuestionError):
        questions()["fact-sources"].bindings({"subject": "x/y", "predicate": "kg:nothing"})
    assert questions()["summits-and-visits"].bindings({"year": "2023"})["year"] == Literal(2023)
    assert questions()["amounts-by-partner"].bindings({})["kind"] == Literal("")


def test_missing_required_value_is_named():
    with pytest.raises(QuestionError, match="person"):
        questions()["leader-timeline"].bindings({})


def test_parse_rejects_a_param_the_select_does_not_project():
    text = "# title: T\n# param x: integer = 1\nSELECT ?y WHERE { ?y ?p ?x }\n"
    with pytest.raises(QuestionError, match="SELECT"):
        parse_question("t", text)


def test_continuation_lines_join_the_description():
    q = parse_question("t", "# title: T\n# description: one\n#   two\nSELECT * WHERE {}\n")
    assert q.description == "one two"


def test_readme_table_is_in_sync_with_queries():
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- questions:start -->\n(.*?)<!-- questions:end -->", text, re.S)
    assert found, "README.md needs the <!-- questions:start --> ... <!-- questions:end --> markers"
    assert found.group(1) == readme_table(), (
        "README questions table is stale: run `python -m kazgraph.server.questions --readme` "
        "and paste it between the markers")


def test_runnable_binds_defaults_for_an_editor():
    from kazgraph.queries import runnable

    text = runnable(questions()["agreements-since"])
    assert "VALUES (?actor ?since ?dated) { (<https://w3id.org/kazgraph/id/org/european-union>" in text
    assert runnable(questions()["leader-timeline"]) == questions()["leader-timeline"].sparql


def test_evidence_lines_are_parsed_and_checked():
    from kazgraph.queries.evidence import EvidenceRule

    q = questions()["corridors"]
    assert q.evidence[0] == EvidenceRule("fact", "corridor", str(KG.connects), "item")
    assert q.evidence[1] == EvidenceRule("fact", "item", None, "corridor")
    assert q.evidence[2] == EvidenceRule("with", "corridor", None, "item")
    assert questions()["fact-sources"].evidence == (EvidenceRule("node", "evidence"),)
    assert all(q.evidence for q in questions().values()), "every question says where its rows come from"
    with pytest.raises(QuestionError, match=r"\?z is not in the SELECT"):
        parse_question("t", "# title: T\n# evidence: y kg:party z\nSELECT ?y WHERE { ?y ?p ?z }\n")
    with pytest.raises(QuestionError, match="prefixed property"):
        parse_question("t", "# title: T\n# evidence: y party y\nSELECT ?y WHERE { ?y ?p ?z }\n")


def test_paging_belongs_to_the_pages():
    with pytest.raises(QuestionError, match="LIMIT"):
        parse_question("t", "# title: T\nSELECT ?y WHERE { ?y ?p ?z }\nLIMIT 10\n")
    with pytest.raises(QuestionError, match="paging"):
        parse_question("t", "# title: T\n# param limit: integer = 1\nSELECT ?limit WHERE { ?y ?p ?limit }\n")


def test_with_page_and_with_rows_write_only_typed_values():
    from kazgraph.queries import with_page, with_rows

    assert with_page("SELECT * WHERE { ?s ?p ?o }", 5, 10).endswith("LIMIT 5\nOFFSET 10\n")
    with pytest.raises(QuestionError):
        with_page("SELECT * WHERE { ?s ?p ?o }", "5 } DROP ALL", 0)  # type: ignore[arg-type]
    text = with_rows("SELECT * WHERE { ?s ?p ?o }", ["s", "o"],
                     [(URIRef("http://x/a"), None), (URIRef("http://x/b"), Literal('a"} DROP'))])
    assert 'VALUES (?s ?o) { (<http://x/a> UNDEF) (<http://x/b> "a\\"} DROP") }' in text


def test_agreements_since_count_signing_dates_unless_asked_otherwise(tmp_path):
    from pages_fixtures import make_app

    client = make_app(tmp_path, "pages_basic.trig").test_client()

    def labels(**params):
        resp = client.get("/questions/agreements-since.json", query_string=params)
        assert resp.status_code == 200, resp.data
        cols = resp.json["columns"]
        return sorted({row[cols.index("agreementLabel")] for row in resp.json["rows"]})

    assert labels() == ["Memorandum on offshore wind"]  # signed since 2020
    assert labels(dated="in force") == ["Seal protection treaty"]
    assert labels(dated="any") == ["Memorandum on offshore wind", "Seal protection treaty"]
    assert labels(dated="planned") == []
