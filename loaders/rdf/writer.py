"""Turning an Extraction into RDF: one named graph per digest, with evidence for every fact.

Shape of a digest's graph (named by its Digest node, `<base>digest/<hash of the text>`,
so loading the same text again yields the same IRIs and triples):

    id:digest/3f2a...  a kg:Digest ; rdfs:label "..." ; kg:text "full text" ;
        kg:sourceFile "week12.txt" ; kg:publicationDate "2024-03-15"^^xsd:date ;
        kg:extractor id:run/9c1e... .
    id:article/77b0... a kg:Article ; rdfs:label "Ports deal signed" ;
        kg:headline "Ports deal signed" ; kg:publishedBy id:outlet/harbour-gazette ;
        kg:publicationDate "2024-03-12"^^xsd:date ; kg:inDigest id:digest/3f2a... ;
        kg:position 1 ; kg:mentions id:state/CHL .
    id:state/CHL a kg:State ; rdfs:label "Chile" ; kg:evidence id:evidence/1d4c... .
    id:evidence/1d4c... a kg:Evidence ;
        rdf:subject id:state/CHL ; rdf:predicate rdf:type ; rdf:object kg:State ;
        kg:article id:article/77b0... ; kg:sentence "Chile signed ..." ;
        kg:sentenceBeginIndex 120 ; kg:beginIndex 120 ; kg:endIndex 125 ;
        kg:anchorOf "Chile" ; kg:extractor id:run/9c1e... .
    id:run/9c1e... a kg:ExtractionRun, prov:Activity ; prov:startedAtTime "..."^^xsd:dateTime ;
        kg:softwareVersion "0.1.0" ; prov:wasAssociatedWith id:software/kazgraph .

Every fact `s p o` gets an Evidence node naming it (rdf:subject s, rdf:predicate p,
rdf:object o) with the offsets of its span in kg:text; entities get evidence of their
mentions (the type fact) through kg:evidence.
"""
from __future__ import annotations

import hashlib
import os
from datetime import datetime, timezone

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from kazgraph import __version__
from kazgraph.loaders.model import Extraction, Span
from kazgraph.loaders.reading.digests import article_key, digest_key
from kazgraph.vocab import DEFAULT_BASE, KG, PROV

MAX_MENTION_EVIDENCE = 20  # per entity: enough to show where it is named, bounded size
# The terms of every evidence node, looked up once (a namespace lookup is not free).
_EVIDENCE, _ARTICLE, _EXTRACTOR = KG.Evidence, KG.article, KG.extractor
_BEGIN, _END, _ANCHOR = KG.beginIndex, KG.endIndex, KG.anchorOf
_SENTENCE, _SENTENCE_BEGIN = KG.sentence, KG.sentenceBeginIndex
_TYPE, _SUBJECT, _PREDICATE, _OBJECT = RDF.type, RDF.subject, RDF.predicate, RDF.object
_LABEL, _ALT_LABEL, _SAME_AS = RDFS.label, SKOS.altLabel, OWL.sameAs
_EVIDENCE_OF, _MENTIONS = KG.evidence, KG.mentions
_KG_TERMS: dict[str, URIRef] = {}


def _kg(name: str) -> URIRef:
    """KG[name], looked up once per name (the closed namespace checks it the first time)."""
    term = _KG_TERMS.get(name)
    if term is None:
        term = _KG_TERMS[name] = KG[name]
    return term


def digest_graph_iri(ex: Extraction, base: str = DEFAULT_BASE) -> URIRef:
    """The named graph of one digest (also its Digest node): stable, from its text's hash."""
    return URIRef(base + digest_key(ex.doc))


