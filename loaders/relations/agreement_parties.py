"""Who is party to an agreement and when it was signed, when the sentence does not say.

"The two sides signed ..." or "the leaders adopted ..." stand for the states the item is
about; a summit named as where something was signed ("at the <Org> summit") is no party;
an agreement adopted at the item's event takes that event's date.
"""
from __future__ import annotations

import re

from kazgraph.loaders.relations.events.records import EventRec
from kazgraph.loaders.model import Mention, Sentence, Span
from kazgraph.loaders.entities.gazetteer import organizations
from kazgraph.loaders.relations.context import PARTY_CLASSES, Context

TWO_SIDES = re.compile(r"\b(?:two sides|both sides|bilateral|the two countries)\b", re.I)


def status(text: str) -> str | None:
    """The status the sentence gives: "in force", "planned" or "signed"."""
    if re.search(r"\b(?:entered|enters|came|comes) into force|\bin force\b|"
                 r"\b(?:took|takes|take|has taken) effect\b", text):
        return "in force"
    if re.search(r"\b(?:will|to|plan to|plans to|expected to) (?:be )?(?:sign|signed|conclude|"
                 r"concluded)\b|\bdraft\b", text):
        return "planned"
    if re.search(r"\b(?:signed|inked|concluded|adopted|approved)\b", text):
        return "signed"
    return None


def after_publication(ctx: Context, iso: str) -> bool:
    """Whether a date lies after the text was published: a document said to be signed
    was not signed at an event still to come ("invited him to visit in 2027")."""
    published = ctx.doc.published or ""
    if not published[:4].isdigit():
        return False
    n = min(len(iso), len(published))
    return iso[:n] > published[:n]


def item_event(ctx: Context, refs: dict[int, list[EventRec]], i: int) -> EventRec | None:
    """The dated event the item named up to sentence `i` that "the leaders signed" or "in
    the presence of the two presidents" refers to."""
    item = ctx.sentences[i].item
    dated = []
    for j in range(i, -1, -1):
        if ctx.sentences[j].item != item:
            break
        dated += [ev for ev in reversed(refs.get(j, [])) if ev.start
                  and not after_publication(ctx, ev.start[0])]
    # a summit or forum the item names is where documents get adopted, rather than the
    # talks or visit that went on around it; of those, the one the item is about (named
    # most often, else the latest), not "the first such meeting" it recalls
    counts = {id(ev): sum(ev is other for other in dated) for ev in dated}
    latest_first = sorted(dated, key=lambda ev: ev.start[0], reverse=True)
    if dated:
        return sorted(latest_first, key=lambda ev: (ev.kind != "named", -counts[id(ev)]))[0]
    return None


def item_event_date(ctx: Context, refs: dict[int, list[EventRec]], i: int) -> tuple | None:
    """The start of the event of `item_event`, else a meeting's date in the sentence
    before."""
    item = ctx.sentences[i].item
    event = item_event(ctx, refs, i)
    if event is not None:
        return event.start
    prev = ctx.sentences[i - 1] if i > 0 else None
    if prev is not None and prev.item == item and re.search(
            r"\b(?:met|meet|meeting|talks|visit|visited|summit|session)\b", prev.text):
        found = ctx.event_dates(prev, prev.span.end)
        if found and not found[0].relative:
            return found[0].iso, found[0].span
    return None


# "the two sides", "both countries", "the three states", "the leaders": the item's actors
GROUP = re.compile(
    r"\b(?:the|both|all)\s+(?:(?P<n>two|three|four|five|six|\d)\s+)?(?P<what>sides|"
    r"countries|states|nations|leaders|presidents|heads of state|parties|governments)\b",
    re.IGNORECASE)
PRESENCE = re.compile(r"\bin (?:the|their) presence\b", re.IGNORECASE)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
# an organisation named as the venue: "at the <Org> summit", "on the sidelines of <Org> ..."
_VENUE_AFTER = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:[A-Z][\w-]*\s+){0,3}(?:summit|Summit|"
                          r"conference|Conference|forum|Forum|meeting|Meeting|session|Session|"
                          r"congress|Congress)\b")
_VENUE_BEFORE = re.compile(r"\b(?:sidelines of|margins of)\s+(?:the\s+)?$")


def _venue(ctx: Context, m: Mention) -> bool:
    """Whether an organisation's mention names where something was signed, not a party."""
    if ctx.cls(m.key) != "InternationalOrganization":
        return False
    after = ctx.doc.text[m.span.end:m.span.end + 60]
    before = ctx.doc.text[max(0, m.span.start - 30):m.span.start]
    return bool(_VENUE_AFTER.match(after) or _VENUE_BEFORE.search(before))


