"""Finding talks, meetings and phone calls between two named people.

"A held talks with B", "a meeting between A, <office>, and B", "A met with B",
"A spoke by phone with B": the event is named after both people ("Talks between A and B")
and joined by the states they hold office for.
"""
from __future__ import annotations

import re

from kazgraph.loaders.evrec import EventRec
from kazgraph.loaders.evtext import dated, location
from kazgraph.loaders.model import Sentence, Span
from kazgraph.loaders.relctx import PERSON_CLASSES, PLACE_CLASSES, Context, clause

_PAIR = re.compile(
    r"\b(?:(?:held|hold|holds|had)\s+)?(?:(?:a|an|bilateral|separate|official|phone|"
    r"telephone|high-level|one-on-one|face-to-face)\s+)*(?P<kw>talks|meeting|"
    r"phone call|telephone conversation|phone conversation|conversation|negotiations|"
    r"met|meets|meet|spoke by phone|spoke over the phone|talked by phone)"
    r"(?:\s+in\s+[A-Z][\w-]+)?\s+(?P<prep>with|between)?")


def find(ctx: Context, sentence: Sentence) -> list[EventRec]:
    """Talks, meetings and phone calls between two people named in one sentence."""
    found = []
    base = sentence.span.start
    people = [a for a in ctx.mentions(sentence.span, PERSON_CLASSES)]
    for m in _PAIR.finditer(sentence.text):
        kw = m.group("kw")
        if kw in ("met", "meets", "meet"):
            prep = "with"
        elif not m.group("prep"):
            continue
        else:
            prep = m.group("prep")
        end = base + m.end()
        after = [p for p in people if end <= p.span.start < end + (260 if prep == "between"
                                                                  else 70)]
        if prep == "between":
            pair = []
            for p in after:
                if p.key not in [q.key for q in pair]:
                    pair.append(p)
            if len(pair) < 2:
                continue
            a, b = pair[0], pair[1]
        else:
            if not after:
                continue
            b = after[0]
            if ctx.doc.text[end:b.span.start].count(",") > 1:
                continue
            before = [p for p in people if p.span.end <= base + m.start() and p.key != b.key]
            later = [p for p in people if p.span.start > b.span.end and p.key != b.key]
            a = before[-1] if before else (later[0] if later else None)
            if a is None:
                continue
        if a.key == b.key:
            continue
        cls = ("PhoneCall" if re.search(r"phone|telephone", m.group()) else
               "Talks" if kw in ("talks", "negotiations") else "Meeting")
        what = {"PhoneCall": "Phone call", "Talks": "Talks", "Meeting": "Meeting"}[cls]
        span = Span(min(a.span.start, base + m.start()), max(b.span.end, end))
        ev = EventRec(cls, f"{what} between {ctx.label(a.key)} and {ctx.label(b.key)}", span,
                      sentence, "pair")
        ev.pair = frozenset((a.key, b.key))
        for p in (a, b):
            ev.add_participant(p.key, p.span)
            for s in ctx.person_states(p):
                ev.add_participant(s, p.span)
        around = clause(ctx, sentence, span)
        inside = ctx.mentions(Span(base + m.start(), end), PLACE_CLASSES)  # "meeting in Beijing"
        ev.location = ((inside[0].key, inside[0].span) if inside
                       else location(ctx, sentence, span, by_name=False))
        dated(ctx, ev, sentence, around)
        found.append(ev)
    return found
