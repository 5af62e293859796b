"""Finding events: named summits and forums, visits, talks and meetings between people.

Each finder reads one sentence and returns candidates (`EventRec`); `find` merges them,
resolves "the summit" / "the event" to the event meant, and adds participants that
later sentences name ("In attendance were ...", "The moderator, ...").
"""
from __future__ import annotations

import re

from kazgraph.loaders.evrec import EventRec, merge, same_event
from kazgraph.loaders.model import Sentence, Span
from kazgraph.loaders.relctx import (ACTOR_CLASSES, PERSON_CLASSES, PLACE_CLASSES, Context,
                                     clause, clean_name)

_ORD = (r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
        r"twelfth|\d+(?:st|nd|rd|th)")
_HEADS = {"summit": "Summit", "forum": "Forum", "conference": "Conference",
          "congress": "Conference", "expo": "Exhibition", "exhibition": "Exhibition",
          "meeting": "Meeting", "meetings": "Meeting", "session": "Meeting",
          "dialogue": "Meeting", "talks": "Talks", "negotiations": "Talks",
          "consultations": "Talks", "process": "Talks", "games": "Event", "days": "Event",
          "week": "Event", "festival": "Event", "debate": "Event"}
_CAPW = r"(?:[A-Z][\w’'+&.-]*|[A-Z0-9]+\+\d)"
# "Astana International Forum (AIF) 2025", "Congress of Leaders of World ... Religions"
_NAMED = re.compile(
    rf"(?:\b(?P<ord>{_ORD})\s+)?(?P<pre>(?:{_CAPW}\s+(?:(?:of|and|for|on|the|-)\s+)*){{0,7}})"
    r"(?P<head>Summit|Forum|Conference|Congress|Expo|EXPO|Exhibition|Meetings?|Session|"
    r"Dialogue|Games|Days|Week|Festival|Process|Debate)\b"
    rf"(?P<post>\s+(?:of|on|for)\s+(?:the\s+)?{_CAPW}(?:\s+(?:(?:of|and|on|in|the)\s+)*"
    rf"{_CAPW})*)?(?:\s+\((?P<abbr>[A-Z][A-Za-z0-9+-]+)\))?(?:\s+(?P<year>(?:19|20)\d\d)\b)?")
_DETERMINERS = {"The", "This", "That", "A", "An", "At", "In", "On", "During", "Its", "Their",
                "His", "Her", "And", "Of", "For", "the", "of", "and", "for", "on", "-",
                "After", "Before", "Since", "Under", "By", "From", "With", "Speaking",
                "Ahead", "Upcoming", "Annual", "Last", "Next", "Recent"}
# "Azerbaijani-Armenian talks", "EU-Central Asia ministerial meeting", "C5+1 summit"
_COMPOUND = re.compile(
    r"(?P<name>(?:[A-Z][\w+.]*(?:\s+[A-Z][\w+.]*)*(?:\s+\([A-Z0-9+]+\))?\s*[-–—]\s*)+"
    r"[A-Z][\w+.]*(?:\s+[A-Z][\w+.]*)*(?:\s+(?:countries|states|nations))?|[A-Z]+\d\+\d)"
    r"['’]?\s+(?P<mod>(?:ministerial|presidential|leaders['’]?|high-level|peace|trilateral|"
    r"foreign ministers['’]?|ministerial-level)\s+)?"
    r"(?P<head>summit|talks|meeting|forum|dialogue|negotiations|consultations)\b")
# "first summit with five Central Asian countries", "24th summit of heads of state"
_ORDINAL = re.compile(
    rf"\b(?P<name>(?:(?:{_ORD}|historic|inaugural)\s+)+(?P<head>summit|meeting|session|round)"
    r"\s+(?:with|between|of|under)\s+[^,.;:()]{3,70}?)"
    r"(?=\s+(?:which|that|in|on|at|to|will|was|is|next|this|last|as|held|could|would)\b|"
    r"[,.;:()]|$)")
