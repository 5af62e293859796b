"""Event candidates found in a digest, merged into one event each, then written as facts.

Several items of one digest often report the same summit or visit under different
wordings ("the GCC-C5 Summit", "the Gulf Cooperation Council – Central Asian countries
summit"); a reader who finds the same summit twice takes it for two events, so
candidates are merged before anything is written.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rdflib import Literal

from kazgraph.loaders.text import dates
from kazgraph.loaders.model import Sentence, Span
from kazgraph.loaders.relations.context import Context, slug
from kazgraph.vocab import KG

# Words that say what kind of event, not which one: ignored when comparing names.
_GENERIC = {"the", "a", "an", "of", "on", "and", "for", "in", "to", "with", "between", "at",
            "s", "first", "second", "third", "annual", "upcoming", "historic", "countries",
            "states", "nations", "leaders", "summit", "meeting", "forum", "talks", "visit",
            "conference", "international", "asian", "meetings", "summits", "forums",
            "conferences", "edition", "five", "round", "session"}
_RANK = {"StateVisit": 3, "OfficialVisit": 3, "WorkingVisit": 3, "Visit": 1, "Talks": 2,
         "Meeting": 1, "PhoneCall": 2}
_SPELLING = {"asian": "asia", "c5": "central asia"}


def name_tokens(text: str) -> set[str]:
    text = re.sub(r"[–—]", " ", text)  # dropped by the ASCII fold, they would join words
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return {t for w in re.findall(r"[a-z0-9+]+", text) for t in _SPELLING.get(w, w).split()}


def signature(ctx: Context, ev: "EventRec") -> frozenset[str]:
    """The words of an event's name that are neither actors, years nor kind words."""
    text = ctx.text(ev.span)
    for m in sorted(ctx.ex.mentions_in(ev.span), key=lambda m: -m.span.start):
        if ctx.cls(m.key) in ("State", "InternationalOrganization"):
            a, b = m.span.start - ev.span.start, m.span.end - ev.span.start
            text = text[:a] + " " + text[b:]
    return frozenset(t for t in name_tokens(text) - _GENERIC
                     if not re.fullmatch(r"(?:19|20)\d\d", t))


def similarity(a: str, b: str) -> float:
    """Word overlap of two names, as the evaluation measures it (mean of overlap and Jaccard)."""
    ta = name_tokens(a) - {"the", "of", "and", "in", "to", "s", "a", "on", "for", "with",
                           "between", "at", "an"}
    tb = name_tokens(b) - {"the", "of", "and", "in", "to", "s", "a", "on", "for", "with",
                           "between", "at", "an"}
    if not ta or not tb:
        return 0.0
    shared = len(ta & tb)
    return (shared / min(len(ta), len(tb)) + shared / len(ta | tb)) / 2


@dataclass
class EventRec:
    """One event as found at one place in the text; merged records keep every fact."""

    cls: str
    label: str
    span: Span
    sentence: Sentence
    kind: str = "named"  # named, visit, pair
    aliases: set[str] = field(default_factory=set)
    name_actors: set[str] = field(default_factory=set)  # actors named inside the name
    participants: dict[str, Span] = field(default_factory=dict)
    location: tuple[str, Span] | None = None
    start: tuple[str, Span] | None = None
    end: tuple[str, Span] | None = None
    visitor: str | None = None  # visits: person or state key
    destination: str | None = None  # visits: state key
    pair: frozenset[str] = frozenset()  # talks and meetings: the two people
    sig: frozenset[str] = frozenset()  # name words that are not actors or kind words
    hint: Sentence | None = None  # visits: the sentence that placed it in a city
    stay: tuple[str, Span] | None = None  # visits: the city the visitor was in
    # the place was read from a headline or a digest's lead, which sum up an item in few
    # words ("X's trip to <capital>"); the item's own report of the visit says it better
    placed_in_summary: bool = False
    only_place: bool = False  # "the Bergen forum": named by its city alone
    upcoming: bool = False  # "the next meeting of ...": the edition after the one reported
    stated_in: list[Span] = field(default_factory=list)  # the sentences that name it

    def __post_init__(self) -> None:
        if not self.stated_in:
            self.stated_in = [self.sentence.span]

    def stated_here(self, span: Span) -> bool:
        """Whether `span` lies in a sentence that names the event (or placed the visit)."""
        spans = self.stated_in + ([self.hint.span] if self.hint is not None else [])
        return any(s.start <= span.start < s.end for s in spans)

    def add_participant(self, key: str, span: Span) -> None:
        self.participants.setdefault(key, span)

    def set_dates(self, match: dates.DateMatch | None) -> None:
        if match is None or self.start is not None:
            return
        self.start = (match.iso, match.span)
        if match.end_iso:
            self.end = (match.end_iso, match.span)

    def names(self) -> list[str]:
        return [self.label, *sorted(self.aliases)]


