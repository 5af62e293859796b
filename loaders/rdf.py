"""Turning an Extraction into RDF (first cut; the structure helper completes it)."""
from __future__ import annotations

import hashlib

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kazgraph.loaders.model import Extraction
from kazgraph.vocab import DEFAULT_BASE, KG


def digest_graph_iri(ex: Extraction, base: str = DEFAULT_BASE) -> URIRef:
    """The named graph of one digest: stable, from the hash of its text."""
    digest = hashlib.sha256(ex.doc.text.encode("utf-8")).hexdigest()[:16]
    return URIRef(f"{base}digest/{digest}")


def to_dataset(ex: Extraction, base: str = DEFAULT_BASE) -> Dataset:
    """One named graph holding everything extracted from the digest."""
    ds = Dataset()
    g = ds.graph(digest_graph_iri(ex, base))
    for e in ex.entities.values():
        s = URIRef(base + e.key)
        g.add((s, RDF.type, KG[e.cls]))
        g.add((s, RDFS.label, Literal(e.label)))
        for a in e.aliases:
            g.add((s, SKOS.altLabel, Literal(a)))
    for f in ex.facts:
        o = f.object if isinstance(f.object, Literal) else URIRef(base + f.object)
        g.add((URIRef(base + f.subject), f.predicate, o))
    return ds
