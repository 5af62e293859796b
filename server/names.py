"""Typed names in question forms: "Kazakhstan", "EU", a surname, resolved to entities.

A value that is an IRI or a path under /id/ naming something in the graph is taken as
it is. Anything else is a name, compared with the labels and other names (rdfs:label,
skos:altLabel, a digest's title or file name) of the entities of the parameter's
classes, ignoring case, accents and punctuation: first as the whole name, else as a
run of whole words of it ("Tokayev" in "Kassym-Jomart Tokayev"). One entity found is
the answer; several are offered to pick from; none is said plainly.

Both sides are folded the same way: lower case, each accented Latin letter to its plain
one, runs of anything but letters and digits to one space. The store folds its names
with constant REPLACEs written here (a regular expression that came
from a request would be compiled once per name, and would be user text in the query);
the folded typed name reaches it only as the bound literal ?probe.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from rdflib import Literal, URIRef

from kazgraph.queries import Param, QuestionError, with_values
from kazgraph.vocab import term

MAX_NAME = 100  # characters of a typed name that are compared
MAX_CANDIDATES = 1000
_IRI = re.compile(r"[A-Za-z][\w+.-]*://\S+$")
_PATH = re.compile(r"/?(?:id/)?[A-Za-z][\w.-]*/\S+$")
# Letters that do not decompose in Unicode but that readers treat as plain ones.
_EXTRA = {"ı": "i", "ł": "l", "đ": "d", "ø": "o", "ħ": "h", "ŧ": "t", "ŀ": "l"}


@cache
def _plain() -> dict[str, str]:
    """Each lower-case accented Latin letter and the plain letter it stands for."""
    found = dict(_EXTRA)
    for code in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(code).lower()
        if len(ch) != 1:
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        if len(base) == 1 and base.isascii() and base.isalpha() and base != ch:
            found[ch] = base
    return found


def fold(text: str) -> str:
    """Lower case, accents off, runs of punctuation and spaces as one space."""
    plain = _plain()
    lowered = "".join(plain.get(ch, ch) for ch in text.lower())
    return " ".join(re.sub(r"[\W_]+", " ", lowered).split())


@cache
def fold_binds(var: str = "?name", out: str = "?folded") -> str:
    """SPARQL BINDs that fold `var` into `out` as `fold` does (constant patterns only).

    One BIND per plain letter rather than nested REPLACEs: Oxigraph's planner takes
    time exponential in the depth of nested calls.
    """
    by_base: dict[str, list[str]] = {}
    for ch, base in _plain().items():
        by_base.setdefault(base, []).append(ch)
    lines = [f"BIND(LCASE(STR({var})) AS ?fold0)"]
    for i, (base, chars) in enumerate(sorted(by_base.items())):
        lines.append(f'BIND(REPLACE(?fold{i}, "[{"".join(sorted(chars))}]", "{base}") AS ?fold{i + 1})')
    lines.append(f'BIND(REPLACE(?fold{len(by_base)}, "[\\\\W_]+", " ") AS {out})')
    return "\n  ".join(lines)


_FIND = """PREFIX kg: <https://w3id.org/kazgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?entity ?name ?label ?class ?probe WHERE {
  ?entity rdfs:label|skos:altLabel|kg:title|kg:sourceFile ?name .
  %s
  %s
  FILTER(CONTAINS(CONCAT(" ", ?folded, " "), CONCAT(" ", ?probe, " ")))
  OPTIONAL { ?entity rdfs:label ?label }
  OPTIONAL { ?entity a ?type . FILTER(STRSTARTS(STR(?type), STR(kg:))) }
  BIND(STRAFTER(STR(?type), "#") AS ?class)
}"""
_KNOWN = "SELECT ?iri WHERE { ?iri ?p ?o } LIMIT 1"


class NameError_(QuestionError):
    """A typed name that matches no entity, or several (`choices`)."""

    def __init__(self, param: str, message: str, choices: list[dict] | None = None) -> None:
        super().__init__(message)
        self.param = param
        self.choices = choices or []


@dataclass
class Resolved:
    """The outcome for one parameter: the IRI, or the problem, and how it was matched."""

    iri: URIRef | None = None
    error: NameError_ | None = None
    typed: str = ""
    notes: list[str] = field(default_factory=list)


def _class_filter(param: Param) -> str:
    """A restriction to the parameter's classes (IRIs of the closed vocabulary), or ''."""
    iris = [term(c) for c in param.classes]
    if not iris or None in iris:
        return ""
    return "?entity a ?want . VALUES ?want { %s }" % " ".join(URIRef(i).n3() for i in iris)


