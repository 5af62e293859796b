"""Finding events: named summits and forums, visits, talks and meetings between people.

Each finder reads one sentence and returns candidates (`EventRec`); `find` merges them,
resolves "the summit" / "the event" to the event meant, and adds participants that
later sentences name ("In attendance were ...", "The moderator, ...").
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from kazgraph.loaders.relations.events import (attendance, ceremonies, gatherings, meetings,
                                               merging, visits)
from kazgraph.loaders.relations.events.merging import ORD as _ORD
from kazgraph.loaders.relations.events.records import EventRec, merge, same_event, signature
from kazgraph.loaders.relations.events.surroundings import (actors, dated, location,
                                                            travellers)
from kazgraph.loaders.model import Sentence, Span
from kazgraph.loaders.entities.people import HOME_STATE
from kazgraph.loaders.relations.context import (PERSON_CLASSES, PLACE_CLASSES, Context, clause,
                                     event_name, name_prefix)

_HEADS = {"summit": "Summit", "forum": "Forum", "conference": "Conference",
          "congress": "Conference", "expo": "Exhibition", "exhibition": "Exhibition",
          "meeting": "Meeting", "meetings": "Meeting", "session": "Meeting",
          "dialogue": "Meeting", "talks": "Talks", "negotiations": "Talks",
          "consultations": "Talks", "process": "Talks", "games": "Event", "days": "Event",
          "week": "Event", "festival": "Event", "debate": "Event"}
_NOT_MONTH = (r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d|\s*$))")
_CAPW = r"(?:[A-Z][\w’'+&.-]*|[A-Z0-9]+\+\d)"
# "Tallinn Digital Forum (TDF) 2025", "Congress of Mayors of European ... Capitals"
_NAMED = re.compile(
    rf"(?:\b(?P<ord>{_ORD})\s+)?(?P<pre>(?:{_CAPW}\s+(?:(?:of|and|the|-)\s+)*){{0,7}})"
    r"(?P<head>Summit|Forum|Conference|Congress|Expo|EXPO|Exhibition|Meetings?|Session|"
    r"Dialogue|Days|Process|Debate|summit|forum)\b"
    rf"(?P<post>\s+(?:of|on|for)\s+(?:the\s+)?{_NOT_MONTH}{_CAPW}"
    rf"(?:\s+(?:(?:of|and|on|in|the)\s+)*{_NOT_MONTH}{_CAPW})*)?"
    r"(?:\s+\((?P<abbr>[A-Z][A-Za-z0-9+-]+)\))?(?:[\s-]+(?P<year>(?:19|20)\d\d)\b)?")
# Words that make a capitalised name a body or an office rather than an event.
_BODY = re.compile(r"\b(?:Committee|Council|Commission|Organi[sz]ation|Party|Ministry|Agency|"
                   r"Chairman|Chair|Secretary|Director|Speaker|Member|Head|Office)\b")
_HOSTED = {"Summit", "Forum", "Talks", "Meeting"}
_REGION = re.compile(r"\bCentral Asian?\b|\bC5\b|\bC5\+1\b")
_DETERMINERS = {"The", "This", "That", "A", "An", "At", "In", "On", "During", "Its", "Their",
                "His", "Her", "And", "Of", "For", "the", "of", "and", "for", "on", "-",
                "After", "Before", "Since", "Under", "By", "From", "With", "Speaking",
                "Ahead", "Upcoming", "Annual", "Last", "Next", "Recent"}
# "Azerbaijani-Armenian talks", "EU-Central Asia ministerial meeting", "C5+1 summit"
_COMPOUND = re.compile(
    r"(?P<name>(?:[A-Z][\w+.]*(?:\s+[A-Z][\w+.]*)*(?:\s+\([A-Z0-9+]+\))?\s*[-–—]\s*)+"
    r"[A-Z][\w+.]*(?:\s+[A-Z][\w+.]*)*(?:\s+(?:countries|states|nations))?|[A-Z]+\d\+\d)"
    r"['’]?\s+(?P<mod>(?:ministerial|presidential|leaders['’]?|high-level|peace|trilateral|"
    r"foreign ministers['’]?|ministerial-level|business|investment|economic|expert|"
    r"intergovernmental|strategic)\s+)?"
    r"(?P<head>[Ss]ummit|talks|[Mm]eeting|[Ff]orum|[Dd]ialogue|negotiations|consultations)\b")
# "the SCO summit", "the 16th BRICS summit": an organisation's name, then the kind of event
_AFTER_ORG = re.compile(r"^(?:\s+(?:informal|annual|jubilee|anniversary|extraordinary|"
                        r"ministerial|leaders['’]?|heads of state|business))?\s+"
                        r"(?P<head>summit|forum|ministerial meeting)\b(?!s)")
_SUMMIT_OF = re.compile(rf"\b(?P<name>(?:(?:{_ORD}|informal|extraordinary|jubilee)\s+)?"
                        r"(?P<head>[Ss]ummit|[Ff]orum)|(?:high-level|extraordinary|emergency|"
                        r"special|open|ministerial)\s+(?P<head2>meeting|session|debate))"
                        r"\s+of\s+(?:the\s+)?$")
_ORD_BEFORE = re.compile(rf"\b(?:{_ORD})\s+$")
# "COP29", the UN climate conferences
_COP = re.compile(r"\b(?P<head>COP)\d{1,2}\b")
# "first summit with five Central Asian countries", "24th summit of heads of state"
_ORDINAL = re.compile(
    rf"\b(?P<name>(?:(?:{_ORD}|historic|inaugural|informal|extraordinary|jubilee|anniversary)\s+)+"
    r"(?:(?P<head>summit)\s+(?:with|between|of|"
    r"under)\s+|(?P<head2>meeting|session|round)\s+(?:of|under)\s+(?:the\s+)?(?=[A-Z]))"
    r"[^,.;:()]{3,70}?)"
    r"(?=\s+(?:which|that|in|on|at|to|will|was|is|next|this|last|as|held|could|would|and|"
    r"took|opened|ended|closed|gathered|brought|drew|began|concluded|has|had|were|"
    r"the\s+(?:final|last|first|next))\b|"
    r"[,.;:()]|$)")
# "the meeting of the Kazakh-Kyrgyz Intergovernmental Council", "the next session of the
# Kazakh-Saudi intergovernmental commission": a sitting of a standing body of two or more
# states (an edition with an ordinal is found by _ORDINAL)
_BODY_MEETING = re.compile(
    r"\b[Tt]he\s+(?:(?:next|online|regular|joint|annual|plenary|extended|enlarged|expanded|"
    r"latest|recent|upcoming|extraordinary)\s+)*(?P<name>(?P<head>meeting|session|sitting)\s+"
    r"of\s+the\s+(?:(?:[A-Z][\w’'-]*|of|and|for|on)\s+){0,6}?"
    r"(?:[A-Z][\w’'-]*\s+(?:[Ii]ntergovernmental|[Jj]oint)\s+(?:[Cc]ouncil|[Cc]ommission|"
    r"[Cc]ommittee)|(?:Council|Commission|Committee))"
    r"(?:\s+(?:of|on|for)\s+(?:[A-Z][\w-]*|of|and|the)(?:\s+(?:[A-Z][\w-]*|of|and|the))*"
    r"(?<!\sthe)(?<!\sof)(?<!\sand))?)")
# "the conference titled “Strategic Partnership ...: Opening New Niches”"
_TITLED = re.compile(r"\b(?P<det>[Aa]n?|[Tt]he|[Ii]ts)\s+(?:[\w-]+\s+){0,3}?"
                     r"(?P<head>conference|forum|summit|round ?table|seminar|exhibition|"
                     r"congress|symposium|event)"
                     r",?\s+(?:titled|entitled|called|named|themed|dubbed)\s+"
                     r"[“\"‘'](?P<title>[^”\"’]{8,160})[”\"’']")
_BACKREF = re.compile(r"\b(?:the|this|that|last week['’]s|last month['’]s|this week['’]s|"
                      r"the recent)\s+(summit|forum|meeting|conference|congress|event|visit|"
                      r"expo|exhibition|games|talks)\b", re.IGNORECASE)
_CUE = re.compile(r"\b(?:in attendance|attended by|attending|participants\s+(?:were|included|"
                  r"from)|as (?:a )?(?:full )?participants?|brought together|gathering of|"
                  r"took part|moderator|moderated by|chaired by|co-chaired|"
                  r"arrived (?:at|for) the)\b", re.IGNORECASE)
# Cues that speak of the event only in the sentences right after it is named
_CUE_NEAR = re.compile(r"\b(?:attended|participated|signed by|hosted the (?:leaders|heads|"
                       r"delegations|guests|participants))\b", re.IGNORECASE)

def _named(ctx: Context, sentence: Sentence) -> list[EventRec]:
    """Named events ("the Tallinn Digital Forum") and described ones
    ("EU-Central Asia ministerial meeting", "first summit with five Central Asian states")."""
    found = _by_pattern(ctx, sentence) + _of_organisation(ctx, sentence) + _cop_or_titled(
        ctx, sentence)
    return _drop_overlaps(found)


def _by_pattern(ctx: Context, sentence: Sentence) -> list[EventRec]:
    """Events named by a head word with a name before it, a compound or an edition."""
    found = []
    base = sentence.span.start
    for rx in (_NAMED, _COMPOUND, _ORDINAL, _BODY_MEETING):
        for m in rx.finditer(sentence.text):
            start = m.start()
            if rx is _BODY_MEETING:
                start = m.start("name")
            elif rx is _NAMED:
                named = _name_start(ctx, sentence, m)
                if named is None:
                    continue
                start = named
            elif rx is _COMPOUND and re.search(r"[-–—]\s*(?:The|A|An)\s", m.group("name")):
                continue  # "KAZINFORM – The ... summit": a dash after a dateline, no compound
            elif rx is _COMPOUND and (before := _ORD_BEFORE.search(sentence.text[:start])):
                # "the second EU-Central Asia summit": the edition is part of the name
                start = before.start()
            stop = _name_end(ctx, sentence, m) if rx is _NAMED else m.end()
            text = sentence.text[start:stop]
            span = Span(base + start, base + stop)
            hg = "head" if m.group("head") else "head2"
            head = Span(base + m.start(hg), base + m.end(hg))
            if any(o.span.start <= head.start and head.end <= o.span.end
                   for o in ctx.mentions(span, {"InternationalOrganization"})):
                continue  # "Conference on Interaction ... in Asia" is a body, not an event
            abbr = m.groupdict().get("abbr") if stop == m.end() else None
            label = event_name(re.sub(r"\s*\([A-Za-z0-9+-]+\)", "", text))
            ev = EventRec(_HEADS.get(m.group(hg).lower(), "Event"),
                          label[:1].upper() + label[1:], span, sentence)
            if abbr:
                ev.aliases.add(abbr)
            ev.name_actors = {x.key for x in ctx.mentions(
                span, {"State", "InternationalOrganization"}, groups=False)}
            ev.sig = signature(ctx, ev)
            if m.groupdict().get("year") and stop == m.end():
                ev.start = (m.group("year"), span)
            ev.only_place = rx is _NAMED and hg == "head" and m.group("head").islower() and \
                all(ctx.cls(x.key) in PLACE_CLASSES for x in ctx.ex.mentions_in(span)) and \
                len(ctx.ex.mentions_in(span)) == len(ctx.text(span).split()) - 1
            found.append(ev)
    return found


_IN_MONTH = re.compile(r"\s+in\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b")


def _name_end(ctx: Context, sentence: Sentence, m: re.Match[str]) -> int:
    """Where a name ends: "the Forum for Cooperation in Beijing in October" is the
    "Forum for Cooperation", held in a city and a month the words after it tell."""
    if not m.group("post"):
        return m.end()
    base = sentence.span.start
    stop = m.end()
    month = _IN_MONTH.search(m.group("post"))
    if month:
        stop = m.start("post") + month.start()
    for city in ctx.mentions(Span(base + m.start("post"), base + stop), {"City"}):
        at = re.search(r"\s+in\s+$", sentence.text[m.start("post"):city.span.start - base])
        if at:
            return m.start("post") + at.start()
    return stop


def _name_start(ctx: Context, sentence: Sentence, m: re.Match[str]) -> int | None:
    """Where the name before an event's head word starts, or None if the words before it
    are no name ("Speaking at the summit", "the U.S. Congress")."""
    kept, first, skip = name_prefix(m.group("pre"), _DETERMINERS)
    if not kept and not m.group("post") and not (
            m.group("year") and m.group("head").lower() == "expo"):
        return None
    base = sentence.span.start
    if m.group("head").islower() and (not kept or m.group("post") or not all(
            w[:1].isupper() for w in kept) or any(
            ctx.cls(x.key) in PERSON_CLASSES for x in ctx.mentions(
                Span(base + m.start("pre"), base + m.end("pre")), PERSON_CLASSES))):
        return None  # "the Caspian summit" but not "Speaking at the summit"
    if _BODY.search(" ".join(kept)):
        return None  # "... National Committee of the ... Consultative Conference"
    if m.group("head") == "Congress" and not m.group("post") and len(kept) < 2:
        return None  # "the U.S. Congress" is a legislature
    start: int = m.start("pre") + (first if first is not None else len(m.group("pre")))
    if m.group("ord") and (skip == 0 or not kept):
        start = m.start()
    return start


def _of_organisation(ctx: Context, sentence: Sentence) -> list[EventRec]:
    """A summit or session of an organisation: "the SCO summit", "the summit of the
    Organization of Turkic States", "the 80th UN General Assembly"."""
    found = []
    for org in ctx.mentions(sentence.span, {"InternationalOrganization"}):
        after = _AFTER_ORG.match(ctx.doc.text[org.span.end:sentence.span.end])
        lead = _SUMMIT_OF.search(ctx.doc.text[sentence.span.start:org.span.start])
        if after:
            before = _ORD_BEFORE.search(ctx.doc.text[sentence.span.start:org.span.start])
            start = sentence.span.start + before.start() if before else org.span.start
            span, head = Span(start, org.span.end + after.end()), after.group("head")
        elif lead:  # "the summit of the Organization of Turkic States"
            span = Span(sentence.span.start + lead.start("name"), org.span.end)
            head = (lead.group("head") or lead.group("head2")).lower()
        elif re.search(r"Assembly$", org.text) and (before := _ORD_BEFORE.search(
                ctx.doc.text[sentence.span.start:org.span.start])):
            # "the 80th UN General Assembly": a session of it
            span, head = Span(sentence.span.start + before.start(), org.span.end), "session"
        else:
            continue
        label = event_name(ctx.text(span))
        ev = EventRec(_HEADS.get(head.split()[-1], "Summit"),
                      label[:1].upper() + label[1:], span, sentence)
        ev.name_actors = {org.key}
        ev.sig = signature(ctx, ev)
        found.append(ev)
    return found


