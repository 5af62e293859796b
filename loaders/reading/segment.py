"""Splitting a digest into sentences and items; each item's headline, outlet, date, authors.

A digest is an intro and then items: a short headline line, then paragraphs that say
which outlet published the piece and when ("X published an article on May 3",
"..., reported X on May 3", "X: Headline" in some reviews, a "READ MORE: <url>" line
in others). `parse` finds this structure; `kazgraph.loaders.reading.digests` then turns each
item that names an outlet into an Article entity.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from kazgraph.loaders.reading import citations, outlets
from kazgraph.loaders.text.dates import find_dates, normalise_published
from kazgraph.loaders.model import Document, Item, Sentence, Span
from kazgraph.loaders.text.sentences import split_sentences
from kazgraph.loaders.reading.sources import RawDigest

_DATE_LINE = re.compile(r"\A\s*date\s+(\d{4}(?:-\d\d){0,2})\b[ \t]*\n?")
_CAPTION = re.compile(r"photo\s*(?:credit)?\s*:|\bcredit\s*:|^©|\bphoto by\b", re.IGNORECASE)
_BOILER = re.compile(r"^(?:READ MORE|Read also|Also read|See also|Get The|Sign up|Please|"
                     r"Subscribe|Share|Related|Source:|"
                     r"Tags?:|Follow us|Advertisement)", re.IGNORECASE)
_INTRO = re.compile(r"\b(?:digest|selected|selection of|a review of|review of|presents|"
                    r"media outlets covering|international media|foreign media|mass media|"
                    r"foreign press)\b", re.IGNORECASE)
# A line that points to other pages. Words that may open a sentence of news ("Related",
# "Recommended", "Latest") count only as a heading or before a colon or dash.
_POINTER = re.compile(r"(?:read\s+(?:also|more|next)|also\s+read|see\s+also)\b", re.IGNORECASE)
_HEADING = re.compile(r"(?:related(?:\s+(?:news|articles?|stories|posts|content|reading|topics?))?|"
                      r"more\s+(?:on\s+(?:this|the)\s+(?:topic|subject)|news|stories)|"
                      r"you\s+(?:may|might)\s+also\s+(?:like|be\s+interested(?:\s+in)?)|"
                      r"recommended(?:\s+for\s+you)?|most\s+(?:read|popular|viewed)|"
                      r"popular\s+(?:news|now)|latest\s+news|trending(?:\s+now)?)"
                      r"\s*(?:[:：]|\s[-–—]\s|[-–—]\s|$)", re.IGNORECASE)
_URL = re.compile(r"(?:READ MORE|Read the full (?:article|story)|Full (?:article|story)|"
                  r"Source):?\s*(https?://\S+)", re.IGNORECASE)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, without surrounding spaces."""
    found = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        if line.strip():
            lead = len(line) - len(line.lstrip())
            found.append((m.start() + lead, m.start() + len(line.rstrip())))
    return found


def _headline_like(line: str) -> bool:
    """A short line that reads like a title: no final full stop, not a caption."""
    words = line.split()
    if not 2 <= len(words) <= 28 or len(line) > 230:
        return False
    if line[-1] in ".,;:" and not line.endswith("..."):
        return False
    if _CAPTION.search(line) or _BOILER.match(line) or line.isupper():
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "“‘\"'"):
        return False
    return not re.search(r"\s[—–-]\s+[“\"]|https?://", line)


def _prefix_outlet(line: str, body: str, lenient: bool = False) -> tuple[str, int] | None:
    """'Harbour Gazette: Headline' -> (outlet, offset of the headline) when the prefix is an outlet.

    The prefix counts when the outlet is listed or the item's text cites it; `lenient`
    (other items of the digest have this shape) accepts any name that is not a place.
    """
    m = re.match(r"([^:]{2,60}?)\s*:\s*(?=\S)", line)
    if not m or len(m.group(1).split()) > 6:
        return None
    name = re.sub(r"\s*\([^)]*\)$", "", m.group(1).strip())  # "Outlet (USA): ..."
    if outlets.known(name):
        return outlets.canonical(name), m.end()
    hits = [h.name for h in outlets.find_outlets(body) if h.strength >= 1]
    if outlets.canonical(name) in hits:
        return outlets.canonical(name), m.end()
    if lenient and re.fullmatch(rf"(?:The\s+)?{outlets.WORD}(?:\s+{outlets.WORD}){{0,4}}", name) \
            and not outlets.is_place(name) and not re.search(r"\d", name):
        return outlets.canonical(name), m.end()
    return None


