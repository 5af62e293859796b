"""The RDF of an extraction: one graph per digest, labels, typed dates, evidence per fact."""
from __future__ import annotations

import warnings
from pathlib import Path

from rdflib import Dataset, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, XSD

from kazgraph.loaders import extract_file, extract_text, to_dataset
from kazgraph.loaders.rdf import digest_graph_iri
from kazgraph.validate import validate_graph
from kazgraph.vocab import KG, PROV

DATA = Path(__file__).parent / "data"


def weekly():
    (ex,) = extract_file(DATA / "digest_weekly.txt")
    return ex


def test_one_named_graph_per_digest() -> None:
    ex = weekly()
    ds = to_dataset(ex)
    names = {g.identifier for g in ds.graphs() if len(g)}
    assert names == {digest_graph_iri(ex)}


def test_same_text_same_triples(monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    a, b = to_dataset(weekly()), to_dataset(weekly())
    ga, gb = (d.graph(digest_graph_iri(weekly())) for d in (a, b))
    assert set(ga) == set(gb)


def test_one_label_per_entity() -> None:
    ex = weekly()
    g = to_dataset(ex).graph(digest_graph_iri(ex))
    for s in set(g.subjects(RDF.type, None)):
        if (s, RDF.type, KG.Evidence) not in g:
            assert len(list(g.objects(s, RDFS.label))) == 1, s


def test_every_fact_has_evidence_with_consistent_offsets() -> None:
    ex = weekly()
    g = to_dataset(ex).graph(digest_graph_iri(ex))
    text = str(g.value(digest_graph_iri(ex), KG.text))
    assert text == ex.doc.text
    for f in ex.facts:
        s = URIRef("https://w3id.org/kazgraph/id/" + f.subject)
        o = f.object if isinstance(f.object, Literal) else \
            URIRef("https://w3id.org/kazgraph/id/" + f.object)
        found = [e for e in g.subjects(RDF.subject, s)
                 if (e, RDF.predicate, f.predicate) in g and (e, RDF.object, o) in g]
        assert found, f
        for e in found:
            begin, end = int(g.value(e, KG.beginIndex)), int(g.value(e, KG.endIndex))
            anchor = g.value(e, KG.anchorOf)
            if anchor is not None:
                assert text[begin:end] == str(anchor)
                sentence, at = g.value(e, KG.sentence), g.value(e, KG.sentenceBeginIndex)
                assert text[int(at):int(at) + len(sentence)] == str(sentence)
            assert (e, KG.article, None) in g and (e, KG.extractor, None) in g


def test_mentions_give_type_evidence() -> None:
    ex = weekly()
    g = to_dataset(ex).graph(digest_graph_iri(ex))
    outlet = URIRef("https://w3id.org/kazgraph/id/outlet/al-jazeera")
    (evidence,) = g.objects(outlet, KG.evidence)
    assert g.value(evidence, RDF.predicate) == RDF.type
    assert str(g.value(evidence, KG.anchorOf)) == "Al Jazeera"
    article = g.value(evidence, KG.article)
    assert str(article).startswith("https://w3id.org/kazgraph/id/article/")
    assert (article, KG.mentions, outlet) in g


def test_digest_node_and_run() -> None:
    ex = weekly()
    d = digest_graph_iri(ex)
    g = to_dataset(ex).graph(d)
    assert g.value(d, KG.publicationDate) == Literal("2021-03-10", datatype=XSD.date)
    assert str(g.value(d, KG.sourceFile)) == "digest_weekly.txt"
    run = g.value(d, KG.extractor)
    assert (run, RDF.type, PROV.Activity) in g and (run, PROV.startedAtTime, None) in g
    assert (run, PROV.wasAssociatedWith, None) in g and (run, KG.softwareVersion, None) in g


def test_dates_typed_by_precision() -> None:
    ex = extract_text("Ports of Chile\nThe Valparaiso Star released an article on June 2 "
                      "about ports.\n", published="2020-06")
    g = to_dataset(ex).graph(digest_graph_iri(ex))
    dates = {o for o in g.objects(None, KG.publicationDate)}
    assert dates == {Literal("2020-06-02", datatype=XSD.date),
                     Literal("2020-06", datatype=XSD.gYearMonth)}


def test_trig_round_trip() -> None:
    ds = to_dataset(weekly())
    again = Dataset()
    with warnings.catch_warnings():  # rdflib's TriG writer calls its own deprecated API
        warnings.simplefilter("ignore", DeprecationWarning)
        again.parse(data=ds.serialize(format="trig"), format="trig")
    for g in ds.graphs():
        if len(g):
            assert isomorphic(g, again.graph(g.identifier))


def test_conforms_to_shapes() -> None:
    report = validate_graph(to_dataset(weekly()))
    assert report.conforms, report
