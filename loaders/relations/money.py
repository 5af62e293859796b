"""Money amounts: "$1.2 billion", "€200 billion (US$231.4 billion)", "577.5 billion tenge".

Each amount becomes a MonetaryAmount with its value, ISO 4217 currency, kind (investment,
trade volume, contract value, funding) and the actors it concerns; the agreement, corridor
or event named in the same sentence points at it with kg:amount. A conversion that
follows an amount ("(US$231.4 billion)", ", or $1.2 billion") is the same money and is
not counted again.
"""
from __future__ import annotations

import hashlib
import re
from decimal import Decimal, InvalidOperation

from rdflib import Literal
from rdflib.namespace import XSD

from kazgraph.loaders.model import Span
from kazgraph.loaders.text import dates
from kazgraph.loaders.relations.context import PARTY_CLASSES, Context, clause
from kazgraph.vocab import KG

_SYMBOLS = {"us$": "USD", "$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP",
            "gbp": "GBP", "¥": "CNY", "kzt": "KZT", "rub": "RUB", "cny": "CNY"}
_WORDS = {"tenge": "KZT", "dollars": "USD", "us dollars": "USD", "euros": "EUR", "euro": "EUR",
          "yuan": "CNY", "rubles": "RUB", "roubles": "RUB", "pounds": "GBP", "yen": "JPY",
          "kzt": "KZT", "usd": "USD", "eur": "EUR"}
_SCALE = {"trillion": 10**12, "billion": 10**9, "bn": 10**9, "million": 10**6, "mn": 10**6,
          "thousand": 10**3}
_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SC = r"(?:\s*(?P<scale>trillion|billion|million|thousand|bn|mn)\b)?"
_BEFORE = re.compile(rf"(?P<sym>US\$|\$|€|£|¥|\b(?:USD|EUR|KZT|GBP|RUB|CNY)\s?){_NUM}{_SC}",
                     re.IGNORECASE)
_AFTER = re.compile(rf"\b{_NUM}{_SC}\s+(?P<word>tenge|US dollars|dollars|euros?|yuan|rubles|"
                    r"roubles|pounds|yen|KZT|USD|EUR)\b", re.IGNORECASE)


def _amounts(text: str) -> list[re.Match]:
    """Amounts with the currency before or after the number, in text order."""
    found = list(_BEFORE.finditer(text))
    found += [m for m in _AFTER.finditer(text)
              if not any(f.start() < m.end() and m.start() < f.end() for f in found)]
    return sorted(found, key=lambda m: m.start())


_CONVERSION = re.compile(r"^\s*(?:\(|,?\s+or\s+|,?\s+about\s+|\s*/\s*)\s*(?:about\s+)?$")
_TYPES = [("trade volume", r"\btrade|turnover|exports?|imports?"),
          ("investment", r"\binvest"),
          ("contract value", r"\b(?:contracts?|deals?|agreements?|worth)\b"),
          ("funding", r"\b(?:fund|allocat|financ|loan|grant|budget|cost|upgrade)")]


def _kind(text: str, start: int, end: int) -> str | None:
    """The kind of amount whose cue word is nearest the amount in its sentence."""
    best: tuple[int, str] | None = None
    for name, rx in _TYPES:
        for m in re.finditer(rx, text, re.IGNORECASE):
            gap = m.start() - end if m.start() >= end else start - m.end()
            if best is None or gap < best[0]:
                best = (gap, name)
    return best[1] if best else None


def _value(m: re.Match) -> Decimal | None:
    try:
        value = Decimal(m.group("num").replace(",", ""))
    except InvalidOperation:
        return None
    scale = (m.group("scale") or "").lower()
    return value * _SCALE.get(scale, 1)