_WORD_ORD = {"first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th",
             "sixth": "6th", "seventh": "7th", "eighth": "8th", "ninth": "9th", "tenth": "10th"}


def _edition(label: str) -> str | None:
    """The edition a name starts with ("Second ..." -> "2nd"), if any."""
    m = re.match(r"(\w+)\s", label)
    word = m.group(1).lower() if m else ""
    return _WORD_ORD.get(word) or (word if re.fullmatch(r"\d+(?:st|nd|rd|th)", word) else None)


def _same_visit(a: EventRec, b: EventRec, ctx: Context) -> bool:
    if a.destination != b.destination or a.destination is None:
        return False
    if a.visitor == b.visitor:
        return True
    va, vb = a.visitor or "", b.visitor or ""
    if va.startswith("state/") and not vb.startswith("state/"):
        va, vb = vb, va  # va: person (or unknown), vb: state
    if vb.startswith("state/"):
        held = [k for k in ctx.represents(va) if ctx.cls(k) == "State"] if va else []
        return not held or vb in held
    return not va or not vb


def _same_named(a: EventRec, b: EventRec) -> bool:
    if a.name_actors and b.name_actors and not (a.name_actors <= b.name_actors
                                                or b.name_actors <= a.name_actors):
        return False  # "EU-Central Asia summit" is not the "GCC-Central Asia summit"
    if a.start and b.start and not (a.start[0].startswith(b.start[0])
                                    or b.start[0].startswith(a.start[0])):
        return False
    ordinal = re.compile(r"^\d+(?:st|nd|rd|th)$")
    oa, ob = {t for t in a.sig if ordinal.match(t)}, {t for t in b.sig if ordinal.match(t)}
    if oa and ob and oa != ob:
        return False
    wa, wb = _edition(a.label), _edition(b.label)
    if wa and wb and wa != wb:
        return False  # "the first ... summit" is not "the second ... summit"
    for x, y in ((a, b), (b, a)):
        # "Bergen forum explores ..." and "the 13th Nordic Trade Forum ... in Bergen"
        if x.only_place:
            return bool(x.location and y.location and x.location[0] == y.location[0])
    if not a.sig and not b.sig:
        return a.name_actors == b.name_actors
    for x, y in ((a, b), (b, a)):
        # "SCO Summit" and "its 24th summit of heads of state" that the SCO held
        if not x.sig and x.name_actors and not y.name_actors:
            return x.name_actors <= set(y.participants) and x.cls == y.cls
    if a.sig <= b.sig or b.sig <= a.sig:
        return True
    return any(similarity(x, y) >= 0.6 for x in a.names() for y in b.names())


def same_event(a: EventRec, b: EventRec, ctx: Context) -> bool:
    """Whether two candidates name the same event."""
    if a.kind == "visit" or b.kind == "visit":
        return a.kind == b.kind and _same_visit(a, b, ctx)
    if a.kind == "pair" or b.kind == "pair":
        return a.kind == b.kind and a.pair == b.pair
    if a.cls != b.cls and "Event" not in (a.cls, b.cls):
        return False
    if a.upcoming != b.upcoming:
        held = b if a.upcoming else a
        if event_status(held, ctx.doc.published) != "planned":
            return False  # "the next meeting of the commission" follows the one just held
    return _same_named(a, b)


def merge(into: EventRec, other: EventRec) -> None:
    """Fold `other` into `into`; the more specific kind and longer name win."""
    if _RANK.get(other.cls, 0) > _RANK.get(into.cls, 0):
        into.cls = other.cls
        if into.kind == other.kind == "pair":  # "met ..." then "the two held talks"
            into.aliases.add(into.label)
            into.label = other.label
    if other.kind == "visit" and other.visitor and not (other.visitor or "").startswith(
            "state/") and (into.visitor or "state/").startswith("state/"):
        into.aliases.add(into.label)
        into.label, into.visitor = other.label, other.visitor
    elif len(other.label) > len(into.label) and other.kind == "named" and not re.search(
            r"\d{4}$", into.label):
        into.aliases.add(into.label)
        into.label = other.label
    else:
        into.aliases.add(other.label)
    into.aliases.update(other.aliases)
    into.aliases.discard(into.label)
    into.name_actors |= other.name_actors
    into.only_place = into.only_place and other.only_place
    into.upcoming = into.upcoming or other.upcoming
    into.sig = into.sig if len(into.sig) >= len(other.sig) else other.sig
    into.stay = into.stay or other.stay
    into.stated_in += [s for s in other.stated_in if s not in into.stated_in]
    for key, span in other.participants.items():
        into.add_participant(key, span)
    loser = other.location
    if _better_place(into, other):
        loser = into.location
        into.location, into.placed_in_summary = other.location, other.placed_in_summary
    if into.stay is None and loser and not loser[0].startswith("state/"):
        into.stay = loser  # "X's visit to <city>" and "X's visit to <its state>"
    if into.start is None or (other.start and len(other.start[0]) > len(into.start[0])
                              and other.start[0].startswith(into.start[0])):
        if other.start:
            into.start, into.end = other.start, other.end


