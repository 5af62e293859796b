"""Recognising states, organisations, people and places (first cut; helper replaces)."""
from __future__ import annotations

from kazgraph.loaders.model import Document, Extraction


def recognise(doc: Document, ex: Extraction) -> None:
    """Add entity mentions and person facts (role, represents)."""
