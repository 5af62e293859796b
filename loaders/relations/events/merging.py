"""Event records compared again once a digest is read: earlier editions named by anaphora,
headline names by city, and intro names that only later mentions tie together.
"""
from __future__ import annotations

import re

from kazgraph.loaders.relations.events.records import EventRec, merge, same_event
from kazgraph.loaders.relations.events.surroundings import dated, location
from kazgraph.loaders.model import Span
from kazgraph.loaders.relations.context import Context, clause

ORD = (r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
        r"twelfth|\d+(?:st|nd|rd|th)")
# "the first (such meeting) was held in Berlin", "since 2018, when the first meeting took
# place in Astana": an earlier edition of the event just named
_EARLIER = re.compile(r"\b[Tt]he (?P<ord>first|previous|last) (?:such )?(?:one |edition |"
                      r"summit |meeting |forum |conference )?(?:was|had been) held\b|"
                      r"\b[Tt]he (?P<ord2>first) (?:such )?(?:summit|meeting|forum|conference|"
                      r"edition) (?:took|had taken) place\b")
_SINCE_WHEN = re.compile(r"\bsince\s+((?:19|20)\d\d),?\s+when\s+$")
_EDITION = re.compile(rf"^(?P<ord>{ORD})\s+", re.IGNORECASE)


def earlier_editions(ctx: Context, merged: list[EventRec], refs: dict) -> None:
    """"The second A-B summit took place in X. The first was held in Y last year": the
    first edition is an event of its own, with its own place and date."""
    for i, sentence in enumerate(ctx.sentences):
        m = _EARLIER.search(sentence.text)
        if m is None:
            continue
        near = [ev for j in (i, i - 1, i - 2) for ev in reversed(refs.get(j, []))
                if ev.kind == "named" and ev.span.start < sentence.span.start + m.start()
                and _EDITION.match(ev.label) and ctx.sentences[j].item == sentence.item]
        if not near:
            continue
        ev = near[0]
        edition = _EDITION.match(ev.label)
        if edition.group("ord").lower() in ("first", "1st") or (
                m.group("ord") or m.group("ord2")) != "first":
            continue
        span = Span(sentence.span.start + m.start(), sentence.span.start + m.end())
        first = EventRec(ev.cls, "First " + ev.label[edition.end():], span, sentence)
        first.name_actors = set(ev.name_actors)
        for key in ev.name_actors:
            first.add_participant(key, span)
        first.location = location(ctx, sentence, span, by_name=False)
        dated(ctx, first, sentence, clause(ctx, sentence, span))
        since = _SINCE_WHEN.search(sentence.text[:m.start()])
        if first.start is None and since:
            # "held annually since 2018, when the first meeting took place": in that year
            first.start = (since.group(1), Span(sentence.span.start + since.start(1),
                                                sentence.span.start + since.end(1)))
        if any(o.label == first.label for o in merged):
            continue
        merged.append(first)
        refs.setdefault(i, []).append(first)


def merge_again(ctx: Context, merged: list[EventRec], refs: dict) -> None:
    """Merge events found to be the same once every mention is read: "the summit of the
    Andean Community" of an intro and "its 10th summit", which a headline's wording had
    kept apart while they were read in order."""
    i = 0
    while i < len(merged):
        j = i + 1
        while j < len(merged):
            if merged[i].kind == merged[j].kind == "named" and \
                    same_event(merged[i], merged[j], ctx):
                merge(merged[i], merged[j])
                for named in refs.values():
                    if merged[j] in named:
                        named.remove(merged[j])
                        if merged[i] not in named:
                            named.append(merged[i])
                del merged[j]
            else:
                j += 1
        i += 1


def fold_place_names(merged: list[EventRec], refs: dict[int, list[EventRec]]) -> None:
    """"the Bergen summit" of a headline is the one summit of that kind the digest places
    in that city, even when the fuller name came first (before the place was known)."""
    for ev in list(merged):
        if not ev.only_place or ev.location is None:
            continue
        same = [o for o in merged if o is not ev and o.kind == "named" and o.cls == ev.cls
                and o.location and o.location[0] == ev.location[0]]
        if len(same) != 1:
            continue
        merge(same[0], ev)
        merged.remove(ev)
        for named in refs.values():
            if ev in named:
                named[named.index(ev)] = same[0]
                while named.count(same[0]) > 1:
                    named.reverse()
                    named.remove(same[0])
                    named.reverse()