def _cop_or_titled(ctx: Context, sentence: Sentence) -> list[EventRec]:
    """Climate conferences by number ("COP29") and events given a title in quotes."""
    found = []
    base = sentence.span.start
    for m in _COP.finditer(sentence.text):
        ev = EventRec("Conference", m.group(), Span(base + m.start(), base + m.end()), sentence)
        ev.sig = signature(ctx, ev)
        found.append(ev)
    for m in _TITLED.finditer(sentence.text):
        title = event_name(m.group("title"))
        if m.start() < 3 and m.group("det") == "The":
            continue  # "The forum, titled ...": another name of the forum just named
        span = Span(base + m.start("title"), base + m.end("title"))
        ev = EventRec(_HEADS.get(m.group("head").lower(), "Event"), title, span, sentence)
        ev.sig = signature(ctx, ev)
        found.append(ev)
    return found


def _fill(ctx: Context, ev: EventRec, others: list[EventRec]) -> None:
    """Participants, place and date of a named event from the text around it: its clause,
    cut where another event of the sentence is named; in a digest's introduction (a list
    of topics) only what its name and the words right after it say."""
    sentence = ev.sentence
    around = clause(ctx, sentence, ev.span)
    lo, hi = around.start, around.end
    for o in others:
        if o is ev:
            continue
        if o.span.end <= ev.span.start:
            lo = max(lo, o.span.end)
        elif o.span.start >= ev.span.end:
            hi = min(hi, o.span.start)
    intro = sentence.item is None and bool(ctx.doc.items)
    if intro:
        tail = re.search(r"\s(?:to|and)\s|[,;]", ctx.doc.text[ev.span.end:hi])
        lo, hi = ev.span.start, ev.span.end + (tail.start() if tail else hi - ev.span.end)
    sidelines = not intro and _SIDELINES.search(
        ctx.doc.text[max(sentence.span.start, ev.span.start - 40):ev.span.start])
    eve = sidelines and sidelines.group().lower().lstrip().startswith("on the eve")
    if sidelines:
        # "A and B signed ... in Lima on May 3, on the sidelines of the X": whoever acted
        # there took part in X, which was held in the same place at the same time
        lo = sentence.span.start
        said = re.search(r"\b(?:reported|wrote|said)\s+(?:on\s+[\w.]+\s+\d+\s+)?that\s+",
                         ctx.doc.text[lo:ev.span.start])
        lo += said.end() if said else 0
    window = Span(lo, hi)
    for a in actors(ctx, window):
        before = ctx.doc.text[max(0, a.span.start - 12):a.span.start]
        if ctx.cls(a.key) == "InternationalOrganization" and a.span.start >= ev.span.end \
                and re.search(r"\b(?:at|in)\s+(?:the\s+)?$", before):
            continue  # "held at the European Parliament": a venue, not a participant
        ev.add_participant(a.key, a.span)
        if ctx.cls(a.key) in PERSON_CLASSES:
            for state in ctx.person_states(a):
                ev.add_participant(state, a.span)
    if _REGION.search(ctx.text(ev.span)) and HOME_STATE in ctx.ex.entities:
        # the digests' home state is one of the region's states an event of the region joins
        ev.add_participant(HOME_STATE, ev.span)
    ev.location = location(ctx, sentence, ev.span) or ev.location
    for p in travellers(ctx, sentence, ev.span) if not intro else []:
        # "the visit that X will make to Astana for the summit": X takes part in it
        ev.add_participant(p.key, p.span)
        for state in ctx.person_states(p):
            ev.add_participant(state, p.span)
    if sidelines and ev.location is None:
        held = [m for m in ctx.mentions(Span(lo, ev.span.start), PLACE_CLASSES)
                if re.search(r"\b(?:in|in the (?:[A-Z][\w-]*\s+)?(?:city|capital) of)\s+$",
                             ctx.doc.text[max(0, m.span.start - 40):m.span.start])]
        ev.location = (held[-1].key, held[-1].span) if held else None
    if ev.location and ctx.cls(ev.location[0]) == "State" and ev.cls == "Summit":
        ev.add_participant(*ev.location)
    year = ev.start
    ev.start = None
    dated(ctx, ev, sentence, window)
    if eve and ev.start and len(ev.start[0]) == 10:
        # "signed on May 17, on the eve of the summit": the summit began the day after
        day = date.fromisoformat(ev.start[0]) + timedelta(days=1)
        ev.start, ev.end = (day.isoformat(), ev.start[1]), None
    if ev.start is None:
        ev.start = year


