"""The relation stage: events, agreements, corridors and money amounts with their facts.

Runs after entity recognition and reads its mentions (states, organisations, people,
places); events come first because an agreement "signed at the summit" takes the
summit's date and participants.
"""
from __future__ import annotations

from kazgraph.loaders.relations import agreements, corridors, events, groups, money
from kazgraph.loaders.relations.events import records
from kazgraph.loaders.model import Document, Extraction, Span
from kazgraph.loaders.relations.context import Context


def extract(doc: Document, ex: Extraction) -> None:
    """Add agreements, events, corridors and amounts with their facts."""
    ctx = Context(doc, ex)
    found, refs = events.find(ctx)
    keys = records.emit(ctx, found, refs)
    agreements.extract(ctx, refs)
    measured: dict[str, list[Span]] = corridors.extract(ctx)
    for ev in found:
        measured.setdefault(keys[id(ev)], []).append(ev.span)
    for m in ex.mentions:
        if m.key.startswith("agreement/"):
            measured.setdefault(m.key, []).append(m.span)
    money.extract(ctx, measured)
    groups.settle(ctx)