_VISIT = re.compile(
    r"\b(?P<adj>(?:(?:first|upcoming|forthcoming|recent|historic|two-day|three-day|"
    r"official|state|working|personal|landmark)\s+)*)visit\s+(?P<prep>to|of)\s+")
_PAIR = re.compile(
    r"\b(?:(?:held|hold|holds|had)\s+)?(?:(?:a|an|bilateral|separate|official|phone|"
    r"telephone|high-level|one-on-one|face-to-face)\s+)*(?P<kw>talks|meeting|"
    r"phone call|telephone conversation|phone conversation|conversation|negotiations|"
    r"met|meets|meet)\s+(?P<prep>with|between)?")
_BACKREF = re.compile(r"\b(?:the|this|that|last week['’]s|last month['’]s|this week['’]s|"
                      r"the recent)\s+(summit|forum|meeting|conference|congress|event|visit|"
                      r"expo|exhibition|games|talks)\b", re.IGNORECASE)
_CUE = re.compile(r"\b(?:in attendance|attended|attending|participants?|participat\w+|"
                  r"brought together|gathering of|took part|moderator|moderated|chaired|"
                  r"co-chaired|delegations?)\b", re.IGNORECASE)
_TITLE_GAP = re.compile(r"^(?:['’]s?)?(?:\s+(?:[a-z][\w-]*|President|Prime|Minister|Foreign|"
                        r"Chancellor|King|Emir|Premier|Vice|Deputy|Secretary-General)"
                        r"(?:['’]s?)?){0,5}\s+$")


def _actors(ctx: Context, span: Span) -> list:
    """Actor mentions in `span`, leaving out the outlets that report the news."""
    outlets = [i.outlet_span for i in ctx.doc.items if i.outlet_span]
    return [m for m in ctx.mentions(span, ACTOR_CLASSES)
            if not any(o.start <= m.span.start < o.end for o in outlets)]


def _location(ctx: Context, sentence: Sentence, span: Span, around: Span) -> tuple | None:
    """The place after "in"/"at" following the event, or a state said to host it."""
    for m in ctx.mentions(around, PLACE_CLASSES | {"State"}):
        if m.span.start >= span.end:
            gap = ctx.doc.text[span.end:m.span.start]
            if re.search(r"\b(?:in|at)\s+(?:the\s+)?$", gap) and len(gap) < 60:
                return m.key, m.span
        elif m.span.end <= span.start:
            gap = ctx.doc.text[m.span.end:span.start]
            if re.match(r"^\s+host(?:s|ed|ing)?\s+(?:the\s+|its\s+|a\s+)?", gap) \
                    and len(gap) < 25:
                return m.key, m.span
    first = ctx.text(span).split()[0] if ctx.text(span).split() else ""
    for key, entity in ctx.ex.entities.items():
        if entity.cls == "City" and entity.label == first:
            return key, Span(span.start, span.start + len(first))
    return None


def _dated(ctx: Context, ev: EventRec, sentence: Sentence, around: Span) -> None:
    for d in ctx.event_dates(sentence, ev.span.start):
        if around.start <= d.span.start < around.end and not (
                ev.span.start <= d.span.start < ev.span.end and d.end_iso and len(d.iso) == 4):
            ev.set_dates(d)
            return


