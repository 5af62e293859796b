"""The kazgraph vocabulary, shared by loaders, store and server.

`KG` is closed: naming a term that is not listed here raises AttributeError, so a
typo fails at import time instead of writing a stray IRI. Every term listed here is
declared in `ontology/kazgraph.ttl` (a test checks both directions).
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/kazgraph/ontology#"
DEFAULT_BASE = "https://w3id.org/kazgraph/id/"

# Standard vocabularies the ontology reuses.
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
ORG = Namespace("http://www.w3.org/ns/org#")
TIME = Namespace("http://www.w3.org/2006/time#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
OA = Namespace("http://www.w3.org/ns/oa#")
DCT = Namespace("http://purl.org/dc/terms/")
WD = Namespace("http://www.wikidata.org/entity/")

# The usual prefixes: written in Turtle/TriG output, accepted in queries without PREFIX
# lines, and used to print IRIs short.
PREFIXES = {
    "kg": ONTOLOGY_IRI,
    "id": DEFAULT_BASE,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "org": str(ORG),
    "time": str(TIME),
    "dct": str(DCT),
    "wd": str(WD),
}


class KG(DefinedNamespace):
    """Terms of https://w3id.org/kazgraph/ontology# ."""

    _NS = Namespace(ONTOLOGY_IRI)
    _fail = True

    # --- classes: actors -------------------------------------------------------
    Actor: URIRef  # anything that can be a party or a participant
    State: URIRef
    InternationalOrganization: URIRef
    Person: URIRef
    Leader: URIRef
    Company: URIRef
    MediaOutlet: URIRef
    # --- classes: places ------------------------------------------------------
    Place: URIRef
    City: URIRef
    # --- classes: what the digests report --------------------------------------
    Agreement: URIRef
    Corridor: URIRef
    MonetaryAmount: URIRef
    OfficeHolding: URIRef  # a person holding an office for a state or body, in time
    Event: URIRef
    Summit: URIRef
    Visit: URIRef
    StateVisit: URIRef
    OfficialVisit: URIRef
    WorkingVisit: URIRef
    Talks: URIRef
    Meeting: URIRef
    PhoneCall: URIRef
    Forum: URIRef
    Conference: URIRef
    Exhibition: URIRef
    Election: URIRef
    Referendum: URIRef
    # --- classes: sources and provenance ---------------------------------------
    Digest: URIRef
    Article: URIRef
    Evidence: URIRef
    ExtractionRun: URIRef

    # --- properties of the evaluation contract ----------------------------------
    represents: URIRef
    role: URIRef
    party: URIRef
    date: URIRef
    participant: URIRef
    location: URIRef
    startDate: URIRef
    endDate: URIRef
    connects: URIRef
    headline: URIRef
    publishedBy: URIRef
    publicationDate: URIRef
    # --- more properties ------------------------------------------------------
    author: URIRef  # article -> person
    inDigest: URIRef  # article -> digest
    position: URIRef  # article -> its 1-based position in the digest
    mentions: URIRef  # article or digest -> entity it names
    status: URIRef  # agreement -> "signed", "in force", "planned", ...
    eventStatus: URIRef  # event -> "held", "planned", "postponed"
    periodStart: URIRef  # MonetaryAmount -> start of the time it covers
    periodEnd: URIRef  # MonetaryAmount -> end of the time it covers
    asOf: URIRef  # MonetaryAmount -> the date a stock is given at
    inferred: URIRef  # Evidence -> true: the fact is taken from context, not stated
    holds: URIRef  # person -> OfficeHolding
    holder: URIRef  # OfficeHolding -> person
    observedOn: URIRef  # OfficeHolding -> date of the source that shows it
    signingDate: URIRef  # Agreement -> date signed (each also given as kg:date)
    entryIntoForceDate: URIRef  # Agreement -> date in force
    plannedDate: URIRef  # Agreement -> date it is to be signed
    announcementDate: URIRef  # Agreement -> date it was announced or agreed in principle
    amount: URIRef  # anything -> MonetaryAmount it is measured by
    value: URIRef  # MonetaryAmount -> xsd:decimal
    currency: URIRef  # MonetaryAmount -> ISO 4217 code
    amountType: URIRef  # MonetaryAmount -> "investment", "trade volume", ...
    concerns: URIRef  # MonetaryAmount -> the actors it is between
    country: URIRef  # place -> the state it lies in
    isoCode: URIRef  # state -> ISO 3166-1 alpha-3 code
    text: URIRef  # digest -> its full source text (offsets refer to it)
    title: URIRef  # digest -> its title when it has one
    sourceFile: URIRef  # digest -> the file name it was loaded from
    url: URIRef  # article or digest -> web address when known
    # --- evidence (rdf:subject/rdf:predicate/rdf:object name the fact) ------------
    evidence: URIRef  # entity -> Evidence of a mention of it
    article: URIRef  # Evidence -> the article (or digest) it is found in
    sentence: URIRef  # Evidence -> the sentence text
    sentenceBeginIndex: URIRef  # Evidence -> offset of the sentence in the digest text
    beginIndex: URIRef  # Evidence -> offset of the span's first character
    endIndex: URIRef  # Evidence -> offset just past the span's last character
    anchorOf: URIRef  # Evidence -> the span's text
    extractor: URIRef  # Evidence or Digest -> the ExtractionRun that produced it
    softwareVersion: URIRef  # ExtractionRun -> version of kazgraph
    # --- event-kind codes -----------------------------------------------------------
    cameoCode: URIRef
    ploverCode: URIRef


def term(name: str) -> URIRef | None:
    """The KG term `name` ("State", "kg:party") if the vocabulary lists it, else None.

    Safer than getattr(KG, name) for names from a request: that also answers for
    Python internals such as "__doc__" or "_NS", which are no terms.
    """
    local = name.removeprefix("kg:").removeprefix(ONTOLOGY_IRI)
    return KG[local] if local in KG.__annotations__ else None