def extract(ctx: Context, measured: dict[str, list[Span]]) -> None:
    """Add MonetaryAmounts; `measured` maps agreement/corridor/event keys to their spans."""
    ex = ctx.ex
    # amounts are the digest's own: the same figure in another digest is another statement
    digest = hashlib.sha256(ctx.doc.text.encode("utf-8")).hexdigest()[:16]
    for sentence in ctx.sentences:
        last_end = None
        for m in _amounts(sentence.text):
            if last_end is not None and _CONVERSION.match(sentence.text[last_end:m.start()]):
                last_end = m.end()
                continue
            last_end = m.end()
            value = _value(m)
            groups = m.groupdict()
            currency = (_SYMBOLS.get((groups.get("sym") or "").strip().lower())
                        or _WORDS.get((groups.get("word") or "").lower()))
            if value is None or currency is None:
                continue
            span = Span(sentence.span.start + m.start(), sentence.span.start + m.end())
            kind = _kind(sentence.text, m.start(), m.end())
            concerns = ctx.keys(sentence.span, PARTY_CLASSES)
            ident = f"{currency}|{value}|{kind}|{'|'.join(sorted(concerns))}|{digest}"
            key = "amount/" + hashlib.sha256(ident.encode()).hexdigest()[:16]
            ex.entity(key, "MonetaryAmount", f"{m.group().strip()}")
            ex.mention(key, span)
            ex.fact(key, KG.value, Literal(str(value.normalize().quantize(Decimal(1))
                                               if value == value.to_integral() else value),
                                           datatype=XSD.decimal), span)
            ex.fact(key, KG.currency, Literal(currency), span)
            if kind:
                ex.fact(key, KG.amountType, Literal(kind), span)
            for actor in concerns:
                ex.fact(key, KG.concerns, actor, span)
            around = clause(ctx, sentence, span)
            for prop, (iso, where) in period(ctx, around, span).items():
                ex.fact(key, prop, dates.to_literal(iso), where)
            for owner, spans in measured.items():
                if any(around.start <= s.start < around.end for s in spans):
                    ex.fact(owner, KG.amount, key, span)


# The words before a date in an amount's clause say what the date bounds.
_FROM = re.compile(r"\b(?:since|from|between|starting\s+(?:in|from))\s+(?:the\s+(?:start|beginning)\s+of\s+)?$",
                   re.IGNORECASE)
_UNTIL = re.compile(r"(?:\b(?:to|until|till|through|and)|[-–])\s*$", re.IGNORECASE)
_AS_OF = re.compile(r"\b(?:as\s+of|as\s+at|by|at\s+the\s+end\s+of|by\s+the\s+end\s+of|"
                    r"at\s+the\s+close\s+of)\s+$", re.IGNORECASE)
_DURING = re.compile(r"\b(?:in|for|during|over)\s+(?:the\s+(?:whole\s+of\s+|first\s+\w+\s+of\s+)?)?$",
                     re.IGNORECASE)
_PAST = re.compile(r"\b(?:over|in|during|for)\s+the\s+(?:past|last)\s+(?P<n>\d+|two|three|four|five|"
                   r"six|seven|eight|nine|ten|\w+teen|twenty|thirty)\s+years\b", re.IGNORECASE)
_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
          "twenty": 20, "thirty": 30}


def period(ctx: Context, around: Span, amount: Span) -> dict:
    """What time an amount covers, from its clause: {kg:periodStart, kg:periodEnd, kg:asOf:
    (iso, span)}. "invested since 2005" starts a period (running to the source's date),
    "between 2015 and 2024" bounds one, "trade in 2024" or "last year" is a period of its
    own, "as of January 1" dates a stock. Dates inside the amount's own words are skipped."""
    text = ctx.doc.text
    out: dict = {}
    found = dates.find_dates(text[around.start:around.end], published=ctx.doc.published,
                             offset=around.start)
    for d in found:
        if amount.start <= d.span.start < amount.end:
            continue
        before = text[max(around.start, d.span.start - 30):d.span.start]
        if _AS_OF.search(before):
            out.setdefault(KG.asOf, (d.iso, d.span))
        elif _FROM.search(before) or d.end_iso:
            out.setdefault(KG.periodStart, (d.iso, d.span))
            if d.end_iso:
                out.setdefault(KG.periodEnd, (d.end_iso, d.span))
        elif KG.periodStart in out and _UNTIL.search(before):
            out.setdefault(KG.periodEnd, (d.iso, d.span))
        elif _DURING.search(before) or (d.relative and len(d.iso) == 4):
            out.setdefault(KG.periodStart, (d.iso, d.span))
            out.setdefault(KG.periodEnd, (d.iso, d.span))
    past = _PAST.search(text, around.start, around.end)
    published = ctx.doc.published or ""
    if past and KG.periodStart not in out and published[:4].isdigit():
        n = past.group("n").lower()
        years = int(n) if n.isdigit() else _COUNT.get(n)
        if years:
            out[KG.periodStart] = (f"{int(published[:4]) - years:04d}",
                                   Span(past.start(), past.end()))
    return out