def _named(ctx: Context, sentence: Sentence) -> list[EventRec]:
    found = []
    base = sentence.span.start
    for rx in (_NAMED, _COMPOUND, _ORDINAL):
        for m in rx.finditer(sentence.text):
            text, start = m.group(), m.start()
            if rx is _NAMED:
                words = m.group("pre").split()
                skip = 0
                while skip < len(words) and words[skip] in _DETERMINERS:
                    skip += 1
                kept = words[skip:]
                if not kept and not m.group("post"):
                    continue
                start = m.start("pre") + len(" ".join(words[:skip])) + (1 if skip else 0)
                if kept and m.group("ord") and skip == 0:
                    start = m.start()
                elif not kept and m.group("ord"):
                    start = m.start()
                text = sentence.text[start:m.end()]
            span = Span(base + start, base + m.end())
            if any(o.span.start <= span.start and span.end <= o.span.end
                   for o in ctx.mentions(span, {"InternationalOrganization"})):
                continue  # "Conference on Interaction ... in Asia" is a body, not an event
            abbr = m.groupdict().get("abbr")
            label = clean_name(re.sub(r"\s*\([A-Za-z0-9+-]+\)", "", text))
            head = m.group("head").lower()
            ev = EventRec(_HEADS.get(head, "Event"), label[:1].upper() + label[1:], span,
                          sentence)
            if abbr:
                ev.aliases.add(abbr)
            ev.name_actors = {x.key for x in ctx.mentions(span, {"State",
                                                                 "InternationalOrganization"})}
            around = clause(ctx, sentence, span)
            for a in _actors(ctx, around):
                ev.add_participant(a.key, a.span)
            ev.location = _location(ctx, sentence, span, around)
            _dated(ctx, ev, sentence, around)
            if ev.start is None and m.groupdict().get("year"):
                ev.start = (m.group("year"), span)
            found.append(ev)
    return _drop_overlaps(found)


def _drop_overlaps(found: list[EventRec]) -> list[EventRec]:
    found.sort(key=lambda e: (e.span.start, -(e.span.end - e.span.start)))
    kept: list[EventRec] = []
    for ev in found:
        if kept and ev.span.start < kept[-1].span.end:
            continue
        kept.append(ev)
    return kept


def _person_states(ctx: Context, person) -> list:
    """A person's state: the entity stage's `represents`, else a demonym just before."""
    held = ctx.represents(person.key)
    if held:
        return held
    window = Span(max(0, person.span.start - 30), person.span.start)
    near = [m for m in ctx.mentions(window, {"State"})
            if re.fullmatch(r"[\sA-Z][\w\s-]*", ctx.doc.text[m.span.end:person.span.start] or " ")]
    return [near[-1].key] if near else []


def _visits(ctx: Context, sentence: Sentence) -> list[EventRec]:
    found = []
    base = sentence.span.start
    for m in _VISIT.finditer(sentence.text):
        kw = Span(base + m.start(), base + m.end())
        adj = m.group("adj")
        cls = ("StateVisit" if "state" in adj else "OfficialVisit" if "official" in adj
               else "WorkingVisit" if "working" in adj else "Visit")
        actors = ctx.mentions(sentence.span, ACTOR_CLASSES)
        visitor = None
        rest = kw.end
        if m.group("prep") == "of":
            to = re.search(r"\s+to\s+", sentence.text[m.end():m.end() + 90])
            if not to:
                continue
            seg = Span(kw.end, kw.end + to.start())
            inside = [a for a in actors if seg.start <= a.span.start < seg.end]
            people = [a for a in inside if ctx.cls(a.key) in PERSON_CLASSES]
            visitor = people[0] if people else (inside[0] if inside else None)
            rest = kw.end + to.end()
        else:
            before = [a for a in actors if a.span.end <= kw.start and
                      _TITLE_GAP.match(ctx.doc.text[a.span.end:kw.start])]
            if before:
                visitor = before[-1]
            elif re.search(r"\b(?:his|her)\s+(?:[a-z-]+\s+)*$", ctx.doc.text[kw.start - 30:kw.start]
                           if kw.start >= 30 else ""):
                people = [a for a in actors if ctx.cls(a.key) in PERSON_CLASSES
                          and a.span.end <= kw.start]
                visitor = people[0] if people else None
        if visitor is None:
            continue
        dests = []
        for d in ctx.mentions(Span(rest, sentence.span.end), PLACE_CLASSES | {"State"}):
            gap = ctx.doc.text[(dests[-1].span.end if dests else rest):d.span.start]
            if (not dests and re.fullmatch(r"(?:the\s+)?", gap)) or \
                    (dests and re.fullmatch(r",?\s*(?:and\s+)?(?:the\s+)?", gap)):
                dests.append(d)
            else:
                break
        vstates = []
        if ctx.cls(visitor.key) in PERSON_CLASSES:
            vstates = _person_states(ctx, visitor)
            who = ctx.label(visitor.key)
        else:
            vstates = [visitor.key] if ctx.cls(visitor.key) == "State" else []
            who = clean_name(re.sub(r"['’]s?\s*$", "", ctx.doc.text[visitor.span.start:kw.start]
                                    .replace(m.group("adj"), "").strip()))
            who = re.sub(r"['’]s?$", "", who).strip()
        for d in dests:
            kind = {"StateVisit": "State visit", "OfficialVisit": "Official visit",
                    "WorkingVisit": "Working visit"}.get(cls, "Visit")
            ev = EventRec(cls, f"{kind} of {who} to {ctx.label(d.key)}",
                          Span(min(visitor.span.start, kw.start), d.span.end), sentence, "visit")
            ev.visitor = visitor.key
            dest_state = d.key if ctx.cls(d.key) == "State" else ctx.country_of(d.key)
            ev.destination = dest_state or d.key
            ev.add_participant(visitor.key, visitor.span)
            for s in vstates:
                ev.add_participant(s, visitor.span)
            if dest_state:
                ev.add_participant(dest_state, d.span)
            ev.location = (d.key, d.span)
            _dated(ctx, ev, sentence, clause(ctx, sentence, ev.span))
            found.append(ev)
    return found


