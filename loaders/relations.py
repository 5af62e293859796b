"""Agreements, events, corridors and money amounts (first cut; helper replaces)."""
from __future__ import annotations

from kazgraph.loaders.model import Document, Extraction


def extract(doc: Document, ex: Extraction) -> None:
    """Add agreements, events, corridors and amounts with their facts."""