_SIDELINES = re.compile(r"\b(?:(?:on|at|along)\s+the\s+(?:sidelines|margins)|[Oo]n\s+the\s+eve)"
                        r"\s+of\s+(?:the\s+)?$")


def _drop_overlaps(found: list[EventRec]) -> list[EventRec]:
    found.sort(key=lambda e: (e.span.start, -(e.span.end - e.span.start)))
    kept: list[EventRec] = []
    for ev in found:
        if kept and ev.span.start < kept[-1].span.end:
            continue
        kept.append(ev)
    return kept


def find(ctx: Context) -> tuple[list[EventRec], dict[int, list[EventRec]]]:
    """Merged events of the document, and for each sentence index the events it names."""
    merged: list[EventRec] = []
    refs: dict[int, list[EventRec]] = {}
    for i, sentence in enumerate(ctx.sentences):
        named = _named(ctx, sentence)
        others = visits.find(ctx, sentence, lambda ev, around, s=sentence: dated(ctx, ev, s,
                                                                                 around))
        others += meetings.find(ctx, sentence) + ceremonies.find(ctx, sentence)
        named += gatherings.find(ctx, sentence)
        later = _next_edition(ctx, sentence, named)
        named += later
        for ev in named:
            _fill(ctx, ev, named + others)
            if ev in later:
                _as_before(ctx, ev, merged)
            elif _NEXT.search(ctx.doc.text[sentence.span.start:ev.span.start]):
                ev.upcoming = True
                ev.aliases.add("Next " + (ev.label[:1].lower() + ev.label[1:] if re.match(
                    r"(?:Meeting|Session|Summit|Forum|Conference|Talks)\b", ev.label)
                    else ev.label))
        named = [ev for ev in named if ev not in later or ev.location or ev.start]
        summary = _sums_up(ctx, sentence)
        for cand in named + others:
            cand.placed_in_summary = summary and cand.location is not None
            target = next((ev for ev in merged if same_event(ev, cand, ctx)), None)
            if target is None:
                merged.append(cand)
                target = cand
            else:
                merge(target, cand)
            if target not in refs.setdefault(i, []):
                refs[i].append(target)
    last_in_item: dict = {}
    last_seen: dict[int, int] = {}  # event -> the last sentence that names it
    aside: list[tuple[EventRec, EventRec]] = []  # (meeting, the event it was held beside)
    for i, sentence in enumerate(ctx.sentences):
        named_here = list(refs.get(i, []))
        aside += _beside(ctx, sentence, named_here)
        pointed: list[EventRec] = []  # talks or visits "the talks" refers back to
        for m in _BACKREF.finditer(sentence.text):
            noun = m.group(1).lower()
            wanted = None if noun == "event" else _HEADS.get(noun, "Visit")
            target = _latest(merged, refs, i, wanted,
                             later_too=bool(_AHEAD.search(sentence.text)))
            if target and target.kind == "pair":
                pointed.append(target)
            ref = Span(sentence.span.start + m.start(), sentence.span.start + m.end())
            if _BESIDE.search(ctx.doc.text[max(sentence.span.start, ref.start - 40):ref.start]):
                # "on the sidelines of the summit" may speak of a gathering named otherwise
                # ("the Consultative Meeting"): the last named event the item spoke of
                host = target if target and target.kind == "named" else _latest_named(
                    ctx, refs, i)
                aside += [(ev, host) for ev in named_here if ev.kind == "pair" and host]
            if target and target not in named_here:
                named_here.append(target)
                refs.setdefault(i, []).append(target)
                _fill_from_reference(ctx, target, sentence, Span(sentence.span.start + m.start(),
                                                                 sentence.span.start + m.end()))
        # the event a sentence's attendance words refer to: the last named event it names,
        # else the last one its item named (a visit or talks in between do not count)
        current = next((e for e in reversed(named_here) if e.kind == "named"),
                       last_in_item.get(sentence.item))
        starts_with_ref = bool(re.match(r"\s*(?:The|This)\s+(?:event|summit|forum|"
                                        r"conference|congress|meeting)\b", sentence.text))
        near = current is not None and (current in named_here or
                                        i - last_seen.get(id(current), i) <= 2)
        if _MEETINGS_ATTENDED.match(sentence.text):
            # "The meetings were attended by ...": each talks or meeting the item just told of
            pointed = [ev for j in range(max(0, i - 8), i) for ev in refs.get(j, [])
                       if ev.kind == "pair" and ctx.sentences[j].item == sentence.item]
            for ev in {id(ev): ev for ev in pointed}.values():
                for a in actors(ctx, sentence.span):
                    if ctx.cls(a.key) in PERSON_CLASSES:  # not the state an envoy is sent to
                        ev.add_participant(a.key, a.span)
        elif pointed and _CUE.search(sentence.text):
            # "The talks were attended by ...": those people took part in the talks
            for a in actors(ctx, sentence.span):
                pointed[0].add_participant(a.key, a.span)
        elif current and (_CUE.search(sentence.text) or starts_with_ref or (
                near and _CUE_NEAR.search(sentence.text))) and current.kind == "named":
            for a in actors(ctx, sentence.span):
                current.add_participant(a.key, a.span)
        elif current and current.kind == "named" and near:
            for a in attendance.group(ctx, sentence) or attendance.met_list(ctx, sentence):
                current.add_participant(a.key, a.span)
                if ctx.cls(a.key) in PERSON_CLASSES:
                    for state in ctx.person_states(a):
                        current.add_participant(state, a.span)
        if current and current.kind == "named":
            last_in_item[sentence.item] = current
        for ev in named_here:
            last_seen[id(ev)] = i
    attendance.follow_on(ctx, refs)
    merging.earlier_editions(ctx, merged, refs)
    merging.fold_place_names(merged, refs)
    merging.merge_again(ctx, merged, refs)
    for ev in merged:
        if ev.kind == "named" and ev.cls in _HOSTED and ev.location and ctx.cls(
                ev.location[0]) in PLACE_CLASSES and not any(
                ctx.cls(a) == "InternationalOrganization" for a in ev.name_actors):
            # the state whose city hosts a summit, forum or talks takes part as the host (a
            # conference or exhibition in a city need not involve that state, nor does the
            # seat of an organisation that hosts its own sessions)
            host = ctx.country_of(ev.location[0])
            if host and host in ctx.ex.entities:
                ev.add_participant(host, ev.location[1])
    _during_visits(ctx, merged)
    for ev, host in aside:
        # "On the sidelines of the summit, A met B": the meeting was held where and when
        # the summit was, unless the text says otherwise
        if ev.location is None and host.location:
            ev.location = host.location
        if ev.start is None and host.start:
            ev.start, ev.end = host.start, None
    _also_met(ctx, refs)
    for ev in merged:
        if ev.kind == "visit":
            attendance.hosts_during(ctx, ev)
    for named in refs.values():
        # "Lula's visit to Quito and the summit took place ...": a visit or meeting with no
        # date of its own happened in the month of the dated event its sentence names
        dated_here = [ev.start for ev in named if ev.start and len(ev.start[0]) >= 7
                      and ev.kind == "named"]
        for ev in named:
            if ev.start is None and dated_here and ev.kind != "named":
                iso, span = dated_here[0]
                ev.start = (iso[:7], span)
    return merged, refs


