"""The dates an agreement sentence gives, each with the kind its own clause states.

A sentence may date an agreement's signing, its entry into force, when it is to be signed
or when it was announced; a date whose clause says none of these takes the sentence's
status of the agreement.
"""
from __future__ import annotations

import re

from rdflib import URIRef

from kazgraph.loaders.model import Sentence, Span
from kazgraph.loaders.relations.agreement_parties import after_publication
from kazgraph.loaders.relations.agreement_parties import status as sign_status
from kazgraph.loaders.relations.context import Context
from kazgraph.loaders.relations.events.records import EventRec
from kazgraph.loaders.text import dates
from kazgraph.vocab import KG

_SINCE = re.compile(r"\b(?P<n>\d+|ten|five|fifteen|twenty|twenty-five|thirty)\s+years\s+"
                    r"(?:since|ago|after)\b", re.IGNORECASE)
_WORDS = {"ten": 10, "five": 5, "fifteen": 15, "twenty": 20, "twenty-five": 25, "thirty": 30}
_MONTH = re.compile(r"\b(January|February|March|April|May|June|July|August|September|"
                    r"October|November|December)\b")


def first_date(ctx: Context, sentence: Sentence, span: Span, events: list[EventRec],
               signed_itself: bool) -> tuple | None:
    """(iso, span) of the signing or entry into force the sentence gives; `signed_itself`:
    the sentence says this agreement was signed (see `_signed_itself`)."""
    since = _SINCE.search(sentence.text)
    published = ctx.doc.published or ""
    if since and published[:4].isdigit():
        n = since.group("n").lower()
        year = int(published[:4]) - (int(n) if n.isdigit() else _WORDS[n])
        month = _MONTH.search(sentence.text)
        iso = f"{year:04d}" + (f"-{dates.MONTHS[month.group(1).lower()]:02d}" if month else "")
        return iso, Span(sentence.span.start + since.start(), sentence.span.start + since.end())
    if sign_status(sentence.text) is None and not events and not signed_itself and \
            not _ANNOUNCED.search(sentence.text):
        return None  # a date in a sentence that says nothing of signing is another's
    for d in ctx.event_dates(sentence, span):
        if _dates_it(ctx, d, span):
            return d.iso, d.span
    for ev in events:
        if ev.start and not (sign_status(sentence.text) == "signed"
                             and after_publication(ctx, ev.start[0])):
            return ev.start
    return None


def _dates_it(ctx: Context, d: dates.DateMatch, span: Span) -> bool:
    """Whether a date of the sentence can date the agreement named at `span`."""
    if span.start <= d.span.start < span.end or (d.end_iso and len(d.iso) == 4):
        return False  # "2023-2027" is a plan's term, not its signing
    if d.relative and re.fullmatch(r"today|yesterday|tomorrow", ctx.text(d.span), re.I):
        return False
    # "worth $2 billion through 2031" is a term, not a signing
    if re.search(r"\b(?:through|until|till|by|to|for|up to)\s+$",
                 ctx.doc.text[max(0, d.span.start - 12):d.span.start]):
        return False
    # "a roadmap to raise trade, which stood at $300 million last year, ...": a relative
    # clause about something else of the name dates that, unless it tells of the signing
    if d.span.start >= span.end:
        between = ctx.doc.text[span.end:d.span.start]
        rel = list(re.finditer(r",\s+(?:which|that|who|where)\b", between))
        if rel and not any(rx.search(between[rel[-1].end():]) for rx, _ in _KIND_CUES) and \
                not re.match(r"\s+(?:was|were|has been|had been)\b",
                             between[rel[-1].end():]):
            return False
    return True


# "X and Y announced on 5 March an agreement on ...", "reached a deal", "agreed in
# principle": the agreement is made known, which is not (yet) a signing
_ANNOUNCED = re.compile(
    r"\b(?:announced|unveiled|agreed\s+in\s+principle|"
    r"(?:reached|struck|clinched)\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,2}?"
    r"(?:agreement|deal|accord|understanding)|(?:agreement|deal|accord)\s+(?:was|has\s+been|"
    r"had\s+been)\s+reached)\b")


