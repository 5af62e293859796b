"""Finding talks, meetings and phone calls between two named people.

"A held talks with B", "a meeting between A, <office>, and B", "A met with B",
"A spoke by phone with B": the event is named after both people ("Talks between A and B")
and joined by the states they hold office for.
"""
from __future__ import annotations

import re

from kazgraph.loaders.relations.events.records import EventRec
from kazgraph.loaders.relations.events.surroundings import dated, location
from kazgraph.loaders.model import Mention, Sentence, Span
from kazgraph.loaders.relations.context import (PARTY_CLASSES, PERSON_CLASSES, PLACE_CLASSES, Context,
                                     clause)
from kazgraph.vocab import KG

_PAIR = re.compile(
    r"\b(?:(?:held|hold|holds|had)\s+)?(?:(?:a|an|bilateral|separate|official|phone|"
    r"telephone|high-level|one-on-one|face-to-face)\s+)*(?P<kw>[Tt]alks|[Mm]eeting|"
    r"phone call|telephone conversation|phone conversation|conversation|[Nn]egotiations|"
    r"[Cc]onsultations|discussed|signed|agreed|(?:was|were)\s+(?:also\s+|later\s+|then\s+)?"
    r"received by|received|receives|"
    r"met|meets|meet|Meets|spoke by phone|spoke over the phone|talked by phone)"
    r"(?:\s+in\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)?\s+(?P<prep>[Ww]ith|[Bb]etween)?")

# "X and Y agreed to / on / that ..."
_AGREED_TO = re.compile(r"\s+(?:to|on|that)\s")


# Between the city of an occasion and a meeting it held: "in Beijing in October, where he"
_WHERE = re.compile(r"(?:\s+(?:on|in)\s+[^,;.()]{1,30}?)?,\s+where\s+(?:[\w-]+\s+){0,6}?")


def _two(ctx: Context, sentence: Sentence, m: re.Match, people: list[Mention],
         parties: list[Mention]) -> tuple[Mention, Mention] | None:
    """The two sides of the talks `m` names, or None."""
    base = sentence.span.start
    kw, end = m.group("kw").lower(), base + m.end()
    if kw.endswith("received by"):
        # "Y was received by President X": the guest before, the host after; in "Y held
        # talks with Z and was received by X" the guest is the subject, not Z
        host = next((p for p in people if end <= p.span.start < end + 40), None)
        guest = [p for p in people if p.span.end <= base + m.start()]
        if guest and not _GUEST_GAP.fullmatch(ctx.doc.text[guest[-1].span.end:base + m.start()]):
            guest = guest[:1] if _SUBJECT_LEAD.fullmatch(
                ctx.doc.text[base:guest[0].span.start]) else []
        return (guest[-1], host) if host and guest else None
    if kw in ("received", "receives"):
        return _received(ctx, base + m.start(), end, people)
    prep = "with" if kw in ("met", "meets", "meet") else (m.group("prep") or "").lower() or None
    if kw in ("discussed", "signed", "agreed"):
        # "X and Y discussed the corridor in Riga", "X and Y agreed in Abu Dhabi to ...":
        # a meeting where they were
        verb_end = base + m.end("kw")
        clause_end = clause(ctx, sentence, Span(verb_end, verb_end)).end
        placed = ctx.mentions(Span(verb_end, clause_end), PLACE_CLASSES) and re.search(
            r"\bin\s+[A-Z]", ctx.doc.text[verb_end:clause_end])
        # two leaders who "agreed to" something spoke together, wherever that was
        if prep or not (placed or kw == "agreed" and _AGREED_TO.match(ctx.doc.text, verb_end)):
            return None
    if prep is None:
        return _both_before(ctx, sentence, m, people)
    after = [p for p in people if end <= p.span.start < end + (260 if prep == "between" else 70)
             or end <= p.span.start < end + 160 and _GUEST_TITLES.fullmatch(
                 ctx.doc.text[end:p.span.start].lstrip())]  # a long title before the one met
    if prep == "between":
        return _between(ctx, end, after, parties)
    if not after:
        return None
    return _met_with(ctx, sentence, m, people, after[0])


