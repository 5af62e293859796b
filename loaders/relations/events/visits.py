"""Finding visits: "Latvian President Edgars Rinkevics' state visit to Mongolia", "the
visit of Greek Prime Minister Kyriakos Mitsotakis to Peru", "X welcomed President Y on Nov. 9".

A visit is named after the visitor and the destination ("State visit of <person> to
<state>"), the words an analyst uses; when the text only says "the Russian president",
the one person the digest names as holding that office for that state stands in.
"""
from __future__ import annotations

import re

from kazgraph.loaders.relations.events.records import EventRec
from kazgraph.loaders.model import Mention, Sentence, Span
from kazgraph.loaders.relations.context import (ACTOR_CLASSES, PERSON_CLASSES, PLACE_CLASSES, Context,
                                     clause, event_name)
from kazgraph.vocab import KG

_VISIT = re.compile(
    r"\b(?P<adj>(?:(?:first|upcoming|forthcoming|planned|expected|recent|historic|two-day|"
    r"three-day|official|state|working|personal|landmark)\s+)*)(?:visit|trip)\s+(?P<prep>to|of)\s+")
_VISITED = re.compile(r"\s+(?:(?:has|have|had|will|is to|to)\s+)?(?:visited|visits|arrived in|"
                      r"arrives in|arrive in|paid a visit to|pays a visit to|"
                      r"paid an official visit to|paid a state visit to|paid a working visit to)"
                      r"\s+(?:the\s+)?$")
_WELCOMED = re.compile(r"\b(?:welcomed|welcomes|hosted|hosts)\s+")
# Between a visitor and "visit": a possessive and titles ("Latvian President Edgars Rinkevics'",
# "the Russian president's upcoming state", "Tokayev, who is on an official")
_TITLE_GAP = re.compile(r"^(?:['’]s?)?(?:,\s+who(?=\s))?(?:\s+(?:president|prime|minister|leader|king|emir|"
                        r"chancellor|premier|first|upcoming|forthcoming|planned|expected|"
                        r"recent|historic|two-day|three-day|official|state|working|personal|"
                        r"landmark|to pay|will pay|to make|will make|paid|made|a|an|is|was|on|"
                        r"President|Prime|Minister|Foreign|Chancellor|King|Emir|Premier|Vice|"
                        r"Deputy|Secretary-General)(?:['’]s?)?){0,6}\s+$")
_TITLE = re.compile(r"^(?:['’]s)?(?P<t>(?:\s+(?:[A-Z][\w-]*|president|prime minister|minister|"
                    r"leader|king|emir|chancellor|premier))*)")
# "X held talks with Y in Bishkek during a state visit": the visit's destination is where
# the talks were, its visitor the one who came from elsewhere
_DURING = re.compile(r"\bduring\s+(?:a|an|his|her|the)\s+(?P<adj>(?:(?:two-day|three-day|"
                     r"official|state|working|first)\s+)*)visit\b(?!\s+(?:to|of|by)\b)")
_KINDS = {"StateVisit": "State visit", "OfficialVisit": "Official visit",
          "WorkingVisit": "Working visit", "Visit": "Visit"}


def _office_holder(ctx: Context, state: str, title: str) -> str | None:
    """The one person the digest names as holding `title` for `state`, if exactly one."""
    people = {f.subject for f in ctx.ex.facts if f.predicate == KG.represents
              and f.object == state and ctx.cls(f.subject) in PERSON_CLASSES}
    words = set(title.lower().split())
    if words:
        people = {p for p in people if any(
            words & set(str(f.object).lower().split()) for f in ctx.ex.facts
            if f.subject == p and f.predicate == KG.role)}
    return next(iter(people)) if len(people) == 1 else None


def _destinations(ctx: Context, sentence: Sentence, start: int) -> list[Mention]:
    """"to Chile, Peru, and Bolivia": each place or state of the list."""
    dests: list[Mention] = []
    for d in ctx.mentions(Span(start, sentence.span.end), PLACE_CLASSES | {"State"}):
        entity = ctx.ex.entities.get(d.key)
        if entity is None or (d.text != entity.label and d.text not in entity.aliases):
            break  # "Chinese" in "visit to Peru, Chinese-Peruvian ties" is no destination
        gap = ctx.doc.text[(dests[-1].span.end if dests else start):d.span.start]
        if re.match(r"['’]s?\b", ctx.doc.text[d.span.end:d.span.end + 2]):
            break  # "visit to New York, Peru's plans ...": a new topic
        if (not dests and re.fullmatch(r"(?:the\s+)?", gap)) or \
                (dests and re.fullmatch(r",?\s*(?:and\s+)?(?:the\s+)?", gap)):
            dests.append(d)
        else:
            break
    return dests


