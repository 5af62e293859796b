"""Date expressions in digest text -> ISO strings at the precision the text gives.

>>> parse_date("Nov. 25", published="2024-11-28")
'2024-11-25'
>>> parse_date("next month", published="2024-11-28")
'2024-12'
>>> [m.iso for m in find_dates("Talks on Sept. 8-13 and in 2015.", published="2024-10")]
['2024-09-08', '2015']
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from rdflib import Literal
from rdflib.namespace import XSD

from kazgraph.loaders.model import Span

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
_MON = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|"
        r"July?|Aug(?:ust|\.)?|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|"
        r"Dec(?:ember|\.)?)")
_DASH = r"\s*[-–—]\s*"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"

# Order matters: longer, more specific shapes first; matches never overlap.
_PATTERNS: list[tuple[str, str]] = [
    ("iso", rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)\b"),
    ("dmy_num", rf"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>{_YEAR})\b"),
    # "Nov. 17 - Dec. 2, 2024", "Nov. 17–19, 2024", "November 25, 2024", "Nov. 25"
    ("mdy", rf"\b(?P<mon>{_MON})\s+(?P<d>{_DAY})\b"
            rf"(?:{_DASH}(?:(?P<mon2>{_MON})\s+)?(?P<d2>{_DAY})\b)?"
            rf"(?:(?:,\s*|\s+)(?P<y>{_YEAR})\b)?"),
    # "25 November 2024", "8-13 September", "25 Nov"
    ("dmy", rf"\b(?P<d>{_DAY})(?:{_DASH}(?P<d2>{_DAY}))?\s+(?:of\s+)?(?P<mon>{_MON})"
            rf"(?![a-z])(?:(?:,\s*|\s+)(?P<y>{_YEAR})\b)?"),
    # "mid-December", "early this month", "late November 2023", "in March 2020"
    ("rel_month", r"\b(?P<q>early|mid|late|end of|beginning of)[-\s]+(?:this|the)\s+month\b"),
    # "this December", "next March", "August last year"
    ("my", rf"\b(?:(?P<w>this|last|next|coming|past)\s+)?(?:(?P<q>early|mid|late)[-\s]+)?"
           rf"(?P<mon>{_MON})(?![a-z])\.?(?:(?:,\s*|\s+)(?P<y>{_YEAR})\b|"
           rf"\s+(?:of\s+)?(?P<wy>last|this|next)\s+year\b)?"),
    ("relative", r"\b(?:(?:earlier|later)\s+)?(?P<which>this|last|next|past|previous|coming)"
                 r"\s+(?P<unit>year|month)\b"),
    ("day", r"\b(?P<which>today|yesterday|tomorrow)\b"),
    # "on Wednesday", "last Friday", "next Monday": from the last full date before
    ("weekday", r"\b(?P<which>on|last|this|next|since|until|by)\s+(?P<wd>Monday|Tuesday|"
                r"Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
    # "the next day", "on the same day": from the last full date before (find_dates)
    ("day_rel", r"\b(?:on\s+)?(?:the\s+)?(?:(?P<next>next|following)\s+day|(?P<same>same)\s+day|"
                r"(?P<later>a\s+day\s+later)|(?P<before>day\s+before|previous\s+day))\b"),
    ("year_range", rf"(?<![\d$€£.,])\b(?P<y>{_YEAR}){_DASH}(?P<y2>{_YEAR}|\d\d)\b(?![\d%])"),
    ("year", rf"(?<![\d$€£.,])\b(?P<y>{_YEAR})\b(?![\d%]|\s*(?:percent|billion|million|"
             r"tons|tonnes|km|MW|people))"),
]
_REGEX = re.compile("|".join(f"(?P<{name}>{rx.replace('(?P<', f'(?P<{name}_')})"
                             for name, rx in _PATTERNS), re.IGNORECASE)
# Each kind's groups by their short names: ("mon", "my_mon"), ...
_GROUPS = {kind: [(g[len(kind) + 1:], g) for g in _REGEX.groupindex if g.startswith(kind + "_")]
           for kind, _ in _PATTERNS}
# "May" alone is a modal verb; accept it only with a year, a day or a time word before it.
_MAY_CUE = re.compile(r"(?:\b(?:in|since|until|by|of|this|last|next|early|mid|late|"
                      r"end of|beginning of)[-\s]+)$", re.IGNORECASE)


@dataclass(frozen=True)
class DateMatch:
    """A date expression found in text; `end_iso` for ranges, `relative` for "last year"."""

    span: Span
    iso: str
    end_iso: str | None = None
    relative: bool = False


def _pub(published: str | None) -> tuple[int | None, int | None, int | None]:
    """Split an ISO publication date of any precision into (year, month, day)."""
    if not published:
        return None, None, None
    m = re.match(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", published.strip())
    if not m:
        return None, None, None
    return tuple(int(g) if g else None for g in m.groups())  # type: ignore[return-value]


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _infer_year(month: int, day: int | None, published: str | None, forward: bool) -> int | None:
    """The year of a yearless date: nearest not after publication (or not before if forward)."""
    py, pm, pd = _pub(published)
    if py is None:
        return None
    if pm is None:
        return py
    if day is not None and pd is not None:
        here, ref = (month, day), (pm, pd)
    else:
        here, ref = (month, 0), (pm, 0)
    if forward:
        return py + 1 if here < ref else py
    return py - 1 if here > ref else py


def _fmt(y: int | None, m: int | None = None, d: int | None = None) -> str | None:
    if y is None:
        return None
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        date(y, m, d)
    except ValueError:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    total = y * 12 + (m - 1) + delta
    return total // 12, total % 12 + 1


def _convert(kind: str, g: dict[str, str | None], published: str | None,
             forward: bool) -> tuple[str | None, str | None, bool]:
    """(iso, end_iso, relative) for one regex match of `kind`."""
    py, pm, pd = _pub(published)
    if kind in ("iso", "dmy_num"):
        return _fmt(int(g["y"]), int(g["m"]), int(g["d"])), None, False
    if kind in ("mdy", "dmy"):
        mon, d = _month(g["mon"]), _day(g["d"])
        y = int(g["y"]) if g.get("y") else _infer_year(mon, d, published, forward)
        if y is None:
            return None, None, False
        end = None
        if g.get("d2"):
            mon2 = _month(g["mon2"]) if g.get("mon2") else mon
            y2 = y + 1 if mon2 < mon else y
            end = _fmt(y2, mon2, _day(g["d2"]))
        return _fmt(y, mon, d), end, False
    if kind == "my":
        mon = _month(g["mon"])
        which = (g.get("w") or "").lower()
        if g.get("y"):
            y = int(g["y"])
        elif g.get("wy") and py is not None:
            y = py + {"last": -1, "this": 0, "next": 1}[g["wy"].lower()]
        elif which == "this":
            y = py
        elif which:
            ahead = which in ("next", "coming")
            y = _infer_year(mon, None, published, ahead)
            if y is not None and mon == pm:
                y += 1 if ahead else -1
        else:
            y = _infer_year(mon, None, published, forward)
        if y is None:
            return None, None, False
        return _fmt(y, mon), None, not g.get("y")
    if kind == "rel_month":
        return (_fmt(py, pm) if pm else None), None, True
    if kind == "relative":
        if py is None:
            return None, None, True
        delta = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1,
                 "coming": 1}[g["which"].lower()]
        if g["unit"].lower() == "year":
            return _fmt(py + delta), None, True
        if pm is None:
            return None, None, True
        return _fmt(*_shift_month(py, pm, delta)), None, True
    if kind == "day":
        if pd is None:
            return None, None, True
        delta = {"today": 0, "yesterday": -1, "tomorrow": 1}[g["which"].lower()]
        return (date(py, pm, pd) + timedelta(days=delta)).isoformat(), None, True
    if kind in ("day_rel", "weekday"):
        return None, None, True  # needs an anchor: resolved in find_dates
    if kind == "year_range":
        y2 = g["y2"]
        end = int(y2) if len(y2) == 4 else int(g["y"][:2] + y2)
        return _fmt(int(g["y"])), (_fmt(end) if end > int(g["y"]) else None), False
    if kind == "year":
        return _fmt(int(g["y"])), None, False
    return None, None, False


def _matches(text: str, published: str | None, forward: bool):
    """(match, kind, its groups, iso, end_iso, relative) for each date expression."""
    for m in _REGEX.finditer(text):
        kind = m.lastgroup
        assert kind is not None
        found = m.groupdict()
        g = {short: found[name] for short, name in _GROUPS[kind]}
        if kind == "my" and g["mon"].lower() == "may" and not g.get("y") and not g.get("q") \
                and not g.get("w") and not g.get("wy") and not _MAY_CUE.search(text[max(0, m.start() - 20):m.start()]):
            continue
        if kind == "my" and not g.get("y") and not g.get("q") and g["mon"][0].islower():
            continue  # "mar", "dec" in running lowercase text are not months
        if kind == "my" and len(g["mon"]) == 3 and g["mon"].lower() != "may" \
                and not g.get("y"):
            continue  # bare "Mar", "Jun" without a year or day are too ambiguous
        iso, end, rel = _convert(kind, g, published, forward)
        if iso or kind in ("day_rel", "weekday"):
            yield m, kind, g, iso, end, rel


def parse_date(expr: str, *, published: str | None, forward: bool = False) -> str | None:
    """One date expression -> ISO date at the precision the text gives (or None)."""
    for *_, iso, _end, _rel in _matches(expr, published, forward):
        if iso:
            return iso
    return None


# A sentence end: ".", "!" or "?" after a word of 4+ letters, a digit or a closing quote
# (so "Dec. 3" or "U.S." do not cut a sentence).
_SENTENCE_END = re.compile(r"(?<=[a-z]{4}[.!?])\s|(?<=[\d”\"')][.!?])\s")
_FORWARD_CUE = re.compile(r"\b(?:will|would|upcoming|forthcoming|scheduled|planned|plans?|"
                          r"expected|due|next|to be held|is to|are to|set to|"
                          r"is going to|are going to)\b", re.IGNORECASE)


# A past-tense verb nearer to the date than any future cue: "..., X reported on Dec. 3".
_PAST_CUE = re.compile(r"(?<!be )(?<!been )\b(?:reported|published|released|said|held|signed|"
                       r"took place|was|were|met|visited|announced|noted|wrote|ended|began|"
                       r"opened|launched|hosted|adopted|approved|agreed|posted)\b",
                       re.IGNORECASE)


def find_dates(text: str, *, published: str | None, offset: int = 0) -> list[DateMatch]:
    """Every date expression in `text`; a yearless date in a sentence about a future
    event ("will host", "upcoming") is placed on or after publication."""
    found: list[DateMatch] = []
    for m, kind, g, iso, end, rel in _matches(text, published, False):
        if kind == "day_rel":  # "the next day": the last full date before, shifted
            anchor = next((d for d in reversed(found) if len(d.iso) == 10), None)
            if anchor:
                shift = 1 if m.group("day_rel_next") or m.group("day_rel_later") else \
                    -1 if m.group("day_rel_before") else 0
                day = date.fromisoformat(anchor.iso) + timedelta(days=shift)
                found.append(DateMatch(Span(m.start() + offset, m.end() + offset),
                                       day.isoformat(), None, True))
            continue
        if kind == "weekday":  # the weekday nearest the last full date (or publication)
            day = _weekday(g, found, published)
            if day:
                found.append(DateMatch(Span(m.start() + offset, m.end() + offset),
                                       day.isoformat(), None, True))
            continue
        if kind in ("mdy", "dmy", "my") and not (g.get("y") or g.get("w") or g.get("wy")):
            # the same groups read forward (re-parsing the bare match would lose the
            # context that lets "in May" be a month)
            ahead = _convert(kind, g, published, True)[0]
            if ahead and ahead != iso and _goes_forward(text[:m.start()], iso, ahead,
                                                         published):
                shift = int(ahead[:4]) - int(iso[:4])
                iso = ahead
                end = f"{int(end[:4]) + shift:04d}{end[4:]}" if end else None
        found.append(DateMatch(Span(m.start() + offset, m.end() + offset), iso, end, rel))
    return found


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday(g: dict[str, str | None], found: list[DateMatch],
             published: str | None) -> date | None:
    """The date a weekday names, counted from the last full date before it, else from
    publication: on or before it ("on Wednesday", reported after the fact), strictly
    before ("last Friday") or after ("next Monday"); None without a day-precise anchor."""
    anchor = next((d.iso for d in reversed(found) if len(d.iso) == 10), None)
    if anchor is None and published and len(published) == 10:
        anchor = published
    if anchor is None:
        return None
    start = date.fromisoformat(anchor)
    target = WEEKDAYS.index((g["wd"] or "").lower())
    which = (g["which"] or "").lower()
    if which in ("next", "until", "by"):
        return start + timedelta(days=(target - start.weekday() - 1) % 7 + 1)
    back = (start.weekday() - target) % 7
    if which == "last" and back == 0:
        back = 7
    return start - timedelta(days=back)


def _days(iso: str) -> int:
    """Day number of an ISO date of any precision (a month counts from its middle)."""
    parts = [int(p) for p in iso.split("-")] + [7, 15]
    return date(parts[0], parts[1] if len(iso) > 4 else 7,
                parts[2] if len(iso) > 7 else 15).toordinal()


def _goes_forward(left: str, back: str, ahead: str, published: str | None) -> bool:
    """Whether a yearless date is the coming one: a future cue nearer than any past-tense
    verb in its sentence says so; without cues, the nearer of the two to publication."""
    left = _SENTENCE_END.split(left[-160:])[-1]
    fwd = [c.end() for c in _FORWARD_CUE.finditer(left)]
    past = [c.end() for c in _PAST_CUE.finditer(left)]
    if not published:
        return bool(fwd) and (not past or fwd[-1] > past[-1])
    ref = _days(published)
    gap_ahead, gap_back = _days(ahead) - ref, ref - _days(back)
    if fwd and (not past or fwd[-1] > past[-1]):
        # a future cue, unless the date is days before publication and a year ahead
        return gap_ahead < 3 * gap_back
    if past:
        return False
    return gap_ahead < gap_back / 2


def to_literal(iso: str) -> Literal:
    """An ISO date string -> rdflib Literal typed xsd:date / xsd:gYearMonth / xsd:gYear."""
    if len(iso) == 4:
        return Literal(iso, datatype=XSD.gYear)
    if len(iso) == 7:
        return Literal(iso, datatype=XSD.gYearMonth)
    return Literal(iso[:10], datatype=XSD.date)


def normalise_published(value: str | None) -> str | None:
    """Validate a --published value (YYYY, YYYY-MM or YYYY-MM-DD); None if it is not one."""
    if not value:
        return None
    m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?:[T ].*)?\s*", value)
    if not m:
        return None
    y, mo, d = m.groups()
    return _fmt(int(y), int(mo) if mo else None, int(d) if d else None) \
        if not mo or 1 <= int(mo) <= 12 else None