def _received(ctx: Context, verb: int, end: int,
              people: list[Mention]) -> tuple[Mention, Mention] | None:
    """"President X received Pakistan's Foreign Minister Y in Astana": the host is the
    sentence's subject, the guest the person named next, with only titles between."""
    guest = next((p for p in people if end <= p.span.start < end + 100), None)
    if guest is None or not _GUEST_TITLES.fullmatch(ctx.doc.text[end:guest.span.start]):
        return None
    hosts = [p for p in people if p.span.end <= verb]
    if not hosts or not re.fullmatch(r"\s*", ctx.doc.text[hosts[-1].span.end:verb]):
        return None
    return hosts[-1], guest


# Between a guest and "was received by": nothing, or an apposition ("Y, the minister,")
_GUEST_GAP = re.compile(r"\s*(?:,[^,;]{0,80},\s*)?")
# Before a sentence's subject: a date or a lead-in phrase and the subject's titles only
_SUBJECT_LEAD = re.compile(r"(?:(?:On|In|At|During|Later|Earlier|Then|Also|Meanwhile)\b"
                           r"[^,]{0,40},\s*)?(?:(?:[A-Z][\w.’'-]*|of|the|and|for|-|–)\s+)*")
# "the Head of State", "The Head of Government", "the Minister": a subject named by office
_OFFICE_SUBJECT = re.compile(r"\b[Tt]he\s+(?P<title>(?:(?:[A-Z][\w-]*|of)\s+){0,4}?[A-Z][\w-]*)\s+"
                             r"(?:(?:also|then|later|separately|is|was|will|has|had|"
                             r"scheduled|expected|due|set|to)\s+)*$")
# What "Head of State" and "Head of Government" mean among the offices the text names
_HEAD_OF = {"head of state": {"president", "king", "emir", "sultan", "monarch"},
            "head of government": {"prime", "premier", "chancellor"}}


def _by_office(ctx: Context, sentence: Sentence, title: str, other: str) -> Mention | None:
    """The person the item named earlier whose office `title` names ("the Head of State"
    for its president, "the Minister" for its minister), the first one it named."""
    words = set(title.lower().split())
    wanted = _HEAD_OF.get(title.lower())
    for s in ctx.item_sentences(sentence):
        if s.span.start >= sentence.span.start:
            break
        for p in ctx.mentions(s.span, PERSON_CLASSES):
            if p.key == other:
                continue
            roles = {w for f in ctx.ex.facts if f.subject == p.key and f.predicate == KG.role
                     for w in str(f.object).lower().split()}
            if words <= roles or (wanted and wanted & roles):
                return p
    return None


# Titles between "received" and the guest: "his Kazakh counterpart", "Pakistan's Deputy
# Prime Minister and Foreign Minister", "the visiting"
_GUEST_TITLES = re.compile(r"(?:(?:[A-Z][\w.’'-]*|his|her|their|the|visiting|counterpart|"
                           r"and|of|for|minister|president|prime|deputy|foreign|special|"
                           r"envoy|chairman|speaker|secretary|general)\s+)*")


def _both_before(ctx: Context, sentence: Sentence, m: re.Match,
                 people: list[Mention]) -> tuple[Mention, Mention] | None:
    """"Boric and Boluarte held talks", "the two leaders held talks": both sides named
    before the words for the talks."""
    base = sentence.span.start
    if re.search(r"\b[Tt]he two (?:leaders|presidents|heads of state|ministers|foreign "
                 r"ministers|prime ministers|counterparts)\s+(?:also\s+|then\s+)?$",
                 ctx.doc.text[max(base, base + m.start() - 40):base + m.start()]):
        return _last_two(ctx, sentence, base + m.start())
    before = [p for p in people if p.span.end <= base + m.start()]
    # one person may be mentioned twice in a row ("Chilean Minister ... Aurora Williams")
    groups: list[list[Mention]] = []
    for p in before:
        if groups and groups[-1][-1].key == p.key:
            groups[-1].append(p)
        else:
            groups.append([p])
    if len(groups) >= 2 and re.fullmatch(r"\s+(?:has\s+|have\s+)?", ctx.doc.text[
            groups[-1][-1].span.end:base + m.start()]) and re.fullmatch(
            r"\s+and\s+(?:(?:[A-Z][\w-]*|of|the|for|and|his|her|counterpart)\s+)*",
            ctx.doc.text[groups[-2][-1].span.end:groups[-1][0].span.start]):
        return groups[-2][-1], groups[-1][-1]
    return None


