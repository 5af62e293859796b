"""News outlets: the reference table (data/outlets.tsv) and finding outlets in text.

The table only normalises spellings ("Barrons" -> "Barron's") and maps web
domains to mastheads; recognition itself comes from how digests cite their sources
("X published an article on ...", "reported X on ...", "according to an article in X").

>>> canonical("Barrons")
"Barron's"
>>> by_domain("https://www.latimes.com/world/asia/")
'Los Angeles Times'
>>> find_outlet("The Fjord Herald published an article on May 3 about ...").name
'The Fjord Herald'
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

import pycountry


def _ascii_lower(text: str) -> str:
    """Lower-case ASCII with accents dropped ("Ţara" -> "tara")."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def slug(text: str) -> str:
    """ASCII, lower-case, dash-separated: the last part of an entity key."""
    return re.sub(r"[^a-z0-9]+", "-", _ascii_lower(text)).strip("-") or "x"


def _norm(name: str) -> str:
    """A name's lookup key: letters and digits only, without a leading "the"."""
    text = re.sub(r"^the\s+", "", _ascii_lower(name).strip())
    return re.sub(r"[^a-z0-9]+", "", text)


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], dict[str, str]]:
    """(normalised name or alias -> canonical name, domain -> canonical name)."""
    names: dict[str, str] = {}
    domains: dict[str, str] = {}
    text = resources.files("kazgraph.data").joinpath("outlets.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith(("#", "name\t")):
            continue
        name, aliases, doms, _country = (line.split("\t") + ["", "", ""])[:4]
        for alias in [name, *aliases.split("|")]:
            if alias.strip():
                names.setdefault(_norm(alias), name)
        for dom in doms.split("|"):
            if dom.strip():
                domains[dom.strip().lower()] = name
    return names, domains


def same(a: str, b: str) -> bool:
    """Whether two written names are the same outlet ("Yonhap", "Yonhap News Agency")."""
    ka, kb = known(a), known(b)
    return canonical(a) == canonical(b) or bool(ka and ka == kb)


def known(name: str) -> str | None:
    """The canonical masthead of a listed outlet, or None."""
    return _table()[0].get(_norm(name))


def _words(name: str) -> set[str]:
    """The words of a name, lower-case ASCII, without "the"."""
    return set(re.findall(r"[a-z0-9]+", _ascii_lower(name))) - {"the"}


def canonical(name: str) -> str:
    """The name to record for an outlet the text names.

    A listed outlet's masthead replaces a spelling variant ("Barrons" -> "Barron's")
    or a shortened name ("Businessweek" -> "Bloomberg Businessweek"); another wording the text uses
    (an acronym, a longer official name) is kept as written, minus a lower-case "the".
    """
    written = re.sub(r"^the\s+", "", name.strip()).strip(" ,.;:")
    found = known(name)
    if not found:
        return written
    if _norm(name) == _norm(found) or _words(name) <= _words(found):
        return found
    return written


def by_domain(url: str, *, guess: bool = True) -> str | None:
    """The outlet whose web domain serves `url` (longest listed suffix), or a guess."""
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:  # "http://[not-an-address": a broken link names no site
        return None
    host = host.lower().removeprefix("www.")
    domains = _table()[1]
    parts = host.split(".")
    for i in range(len(parts) - 1):
        found = domains.get(".".join(parts[i:]))
        if found:
            return found
    if not guess:
        return None
    name = parts[-2] if len(parts) >= 2 else ""
    if name in ("co", "com", "org", "net", "gov", "ac") and len(parts) >= 3:
        name = parts[-3]  # "example.co.uk"
    # an unlisted site: its name, best effort ("steppe-news.mn" -> "Steppe News")
    return " ".join(w.capitalize() for w in name.split("-")) or None


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """Lower-case names of countries: a country is not an outlet."""
    names = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if hasattr(c, attr):
                names.add(getattr(c, attr).lower())
    names.update({"russia", "iran", "turkey", "türkiye", "south korea", "north korea",
                  "syria", "vietnam", "laos", "moldova", "tanzania", "venezuela", "bolivia",
                  "european union", "eu", "un", "united nations", "nato", "astana", "almaty"})
    return frozenset(names)


def is_place(name: str) -> bool:
    """Whether `name` is a country (or a few regions and capitals), not an outlet."""
    low = re.sub(r"^the\s+", "", name.strip().lower())
    # "Chile’s" is a place, "Chiles" is not (rstrip("’'s") took any trailing s)
    return low in _places() or re.sub(r"[’']s$", "", low) in _places()


# First words that start a phrase naming no outlet (people, offices, pronouns...).
_NOT_OUTLET = re.compile(
    r"^(?:the\s+)?(?:he|she|it|they|we|this|that|these|article|author|report|authors?|"
    r"president|prime|minister|ministry|foreign|deputy|ambassador|government|embassy|"
    r"parliament|senator|chairman|head|officials?|experts?|analysts?|media|press|"
    r"publication|newspaper|outlet|agency|magazine|edition|website|portal|kazakh|"
    r"kazakhstan|kazakhstan's|kazakhstan’s|mr|ms|mrs|dr|according|in|on|at|for|a|an|"
    r"also|meanwhile|however|moreover|additionally|furthermore|earlier|later|"
    r"jan|january|feb|february|mar|march|apr|april|may|june?|july?|aug|august|sept?|"
    r"september|oct|october|nov|november|dec|december)\b",
    re.IGNORECASE)
_MEDIA_WORD = re.compile(
    r"\b(?:News|Times|Post|Daily|Journal|Gazette|Tribune|Herald|Media|TV|Radio|Press|"
    r"Review|Telegraph|Observer|Monitor|Insider|Broadcasting|Reporter|Wire|Magazine|"
    r"Weekly|Today|Diplomat|Agency|Chronicle|Express|Mail|Star|Sun|Standard|Courier|"
    r"Dispatch|Digest|Bulletin|Voice|Global|Network|Channel|Online|Asia|Breaking)\b|"
    r"\.(?:com|media|net|org|kz|az|uz|kg|tj|ru|asia|info|news|eu)\b")

# A capitalised name: words starting upper-case (or a domain like "aze.media"),
# small joining words allowed inside ("Times of India", "Center for ... Analysis").
UPPER = "A-ZÀ-ÖØ-ÞĀ-ž"  # capitals for a character class, with Latin letters like Ş, Ż, Ö
_W = (rf"(?:[{UPPER}][\w’'&.\-]*[\w]|[{UPPER}]|"
      r"[a-z0-9]+\.(?:com|media|net|org|kz|az|uz|kg|tj|ru|asia|info|news|eu))")
WORD = _W  # one word of a name, for other modules
NAME = (rf"(?<![\w.’'-])(?:[Tt]he\s+)?{_W}"
        rf"(?:\s+(?:(?:of|for|and|&|de|del|della|al)\s+(?:the\s+)?)?{_W}){{0,6}}")
_KIND = (r"(?:article|piece|op-ed|opinion|interview|report|story|editorial|analysis|"
         r"commentary|column|review|material|feature|essay|news|publication|post|video)")
_KIND1 = (r"(?:article|piece|op-ed|opinion|interview|story|editorial|commentary|column|"
          r"essay|feature)")
_APPOS = r"(?:,\s+(?:an?|the|one)\s[^,;“”\"]{3,160}?,)?"
_DATEW = r"(?:on\s+)?[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?"
# "the Fjord Herald newspaper reported": a common noun between the name and the verb
_NOUN = (r"(?:\s+\([^()]{1,30}\))?"  # "The Fjord Post (Norway) reported"
         r"(?:\s+(?:newspaper|news agency|agency|magazine|daily|weekly|portal|outlet|"
         r"website|publication|journal|news site|news portal|broadcaster|TV channel))?")

# (pattern, strength): the outlet is group "o"; an author may be group "a".
_PATTERNS = [(re.compile(p), s) for p, s in [
    # "X published an article on May 3", "X, an American magazine, published on ... a piece"
    (rf"(?P<o>{NAME}){_NOUN}{_APPOS}\s+(?:has\s+)?(?:published|released|posted|ran|carried|"
     rf"issued|featured|printed|aired)\s+(?:{_DATEW}\s+)?(?:an?|its|the|another)?\s*"
     rf"(?:[\w-]+\s+){{0,3}}?{_KIND}", 3),
    # "X reported on May 3", "X reports with reference to", "X reported." / "X wrote"
    (rf"(?P<o>{NAME}){_NOUN}{_APPOS}\s+(?:reported|reports|has reported|informs|informed)"
     r"(?=\s+on\s|\s+that\s|\s+with\s|[.,;]|\s+in\s|\s*$|"
     r"\s+(?:the\s+)?(?:next|following|same)\s+day)", 2),
    # "reported Lumo on May 2", "reported the Harbour Gazette on July 19", "reported Vesti."
    (rf"\b(?:reported|reports|informs|(?:quoted|reported|cited)\s+by)\s+(?P<o>{NAME}){_NOUN}"
     r"(?=\s+on\s|\s*[.,;]|\s+in\s+(?:an?|its)\s|\s*$)", 2),
    # "an article published in X on ...", "the May 3 article by X", "an op-ed for X"
    (rf"\b{_KIND1}s?,?\s+(?:(?:was\s+)?published\s+|released\s+|posted\s+|that\s+appeared\s+)?"
     rf"(?:on\s+[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}}(?:,\s+\d{{4}})?\s+)?(?:in|by|for|on)\s+"
     rf"(?:the\s+)?(?P<o>{NAME})", 1),
    # "X, in an article published on May 3, ...", "X notes in its article"
    # (not "writes Ana Berg in an op-ed for Y": there the outlet follows "for")
    (rf"(?<!writes )(?<!wrote )(?P<o>{NAME}){_NOUN},?\s+(?:in\s+(?:an?|its)\s+"
     rf"(?:[\w-]+\s+){{0,2}}{_KIND1}(?![^.;]{{0,40}}?\b(?:for|by|in)\s+(?:the\s+)?[A-Z])|"
     rf"(?:notes|writes|says|argues|reports|highlights|states)\s+in\s+its\s)", 2),
    # "the Turkish newspaper X writes", "news agency X reported"
    (rf"\b(?:newspaper|news agency|magazine|media outlet|news outlet|website|news portal|"
     rf"news site|daily|weekly|TV channel|broadcaster|publication)\s+(?P<o>{NAME})"
     r"(?=\s+(?:writes|wrote|reports|reported|notes|noted|says|said|published|released|"
     r"informs|highlights|stated|states)\b|,)", 1),
    # "X’s May 3 article says", "X’s report"
    (rf"(?P<o>{NAME})[’']s\s+{_DATEW}\s+(?:[\w-]+\s+){{0,2}}?{_KIND}\b", 1),
    (rf"(?P<o>{NAME})[’']s\s+(?:[\w-]+\s+){{0,2}}?{_KIND}\b", 0),
    # "Writing for X, ..." / "Writing in X, ..."
    (rf"\bWriting\s+(?:for|in)\s+(?:the\s+)?(?P<o>{NAME})", 1),
    # "..., writes X." or "X writes", "X notes" (only listed outlets or media-like names)
    (rf"\b(?:writes|wrote|said|says|notes|noted)\s+(?P<o>{NAME})(?=\s+on\s|\s*[.,;])", 0),
    (rf"(?P<o>{NAME}){_NOUN}\s+(?:writes|wrote|notes|says|said|noted|stated|states|highlights|"
     r"highlighted|informs|reported|reports|quotes|quoted|cites|cited|covered|covers|"
     r"discussed|explored|examined|analy[sz]ed)\b", 0),
    (rf"\binterview\s+(?:with|to)\s+(?:the\s+)?(?P<o>{NAME})", 0),
    (rf"\baccording\s+to\s+(?:the\s+)?(?P<o>{NAME})", 0),
]]


_ADJ_BEFORE = re.compile(r"\s+(?:state|media|outlets|government|"
                         r"officials?|experts?|side|authorities|analysts?|sources?)\b")
_DEMONYM = re.compile(r"(?:[Tt]he\s+)?[A-Z][a-z]+(?:ese|ian|ish|can|ean|ic|i|ek|ik|kh|yz|en|ch)")


@dataclass
class OutletHit:
    """An outlet named in text: its canonical name, where, and the phrase's end."""

    name: str
    start: int
    end: int
    phrase_end: int
    strength: int


def _accept(raw: str, strength: int) -> str | None:
    """Canonical name if `raw` plausibly names an outlet for a cue of this strength."""
    raw = raw.strip(" ,.;:")
    if known(raw):
        return canonical(raw)
    words = raw.split()
    if not words or len(words) > 7 or _NOT_OUTLET.match(raw):
        return None
    if is_place(raw):
        return None
    if strength >= 2 or (strength == 1 and len(words) <= 6):
        return canonical(raw)
    if _MEDIA_WORD.search(raw):
        return canonical(raw)
    return None


_LEAD_IN = re.compile(r"(?:the\s+)?(?:[A-Z][\w’'-]*\s+)??(?:In|On|At|Also|Meanwhile|However|"
                      r"And|But|Then|Earlier|Later|Separately|Yesterday|Today|As)\s+")


def _trim(raw: str, start: int) -> tuple[str, int]:
    """Drop leading words that only introduce the name ("Kazakh news site X" -> "X")."""
    while True:
        m = _LEAD_IN.match(raw)
        if not m or m.end() >= len(raw):
            return raw, start
        raw, start = raw[m.end():], start + m.end()


def find_outlets(text: str, min_strength: int = 0) -> list[OutletHit]:
    """Every outlet citation in `text`, strongest cue first, then in text order."""
    hits: list[OutletHit] = []
    for rx, strength in _PATTERNS:
        if strength < min_strength:
            continue
        for m in rx.finditer(text):
            raw, start = _trim(m.group("o"), m.start("o"))
            own = re.search(r"[’']s\b", raw)
            if own:  # "The Fjord Post’s Ana Berg": the outlet is the possessor
                raw = raw[:own.start()]
            if strength <= 1 and (_ADJ_BEFORE.match(text, start + len(raw))
                                  or _DEMONYM.fullmatch(raw)):
                continue  # "Chinese state media", "by Kazakh experts": no outlet named
            name = _accept(raw, strength)
            if name:
                hits.append(OutletHit(name, start, start + len(raw), m.end(), strength))
    # "Ana Berg published an article in the Fjord Post": the outlet is after "in"/"for",
    # the subject is the author
    starts = {h.start for h in hits}
    hits = [h for h in hits if h.strength < 3 or not (
        (m := _IN_FOR.match(text, h.phrase_end)) and m.end() in starts and not known(h.name))]
    hits.sort(key=lambda h: (-h.strength, h.start))
    return hits


_IN_FOR = re.compile(r"\s+(?:in|for)\s+(?:the\s+)?")


def find_outlet(text: str, min_strength: int = 0) -> OutletHit | None:
    """The best outlet citation in `text`, or None."""
    hits = find_outlets(text, min_strength)
    return hits[0] if hits else None