# "the next meeting of the commission", "its next summit", "the next C5+1 ministerial meeting"
_NEXT = re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+next\s+(?:[a-z][\w-]*\s+)?$")
_BESIDE = re.compile(r"\b(?:on|at|along)\s+the\s+(?:sidelines|margins)\s+of\s+(?:the\s+)?$",
                     re.IGNORECASE)


# "X also met with Y", "He also held talks with Z": another meeting of the same occasion
_ALSO = re.compile(r"\balso\s+(?:met|meets|held\s+(?:talks|a\s+meeting|meetings)|received|"
                   r"had\s+(?:talks|a\s+meeting))\b")


def _also_met(ctx: Context, refs: dict[int, list[EventRec]]) -> None:
    """A meeting "also" held by one who met someone just before, or named in the same
    sentence as another of theirs, took place where and when that meeting did, unless the
    text says otherwise."""
    last: dict = {}  # item -> the last talks or meeting it reported
    for i in sorted(refs):
        sentence = ctx.sentences[i]
        for ev in refs[i]:
            if ev.kind != "pair" or ev.sentence is not sentence:
                continue
            prev = last.get(sentence.item)
            if prev is not None and prev.pair & ev.pair and (
                    prev.sentence is sentence or _ALSO.search(sentence.text) and
                    ctx.sentences.index(prev.sentence) >= i - 8):
                # "A held talks with B and was received by C": one occasion
                if ev.location is None and prev.location:
                    ev.location = prev.location
                if ev.start is None and prev.start:
                    ev.start, ev.end = prev.start, prev.end
            last[sentence.item] = ev