def _pairs(ctx: Context, sentence: Sentence) -> list[EventRec]:
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
        after = [p for p in people if end <= p.span.start < end + (150 if prep == "between"
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
            for s in _person_states(ctx, p):
                ev.add_participant(s, p.span)
        around = clause(ctx, sentence, span)
        ev.location = _location(ctx, sentence, span, around)
        _dated(ctx, ev, sentence, around)
        found.append(ev)
    return found


def find(ctx: Context) -> tuple[list[EventRec], dict[int, list[EventRec]]]:
    """Merged events of the document, and for each sentence index the events it names."""
    merged: list[EventRec] = []
    refs: dict[int, list[EventRec]] = {}
    for i, sentence in enumerate(ctx.sentences):
        for cand in _named(ctx, sentence) + _visits(ctx, sentence) + _pairs(ctx, sentence):
            target = next((ev for ev in merged if same_event(ev, cand, ctx)), None)
            if target is None:
                merged.append(cand)
                target = cand
            else:
                merge(target, cand)
            if target not in refs.setdefault(i, []):
                refs[i].append(target)
    last_in_item: dict = {}
    for i, sentence in enumerate(ctx.sentences):
        named_here = list(refs.get(i, []))
        for m in _BACKREF.finditer(sentence.text):
            noun = m.group(1).lower()
            wanted = None if noun == "event" else _HEADS.get(noun, "Visit")
            target = _latest(merged, refs, i, wanted)
            if target and target not in named_here:
                named_here.append(target)
                refs.setdefault(i, []).append(target)
        current = named_here[-1] if named_here else last_in_item.get(sentence.item)
        starts_with_ref = bool(re.match(r"\s*(?:The|This)\s+(?:event|summit|forum|"
                                        r"conference|congress|meeting)\b", sentence.text))
        if current and (_CUE.search(sentence.text) or starts_with_ref) and \
                current.kind == "named":
            for a in _actors(ctx, sentence.span):
                current.add_participant(a.key, a.span)
        if current:
            last_in_item[sentence.item] = current
    return merged, refs


def _latest(merged: list[EventRec], refs: dict, upto: int, cls: str | None) -> EventRec | None:
    for i in range(upto - 1, -1, -1):
        for ev in reversed(refs.get(i, [])):
            if cls is None or ev.cls == cls or (cls == "Visit" and ev.kind == "visit"):
                return ev
    return None
