"""The SHACL shapes accept a good record and name what is wrong with bad ones."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD

from kazgraph.errors import InputError
from kazgraph.validate import Report, format_report, validate_graph
from kazgraph.vocab import KG

DATA = Path(__file__).parent / "data"
ID = "https://w3id.org/kazgraph/id/"


def load(name: str) -> Graph:
    return Graph().parse(DATA / name, format="turtle")


def messages(report: Report, severity: str = "Violation") -> set[str]:
    return {v.message for v in report.violations if v.severity == severity}


def test_good_record_conforms():
    report = validate_graph(load("shapes_good.ttl"))
    assert report.conforms
    assert report.violations == [], format_report(report)
    assert format_report(report) == "conforms: no violations"


# (file, words of the expected message, focus node, path)
BAD = [
    ("shapes_two_labels.ttl", "more than one rdfs:label", ID + "person-ana-ribeiro",
     RDFS.label),
    ("shapes_untyped_date.ttl", "kg:endDate is not a valid literal typed xsd:date",
     ID + "event-harbour-summit", KG.endDate),
    ("shapes_untyped_date.ttl", "kg:endDate is not a valid literal typed xsd:date",
     ID + "event-river-forum", KG.endDate),
    ("shapes_no_outlet.ttl", "An article has no kg:publishedBy", ID + "article-0001",
     KG.publishedBy),
    ("shapes_no_evidence.ttl", "A fact has no kg:Evidence naming it", ID + "agreement-wine",
     KG.party),
]


@pytest.mark.parametrize("name, words, focus, path", BAD, ids=[b[0] + "-" + b[2][len(ID):]
                                                                for b in BAD])
def test_bad_record_is_caught(name, words, focus, path):
    report = validate_graph(load(name))
    assert not report.conforms
    hits = [v for v in report.errors if words in v.message]
    assert any(v.focus == URIRef(focus) and v.path == path for v in hits), format_report(report)


def test_bad_records_report_nothing_else():
    """Each bad file breaks only the rule it is about."""
    assert messages(validate_graph(load("shapes_two_labels.ttl"))) == {
        "An entity has more than one rdfs:label; keep one preferred name and put the others "
        "in skos:altLabel."}
    assert len(validate_graph(load("shapes_untyped_date.ttl")).violations) == 2
    no_evidence = validate_graph(load("shapes_no_evidence.ttl"))
    assert [(v.value, v.path) for v in no_evidence.violations] == [
        (URIRef(ID + "state-CHL"), KG.party)]


def test_missing_publication_date_is_only_a_warning():
    report = validate_graph(load("shapes_no_outlet.ttl"))
    assert messages(report, "Warning") == {
        "An article has no kg:publicationDate (the source gives none)."}
    assert len(report.errors) == 1 and len(report.warnings) == 1


def test_ill_formed_date_is_caught():
    graph = load("shapes_good.ttl")
    talks = URIRef(ID + "event/chile-portugal-talks")
    graph.add((talks, KG.endDate, Literal("2024-02-30", datatype=XSD.date)))
    report = validate_graph(graph)
    assert [(v.focus, v.path) for v in report.errors] == [(talks, KG.endDate)]


def test_subclasses_count_through_the_ontology():
    """A kg:Summit without a label is an entity (Summit < Event) and is caught."""
    graph = Graph()
    summit = URIRef(ID + "event/lakeside-summit")
    graph.add((summit, RDF.type, KG.Summit))
    report = validate_graph(graph)
    assert [(v.focus, v.message) for v in report.errors] == [
        (summit, "An entity has no rdfs:label (its preferred English name).")]


def test_outlet_must_be_a_media_outlet():
    graph = load("shapes_good.ttl")
    article = URIRef(ID + "article/1111bbbb")
    graph.set((article, KG.publishedBy, URIRef(ID + "state/CHL")))
    assert messages(validate_graph(graph)) == {
        "The kg:publishedBy of an article is not a kg:MediaOutlet."}


def test_agreement_needs_a_party():
    graph = Graph()
    agreement = URIRef(ID + "agreement/fisheries-accord")
    graph.add((agreement, RDF.type, KG.Agreement))
    graph.add((agreement, RDFS.label, Literal("Fisheries Accord")))
    assert messages(validate_graph(graph)) == {"An agreement has no kg:party."}


def test_dataset_is_validated_as_the_union_of_its_graphs():
    """Evidence may sit in another named graph than the fact it supports."""
    good = load("shapes_good.ttl")
    evidence = {s for s in good.subjects(RDF.type, KG.Evidence)}
    ds = Dataset()
    facts, proofs = ds.graph(URIRef(ID + "digest/a")), ds.graph(URIRef(ID + "digest/b"))
    for s, p, o in good:
        (proofs if s in evidence else facts).add((s, p, o))
    assert validate_graph(ds).violations == []
    proofs.remove((None, None, None))
    assert not validate_graph(ds).conforms


def test_format_report_groups_by_message_with_counts():
    report = validate_graph(load("shapes_untyped_date.ttl"))
    lines = format_report(report).splitlines()
    assert lines[0] == ("Violation (2): kg:endDate is not a valid literal typed xsd:date, "
                        "xsd:gYearMonth or xsd:gYear.")
    assert lines[1] == '  id:event-harbour-summit kg:endDate "March 2024"'
    assert lines[2].startswith("  id:event-river-forum kg:endDate ")
    assert lines[-1] == "does not conform: 2 violation(s), 0 warning(s)"


def test_unreadable_shapes_file_names_it(tmp_path):
    bad = tmp_path / "broken.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(InputError, match="broken.ttl"):
        validate_graph(Graph(), shapes=bad)


def test_evidence_rule_gives_the_same_results_in_plain_pyshacl():
    """validate_graph runs the SPARQL rule once per graph; pySHACL runs it per node."""
    from pyshacl import validate

    from kazgraph.validate import ontology_path, shapes_path

    data = load("shapes_no_evidence.ttl")
    _, results, _ = validate(data, shacl_graph=Graph().parse(shapes_path()),
                             ont_graph=Graph().parse(ontology_path()))
    plain = {(results.value(r, SH.focusNode), results.value(r, SH.resultPath),
              results.value(r, SH.value)) for r in results.objects(None, SH.result)}
    ours = {(v.focus, v.path, v.value) for v in validate_graph(data).violations}
    assert plain == ours == {(URIRef(ID + "agreement-wine"), KG.party, URIRef(ID + "state-CHL"))}


def test_anchor_must_match_the_digest_text():
    graph = load("shapes_good.ttl")
    evidence = URIRef(ID + "evidence/e1")
    graph.set((evidence, KG.beginIndex, Literal(11)))
    graph.set((evidence, KG.endIndex, Literal(27)))
    report = validate_graph(graph)
    assert [(v.focus, v.path, v.value) for v in report.errors] == [
        (evidence, KG.anchorOf, Literal("Foreign Minister"))]
    assert report.errors[0].message.startswith("The kg:anchorOf of evidence is not the digest")


def test_office_holding_and_money():
    graph = load("shapes_good.ttl")
    office, amount = URIRef(ID + "office/1"), URIRef(ID + "amount/1")
    graph.add((office, RDF.type, KG.OfficeHolding))
    graph.add((office, KG.holder, URIRef(ID + "state/CHL")))
    graph.add((amount, RDF.type, KG.MonetaryAmount))
    graph.add((amount, KG.value, Literal("12.5", datatype=XSD.decimal)))
    graph.add((amount, KG.currency, Literal("usd")))
    assert messages(validate_graph(graph)) == {
        "The kg:holder of an office holding is not a kg:Person.",
        "A monetary amount does not have exactly one ISO 4217 kg:currency code."}


def test_what_the_loaders_write_conforms():
    """The extraction pipeline's output on a short invented digest meets every shape."""
    from kazgraph.loaders import extract_text, to_dataset

    text = (DATA / "shapes_digest.txt").read_text(encoding="utf-8")
    dataset = to_dataset(extract_text(text, published="2024-03-15"))
    assert any(dataset.quads((None, RDF.type, KG.Evidence, None)))
    report = validate_graph(dataset)
    assert report.errors == [], format_report(report)