# "The next ministerial meeting in this format will be held in Baku", "the next meeting of
# the intergovernmental commission is planned in Astana": an edition named only as the next
_NEXT_EDITION = re.compile(
    r"\b[Tt]he\s+next\s+(?P<name>(?:(?:ministerial|leaders['’]?|presidential|high-level|"
    r"foreign ministers['’]?)\s+)?(?P<head>summit|meeting|session|forum)"
    r"(?:\s+in\s+this\s+format|\s+of\s+the\s+(?:[a-z][\w-]*\s+){0,3}?(?:commission|council|"
    r"committee))?)\s+(?:will|would|is|was|could|should|be\b|planned|scheduled|expected|set|to be)")


def _next_edition(ctx: Context, sentence: Sentence, named: list[EventRec]) -> list[EventRec]:
    """Editions the sentence names only as "the next meeting" (the fuller names found
    otherwise)."""
    found = []
    base = sentence.span.start
    for m in _NEXT_EDITION.finditer(sentence.text):
        span = Span(base + m.start("name"), base + m.end("name"))
        if any(ev.span.start < span.end and span.start < ev.span.end for ev in named):
            continue
        words = re.sub(r"\s+in\s+this\s+format$", "", m.group("name"))
        ev = EventRec(_HEADS.get(m.group("head"), "Meeting"), "Next " + words, span, sentence)
        ev.upcoming = True
        ev.sig = signature(ctx, ev)
        found.append(ev)
    return found


