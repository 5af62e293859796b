"""Ceremonies: "X, Y and Z took part in the signing ceremony via video link".

A ceremony is an event of its own; who took part is the subject of the sentence, and when
the sentence gives no place or date the signing or opening the item reported just before
supplies them ("signed the treaty in Lima on May 3. The presidents attended the ceremony").
"""
from __future__ import annotations

import re

from kazgraph.loaders.relations.events.records import EventRec
from kazgraph.loaders.relations.events.surroundings import actors, dated, location
from kazgraph.loaders.model import Sentence, Span
from kazgraph.loaders.relations.context import PERSON_CLASSES, PLACE_CLASSES, Context, clause

_CEREMONY = re.compile(
    r"\b(?:took part in|attended|joined|participated in|witnessed|held|hosted)\s+(?:a|the|an)\s+"
    r"(?:(?:official|solemn|joint|virtual|online)\s+)?(?P<kind>signing|opening|launch|"
    r"inauguration|groundbreaking|ground-breaking|commissioning)\s+ceremony\b")


def find(ctx: Context, sentence: Sentence) -> list[EventRec]:
    """Ceremonies the sentence says people took part in."""
    found = []
    base = sentence.span.start
    for m in _CEREMONY.finditer(sentence.text):
        span = Span(base + m.start("kind"), base + m.end())
        ev = EventRec("Event", f"{m.group('kind').capitalize()} ceremony", span, sentence)
        subject = clause(ctx, sentence, Span(base + m.start(), base + m.start()))
        for a in actors(ctx, Span(subject.start, base + m.start())):
            ev.add_participant(a.key, a.span)
            if ctx.cls(a.key) in PERSON_CLASSES:
                for state in ctx.person_states(a):
                    ev.add_participant(state, a.span)
        if len(ev.participants) < 2:
            continue  # "the minister attended an opening ceremony": too little to go on
        ev.location = location(ctx, sentence, span, by_name=False)
        dated(ctx, ev, sentence, clause(ctx, sentence, span))
        earlier = [s for s in ctx.item_sentences(sentence) if s.span.end <= sentence.span.start]
        if earlier and (ev.location is None or ev.start is None):
            prev = earlier[-1]
            act = re.search(r"\b(?:signed|opened|launched|inaugurated)\b", prev.text)
            if act:
                probe = EventRec(ev.cls, ev.label, Span(prev.span.start + act.start(),
                                                        prev.span.start + act.end()), prev)
                ev.location = ev.location or location(ctx, prev, probe.span, by_name=False)
                if ev.location is None:  # "signed the long-named agreement ... in Lima"
                    rest = clause(ctx, prev, probe.span)
                    held = [p for p in ctx.mentions(Span(probe.span.end, rest.end),
                                                    PLACE_CLASSES)
                            if re.search(r"\bin\s+$", ctx.doc.text[p.span.start - 4:p.span.start])]
                    ev.location = (held[0].key, held[0].span) if held else None
                if ev.start is None:
                    dated(ctx, probe, prev, clause(ctx, prev, probe.span))
                    ev.start, ev.end = probe.start, probe.end
        found.append(ev)
    return found
