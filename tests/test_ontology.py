"""The ontology declares every vocabulary and contract term, reuses standards, and is consistent."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS, XSD

from kazgraph.validate import ontology_path, shapes_path
from kazgraph.vocab import KG, NIF, OA, ONTOLOGY_IRI, ORG, PROV, SCHEMA

ONTOLOGY = URIRef("https://w3id.org/kazgraph/ontology")
DATA = Path(__file__).parent / "data"
DATES = {XSD.date, XSD.gYearMonth, XSD.gYear}

# The terms of the evaluation contract (shared/eval/CONTRACT.md) and their OWL kind.
CONTRACT_CLASSES = ["State", "InternationalOrganization", "Person", "Leader", "Agreement",
                    "Event", "Summit", "Corridor", "Article"]
CONTRACT_OBJECT_PROPERTIES = ["represents", "party", "participant", "location", "connects",
                              "publishedBy"]
CONTRACT_DATATYPE_PROPERTIES = ["role", "date", "startDate", "endDate", "headline",
                                "publicationDate"]
EVENT_KINDS = ["Summit", "Visit", "StateVisit", "OfficialVisit", "WorkingVisit", "Talks",
               "Meeting", "PhoneCall", "Forum", "Conference", "Exhibition", "Election",
               "Referendum"]

# Reuse of standard vocabularies: (kazgraph term, relation, standard term).
REUSE = [
    (KG.Article, RDFS.subClassOf, SCHEMA.NewsArticle),
    (KG.Event, RDFS.subClassOf, SCHEMA.Event),
    (KG.Person, RDFS.subClassOf, SCHEMA.Person),
    (KG.State, RDFS.subClassOf, SCHEMA.Country),
    (KG.InternationalOrganization, RDFS.subClassOf, ORG.FormalOrganization),
    (KG.Company, RDFS.subClassOf, SCHEMA.Corporation),
    (KG.MediaOutlet, RDFS.subClassOf, SCHEMA.NewsMediaOrganization),
    (KG.MonetaryAmount, RDFS.subClassOf, SCHEMA.MonetaryAmount),
    (KG.OfficeHolding, RDFS.subClassOf, ORG.Membership),
    (KG.Evidence, RDFS.subClassOf, OA.Annotation),
    (KG.Evidence, RDFS.subClassOf, PROV.Entity),
    (KG.ExtractionRun, RDFS.subClassOf, PROV.Activity),
    (KG.holder, RDFS.subPropertyOf, ORG.member),
    (KG.beginIndex, RDFS.subPropertyOf, NIF.beginIndex),
    (KG.endIndex, RDFS.subPropertyOf, NIF.endIndex),
    (KG.anchorOf, RDFS.subPropertyOf, NIF.anchorOf),
    (KG.headline, RDFS.subPropertyOf, SCHEMA.headline),
    (KG.publicationDate, RDFS.subPropertyOf, SCHEMA.datePublished),
    (KG.publicationDate, RDFS.subPropertyOf, DCTERMS.issued),
    (KG.author, RDFS.subPropertyOf, SCHEMA.author),
    (KG.publishedBy, RDFS.subPropertyOf, SCHEMA.publisher),
    (KG.startDate, RDFS.subPropertyOf, SCHEMA.startDate),
    (KG.location, RDFS.subPropertyOf, SCHEMA.location),
    (KG.participant, RDFS.subPropertyOf, SCHEMA.attendee),
    (KG.inDigest, RDFS.subPropertyOf, SCHEMA.isPartOf),
    (KG.inDigest, RDFS.subPropertyOf, DCTERMS.isPartOf),
    (KG.mentions, RDFS.subPropertyOf, SCHEMA.mentions),
]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


def declared(onto: Graph) -> set[URIRef]:
    return {s for s in onto.subjects(RDF.type, None)
            if isinstance(s, URIRef) and str(s).startswith(ONTOLOGY_IRI)}


def is_a(onto: Graph, term: URIRef, kind: URIRef) -> bool:
    return (term, RDF.type, kind) in onto


def superclasses(onto: Graph, cls: URIRef) -> set[URIRef]:
    return set(onto.transitive_objects(cls, RDFS.subClassOf))


def test_packaged_files_exist():
    assert ontology_path().is_file() and shapes_path().is_file()


def test_every_vocab_term_is_declared(onto):
    missing = {URIRef(ONTOLOGY_IRI + name) for name in KG.__annotations__} - declared(onto)
    assert not missing, f"terms of kazgraph.vocab.KG not declared in kazgraph.ttl: {missing}"


def test_every_declared_term_is_in_vocab(onto):
    extra = declared(onto) - {URIRef(ONTOLOGY_IRI + name) for name in KG.__annotations__}
    assert not extra, f"terms of kazgraph.ttl missing from kazgraph.vocab.KG: {extra}"


@pytest.mark.parametrize("name", CONTRACT_CLASSES)
def test_contract_classes(onto, name):
    assert is_a(onto, KG[name], OWL.Class)


@pytest.mark.parametrize("name", CONTRACT_OBJECT_PROPERTIES)
def test_contract_object_properties(onto, name):
    assert is_a(onto, KG[name], OWL.ObjectProperty)


@pytest.mark.parametrize("name", CONTRACT_DATATYPE_PROPERTIES)
def test_contract_datatype_properties(onto, name):
    assert is_a(onto, KG[name], OWL.DatatypeProperty)


def test_leader_is_a_person(onto):
    assert KG.Person in superclasses(onto, KG.Leader)
    assert KG.Actor in superclasses(onto, KG.Leader)


@pytest.mark.parametrize("name", EVENT_KINDS)
def test_event_kinds_are_events(onto, name):
    assert KG.Event in superclasses(onto, KG[name])


def test_visit_kinds(onto):
    for name in ("StateVisit", "OfficialVisit", "WorkingVisit"):
        assert (KG[name], RDFS.subClassOf, KG.Visit) in onto


def test_actors(onto):
    for name in ("State", "InternationalOrganization", "Person", "Company", "MediaOutlet"):
        assert KG.Actor in superclasses(onto, KG[name]), name
    assert KG.Place in superclasses(onto, KG.State)
    assert KG.Place in superclasses(onto, KG.City)


@pytest.mark.parametrize("triple", REUSE, ids=lambda t: f"{t[0].fragment}-{t[2]}")
def test_standard_vocabularies_are_reused(onto, triple):
    assert triple in onto


def test_event_kinds_carry_codes(onto):
    for name in ["Event", "Summit", "Visit", "Talks", "Meeting", "PhoneCall", "Forum",
                 "Conference"]:
        codes = list(onto.objects(KG[name], KG.cameoCode))
        assert codes and all(len(c) == 3 and str(c).isdigit() for c in codes), name
        assert Literal("CONSULT") in onto.objects(KG[name], KG.ploverCode), name
    assert {str(c) for c in onto.objects(KG.Visit, KG.cameoCode)} == {"042", "043"}
    assert (KG.Talks, KG.cameoCode, Literal("046")) in onto
    assert (KG.Agreement, KG.cameoCode, Literal("057")) in onto
    assert (KG.Agreement, KG.ploverCode, Literal("AGREE")) in onto
    assert is_a(onto, KG.cameoCode, OWL.AnnotationProperty)


def test_every_term_has_label_and_definition(onto):
    for term in declared(onto):
        assert any(onto.objects(term, RDFS.label)), f"{term} has no rdfs:label"
        assert any(onto.objects(term, SKOS.definition)) or any(
            onto.objects(term, RDFS.comment)), f"{term} has no definition"


def test_properties_have_domain_or_range(onto):
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in onto.subjects(RDF.type, kind):
            if str(prop).startswith(ONTOLOGY_IRI):
                assert (onto.value(prop, RDFS.domain) is not None
                        or onto.value(prop, RDFS.range) is not None), f"{prop}: no domain/range"


def test_header(onto):
    assert is_a(onto, ONTOLOGY, OWL.Ontology)
    for prop in (OWL.versionInfo, OWL.versionIRI, RDFS.label, RDFS.comment,
                 DCTERMS.created, DCTERMS.license):
        assert onto.value(ONTOLOGY, prop) is not None, prop
    notes = " ".join(str(n) for n in onto.objects(ONTOLOGY, SKOS.note))
    assert "https://w3id.org/kazgraph/id/" in notes and "state/KAZ" in notes


def _owlready_world(graph: Graph, tmp_path):
    """Load an rdflib graph into a fresh owlready2 World through N-Triples."""
    from owlready2 import World

    path = tmp_path / "kazgraph.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = World()
    world.get_ontology(path.as_uri()).load(format="ntriples")
    return world


@pytest.mark.slow  # starts a JVM for HermiT: about 1-2 s each
@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs java")
def test_hermit_finds_ontology_consistent(onto, tmp_path):
    from owlready2 import sync_reasoner

    world = _owlready_world(onto, tmp_path)
    assert len(list(world.classes())) > 30
    sync_reasoner(world, infer_property_values=False, debug=0)  # raises if inconsistent
    assert list(world.inconsistent_classes()) == []


@pytest.mark.slow  # starts a JVM for HermiT: about 1-2 s each
@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs java")
def test_hermit_accepts_typical_data(onto, tmp_path):
    """The small good record (a state as party and as place...) breaks no axiom."""
    from owlready2 import sync_reasoner

    data = Graph().parse(DATA / "shapes_good.ttl", format="turtle")
    for s, p, o in list(data):
        if isinstance(o, Literal) and o.datatype in DATES:
            data.remove((s, p, o))  # HermiT rejects datatypes outside OWL 2's datatype map
    world = _owlready_world(onto + data, tmp_path)
    sync_reasoner(world, infer_property_values=False, debug=0)  # raises if inconsistent
    assert list(world.inconsistent_classes()) == []


def test_scored_categories_gain_no_unexpected_members(onto):
    """The scorer counts subclasses for their superclass: only the intended ones may exist."""
    expected = {KG.Person: {KG.Leader}, KG.Event: {KG[n] for n in EVENT_KINDS}}
    for name in ("State", "InternationalOrganization", "Agreement", "Corridor", "Article",
                 "Person", "Event"):
        below = set(onto.transitive_subjects(RDFS.subClassOf, KG[name])) - {KG[name]}
        assert below == expected.get(KG[name], set()), name


def test_ontology_round_trips_through_rdf_xml(onto):
    """owlready2 reads RDF/XML: the ontology must survive that serialisation intact."""
    from rdflib.compare import isomorphic

    again = Graph().parse(data=onto.serialize(format="xml"), format="xml")
    assert isomorphic(onto, again)


@pytest.mark.slow  # starts a JVM for HermiT: about 1-2 s each
@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs java")
def test_hermit_accepts_what_the_loaders_write(onto, tmp_path):
    """Domains, ranges and disjointness hold for the extraction of an invented digest."""
    from owlready2 import sync_reasoner

    from kazgraph.loaders import extract_text, to_dataset

    text = (DATA / "shapes_digest.txt").read_text(encoding="utf-8")
    data = Graph()
    for s, p, o, _ in to_dataset(extract_text(text, published="2024-03-15")).quads():
        if not (isinstance(o, Literal) and o.datatype in DATES):
            data.add((s, p, o))  # HermiT rejects datatypes outside OWL 2's datatype map
    world = _owlready_world(onto + data, tmp_path)
    sync_reasoner(world, infer_property_values=False, debug=0)  # raises if inconsistent
    assert list(world.inconsistent_classes()) == []