# "..., which <A>, <B> and <C> signed in 2022": the signatories a relative clause names
_SIGNATORIES = re.compile(r",?\s+(?:which|that)\s+(?P<who>[^.;,]{2,80}?(?:,\s+[^.;,]{2,40}?)*)"
                          r"\s+(?:have\s+|had\s+|has\s+)?(?:signed|concluded|ratified)\b")


# "..., while talks with <C> go on", "...; <C> has not yet signed": a contrasting clause
# names others than the parties
_CONTRAST = re.compile(r";|,\s+(?:while|whereas|but|although|though|unlike)\b|"
                       r"\s+(?:while|whereas)\s+")


def _clause(ctx: Context, sentence: Sentence, span: Span) -> Span:
    """The part of the sentence around `span` that no contrasting clause cuts off."""
    text = ctx.doc.text
    start, end = sentence.span.start, sentence.span.end
    for m in _CONTRAST.finditer(text, start, end):
        if m.end() <= span.start:
            start = m.end()
        elif m.start() >= span.end:
            end = m.start()
            break
    return Span(start, end)


# "... the Union, with which <A> signed a free trade deal": the body before "with which"
# and the signatory named after it
_WITH_WHICH = re.compile(r",?\s+(?:with|between)\s+which\s+(?P<who>[^,;.]{2,60}?)\s+"
                         r"(?:has\s+|had\s+|have\s+)?(?:signed|concluded|inked)\s+"
                         r"(?:an?|the)\s+(?:[\w-]+\s+){0,5}$")


def _signatories(ctx: Context, span: Span) -> dict[str, Span]:
    """The parties named in `span`; a city there ("Tehran signed") stands for its state."""
    found: dict[str, Span] = {}
    for m in ctx.mentions(span, PARTY_CLASSES | {"City"}):
        key = ctx.country_of(m.key) if ctx.cls(m.key) == "City" else m.key
        if key:
            found.setdefault(key, m.span)
    return found


_JOINS = re.compile(r"\b(?:join|joins|joined|joining|accede\s+to|accedes\s+to|acceded\s+to|"
                    r"accession\s+to)\s+(?:the\s+)?$", re.IGNORECASE)
_URGED = re.compile(r"\b(?:urged?|urging|invited?|inviting|called\s+on|calls?\s+on|asked|"
                    r"encouraged?|pressed)\b", re.IGNORECASE)


def joining(ctx: Context, sentence: Sentence, span: Span) -> re.Match | None:
    """The "join the" or "accede to" just before an agreement's name, if any, unless a
    relative clause after the name tells who signed it."""
    if _SIGNATORIES.match(ctx.doc.text, span.end, sentence.span.end):
        return None
    return _JOINS.search(ctx.doc.text, max(sentence.span.start, span.start - 30), span.start)


# "the roadmap ... between <A> and <B>": the two it names are its parties
_BETWEEN = re.compile(r",?\s+between\s+(?P<who>(?:the\s+)?[A-Z][^,;.()]{1,80}?\s+and\s+"
                      r"(?:the\s+)?[A-Z][\w.-]*(?:\s+(?:of\s+)?[A-Z][\w.-]*){0,4})")
# "challenges related to the situation in <State>": a state the sentence speaks about
_SCENE = re.compile(r"\b(?:situation|crisis|conflict|war|events|developments|settlement|"
                    r"peace process)\s+(?:in|on|around)\s+(?:the\s+)?$", re.IGNORECASE)
# "Kazakh state company <X>", "U.S.-based <Y>": a state that only says whose company
# signed is no party
_OF_A_COMPANY = re.compile(r"(?:-based\b|(?:\s+(?:state|state-owned|national|private|"
                           r"oil|gas|energy|mining|rail|railway))*\s+(?:company|companies|"
                           r"firm|firms|corporation|holding|operator|investor|bank|group)\b)")


# "an agreement to develop a deposit in eastern <State>": a state the name places
# something in is no party to it
_PLACED_IN = re.compile(r"\b(?:deposit|field|plant|project|region|site|mine|port|station|"
                        r"factory)s?\s+in\s+(?:(?:the\s+)?(?:north|south|east|west|central)"
                        r"(?:ern|-eastern|-western)?\s+)?$")


