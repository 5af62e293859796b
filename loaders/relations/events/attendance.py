"""Who else took part in an event: people and states named around it rather than in it.

"A and the heads of state of B, C and D discussed ...", "X and his counterparts from B and C
agreed ...", "X met with A, B, C and D" in the sentences after a summit; "signed by A and B
during A's visit to C" for a visit.
"""
from __future__ import annotations

import re

from kazgraph.loaders.relations.events.records import EventRec
from kazgraph.loaders.relations.events.surroundings import actors
from kazgraph.loaders.model import Mention, Sentence, Span
from kazgraph.loaders.relations.context import PERSON_CLASSES, Context, clause

# What a group of leaders does at the event just named: "A and the heads of state of B, C
# discussed ...", "X and his counterparts from B, C agreed ..."
_GROUP_VERB = re.compile(r"\s+(?:also\s+|jointly\s+)?(?:discussed|agreed|adopted|signed|"
                         r"attended|gathered|met|held|reviewed|exchanged|approved|endorsed|"
                         r"pledged|called|reaffirmed|took part|participated|joined|"
                         r"considered|focused)\b")
# Words a coordinated subject of actors may hold besides the names themselves.
_GROUP_WORDS = {"and", "the", "heads", "head", "of", "state", "states", "government",
                "governments", "his", "her", "their", "counterparts", "counterpart", "from",
                "leaders", "leader", "presidents", "president", "ministers", "minister",
                "foreign", "prime", "delegations", "delegation", "representatives", "s",
                "also", "well", "as", "other"}
# "Stubb met with A, B, C and D": one person meeting the leaders of a gathering
_MET_LIST = re.compile(r"\b(?:met|meets|held talks)\s+(?:with\s+)?")


def group(ctx: Context, sentence: Sentence) -> list[Mention]:
    """The actors of a coordinated subject that acts as a group: "A and the heads of state
    of B, C and D discussed ..." (at least two, joined by "and", nothing else in between)."""
    verb = _GROUP_VERB.search(sentence.text)
    if verb is None:
        return []
    if re.match(r"\W*(?:Later|Earlier|Separately|Meanwhile|Previously|Afterwards|Elsewhere|"
                r"In (?:a|another) separate|On the sidelines)\b", sentence.text):
        return []  # another occasion than the event just named
    subject = Span(sentence.span.start, sentence.span.start + verb.start())
    found = actors(ctx, subject)
    if len(found) < 2 or " and " not in ctx.text(subject):
        return []
    rest = ctx.text(subject)
    for m in sorted(ctx.ex.mentions_in(subject), key=lambda m: -m.span.start):
        a, b = m.span.start - subject.start, m.span.end - subject.start
        rest = rest[:a] + " " + rest[b:]
    words = re.findall(r"[A-Za-z]+", rest)
    if any(w.lower() not in _GROUP_WORDS and not w[:1].isupper() for w in words):
        return []  # a clause, not a list of who acted
    return found


def met_list(ctx: Context, sentence: Sentence) -> list[Mention]:
    """"X met with A, B, C and D": X and the three or more people listed."""
    m = _MET_LIST.search(sentence.text)
    if m is None:
        return []
    base = sentence.span.start
    before = ctx.mentions(Span(base, base + m.start()), PERSON_CLASSES)
    listed = []
    pos = base + m.end()
    for p in ctx.mentions(Span(pos, sentence.span.end), PERSON_CLASSES):
        gap = ctx.doc.text[pos:p.span.start]
        if listed and not re.fullmatch(r",?\s*(?:and\s+)?[\w’'\s-]*", gap) or "," in gap[1:]:
            break
        listed.append(p)
        pos = p.span.end
    if len({p.key for p in listed}) < 3 or not before:
        return []
    return [before[-1], *listed]


def hosts_during(ctx: Context, visit: EventRec) -> None:
    """"signed by A and B during A's visit to X": the people who acted during the visit in
    the same clause took part in it."""
    sentence = visit.sentence
    before = ctx.doc.text[sentence.span.start:visit.span.start]
    if not re.search(r"\b(?:during|in the course of)\s+(?:the\s+|a\s+)?$", before):
        return
    around = clause(ctx, sentence, Span(visit.span.start - 8, visit.span.start))
    for p in actors(ctx, Span(around.start, visit.span.start)):
        if ctx.cls(p.key) in PERSON_CLASSES:
            visit.add_participant(p.key, p.span)
            for state in ctx.person_states(p):
                visit.add_participant(state, p.span)


# "The presidents also chaired the first meeting of ...", "They then co-chaired ...": the
# people the item has just named acted together at a further event of the same occasion
_FOLLOW_ON = re.compile(
    r"\s*(?:(?:The|Both)\s+(?:two\s+)?(?:presidents|leaders|heads of state|prime ministers|"
    r"ministers|foreign ministers|sides)|They)\s+(?:(?:also|then|later|jointly|subsequently)"
    r"\s+)?(?:co-chaired|chaired|attended|held|opened|addressed|took part in|joined)\b")


def follow_on(ctx: Context, refs: dict[int, list[EventRec]]) -> None:
    """A named event that "the presidents" or "they" chaired or attended right after the
    item's earlier events: its participants are the people of the sentence before (and
    their states), and it shares that occasion's place and date when it names none."""
    for i, named in refs.items():
        sentence = ctx.sentences[i]
        if i == 0 or not _FOLLOW_ON.match(sentence.text):
            continue
        prev = ctx.sentences[i - 1]
        if prev.item != sentence.item:
            continue
        people = [p for p in ctx.mentions(prev.span, PERSON_CLASSES)]
        earlier = [ev for j in range(i - 1, -1, -1) if ctx.sentences[j].item == sentence.item
                   for ev in reversed(refs.get(j, []))]
        for ev in named:
            if ev.kind != "named" or ev.sentence is not sentence or any(
                    ctx.cls(k) in PERSON_CLASSES for k in ev.participants):
                continue
            for p in people:
                ev.add_participant(p.key, p.span)
                for state in ctx.person_states(p):
                    ev.add_participant(state, p.span)
            for other in earlier:
                if ev.location is None and other.location:
                    ev.location = other.location
                if ev.start is None and other.start:
                    ev.start, ev.end = other.start, other.end