def parse(raw: RawDigest) -> Document:
    """Read the structure of a digest: sentences, items, outlets, dates, authors."""
    text = raw.text.replace("\r\n", "\n").replace("\r", "\n")
    published = normalise_published(raw.published)
    m = _DATE_LINE.match(text)
    if m:
        published = published or normalise_published(m.group(1))
        text = text[m.end():]
    doc = Document(text=text, source=raw.source, published=published, title=raw.title,
                   url=raw.url, publisher=getattr(raw, "publisher", None))
    if not published:
        doc.warnings.append(f"{raw.source}: no publication date; dates without a year "
                            "are left out")
    lines = _lines(text)
    nav = _navigation(text, lines)
    doc.navigation = [Span(*lines[i]) for i in sorted(nav)]
    heads: list[int] = []
    seen_body = False  # a body paragraph met: two title lines in a row are head + lead
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        if i in nav:
            continue
        if not _headline_like(line) or heads and heads[-1] == i - 1:
            seen_body = seen_body or len(line.split()) > 15
            continue
        nxt = text[lines[i + 1][0]:lines[i + 1][1]] if i + 1 < len(lines) else ""
        if nxt and _CAPTION.match(nxt):
            # a credit line under a headline's photo, or under a caption: a headline if an
            # item's body follows (not the digest's intro)
            after = text[lines[i + 2][0]:lines[i + 2][1]] if i + 2 < len(lines) else ""
            if _headline_like(after) or _INTRO.search(after) or not after:
                continue
        if not nxt:
            continue  # the last line
        if _headline_like(nxt) and not seen_body:
            continue  # the digest's title over another title line
        if _INTRO.search(nxt) and not heads and len(nxt.split()) > 15:
            doc.title = doc.title or line  # the digest's own title over its intro
            continue
        heads.append(i)
    # A review whose items read "Outlet: Headline" (one listed outlet shows the shape).
    lenient = sum(bool(re.match(r"([^:]{2,60}?)\s*:", text[s:e])
                       and outlets.known(text[s:e].split(":")[0]))
                  for s, e in (lines[i] for i in heads)) >= 1
    for n, i in enumerate(heads):
        start = lines[i][0]
        # the item ends where the last line before the next headline ends
        end = lines[heads[n + 1] - 1][1] if n + 1 < len(heads) else lines[-1][1]
        item = Item(index=n, span=Span(start, end))
        _describe(doc, item, lines[i], lenient)
        doc.items.append(item)
    if not any(item.outlet for item in doc.items):
        doc.items = _paragraph_items(doc, lines) or _single_article(doc, lines)
    starts = [item.span.start for item in doc.items]
    for n, (s, e) in enumerate(lines):
        if n in nav:
            continue
        k = bisect_right(starts, s) - 1  # the item a line falls in (lines never straddle)
        item = doc.items[k] if k >= 0 and s < doc.items[k].span.end else None
        for a, b in split_sentences(text[s:e]):
            doc.sentences.append(Sentence(Span(s + a, s + b), text[s + a:s + b],
                                          item.index if item else None))
    return doc


def _navigation(text: str, lines: list[tuple[int, int]]) -> set[int]:
    """Indexes of the lines that point to other pages: a "Read also: ..." or "Related
    news: ..." line, and a heading such as "Related articles" with the short title lines
    (no closing full stop) right under it."""
    found: set[int] = set()
    under_heading = False
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        m = _POINTER.match(line) or _HEADING.match(line)
        if m:
            found.add(i)
            under_heading = not line[m.end():].strip(" :：-–—")
        elif under_heading and (_headline_like(line) or re.fullmatch(r"https?://\S+", line)):
            found.add(i)
        else:
            under_heading = False
    return found


def _paragraph_items(doc: Document, lines: list[tuple[int, int]]) -> list[Item]:
    """Items of a digest without headlines: paragraphs that open by citing an outlet."""
    text = doc.text
    if not lines or not _INTRO.search(text[:800]):
        return []
    items: list[Item] = []
    for s, e in lines[1:]:
        para = text[s:e]
        first = split_sentences(para)[:1]
        hits = [h for h in outlets.find_outlets(para[:first[0][1]] if first else para)
                if h.strength >= 2]
        if not hits:
            continue
        hit = hits[0]
        item = Item(index=len(items), span=Span(s, e), outlet=hit.name,
                    outlet_span=Span(s + hit.start, s + hit.end))
        found = citations.hit_date(para, hit, doc.published)
        if found:
            item.published = found.iso
            item.published_span = Span(s + found.span.start, s + found.span.end)
        item.authors = citations.authors(para, item.outlet)
        items.append(item)
    return items


def _single_article(doc: Document, lines: list[tuple[int, int]]) -> list[Item]:
    """A lone news article: one item, published by the page's own outlet when known."""
    text = doc.text
    if not lines or _INTRO.search(text[:800]):
        return []
    publisher = doc.publisher and outlets.canonical(doc.publisher)
    if not publisher:
        m = re.search(r"\bGet (?:the )?([A-Z][\w ]{2,40}?) (?:stories|news|newsletter)\b",
                      text, re.IGNORECASE)
        publisher = m and outlets.known(m.group(1)) and outlets.canonical(m.group(1))
    if not publisher:  # a dateline: "LIMA (Andina) - ..."
        lead = text[lines[1][0]:] if len(lines) > 1 and \
            _headline_like(text[lines[0][0]:lines[0][1]]) else text
        m = re.match(r"\s*[A-Z][A-Z .’'-]{2,30}\s*\(([^()]{2,40})\)\s*[-–—]", lead)
        publisher = m and outlets.canonical(m.group(1))
    if not publisher:
        for m in re.finditer(r"\b(?:[\w-]+\.)+(?:com|kz|org|net|uz|kg|tj|asia|media)\b",
                             text):
            publisher = outlets.by_domain(m.group(), guess=False)
            if publisher:
                break
    if not publisher:
        return []
    s, e = lines[0]
    head = text[s:e] if _headline_like(text[s:e]) else doc.title
    item = Item(index=0, span=Span(0, len(text)), headline=head, outlet=publisher,
                published=doc.published)
    stamp = _lead_date(doc, e if text[s:e] == head else 0, len(text))
    if stamp:
        item.published, item.published_span = stamp.iso, stamp.span
    if head and text[s:e] == head:
        item.headline_span = Span(s, e)
    doc.publisher = doc.publisher or publisher
    return [item]


