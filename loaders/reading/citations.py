"""How a digest item cites its source: the outlet, the date next to it, the authors.

>>> body = "The Harbour Gazette reported on May 3, citing officials. It said talks went well."
>>> hit = best_hit(body)
>>> hit.name, hit_date(body, hit, "2020-05-20").iso
('The Harbour Gazette', '2020-05-03')
>>> authors("An op-ed by Dr. Ana Ribeiro and Tomas Berg argues ...", None)
['Ana Ribeiro', 'Tomas Berg']
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from kazgraph.loaders.reading import outlets
from kazgraph.loaders.text.dates import DateMatch, find_dates, parse_date
from kazgraph.loaders.model import Span
from kazgraph.loaders.text.sentences import split_sentences


def best_hit(body: str) -> outlets.OutletHit | None:
    """The outlet cited in the first paragraph that cites one (strong cues first); a weak
    cue ("according to X") counts only in the item's first paragraph."""
    offset, n = 0, 0
    for para in body.split("\n"):
        n += bool(para.strip())
        hits = [h for h in outlets.find_outlets(para) if h.strength >= 1 or n == 1]
        if hits:
            h = hits[0]
            return outlets.OutletHit(h.name, h.start + offset, h.end + offset,
                                     h.phrase_end + offset, h.strength)
        offset += len(para) + 1
    return None


_GAP_OK = re.compile(r"^(?:,?[^,;:.“”\"]*?\b(?:on|dated)\s+|[’']s\s+)$")
_BEFORE_OK = re.compile(r"^\s*(?:(?:article|piece|op-ed|opinion|report|story|editorial|"
                        r"column|interview|essay)\s+)?(?:(?:was\s+)?published\s+)?"
                        r"(?:by|in|for|from)\s+(?:the\s+)?$")
_APPOSITION = re.compile(r"^,\s+(?:an?|the|one)\s[^,;“”\"]{3,160}?,")
_ABBREV = re.compile(r"\b(?:[A-Z]|Dr|Mr|Mrs|Ms|Prof|St|Jr|Sr)\.")
_WEEKDAY = re.compile(r"\bon\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?"
                      r"\s+$")
_TOPIC = re.compile(r"\b(?:about|covering|discussing|regarding|concerning|on how|that|"
                    r"which|when|where|after|before|during|at|held|titled)\b")


def hit_date(body: str, hit: outlets.OutletHit, published: str | None) -> DateMatch | None:
    """The date written next to an outlet citation ("... on May 3"), or None."""
    relative = _relative_day(body, hit, published)
    if relative:
        return relative
    para = body.rfind("\n", 0, hit.start) + 1
    end = body.find("\n", hit.phrase_end)
    end = len(body) if end < 0 else end
    start = para
    for a, b in split_sentences(body[para:end]):
        if para + a <= hit.start < para + b:
            start = para + a
    for d in find_dates(body[start:end], published=published, offset=start):
        if d.relative or len(d.iso) == 4:
            continue
        if d.span.end <= hit.start:
            between = body[d.span.end:hit.start]
            if hit.start - d.span.end < 40 and _BEFORE_OK.match(between):
                return _not_after(d, body, published)
            continue
        gap = body[hit.end:d.span.start] if d.span.start < hit.phrase_end \
            else body[max(hit.end, hit.phrase_end):d.span.start]
        gap = _APPOSITION.sub("", gap)
        gap = _WEEKDAY.sub("on ", _ABBREV.sub("X", gap))  # "by Dr. J. Lee on Monday, May 3"
        if len(gap) <= 80 and _GAP_OK.match(gap) and not _TOPIC.search(gap[:-3]):
            return _not_after(d, body, published)
        if d.span.start > hit.phrase_end:
            break  # only the first date after the citation can be its date
    return None


_RELATIVE_DAY = re.compile(r"\s*(?:on\s+)?(?:the\s+)?(?:(?P<n>next|following)\s+day|"
                           r"(?P<s>same)\s+day|a\s+day\s+later|that\s+day)\b")


def _relative_day(body: str, hit: outlets.OutletHit,
                  published: str | None) -> DateMatch | None:
    """"X reported the next day" / "on the same day": the day of the last date before."""
    m = _RELATIVE_DAY.match(body, max(hit.end, hit.phrase_end))
    if not m:
        return None
    para = body.rfind("\n", 0, hit.start) + 1
    days = [d for d in find_dates(body[para:hit.start], published=published, offset=para)
            if len(d.iso) == 10 and not d.relative]
    if not days:
        return None
    d = _not_after(days[-1], body, published)
    if not (m.group("s") or m.group().strip().endswith("that day")):
        d = replace(d, iso=(date.fromisoformat(d.iso) + timedelta(days=1)).isoformat())
    return replace(d, span=Span(m.start(), m.end()))


def _not_after(d: DateMatch, body: str, published: str | None) -> DateMatch:
    """A piece is published before the digest that reports it: no forward year."""
    iso = parse_date(body[d.span.start:d.span.end], published=published)
    return replace(d, iso=iso) if iso else d