def _better_place(into: EventRec, other: EventRec) -> bool:
    """Whether `other` places the event better than `into`: a place over none; for a
    visit, the item's own report over a headline or lead that sums it up; else a city
    over a state."""
    if other.location is None:
        return False
    if into.location is None:
        return True
    if into.kind == other.kind == "visit" and into.placed_in_summary != other.placed_in_summary:
        return into.placed_in_summary
    return into.location[0].startswith("state/") and not other.location[0].startswith("state/")


def emit(ctx: Context, events: list[EventRec],
         refs: dict[int, list[EventRec]] | None = None) -> dict[int, str]:
    """Write merged events as entities and facts; returns id(candidate) -> event key.

    `refs` (sentence index -> the events it names, by name or as "the summit") tells
    which sentences speak of each event.
    """
    ex = ctx.ex
    for i, named in (refs or {}).items():
        for ev in named:
            if ctx.sentences[i].span not in ev.stated_in:
                ev.stated_in.append(ctx.sentences[i].span)
    keys: dict[int, str] = {}
    for ev in events:
        year = ev.start[0][:4] if ev.start else ""
        base = slug(ev.label)
        key = f"event/{base}" if not year or year in base else f"event/{base}-{year}"
        keys[id(ev)] = key
        # A name printed with an en dash ("Asia–Germany") is also written with a hyphen.
        dashed = [n.replace("–", "-").replace("—", "-")
                  for n in (ev.label, *ev.aliases) if "–" in n or "—" in n]
        ex.entity(key, ev.cls, ev.label, aliases=[*ev.aliases, *dashed])
        ex.mention(key, ev.span)
        for actor, span in ev.participants.items():
            # a participant read from another sentence (the headline, the sentence before,
            # the summit a meeting was held at) is the reader's inference, marked as one
            ex.fact(key, KG.participant, actor, span, inferred=not ev.stated_here(span))
        if ev.location:
            ex.fact(key, KG.location, ev.location[0], ev.location[1])
        if ev.start:
            ex.fact(key, KG.startDate, dates.to_literal(ev.start[0]), ev.start[1])
        if ev.end and ev.end[0] != (ev.start[0] if ev.start else None):
            ex.fact(key, KG.endDate, dates.to_literal(ev.end[0]), ev.end[1])
        status = event_status(ev, ctx.doc.published)
        if status:
            ex.fact(key, KG.eventStatus, Literal(status), ev.span)
    return keys


_CALLED_OFF = re.compile(r"\b(?:postponed|cancell?ed|called\s+off|put\s+off)\b", re.I)
_TO_COME = re.compile(
    r"\b(?:will|shall)\s+(?:also\s+)?(?:host|hold|visit|take\s+place|travel|attend|meet|be\s+held|"
    r"gather|convene|chair|pay)\b|\b(?:is|are)\s+(?:scheduled|expected|set|due|slated|planned|"
    r"going)\s+to\b|\b(?:upcoming|forthcoming)\b|\bplans?\s+to\s+(?:host|hold|visit|meet)\b|"
    r"\barrangements?\s+to\s+host\b|\bto\s+be\s+held\b|\bcould\s+take\s+place\b|"
    r"\bpreparing\s+(?:to\s+host|for)\b|\binvited\b", re.I)
_DONE = re.compile(r"\b(?:was|were)\s+held\b|\btook\s+place\b|\b(?:held|met|visited|hosted|"
                   r"attended|chaired|gathered|convened|discussed|signed|adopted)\b", re.I)


def event_status(ev: EventRec, published: str | None) -> str | None:
    """"held", "planned" or "postponed" as the text reports the event: a date after the
    source's own says planned and one before it held; without a telling date, the words
    of the sentence that names it decide. None when nothing tells."""
    text = ev.sentence.text
    if _CALLED_OFF.search(text):
        return "postponed"
    if ev.start and published:
        n = min(len(ev.start[0]), len(published))
        if ev.start[0][:n] > published[:n]:
            return "planned"
        if ev.start[0][:n] < published[:n]:
            return "held"
    if _TO_COME.search(text):
        return "planned"
    if _DONE.search(text):
        return "held"
    return None
