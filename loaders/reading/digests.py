"""The stage that names what a digest is made of: its Digest node and one Article per item.

Keys come from content hashes (the digest's text, an item's position), so loading the
same text again yields the same entities. `segment.parse` finds the items first.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache

from rdflib import Literal
from rdflib.namespace import XSD

from kazgraph.loaders.entities import people
from kazgraph.loaders.reading import outlets
from kazgraph.loaders.text.dates import to_literal
from kazgraph.loaders.model import Document, Extraction, Span
from kazgraph.vocab import KG


def doc_hash(doc: Document) -> str:
    """The digest's content hash: names its graph, its Digest node and its Articles."""
    return _text_hash(doc.text)


@lru_cache(maxsize=8)
def _text_hash(text: str) -> str:
    # every article key and the RDF writer ask again for the same text: hash it once
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def digest_key(doc: Document) -> str:
    """Entity key of the digest ("digest/<hash of its text>")."""
    return f"digest/{doc_hash(doc)}"


def article_key(doc: Document, index: int) -> str:
    """Entity key of the digest's item `index` ("article/<hash of digest and position>")."""
    return "article/" + hashlib.sha256(f"{doc_hash(doc)}/{index}".encode()).hexdigest()[:16]


def _outlet(ex: Extraction, name: str, span: Span | None) -> str:
    key = f"outlet/{outlets.slug(name)}"
    ex.entity(key, "MediaOutlet", name)
    if span:
        ex.mention(key, span)
    return key


def articles(doc: Document, ex: Extraction) -> None:
    """Add a Digest entity, and an Article for each item that names its outlet."""
    digest = digest_key(doc)
    ex.entity(digest, "Digest", doc.title or f"Digest {doc.source}")
    if doc.published:
        ex.fact(digest, KG.publicationDate, to_literal(doc.published))
    if doc.publisher:
        ex.fact(digest, KG.publishedBy, _outlet(ex, outlets.canonical(doc.publisher), None))
    for item in doc.items:
        if not item.outlet:
            continue
        key = article_key(doc, item.index)
        ex.entity(key, "Article", item.headline or f"Article {item.index + 1}")
        span = item.outlet_span or item.headline_span
        outlet = _outlet(ex, item.outlet, item.outlet_span)
        if item.headline:
            ex.fact(key, KG.headline, Literal(item.headline), item.headline_span)
        ex.fact(key, KG.publishedBy, outlet, span)
        if item.published:
            ex.fact(key, KG.publicationDate, to_literal(item.published),
                    item.published_span or span)
        if item.url:
            ex.fact(key, KG.url, Literal(item.url, datatype=XSD.anyURI), span)
        for name in item.authors:
            person = people.person_key(name)  # the key the entities stage gives people
            ex.entity(person, "Person", name)
            at = doc.text.find(name, item.span.start, item.span.end)
            pspan = Span(at, at + len(name)) if at >= 0 else span
            if at >= 0:
                ex.mention(person, pspan)
            ex.fact(key, KG.author, person, pspan)
        ex.fact(key, KG.inDigest, digest, item.headline_span)
        ex.fact(key, KG.position, Literal(item.index + 1), item.headline_span)