def _between(ctx: Context, end: int, after: list[Mention],
             parties: list[Mention]) -> tuple[Mention, Mention] | None:
    """"talks between A and B": two people, else two states or bodies ("negotiations
    between Mongolia and the EU")."""
    pair: list[Mention] = []
    for p in after:
        if p.key not in [q.key for q in pair]:
            pair.append(p)
    if len(pair) >= 2:
        return pair[0], pair[1]
    sides = [p for p in parties if end <= p.span.start < end + 60]
    gap = ctx.doc.text[sides[0].span.end:sides[1].span.start] if len(sides) > 1 else ""
    if len(sides) > 1 and sides[0].span.start == _space_the_end(ctx.doc.text, end) and \
            re.fullmatch(r"\s+and\s+(?:the\s+)?", gap):
        return sides[0], sides[1]
    return None


def _space_the_end(text: str, at: int) -> int:
    """Where the spaces and a "the" starting at `at` end."""
    m = _SPACE_THE.match(text, at)
    return m.end() if m else at


_SPACE_THE = re.compile(r"\s*(?:the\s+)?")


def _met_with(ctx: Context, sentence: Sentence, m: re.Match, people: list[Mention],
              b: Mention) -> tuple[Mention, Mention] | None:
    """"A met with B": B named right after, A the sentence's subject (or the person a
    "he"/"she" stands for)."""
    base = sentence.span.start
    end = base + m.end()
    if ctx.doc.text[end:b.span.start].count(",") > 1:
        return None
    further = [p for p in people if p.span.start > b.span.end and p.key != b.key]
    if len({p.key for p in further}) >= 2 and ctx.doc.text[
            b.span.end:further[-1].span.start].count(",") >= 1:
        return None  # "A met with B, C and D": one of a group, met together
    before = [p for p in people if p.span.end <= base + m.start() and p.key != b.key]
    later = [p for p in people if p.span.start > b.span.end and p.key != b.key]
    office = _OFFICE_SUBJECT.search(ctx.doc.text[max(base, base + m.start() - 80):base + m.start()])
    if not before and office:
        # "The Head of Government also met with B": the one the item named by that office
        return (a, b) if (a := _by_office(ctx, sentence, office.group("title"), b.key)) else None
    a = before[-1] if before else (later[0] if later else None)
    if before and re.search(r"\b(?:he|she)\b", ctx.doc.text[before[-1].span.end:base + m.start()]):
        # "Y was received by X, and the next day he flew to Z to meet W": "he" is the
        # sentence's subject, not the last person named
        subject = [p for p in before if not re.search(
            r"\bby\s+(?:[A-Z][\w-]*\s+)*$", ctx.doc.text[max(base, p.span.start - 40):
                                                          p.span.start])]
        a = subject[0] if subject and subject[0].key != b.key else None
    if a is None and re.search(r"\b(?:[Hh]e|[Ss]he)\s+(?:also\s+|then\s+|later\s+)?$",
                               ctx.doc.text[max(base, base + m.start() - 20):base + m.start()]):
        a = ctx.previous_person(sentence)  # "During his trip to Lima, he met ..."
        a = a if a is not None and a.key != b.key else None
    elif a is None and re.search(r"\b(?:[Hh]e|[Ss]he)\s+(?:[\w’-]+\s+){1,6}$",
                                 ctx.doc.text[max(base, base + m.start() - 50):base + m.start()]):
        # "He later flew to Seoul to meet ...": "he" is the last sentence's subject
        earlier = [s for s in ctx.item_sentences(sentence) if s.span.end <= base]
        for s in reversed(earlier[-2:]):
            found = ctx.mentions(s.span, PERSON_CLASSES)
            if found:
                a = found[0] if found[0].key != b.key else None
                break
    return (a, b) if a is not None else None


def _last_two(ctx: Context, sentence: Sentence, upto: int) -> tuple[Mention, Mention] | None:
    """The two people "the two leaders" means: the last two distinct people the item
    named before `upto` (this sentence and the two before it)."""
    sentences = [s for s in ctx.item_sentences(sentence) if s.span.start <= sentence.span.start]
    found: list[Mention] = []
    for s in reversed(sentences[-3:]):
        for p in reversed(ctx.mentions(Span(s.span.start, min(s.span.end, upto)),
                                       PERSON_CLASSES)):
            if p.key not in [q.key for q in found]:
                found.append(p)
        if len(found) >= 2:
            return found[1], found[0]
    return None