def _as_before(ctx: Context, ev: EventRec, merged: list[EventRec]) -> None:
    """The states and bodies of the edition before, the one of its kind the item last
    named: the next meeting of a format gathers the same members."""
    item = ev.sentence.item
    before = [o for o in merged if o.kind == "named" and o.cls == ev.cls and not o.upcoming
              and o.sentence.item == item and o.span.start < ev.span.start]
    if not before:
        return
    for key, span in before[-1].participants.items():
        if ctx.cls(key) in ("State", "InternationalOrganization"):
            ev.add_participant(key, span)


def _beside(ctx: Context, sentence: Sentence,
            named_here: list[EventRec]) -> list[tuple[EventRec, EventRec]]:
    """"On the sidelines of the SCO summit, A met B": the meetings of the sentence and the
    named event they were held beside."""
    pairs = [ev for ev in named_here if ev.kind == "pair"]
    if not pairs:
        return []
    for host in named_here:
        if host.kind == "named" and host.sentence is sentence and _BESIDE.search(
                ctx.doc.text[max(sentence.span.start, host.span.start - 40):host.span.start]):
            return [(ev, host) for ev in pairs]
    return []


def _sums_up(ctx: Context, sentence: Sentence) -> bool:
    """Whether `sentence` is a headline or a digest's lead, which sum up what the items
    report."""
    if sentence.item is None:
        return True
    head = ctx.headline_span(sentence)
    return head is not None and head.start <= sentence.span.start < head.end


