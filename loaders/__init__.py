"""Loaders: digests in, triples out. Pure: nothing here touches a store.

The flow, one sub-package a stage, in the order `extract_raw` runs them:

    reading     a file, page, feed or string -> Document: sentences, items, citations;
                then the Digest and one Article per item
    entities    the states, organisations, places and people it names (`linking`
                groups a person's names and offices into one entity)
    relations   events, agreements, corridors and money amounts, with their facts
    rdf         the Extraction -> one named graph per digest, every fact with evidence

`text` holds the text tools every stage uses (dates, sentences, intervals), `model` the
records the stages share.

>>> from kazgraph.loaders import extract_text, to_dataset
>>> ex = extract_text("Kazakhstan and Peru signed an agreement.", published="2024-05-01")
>>> ds = to_dataset(ex)  # an rdflib Dataset with one named graph for the digest
"""
from __future__ import annotations

from pathlib import Path

from kazgraph.loaders import entities, relations
from kazgraph.loaders.reading import digests, segment
from kazgraph.loaders.model import Document, Extraction
from kazgraph.loaders.rdf import digest_graph_iri, to_dataset, to_triples
from kazgraph.loaders.reading.sources import RawDigest, read_path

__all__ = ["Document", "Extraction", "RawDigest", "digest_graph_iri", "extract_file",
           "extract_raw", "extract_text", "read_path", "to_dataset", "to_triples"]

# After `segment.parse`, each stage reads the document and adds to the extraction, in
# this order; `to_dataset` (the rdf stage) then writes the extraction as RDF.
STAGES = (digests.articles, entities.recognise, relations.extract)


def extract_raw(raw: RawDigest) -> Extraction:
    """Run every stage over one digest read from a file, feed entry or string."""
    doc = segment.parse(raw)
    ex = Extraction(doc)
    for stage in STAGES:
        stage(doc, ex)
    return ex


def extract_text(text: str, *, source: str = "<text>", published: str | None = None,
                 title: str | None = None, url: str | None = None) -> Extraction:
    """Extract from a digest given as a string (plain text)."""
    return extract_raw(RawDigest(text=text, source=source, published=published,
                                 title=title, url=url))


def extract_file(path: str | Path, *, published: str | None = None) -> list[Extraction]:
    """Extract every digest in a file or folder (text, saved HTML page, RSS/Atom feed)."""
    return [extract_raw(raw) for raw in read_path(path, published=published)]