# What a date next to an agreement dates, from the words just before it.
_KIND_CUES = [
    (re.compile(r"\b(?:enter(?:ed|s)?|came|comes|come|coming)\s+into\s+(?:full\s+)?force\b"
                r"|\bin\s+force\s+(?:since|from)\b|\b(?:took|takes|take)\s+effect\b"
                r"|\bratified\b"), "entryIntoForceDate"),
    (re.compile(r"\b(?:will|to|plans?\s+to|expected\s+to|intends?\s+to|is\s+due\s+to|are\s+due\s+to)"
                r"\s+(?:be\s+)?(?:sign|signed|conclude|concluded|ink)\b|\bdraft\b"), "plannedDate"),
    (_ANNOUNCED, "announcementDate"),
    (re.compile(r"\b(?:signed|signing|inked|concluded|adopted|approved|agreed)\b"), "signingDate"),
]


def date_kind(ctx: Context, sentence: Sentence, span: Span, status: str | None):
    """kg:signingDate, kg:entryIntoForceDate, kg:plannedDate or kg:announcementDate for a
    date the sentence gives an agreement: the nearest cue before the date in its clause
    says which, else the first after it ("On May 3 the two sides signed ..."); without
    one, the sentence's `status` of the agreement; None when it says nothing."""
    kind = cued_kind(ctx, sentence, span) or {
        "signed": "signingDate", "in force": "entryIntoForceDate",
        "planned": "plannedDate"}.get(status or "")
    return KG[kind] if kind else None



def dated(ctx: Context, sentence: Sentence, span: Span, first: tuple, status: str | None,
          names: list[Span]) -> list[tuple[str, Span, URIRef | None]]:
    """(iso, span, kind) of each date the sentence gives the agreement named at `span`:
    `first` (see `first_date`) with its kind, then every further date whose own clause
    states another kind ("signed in December 2015 and entered into force in March 2020"),
    unless the name of another agreement of the sentence (`names`) is nearer to it."""
    iso, at = first
    kind = date_kind(ctx, sentence, at, status)
    found = [(iso, at, kind)]
    if not sentence.span.start <= at.start < sentence.span.end:
        return found  # the date of an event told elsewhere
    kinds = {kind}
    for d in ctx.event_dates(sentence, span):
        if d.span == at or not _dates_it(ctx, d, span) or min(
                names, key=lambda n: (_gap(d.span, n), n != span), default=span) != span:
            continue
        more = cued_kind(ctx, sentence, d.span)
        if more and KG[more] not in kinds:
            kinds.add(KG[more])
            found.append((d.iso, d.span, KG[more]))
    return found

def _gap(date: Span, name: Span) -> int:
    """How far a date is from an agreement's name, a date after it counting as nearer."""
    if date.start >= name.end:
        return date.start - name.end
    return 2 * max(0, name.start - date.end)


# Where one clause of a sentence ends and the next begins: "signed in 2015 and entered
# into force in 2020", "..., which entered into force ...".
_CLAUSE = re.compile(r"[;:]|,\s+(?:and|but|while|which|who)\b|\band\s+(?=(?:was|were|"
                     r"has|had|entered|came|took|will|is|are)\b)")


def cued_kind(ctx: Context, sentence: Sentence, span: Span) -> str | None:
    """The kind of date the clause around a date states by its own verb, or None."""
    before = _CLAUSE.split(ctx.doc.text[max(sentence.span.start, span.start - 60):span.start])[-1]
    after = _CLAUSE.split(ctx.doc.text[span.end:min(sentence.span.end, span.end + 60)])[0]
    cues = [(m.end(), kind, before[m.end():]) for rx, kind in _KIND_CUES
            for m in rx.finditer(before)]
    if cues:
        _, kind, between = max(cues, key=lambda c: c[0])  # the nearest; on a tie, the first
    else:
        cues = [(m.start(), kind, after[:m.start()]) for rx, kind in _KIND_CUES
                for m in rx.finditer(after)]
        if not cues:
            return None
        _, kind, between = min(cues, key=lambda c: c[0])
    if kind == "announcementDate" and (re.search(r"\bthat\b", between)
                                       or re.match(r"\s*,?\s*that\b", after)):
        return None  # "announced on May 5 that the two sides signed": a signing reported
    return kind