def _during_visits(ctx: Context, merged: list[EventRec]) -> None:
    """Talks between a visitor and a host take the visit's city (and date) when the
    text gives none: "Stubb met Noboa" during "Stubb's visit to Quito" (or during "the
    visit of the President of Finland to Ecuador"), but not talks held elsewhere: talks
    in Paris belong to the visit to France, not to the one invited to Kazakhstan."""
    for ev in merged:
        if ev.kind != "pair":
            continue
        held = ev.location and (ev.location[0] if ctx.cls(ev.location[0]) == "State"
                                else ctx.country_of(ev.location[0]))
        for visit in merged:
            if visit.kind != "visit" or (held and held != visit.destination):
                continue
            came = visit.visitor in ev.pair or (visit.visitor or "").startswith("state/") and \
                any(visit.visitor in ctx.represents(p) for p in ev.pair)
            if came and visit.destination in ev.participants:
                stay = visit.stay or visit.location
                if ev.location is None and stay and ctx.cls(stay[0]) != "State":
                    # talks are held in the city the visitor was in; a visit known only
                    # by its country does not say in which of its cities they met
                    ev.location = stay
                if ev.start is None and visit.start:
                    ev.start, ev.end = visit.start, visit.end
                break


def _fill_from_reference(ctx: Context, ev: EventRec, sentence: Sentence, ref: Span) -> None:
    """"The 89th edition of the event, held from Aug. 18 to 22": a date or place the
    event still lacks, from a sentence that refers back to it."""
    if ev.kind != "named":
        return
    if ev.start is None:
        probe = EventRec(ev.cls, ev.label, ref, sentence)
        dated(ctx, probe, sentence, clause(ctx, sentence, ref))
        ev.start, ev.end = probe.start, probe.end
    if ev.location is None:
        ev.location = location(ctx, sentence, ref, by_name=False)