def find(ctx: Context, sentence: Sentence) -> list[EventRec]:
    """Talks, meetings and phone calls between two people named in one sentence."""
    found = []
    base = sentence.span.start
    people = ctx.mentions(sentence.span, PERSON_CLASSES)
    parties = ctx.mentions(sentence.span, PARTY_CLASSES)
    for m in _PAIR.finditer(sentence.text):
        two = _two(ctx, sentence, m, people, parties)
        if two is None or two[0].key == two[1].key:
            continue
        found.append(_pair_event(ctx, sentence, m, *two))
        if m.group("kw").lower() in ("met", "meets", "meet", "meeting") and \
                (m.group("prep") or "").lower() == "with":
            # "A met with Prime Minister B and Senate President C": a meeting with each
            c = next((p for p in people if p.span.start >= two[1].span.end), None)
            if c is not None and c.key != two[0].key and _AND_GUEST.fullmatch(
                    ctx.doc.text[two[1].span.end:c.span.start]) and not _LISTED.match(
                    ctx.doc.text, c.span.end):
                found.append(_pair_event(ctx, sentence, m, two[0], c))
    return found


# Between two guests of one host: "and" and the second guest's titles
_AND_GUEST = re.compile(r"\s+and\s+(?:(?:[A-Z][\w.’'-]*|of|the|for|his|her|counterpart)\s+)*")
# A guest followed by more names ("and B, C and D") is one of a group met together
_LISTED = re.compile(r"\s*,\s*(?:[A-Z]|and\b)")


def _pair_event(ctx: Context, sentence: Sentence, m: re.Match, a: Mention,
                b: Mention) -> EventRec:
    """The talks or meeting `m` names between `a` and `b`, with its place and date."""
    base = sentence.span.start
    kw, end = m.group("kw").lower(), base + m.end()
    cls = ("PhoneCall" if re.search(r"phone|telephone", m.group()) else
           "Talks" if kw in ("talks", "negotiations", "consultations") else "Meeting")
    what = {"PhoneCall": "Phone call", "Talks": "Talks", "Meeting": "Meeting"}[cls]
    what = "Consultations" if kw == "consultations" else what
    span = Span(min(a.span.start, base + m.start()), max(b.span.end, end))
    ev = EventRec(cls, f"{what} between {ctx.label(a.key)} and {ctx.label(b.key)}", span,
                  sentence, "pair")
    ev.pair = frozenset((a.key, b.key))
    for p in (a, b):
        ev.add_participant(p.key, p.span)
        if ctx.cls(p.key) in PERSON_CLASSES:
            for s in ctx.person_states(p):
                ev.add_participant(s, p.span)
    around = clause(ctx, sentence, span)
    aim = re.search(r"\bto\s+[a-z]", ctx.doc.text[end:around.end]) if kw == "agreed" else None
    inside = ctx.mentions(Span(base + m.start(), end), PLACE_CLASSES)  # "meeting in Beijing"
    went = re.search(r"\b(?:flew|travell?ed|went|came|headed)\s+to\s+(?:\S+\s+){0,3}?to\s+$",
                     ctx.doc.text[max(base, base + m.start() - 60):base + m.start()])
    if went and not inside:  # "he flew to Lima to meet ..."
        inside = ctx.mentions(Span(base + m.start() - len(went.group()), base + m.start()),
                              PLACE_CLASSES)
    if not inside:  # "attended the forum in Beijing in October, where he met ..."
        inside = [c for c in ctx.mentions(Span(base, base + m.start()), PLACE_CLASSES)[-1:]
                  if re.search(r"\b(?:in|at)\s+(?:the\s+)?$",
                               ctx.doc.text[max(base, c.span.start - 10):c.span.start])
                  and _WHERE.fullmatch(ctx.doc.text[c.span.end:base + m.start()])]
    ev.location = ((inside[0].key, inside[0].span) if inside
                   else location(ctx, sentence, span, by_name=False))
    dated(ctx, ev, sentence, around)
    if aim and ev.start and ev.start[1].start >= end + aim.start():
        ev.start = ev.end = None  # "agreed to launch talks next year": when the plan starts
    return ev