# "Published: November 7", "Date: 12.03.2024", "Posted on 4 April 2025" under a headline
_STAMP = re.compile(r"(?:Published|Posted|Updated|Date)(?:\s+on)?\s*:?\s+", re.IGNORECASE)
# "BAKU, Azerbaijan, August 24. By ...", "ASTANA, November 15. KAZINFORM –"
_DATELINE = re.compile(r"[A-Z][A-Z .’'-]{2,30}(?:,\s*[A-Z][\w .’'-]{2,30}?)?,\s+(?=\S)")


def _lead_date(doc: Document, start: int, end: int):
    """The date a piece carries at its top, within its first three lines: a stamp
    ("Published: November 7"), a line that is only a date ("29 November 2022"), or a
    dateline ("BAKU, Azerbaijan, August 24."). None when it carries none."""
    text = doc.text
    seen = 0
    for m in re.finditer(r"[^\n]+", text[start:min(end, start + 600)]):
        line, at = m.group().strip(), start + m.start() + (len(m.group()) - len(m.group().lstrip()))
        if not line:
            continue
        seen += 1
        if seen > 3:
            break
        lead = _STAMP.match(line) or _DATELINE.match(line)
        first = find_dates(line, published=doc.published, offset=at)
        if not first or first[0].relative or len(first[0].iso) < 7:
            continue
        d = first[0]
        lone = len(line) - (d.span.end - d.span.start) <= 12  # "April 4, 2025 10:30"
        if (lead and d.span.start - at == lead.end()) or (lone and d.span.start - at <= 2):
            if doc.published and d.iso > doc.published[:len(d.iso)]:
                continue  # a piece is not published after the page that carries it
            return d
    return None


def _describe(doc: Document, item: Item, head: tuple[int, int], lenient: bool) -> None:
    """Fill in an item's headline, outlet, publication date and authors."""
    text = doc.text
    hs, he = head
    body_start = he
    body = text[body_start:item.span.end]
    line = text[hs:he]
    prefix = _prefix_outlet(line, body, lenient)
    if prefix:
        item.outlet, cut = prefix
        item.outlet_span = Span(hs, hs + line.index(":"))
        hs += cut
    suffix = re.search(r"\s+[-–—|]\s+([^-–—|]{2,40})$", text[hs:he])
    if suffix and not item.outlet and outlets.known(suffix.group(1)):
        # "Headline – Outlet"
        item.outlet = outlets.canonical(suffix.group(1))
        item.outlet_span = Span(hs + suffix.start(1), he)
        he = hs + suffix.start()
    item.headline, item.headline_span = text[hs:he].strip(), Span(hs, he)
    url = _URL.search(body)
    if url:
        item.url = url.group(1).rstrip(".,;)")
    hit = None  # the citation of the outlet in the body, if any
    if not item.outlet and item.url:
        # a listed site's masthead; an unlisted one only when the text names no outlet
        item.outlet = outlets.by_domain(item.url, guess=False)
        if not item.outlet:
            hit = citations.best_hit(body)
            item.outlet = None if hit else outlets.by_domain(item.url)
    if not item.outlet_span and item.outlet and url:
        item.outlet_span = Span(body_start + url.start(1), body_start + url.end(1))
        para = text.rfind("\n", 0, body_start + url.start()) + 1
        dates = find_dates(text[para:body_start + url.start()], published=doc.published,
                           offset=para)
        if dates and dates[0].span.start - para < 12:
            item.published, item.published_span = dates[0].iso, dates[0].span
    if not item.outlet:
        hit = hit or citations.best_hit(body)
        if hit:
            item.outlet = hit.name
            item.outlet_span = Span(body_start + hit.start, body_start + hit.end)
    else:
        same = [h for h in outlets.find_outlets(body) if outlets.same(h.name, item.outlet)]
        hit = same[0] if same else None
        if hit and len(hit.name) > len(item.outlet):
            item.outlet = hit.name  # "Yonhap: ..." then "Yonhap News Agency reported"
    stamp = _lead_date(doc, body_start, item.span.end)
    if stamp and not item.published:
        item.published, item.published_span = stamp.iso, stamp.span
    if hit and not item.published:
        found = citations.hit_date(body, hit, doc.published)
        if found:
            item.published = found.iso
            item.published_span = Span(body_start + found.span.start,
                                       body_start + found.span.end)
    item.authors = citations.authors(body, item.outlet)