def _latest_named(ctx: Context, refs: dict, upto: int) -> EventRec | None:
    """The last named event the item of sentence `upto` spoke of before it."""
    item = ctx.sentences[upto].item
    for i in range(upto - 1, -1, -1):
        if ctx.sentences[i].item != item:
            break
        for ev in reversed(refs.get(i, [])):
            if ev.kind == "named":
                return ev
    return None


_MEETINGS_ATTENDED = re.compile(r"\s*(?:The|Both|These)\s+(?:two\s+|bilateral\s+)?meetings\s+"
                                r"(?:were|have been)\s+(?:also\s+)?attended\s+by\b")
# A sentence that may speak of an edition still to come
_AHEAD = re.compile(r"\b(?:will|shall|would|next|upcoming|planned|to be held|expected)\b")


def _latest(merged: list[EventRec], refs: dict, upto: int, cls: str | None, *,
            later_too: bool = True) -> EventRec | None:
    """The last event of kind `cls` named before sentence `upto`; "the meeting" of a
    sentence that speaks of the past is not the next edition just announced."""
    for i in range(upto - 1, -1, -1):
        for ev in reversed(refs.get(i, [])):
            if ev.upcoming and not later_too:
                continue
            if cls is None or ev.cls == cls or (cls == "Visit" and ev.kind == "visit"):
                return ev
    return None
