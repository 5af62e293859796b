"""Splitting a digest into items and sentences; each item's headline, outlet and date.

(First cut; the structure helper replaces it.)
"""
from __future__ import annotations

import re

from kazgraph.loaders.model import Document, Extraction, Sentence, Span
from kazgraph.loaders.sources import RawDigest


def parse(raw: RawDigest) -> Document:
    doc = Document(text=raw.text, source=raw.source, published=raw.published,
                   title=raw.title, url=raw.url)
    for m in re.finditer(r"[^.!?\n]+[.!?]?", raw.text):
        if m.group().strip():
            doc.sentences.append(Sentence(Span(m.start(), m.end()), m.group()))
    return doc


def articles(doc: Document, ex: Extraction) -> None:
    """Add each item as an Article with its outlet."""