def _exists(iri: URIRef) -> bool:
    from kazgraph.server.db import run_query

    return bool(run_query(with_values(_KNOWN, {"iri": iri}), max_rows=1).rows)


def candidates(param: Param, typed: str) -> tuple[list[dict], list[dict]]:
    """(exact, word) matches of a typed name: [{iri, label, matched, class}] each."""
    from kazgraph.server.db import run_query

    folded = fold(typed[:MAX_NAME])
    if not folded:
        return [], []
    sparql = with_values(_FIND % (_class_filter(param), fold_binds()), {"probe": Literal(folded)})
    rows = run_query(sparql, max_rows=MAX_CANDIDATES).dicts()
    exact: dict[str, dict] = {}
    word: dict[str, dict] = {}
    for row in rows:
        name, iri = str(row["name"]), str(row["entity"])
        hit = {"iri": iri, "label": str(row.get("label") or name), "matched": name,
               "class": str(row.get("class") or "")}
        folded_name = fold(name)
        if folded_name == folded:
            target = exact
        elif f" {folded} " in f" {folded_name} ":
            target = word
        else:
            continue
        best = target.get(iri)
        # Keep one hit per entity; show the matched name that is its label when it is one.
        if best is None or (hit["matched"] == hit["label"] and best["matched"] != best["label"]):
            target[iri] = hit
    order = lambda h: (h["label"].casefold(), h["iri"])  # noqa: E731
    return sorted(exact.values(), key=order), sorted((h for i, h in word.items() if i not in exact),
                                                      key=order)


def resolve(param: Param, raw: str, base: str) -> Resolved:
    """The entity a typed value stands for, or why there is none."""
    typed = raw.strip()
    out = Resolved(typed=typed)
    looks_like_iri = bool(_IRI.match(typed) or _PATH.match(typed))
    if looks_like_iri:
        try:
            iri = param.to_term(typed, base)
        except QuestionError:
            iri = None
        if isinstance(iri, URIRef) and _exists(iri):
            out.iri = iri
            return out
    exact, word = candidates(param, typed)
    hits = exact or word
    what = _what(param)
    if len(hits) == 1:
        out.iri = URIRef(hits[0]["iri"])
        if not exact:
            out.notes.append(f"“{typed}” is taken as {hits[0]['label']}.")
        return out
    if hits:
        out.error = NameError_(param.name, f"{param.label}: “{typed}” matches {len(hits)} names; "
                                           "pick one.", hits[:50])
        return out
    if looks_like_iri:
        message = f"{param.label}: nothing in the graph is called {typed}."
    else:
        message = f"{param.label}: no {what} is called “{typed}”."
    out.error = NameError_(param.name, message)
    return out


def _what(param: Param) -> str:
    """What the parameter names, for messages: "state or organisation", "entity"."""
    names = {"State": "state", "InternationalOrganization": "organisation", "Company": "company",
             "Person": "person", "Leader": "person", "Digest": "digest"}
    kinds = []
    for c in param.classes:
        kind = names.get(c.removeprefix("kg:"), c.removeprefix("kg:"))
        if kind not in kinds:
            kinds.append(kind)
    if not kinds:
        return "entity"
    return ", ".join(kinds[:-1]) + (" or " if len(kinds) > 1 else "") + kinds[-1]