_TITLE = (r"(?:(?:President|Prime|Minister|Foreign|Affairs|Deputy|Ambassador|Dr\.?|Prof\.?|"
          r"Professor|Senator|Chairman|Director|Secretary|General|Mr\.?|Ms\.?|Mrs\.?|Kazakh|"
          r"Vice|Chief|Executive|CEO|Head|Former|Senior|Analyst|Journalist|Expert|Editor|"
          r"Economy|Trade|Finance|Energy|Defense|Defence|of|the|[A-Z][a-z]+’s|[A-Z][a-z]+'s)"
          r"\s+)*")
_UP = outlets.UPPER
_PERSON = rf"(?P<a>[{_UP}][\w’'-]+(?:\s+(?:[A-Z]\.\s+)?[{_UP}][\w’'-]+){{1,3}})"
_KINDS = r"(?:article|piece|op-ed|opinion piece|column|essay|commentary|editorial|analysis)"
_AUTHOR = [re.compile(p) for p in [
    rf"\b{_KINDS}\s+(?:published\s+)?(?:on\s+[A-Z][a-z]+\.?\s+\d{{1,2}}\s+)?(?:by|of)\s+"
    rf"(?:(?:(?!the\b)[a-z]+|[A-Z][a-z]+(?:an|ese|ish|i|ek|ik|kh|yz|en|ch))\s+){{0,4}}"
    rf"{_TITLE}{_PERSON}",
    rf"\b(?:authored|written|penned|co-authored)\s+by\s+{_TITLE}{_PERSON}",
    rf"{_TITLE}{_PERSON}\s+(?:writes|wrote|argues)\s+in\s+(?:an?|his|her|their|the)\s+"
    rf"(?:[\w-]+\s+){{0,2}}{_KINDS}",
    # "writes Ana Berg in an op-ed", "argue Ana Berg and Tomas Ruiz in an article for ..."
    rf"\b(?:writes|wrote|argues?|notes?|says?|claims?|suggests?|believes?)\s+{_TITLE}{_PERSON}"
    rf"(?:\s+and\s+{_TITLE}{_PERSON.replace('?P<a>', '?P<b>')})?"
    rf"\s+in\s+(?:an?|his|her|their)\s+(?:[\w-]+\s+){{0,2}}{_KINDS}\b",
    rf"\bAs\s+{_PERSON}\s+(?:states|writes|notes|argues|points out)\s+in\s+(?:his|her|their)",
    rf"\b(?:analysts?|experts?|journalists?|researchers?|authors?|scholars?|columnists?|"
    rf"correspondents?)\s+{_PERSON}\s+(?:discusses|argues|writes|notes|analy[sz]es|"
    rf"examines|explores|believes)",
    rf"\bWriting\s+(?:for|in)\s+[^,]{{2,60}},\s+{_TITLE}{_PERSON}",
    rf"\b(?:his|her|their)\s+(?:[\w-]+\s+)?{_KINDS}\s+(?:for|in)\s+[^,]{{2,60}},\s+"
    rf"{_TITLE}{_PERSON}",
    rf"{_PERSON},\s+(?:writing|who writes)\s+(?:for|in)\b",
    rf"{_TITLE}{_PERSON}[’']s\s+(?:[\w-]+\s+)?{_KINDS}\s+(?:in|for)\b",
    # "Ana Berg published an op-ed in ..."
    rf"{_TITLE}{_PERSON}\s+(?:has\s+)?(?:published|wrote|penned|authored)\s+an?\s+"
    rf"(?:[\w-]+\s+)?{_KINDS}\s+(?:in|for)\b",
    # "writes Ana Berg, a fellow at the Lima Institute, in an op-ed for ..."
    rf"\b(?:writes|wrote)\s+{_TITLE}{_PERSON},\s+[^,;]{{3,200}}?,\s+in\s+(?:an?|his|her|their)\b",
]]
_AND_PERSON = re.compile(rf"\s+and\s+{_TITLE}{_PERSON}")
_TITLE_WORD = re.compile(r"\b(?:President|Minister|Ambassador|Secretary|Director|Chairman|"
                         r"Deputy|Foreign|Affairs|Senator|Professor|Head|Chief|General|"
                         r"Editor|Analyst|Expert|Journalist)\b")


def authors(body: str, outlet: str | None) -> list[str]:
    """Named authors of the piece, as written (titles dropped)."""
    found: list[str] = []
    head = "\n".join(body.strip().split("\n")[:3])
    for rx in _AUTHOR:
        for m in rx.finditer(head):
            names = [m.group("a").strip()]
            if m.groupdict().get("b"):
                names.append(m.group("b").strip())
            more = _AND_PERSON.match(head, m.end())
            if more:
                names.append(more.group("a").strip())
            for name in names:
                if _plausible_author(name, outlet) and name not in found:
                    found.append(name)
    return found


def _plausible_author(name: str, outlet: str | None) -> bool:
    """A person's name, not the outlet, an office or an institution."""
    if outlet and outlets.canonical(name) == outlet or outlets.known(name):
        return False
    if _TITLE_WORD.search(name) or re.search(r"[’']s\b", name):
        return False
    return not re.search(r"\b(?:Kazakhstan|Republic|Ministry|Institute|University|Agency|"
                         r"News|Times|Post|Council|Union|Organization|Center|Centre|"
                         r"Foundation|Group|Bank|Fund|Company)\b", name)