# "held talks with the president in Astana", "the two leaders met in Lima": the city is
# where the talks took place, an event of its own, not a word on where the visit went
_TALKS_IN = re.compile(r"\b(?:talks|met|meets|meet|meeting|negotiations|summit)\b"
                       r"[^.;:,]{0,60}\b(?:in|at)\s+(?:the\s+)?$")


def _names_state_destination(ctx: Context, s: Sentence, state: str) -> bool:
    """Whether `s` itself says the visit went to `state` ("during his state visit to
    Mongolia"): a city it names then locates what was done there, not the visit."""
    for m in _VISIT.finditer(s.text):
        rest = s.span.start + m.end()
        if m.group("prep") == "of":
            to = re.search(r"\s+to\s+", s.text[m.end():m.end() + 90])
            if not to:
                continue
            rest += to.end()
        if any(d.key == state for d in _destinations(ctx, s, rest)):
            return True
    return False


def _city_in(ctx: Context, sentence: Sentence, state: str, visitor: str) -> tuple | None:
    """The one city of `state` named where the item speaks of the visitor or a visit:
    (key, span, sentence, aside). `aside` is true when the city only places something
    done during the visit (talks held there, anything told in a sentence that itself
    names the state as where the visit went): the visitor stayed there, but the visit
    is to the state the text names."""
    cities: dict[str, tuple] = {}
    for s in ctx.item_sentences(sentence):
        if not (re.search(r"\bvisit", s.text) or visitor in ctx.keys(s.span, PERSON_CLASSES)):
            continue
        aside = _names_state_destination(ctx, s, state)
        for m in ctx.mentions(s.span, PLACE_CLASSES):
            if ctx.country_of(m.key) == state:
                other = aside or bool(_TALKS_IN.search(ctx.doc.text[s.span.start:m.span.start]))
                if m.key not in cities or (cities[m.key][3] and not other):
                    cities[m.key] = (m.key, m.span, s, other)
    return next(iter(cities.values())) if len(cities) == 1 else None


def _visitor(ctx: Context, sentence: Sentence, m: re.Match, kw: Span) -> Mention | None:
    actors = ctx.mentions(sentence.span, ACTOR_CLASSES)
    if m.group("prep") == "of":
        to = re.search(r"\s+to\s+", sentence.text[m.end():m.end() + 90])
        if not to:
            return None
        seg = Span(kw.end, kw.end + to.start())
        inside = [a for a in actors if seg.start <= a.span.start < seg.end]
        people = [a for a in inside if ctx.cls(a.key) in PERSON_CLASSES]
        return people[0] if people else (inside[0] if inside else None)
    before = [a for a in actors if a.span.end <= kw.start and
              _TITLE_GAP.match(ctx.doc.text[a.span.end:kw.start])]
    if before:
        return before[-1]
    if re.search(r"\b(?:his|her)\s+(?:[a-z-]+\s+)*$", ctx.doc.text[max(0, kw.start - 30):kw.start]):
        people = [a for a in actors if ctx.cls(a.key) in PERSON_CLASSES
                  and a.span.end <= kw.start]
        return people[0] if people else ctx.previous_person(sentence)
    return None


def _make(ctx: Context, sentence: Sentence, cls: str, visitor: Mention, dest: Mention,
          span: Span, who_text: str) -> EventRec:
    if ctx.cls(visitor.key) in PERSON_CLASSES:
        who, states = ctx.label(visitor.key), ctx.person_states(visitor)
    else:
        states = [visitor.key] if ctx.cls(visitor.key) == "State" else []
        title = _TITLE.match(ctx.doc.text[visitor.span.end:visitor.span.end + 40]).group("t")
        holder = _office_holder(ctx, visitor.key, title) if states else None
        who = ctx.label(holder) if holder else who_text
        if holder:
            visitor = Mention(holder, visitor.span, visitor.text)
    ev = EventRec(cls, f"{_KINDS[cls]} of {who} to {ctx.label(dest.key)}", span, sentence,
                  "visit")
    ev.visitor = visitor.key
    dest_state = dest.key if ctx.cls(dest.key) == "State" else ctx.country_of(dest.key)
    ev.destination = dest_state or dest.key
    ev.add_participant(visitor.key, visitor.span)
    for s in states:
        ev.add_participant(s, visitor.span)
    if dest_state and dest_state in ctx.ex.entities:
        ev.add_participant(dest_state, dest.span)
    ev.location = (dest.key, dest.span)
    if ctx.cls(dest.key) == "State":
        city = _city_in(ctx, sentence, dest.key, visitor.key)
        if city:
            ev.stay, ev.hint = (city[0], city[1]), city[2]
            if not city[3]:
                ev.location = ev.stay
    return ev