def parties(ctx: Context, i: int, sentence: Sentence, span: Span, prefix: int,
            events: list[EventRec], others: list[Span] = ()) -> list[tuple[str, Span]]:
    """Parties: the signatories a relative clause after the name lists, else the states a
    group subject ("the two sides") stands for, else those named in the sentence (not in
    the name of another agreement, `others`), else the event it was signed at, else the
    item's headline, else the sentence before, else the item's pair of states."""
    found: dict[str, Span] = {}
    with_which = _WITH_WHICH.search(ctx.doc.text, sentence.span.start, span.start)
    if with_which:
        found = _signatories(ctx, Span(with_which.start("who"), with_which.end("who")))
        before = ctx.mentions(Span(sentence.span.start, with_which.start()), PARTY_CLASSES)
        if found and before and not ctx.doc.text[before[-1].span.end:
                                                 with_which.start()].strip(" ,"):
            return [(before[-1].key, before[-1].span)] + [
                (k, v) for k, v in found.items() if k != before[-1].key]
        found = {}
    between = _BETWEEN.match(ctx.doc.text, span.end, sentence.span.end)
    if between:
        who = _signatories(ctx, Span(between.start("who"), between.end("who")))
        if len(who) >= 2:
            return list(who.items())
    rel = _SIGNATORIES.match(ctx.doc.text, span.end, sentence.span.end)
    if rel:
        who = ctx.mentions(Span(rel.start("who"), rel.end("who")), PARTY_CLASSES)
        if who:
            return [(m.key, m.span) for m in who]
    join = joining(ctx, sentence, span)
    if join:
        # "<A> will join the <Accords>": the one joining, and not the others the sentence
        # names; "urged <B> to join" makes <B> no party yet
        before = ctx.mentions(Span(sentence.span.start, join.start()), PARTY_CLASSES)
        if not before or _URGED.search(ctx.doc.text, sentence.span.start, join.start()):
            return []
        joiners = [before[-1]]
        for m in reversed(before[:-1]):
            if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*",
                            ctx.doc.text[m.span.end:joiners[0].span.start]):
                joiners.insert(0, m)
            else:
                break
        return [(m.key, m.span) for m in joiners]
    named = ctx.mentions(_clause(ctx, sentence, span), PARTY_CLASSES)
    states = [m for m in named if ctx.cls(m.key) == "State"
              and not span.start <= m.span.start < span.end]
    if states and all(_OF_A_COMPANY.match(ctx.doc.text, m.span.end) for m in states) and \
            not any(ctx.cls(m.key) == "Company" for m in named):
        return []  # companies not known by name signed it, not the states they come from
    named = [m for m in named if (not (span.start + prefix <= m.span.start < span.end)
             or ctx.cls(m.key) == "State") and not _venue(ctx, m)
             and not any(o != span and o.start <= m.span.start < o.end for o in others)
             and not _OF_A_COMPANY.match(ctx.doc.text, m.span.end)
             and not _SCENE.search(ctx.doc.text, max(0, m.span.start - 30), m.span.start)
             and not (span.start <= m.span.start < span.end and _PLACED_IN.search(
                 ctx.doc.text, span.start, m.span.start))]
    group = GROUP.search(sentence.text)
    if group and group.start() < span.start - sentence.span.start and \
            not re.match(r"\s+(?:of|from)\b", sentence.text[group.end():]):
        members = group_members(ctx, i, group)
        if members:
            return list(members.items())
    for m in named:
        found.setdefault(m.key, m.span)
    if named and not (TWO_SIDES.search(sentence.text) or events):
        return list(found.items())
    for ev in events:
        for actor, aspan in ev.participants.items():
            if ctx.cls(actor) in PARTY_CLASSES:
                found.setdefault(actor, aspan)
    if named or (events and len(found) >= 2):
        here = ctx.mentions(sentence.span, PARTY_CLASSES)
        # a body named only as the venue ("at the <Org> summit") is no party
        venues = {m.key for m in here if _venue(ctx, m)} - {
            m.key for m in here if not _venue(ctx, m)}
        return [(k, v) for k, v in found.items() if k not in venues or len(found) == 1]
    # "A declaration ... was also adopted": nobody named here, so the item's pair of
    # states (its headline's or the sentence before's), with what the event gave
    headline = ctx.headline_span(sentence)
    fallback = ctx.mentions(headline, PARTY_CLASSES) if headline else []
    if not fallback and i > 0 and ctx.sentences[i - 1].item == sentence.item and \
            status(sentence.text) in ("signed", "in force"):
        fallback = ctx.mentions(ctx.sentences[i - 1].span, PARTY_CLASSES)
    for m in fallback:
        found.setdefault(m.key, m.span)
    if not found and status(sentence.text) == "signed" and i > 0 and \
            ctx.sentences[i - 1].item == sentence.item and \
            status(ctx.sentences[i - 1].text) == "signed":
        # "... signed a protocol on X. A declaration on Y was also adopted.": the same
        # signing goes on; a lone "the 2015 treaty was signed" stays a mere reference
        found = group_members(ctx, i, None)
    return list(found.items())


