"""Meetings of the leaders of three or more states named together: "The presidents of
Kyrgyzstan, Tajikistan and Uzbekistan met in Khujand on March 31", "the foreign ministers
of A, B and C gathered in Almaty".

Heads of state or government meeting make a summit ("Trilateral summit of A, B and C" when
there are three); ministers make a meeting ("Meeting of the foreign ministers of A, B and
C"). The states take part, and so do the people an apposition names for them.
"""
from __future__ import annotations

import re

from kazgraph.loaders.model import Mention, Sentence, Span
from kazgraph.loaders.relations.context import PERSON_CLASSES, PLACE_CLASSES, Context
from kazgraph.loaders.relations.events.records import EventRec
from kazgraph.loaders.relations.events.surroundings import dated, location

_LEADERS = re.compile(r"\b(?:[Tt]he\s+)?(?P<who>presidents|leaders|heads of state|"
                      r"heads of government|prime ministers|(?:[a-z]+\s+)?ministers)\s+of\s+")
_MET = re.compile(r"\s*(?:also\s+|then\s+|later\s+)?(?:met|gathered|convened|held (?:a|their)\s+"
                  r"(?:trilateral\s+|joint\s+)?(?:summit|meeting))\b")
# "the meeting of the foreign ministers of A and B": the noun names the event, so two
# states are enough
_NOUN = re.compile(r"\b(?:meeting|talks|summit)\s+of\s+the\s+$")
_HEADS = ("presidents", "leaders", "heads of state", "heads of government", "prime ministers")


# "The transport ministers of A, B and C signed a roadmap in Aktau": they met to sign it
_SIGNED = re.compile(r"\s*(?:also\s+|jointly\s+)?(?:signed|adopted)\b")


def _signed_in(ctx: Context, sentence: Sentence, start: int) -> tuple | None:
    """The city "in X" the rest of the clause says the signing took place in."""
    rest = ctx.doc.text[start:sentence.span.end]
    stop = re.search(r"[;]|,\s+(?:which|while|and|but)\b|\b(?:and|but)\s+(?:will|would|is|are|"
                     r"was|were)\b", rest)
    end = start + (stop.start() if stop else len(rest))
    for m in ctx.mentions(Span(start, end), PLACE_CLASSES):
        if re.search(r"\bin\s+$", ctx.doc.text[max(0, m.span.start - 4):m.span.start]):
            return m.key, m.span
    return None


def _states_listed(ctx: Context, sentence: Sentence, start: int) -> tuple[list[Mention], int]:
    """The states "A, B and C" listed from `start`, and where the list ends."""
    states: list[Mention] = []
    at = start
    for m in ctx.mentions(Span(start, sentence.span.end), {"State"}, groups=False):
        gap = ctx.doc.text[at:m.span.start]
        if (re.fullmatch(r",?\s+(?:and\s+)?|,\s*", gap) is None) if states else gap.strip():
            break
        if m.key not in [s.key for s in states]:
            states.append(m)
        at = m.span.end
    return states, at


def _apposition(ctx: Context, sentence: Sentence, at: int) -> tuple[list[Mention], int]:
    """People named in ", X, Y and Z," right after the list of states (only names, commas
    and "and" between), and where it ends."""
    m = re.match(r",\s+([^;()]{3,200}?),(?=\s*(?:also\s+|then\s+|later\s+)?[a-z])",
                 ctx.doc.text[at:sentence.span.end])
    if not m:
        return [], at
    span = Span(at + m.start(1), at + m.end(1))
    people = ctx.mentions(span, PERSON_CLASSES)
    rest = ctx.doc.text[span.start:span.end]
    for p in reversed(people):
        a, b = p.span.start - span.start, p.span.end - span.start
        rest = rest[:a] + " " + rest[b:]
    return (people, at + m.end()) if people and re.fullmatch(r"[\s,]*(?:and[\s,]*)*", rest) \
        else ([], at)


def find(ctx: Context, sentence: Sentence) -> list[EventRec]:
    """Summits and ministerial meetings of three or more states named together."""
    found = []
    base = sentence.span.start
    for m in _LEADERS.finditer(sentence.text):
        states, at = _states_listed(ctx, sentence, base + m.end())
        window = max(base, base + m.start("who") - 30)
        noun = _NOUN.search(ctx.doc.text[window:base + m.start("who")])
        if len(states) < (2 if noun else 3):
            continue
        people, at = _apposition(ctx, sentence, at)
        verb = _MET.match(ctx.doc.text, at)
        where = None
        if verb is None and noun is None:
            verb = _SIGNED.match(ctx.doc.text, at)
            where = _signed_in(ctx, sentence, verb.end()) if verb else None
            if where is None:
                continue
        end = verb.end() if verb else at
        who = m.group("who")
        names = [ctx.label(s.key) for s in states]
        listed = ", ".join(names[:-1]) + " and " + names[-1]
        if who in _HEADS and where is None:  # leaders who only signed together met, no more
            cls = "Summit"
            label = f"{'Trilateral summit' if len(states) == 3 else 'Summit'} of {listed}"
        else:
            cls, label = "Meeting", f"Meeting of the {who} of {listed}"
        span = Span(window + noun.start() if noun else base + m.start("who"), end)
        ev = EventRec(cls, label, span, sentence, "named")
        ev.name_actors = {s.key for s in states}
        for s in states:
            ev.add_participant(s.key, s.span)
        for p in people:
            ev.add_participant(p.key, p.span)
        ev.location = where or location(ctx, sentence, span, by_name=False)
        dated(ctx, ev, sentence, Span(span.start, sentence.span.end))
        found.append(ev)
    return found