def find(ctx: Context, sentence: Sentence, nearby) -> list[EventRec]:
    """Visits named in one sentence; `nearby(ev, around)` sets an event's date."""

    def dated(ev: EventRec, around: Span) -> None:
        nearby(ev, around)
        if ev.start is None and ev.hint is not None and ev.stay:
            # "Stubb ... at a press conference on Nov. 17 in Quito"
            found = ctx.event_dates(ev.hint, ev.stay[1].start)
            ev.set_dates(found[0] if found else None)

    found = []
    base = sentence.span.start
    for m in _VISIT.finditer(sentence.text):
        kw = Span(base + m.start(), base + m.end())
        adj = m.group("adj")
        cls = ("StateVisit" if "state" in adj else "OfficialVisit" if "official" in adj
               else "WorkingVisit" if "working" in adj else "Visit")
        visitor = _visitor(ctx, sentence, m, kw)
        if visitor is None:
            continue
        rest = kw.end
        if m.group("prep") == "of":
            rest = kw.end + re.search(r"\s+to\s+", sentence.text[m.end():]).end()
        title = _TITLE.match(ctx.doc.text[visitor.span.end:kw.start]).group("t")
        who_text = event_name(ctx.doc.text[visitor.span.start:visitor.span.end] + title)
        for dest in _destinations(ctx, sentence, rest):
            if ctx.cls(visitor.key) in PERSON_CLASSES and dest.key in ctx.person_states(visitor):
                continue  # a leader going home is no visit
            span = Span(min(visitor.span.start, kw.start), dest.span.end)
            ev = _make(ctx, sentence, cls, visitor, dest, span, who_text)
            dated(ev, clause(ctx, sentence, ev.span))
            found.append(ev)
    for person in ctx.mentions(sentence.span, PERSON_CLASSES):
        # "President X visited Lima", "X arrived in Quito on Monday"
        for dest in ctx.mentions(Span(person.span.end, min(sentence.span.end,
                                                           person.span.end + 60)),
                                 PLACE_CLASSES | {"State"}):
            verb = _VISITED.match(ctx.doc.text[person.span.end:dest.span.start])
            if verb is None:
                continue
            text = verb.group()
            cls = ("StateVisit" if "state visit" in text else "OfficialVisit" if "official"
                   in text else "WorkingVisit" if "working" in text else "Visit")
            if dest.key in ctx.person_states(person):
                break  # a leader arriving home is no visit
            ev = _make(ctx, sentence, cls, person, dest, Span(person.span.start, dest.span.end),
                       ctx.label(person.key))
            dated(ev, clause(ctx, sentence, ev.span))
            found.append(ev)
            break
    for m in _DURING.finditer(sentence.text):
        ev = _during(ctx, sentence, m)
        if ev is not None:
            dated(ev, clause(ctx, sentence, ev.span))
            found.append(ev)
    for m in _WELCOMED.finditer(sentence.text):
        after = Span(base + m.end(), min(sentence.span.end, base + m.end() + 50))
        guest = next((p for p in ctx.mentions(after, PERSON_CLASSES)), None)
        if guest is None or not re.match(r"\s+(?:on|to|in)\s", ctx.doc.text[guest.span.end:]):
            continue
        hosts = [p for p in ctx.mentions(Span(base, base + m.start()), PERSON_CLASSES)]
        host_states = ctx.person_states(hosts[0]) if hosts else []
        if not host_states or host_states[0] in ctx.person_states(guest):
            continue
        dest = Mention(host_states[0], hosts[0].span, hosts[0].text)
        ev = _make(ctx, sentence, "Visit", guest, dest, Span(hosts[0].span.start, guest.span.end),
                   ctx.label(guest.key))
        ev.location = None
        ev.add_participant(hosts[0].key, hosts[0].span)
        dated(ev, clause(ctx, sentence, ev.span))
        found.append(ev)
    return found


def _during(ctx: Context, sentence: Sentence, m: re.Match) -> EventRec | None:
    """The visit "during a state visit" speaks of, when the sentence names the city it
    happened in and a person who is not from there."""
    base = sentence.span.start
    before = Span(base, base + m.start())
    cities = [c for c in ctx.mentions(before, PLACE_CLASSES) if ctx.country_of(c.key)]
    people = ctx.mentions(before, PERSON_CLASSES)
    if len(cities) != 1 or not people:
        return None
    state = ctx.country_of(cities[0].key)
    visitor = people[0]
    if state in ctx.person_states(visitor) or not ctx.person_states(visitor):
        return None
    adj = m.group("adj")
    cls = ("StateVisit" if "state" in adj else "OfficialVisit" if "official" in adj
           else "WorkingVisit" if "working" in adj else "Visit")
    dest = Mention(state, cities[0].span, cities[0].text)
    ev = _make(ctx, sentence, cls, visitor, dest, Span(visitor.span.start, base + m.end()),
               ctx.label(visitor.key))
    ev.location = (cities[0].key, cities[0].span)
    return ev