def _whole(key: str) -> str:
    """The organisation a body belongs to, whose side the body's head speaks for (the
    President of the European Council for the European Union); else `key`."""
    parent = organizations().get(key)
    return parent.parent if parent is not None and parent.parent else key


def _states_in(ctx: Context, span: Span, bodies: bool = False) -> dict[str, Span]:
    """States named in a span, directly or as the state of a person named there; with
    `bodies`, also the organisations named or led by a person named there ("the President
    of the European Council ... met the presidents of ...": the leaders of both)."""
    found: dict[str, Span] = {}
    kinds = {"State", "InternationalOrganization"} if bodies else {"State"}
    for m in ctx.mentions(span, kinds | {"Person", "Leader"}):
        keys = [m.key] if ctx.cls(m.key) in kinds else [
            k for k in ctx.person_states(m) if ctx.cls(k) in kinds]
        keys = [_whole(k) for k in keys] if bodies else keys
        for k in keys:
            found.setdefault(k, m.span)
    return found


def group_members(ctx: Context, i: int, group: re.Match | None) -> dict[str, Span]:
    """The states "the two sides" or "the leaders" of sentence `i` stand for: the item's
    states, those named most often first; for an unnumbered group (or none) the states of
    the sentence before or of the headline when they name two or more."""
    sentence = ctx.sentences[i]
    n = group.group("n") if group else None
    want = _NUMBERS.get(n.lower(), 0) if n and not n.isdigit() else int(n or 0)
    here = _states_in(ctx, Span(sentence.span.start,
                                sentence.span.start + (group.start() if group else 0)))
    if len(here) >= max(want, 2):
        return here
    before = [s for s in ctx.item_sentences(sentence) if s.span.end <= sentence.span.start]
    if not want:
        for s in reversed(before[-1:]):
            near = _states_in(ctx, s.span)
            if len(near) >= 2:
                return _states_in(ctx, s.span, bodies=True)
    spans = [s.span for s in before]
    headline = ctx.headline_span(sentence)
    if headline:
        spans.insert(0, headline)
        if not want and len(_states_in(ctx, headline)) >= 2:
            return _states_in(ctx, headline)
    counts: dict[str, int] = {}
    first: dict[str, Span] = {}
    for sp in spans + [sentence.span]:
        for m in ctx.mentions(sp, {"State", "Person", "Leader"}):
            keys = [m.key] if ctx.cls(m.key) == "State" else ctx.person_states(m)
            for k in keys:
                if ctx.cls(k) == "State":
                    counts[k] = counts.get(k, 0) + 1
                    first.setdefault(k, m.span)
    ranked = sorted(counts, key=lambda k: -counts[k])
    want = want or 2
    if len(ranked) < want or (len(ranked) > want and counts[ranked[want - 1]] ==
                              counts[ranked[want]]):
        return {}  # no clear set of that many states
    return {k: first[k] for k in ranked[:want]}


# "... before it becomes a full member of the organization": the body joined is a party
_JOINING = re.compile(r"\b(?:member(?:ship)?|accession|join(?:s|ed|ing)?)\b[^.;]{0,40}?"
                      r"\b(?:the|this)\s+(?:organi[sz]ation|bloc|alliance|union)\b",
                      re.IGNORECASE)


def joined_body(ctx: Context, sentence: Sentence) -> list[tuple[str, Span]]:
    """The one international organisation the item names, when the sentence says a state
    joins "the organization"; else nothing."""
    m = _JOINING.search(sentence.text)
    if not m:
        return []
    bodies: dict[str, Span] = {}
    spans = [s.span for s in ctx.item_sentences(sentence)]
    headline = ctx.headline_span(sentence)
    for sp in ([headline] if headline else []) + spans:
        for mention in ctx.mentions(sp, {"InternationalOrganization"}):
            bodies.setdefault(mention.key, mention.span)
    return list(bodies.items()) if len(bodies) == 1 else []