def _started() -> Literal:
    """Now, or SOURCE_DATE_EPOCH when set (reproducible output)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (datetime.fromtimestamp(int(epoch), timezone.utc) if epoch and epoch.isdigit()
            else datetime.now(timezone.utc).replace(microsecond=0))
    return Literal(when.isoformat(), datatype=XSD.dateTime)


class _Writer:
    """Adds one extraction's triples to a set; knows the keys of the doc's articles."""

    def __init__(self, ex: Extraction, g: set, base: str) -> None:
        self.ex, self.g, self.base, self.doc = ex, g, base, ex.doc
        self.digest = URIRef(base + digest_key(self.doc))
        self.run = URIRef(base + "run/" + self._hash("run", __version__, str(self.digest)))
        # the Article of each item that has one (not every item names its outlet)
        self.item_article = {item.index: URIRef(base + key) for item in self.doc.items
                             if (key := article_key(self.doc, item.index)) in ex.entities}
        self._literals: dict[tuple, Literal] = {}
        self.first_mention: dict[str, Span] = {}
        for m in ex.mentions:
            if m.key not in self.first_mention or m.span < self.first_mention[m.key]:
                self.first_mention[m.key] = m.span

    @staticmethod
    def _hash(*parts: str) -> str:
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]

    def source_of(self, span: Span) -> URIRef:
        """The Article whose item holds `span`, else the Digest."""
        item = self.doc.item_at(span.start)
        return self.item_article.get(item.index, self.digest) if item else self.digest

    def iri(self, key: str) -> URIRef:
        return URIRef(self.base + key)

    def evidence(self, s: URIRef, p: URIRef, o, span: Span | None) -> URIRef:
        """An Evidence node naming the triple, pointing at `span` of the digest text."""
        text = self.doc.text
        whole = span is None
        if whole:
            span = Span(0, len(text))
        start, end = max(0, min(span.start, len(text))), max(0, min(span.end, len(text)))
        node = self.iri("evidence/" + self._hash(str(self.digest), str(s), str(p), o.n3(),
                                                 str(start), str(end)))
        g, lit = self.g, self.literal
        g.add((node, _TYPE, _EVIDENCE))
        g.add((node, _SUBJECT, s))
        g.add((node, _PREDICATE, p))
        g.add((node, _OBJECT, o))
        g.add((node, _BEGIN, lit(start)))
        g.add((node, _END, lit(end)))
        g.add((node, _EXTRACTOR, self.run))
        g.add((node, _ARTICLE, self.digest if whole else self.source_of(span)))
        if not whole:
            g.add((node, _ANCHOR, lit(text[start:end])))
            sentence = self.doc.sentence_at(start)
            if sentence:
                g.add((node, _SENTENCE, lit(sentence.text)))
                g.add((node, _SENTENCE_BEGIN, lit(sentence.span.start)))
        return node

    def literal(self, value: int | str) -> Literal:
        """A plain string or integer literal, made once per digest: sentences and offsets
        recur across the evidence of one text."""
        key = (type(value), value)  # 1 and True, "1" and 1 stay apart
        made = self._literals.get(key)
        if made is None:
            made = self._literals[key] = Literal(value)
        return made

    def entities(self) -> None:
        g = self.g
        spans: dict[str, list[Span]] = {}
        for m in sorted(self.ex.mentions, key=lambda m: m.span):
            seen = spans.setdefault(m.key, [])
            if m.span not in seen and len(seen) < MAX_MENTION_EVIDENCE:
                seen.append(m.span)
        for e in self.ex.entities.values():
            s = self.iri(e.key)
            cls = _kg(e.cls)
            g.add((s, _TYPE, cls))
            g.add((s, _LABEL, Literal(e.label)))
            for alias in sorted(e.aliases):
                if alias != e.label:
                    g.add((s, _ALT_LABEL, Literal(alias)))
            for same in sorted(e.same_as):
                g.add((s, _SAME_AS, URIRef(same)))
            for name, values in e.literals.items():
                for value in values:
                    g.add((s, _kg(name), value))
            for span in spans.get(e.key, []):
                g.add((s, _EVIDENCE_OF, self.evidence(s, _TYPE, cls, span)))
                g.add((self.source_of(span), _MENTIONS, s))

    def facts(self) -> None:
        for f in self.ex.facts:
            s = self.iri(f.subject)
            o = f.object if isinstance(f.object, Literal) else self.iri(f.object)
            self.g.add((s, f.predicate, o))
            span = f.span or self.first_mention.get(f.subject)
            if span is None and not isinstance(f.object, Literal):
                span = self.first_mention.get(f.object)
            node = self.evidence(s, f.predicate, o, span)
            if f.inferred:
                self.g.add((node, KG.inferred, Literal(True)))

    def digest_node(self) -> None:
        g, d, doc = self.g, self.digest, self.doc
        g.add((d, RDF.type, KG.Digest))
        label = RDFS.label  # looked up once: the test below reads every triple
        if not any(t[1] == label and t[0] == d for t in g):
            g.add((d, RDFS.label, Literal(doc.title or f"Digest {doc.source}")))
        g.add((d, KG.text, Literal(doc.text)))
        g.add((d, KG.sourceFile, Literal(doc.source)))
        g.add((d, KG.extractor, self.run))
        if doc.title:
            g.add((d, KG.title, Literal(doc.title)))
        if doc.url:
            g.add((d, KG.url, Literal(doc.url, datatype=XSD.anyURI)))
        run, agent = self.run, self.iri("software/kazgraph")
        g.add((run, RDF.type, KG.ExtractionRun))
        g.add((run, RDF.type, PROV.Activity))
        g.add((run, RDFS.label, Literal(f"kazgraph {__version__} extraction of {doc.source}")))
        g.add((run, PROV.startedAtTime, _started()))
        g.add((run, KG.softwareVersion, Literal(__version__)))
        g.add((run, PROV.wasAssociatedWith, agent))
        g.add((agent, RDF.type, PROV.SoftwareAgent))
        g.add((agent, RDFS.label, Literal("kazgraph")))


def to_triples(ex: Extraction, base: str = DEFAULT_BASE) -> tuple[URIRef, set[tuple]]:
    """The digest's graph name and its triples (rdflib terms), evidence included.

    The plain set is what loading needs; `to_dataset` wraps the same triples for rdflib.
    """
    triples: set[tuple] = set()
    writer = _Writer(ex, triples, base)
    writer.entities()
    writer.facts()
    writer.digest_node()
    return digest_graph_iri(ex, base), triples


def to_dataset(ex: Extraction, base: str = DEFAULT_BASE) -> Dataset:
    """One named graph holding everything extracted from the digest, with its evidence."""
    ds = Dataset()
    for prefix, ns in (("kg", KG._NS), ("prov", PROV), ("skos", SKOS), ("owl", OWL),
                       ("xsd", XSD), ("id", base)):
        ds.bind(prefix, ns)
    name, triples = to_triples(ex, base)
    g = ds.graph(name)
    for t in triples:
        g.add(t)
    return ds
