"""The source of each answer row: one sentence, its outlet, date and web address.

A question's `# evidence:` lines (kazgraph.queries.evidence) say what a row rests on;
this module looks the sources up for a page of rows at once, with the rows' terms in a
VALUES block, and picks one source per row: the earliest-published sentence that
states it (the article's own address when the graph has one, else its digest's). A
sentence that also names the row's subject is preferred, from a later line when the
first one's sentences do not: a party read from a headline is better shown with the
sentence that names the agreement.

Three steps keep it quick when a fact is reported many times: the candidates with only
what ranks them, the sentences that name each subject, then the details of the one
chosen per row.
"""
from __future__ import annotations

from collections.abc import Sequence

from rdflib.term import Identifier, URIRef

from kazgraph.queries import with_rows
from kazgraph.queries.evidence import EvidenceRule

# The columns every question's JSON and CSV carry after its own, in this order.
COLUMNS = ("sourceArticle", "sourceOutlet", "sourceDate", "sourceSentence", "sourceUrl", "sourceInferred",
           "sourceCount")
CHUNK = 200  # rows of terms per lookup query

_PREFIXES = """PREFIX kg: <https://w3id.org/kazgraph/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
# How each form finds the evidence nodes ?ev of its VALUES rows (?a ?p ?b).
_FIND = {
    "fact": "  ?ev rdf:subject ?a ; rdf:predicate ?p ; rdf:object ?b .",
    "in": "  ?a kg:evidence ?ev . ?ev kg:article ?b .",
    "with": """  ?a kg:evidence ?ev . ?ev kg:sentenceBeginIndex ?sb ; kg:article ?src .
  ?b kg:evidence ?other . ?other kg:sentenceBeginIndex ?sb ; kg:article ?src .""",
    "node": "  BIND(?a AS ?ev) ?ev a kg:Evidence .",
}
# Step 1: the candidates, with what ranks them.
# A sentence is known by its article and its offset in the digest (?sb), which is
# lighter to compare than its text.
_CANDIDATES = _PREFIXES + """SELECT ?a ?p ?b ?ev ?sb ?src ?published WHERE {
%s
  OPTIONAL { ?ev kg:sentenceBeginIndex ?sb }
  OPTIONAL { ?ev kg:article ?src .
             OPTIONAL { ?src kg:publicationDate ?own }
             OPTIONAL { ?src kg:inDigest/kg:publicationDate ?reported } }
  BIND(COALESCE(?own, ?reported) AS ?published)
}"""
# Step 2: the sentences in which each subject is named.
_NAMED = _PREFIXES + """SELECT ?a ?src ?sb WHERE {
  ?a kg:evidence ?own . ?own kg:sentenceBeginIndex ?sb ; kg:article ?src .
}"""
# Step 3: what the page shows of a chosen evidence node.
_DETAILS = _PREFIXES + """SELECT ?ev ?sentence ?src ?headline ?outlet ?outletLabel ?published ?url
       ?digestUrl ?digestDate ?inferred WHERE {
  OPTIONAL { ?ev kg:sentence ?sentence }
  OPTIONAL { ?ev kg:inferred ?inferred }
  OPTIONAL {
    ?ev kg:article ?src .
    OPTIONAL { ?src kg:headline ?headline }
    OPTIONAL { ?src kg:publishedBy ?outlet . OPTIONAL { ?outlet rdfs:label ?outletLabel } }
    OPTIONAL { ?src kg:publicationDate ?published }
    OPTIONAL { ?src kg:url ?url }
    OPTIONAL { ?src kg:inDigest ?digest .
               OPTIONAL { ?digest kg:url ?digestUrl } OPTIONAL { ?digest kg:publicationDate ?digestDate } }
  }
}"""


def _text(term: Identifier | None) -> str:
    return "" if term is None else str(term)


def _select(sparql: str, names: list[str], rows: list[tuple]) -> list[dict]:
    """Run `sparql` with VALUES rows of typed terms, CHUNK rows per query."""
    from kazgraph.server.db import run_query

    out: list[dict] = []
    for start in range(0, len(rows), CHUNK):
        out += run_query(with_rows(sparql, names, rows[start:start + CHUNK])).dicts()
    return out


def _key(rule: EvidenceRule, row: dict) -> tuple | None:
    """The (a, p, b) terms a row asks the rule about, or None when a variable is unbound."""
    a = row.get(rule.a)
    b = row.get(rule.b) if rule.b else None
    if a is None or (rule.b and b is None):
        return None
    if rule.kind in ("in", "node", "with") and not isinstance(a, URIRef):
        return None
    p = URIRef(rule.p) if rule.p else None
    return (a, p if rule.kind == "fact" else None, b)


def _candidates(rule: EvidenceRule, keys: list[tuple]) -> dict[tuple, list[dict]]:
    """Evidence found for each key, by key, each flagged `names` when its sentence also
    names the key's subject."""
    rows = _select(_CANDIDATES % _FIND[rule.kind], ["a", "p", "b"], keys)
    if rule.kind == "fact":
        subjects = sorted({(r["a"],) for r in rows if r.get("sb") is not None}, key=str)
        named = {(_text(r["a"]), _text(r.get("src")), _text(r.get("sb")))
                 for r in _select(_NAMED, ["a"], subjects)}
    found: dict[tuple, list[dict]] = {}
    for row in rows:
        if rule.kind == "fact":
            row["names"] = (_text(row["a"]), _text(row.get("src")), _text(row.get("sb"))) in named
        else:  # a sentence of the subject's own mentions
            row["names"] = rule.kind != "node" and row.get("sb") is not None
        key = (row.get("a"), row.get("p") if rule.p else None, row.get("b") if rule.b else None)
        found.setdefault(key, []).append(row)
    return found


def _rank(found: dict) -> tuple:
    """Sentences naming the subject first, then any sentence, the earliest source, a
    stable order."""
    sb = found.get("sb")
    return (not found["names"], sb is None, _text(found.get("published")) or "9999",
            _text(found.get("src")), int(sb) if sb is not None else 0, _text(found.get("ev")))


def _details(chosen: list[dict | None]) -> dict[str, dict]:
    """What the page shows of each chosen evidence node, by its IRI."""
    nodes = sorted({(c["ev"],) for c in chosen if c is not None}, key=str)
    out: dict[str, dict] = {}
    for row in _select(_DETAILS, ["ev"], nodes):
        out.setdefault(str(row["ev"]), row)
    return out


def _source(found: dict, count: int, number: int) -> dict:
    """One source as the pages and the JSON/CSV show it (`rule`: the line it came from)."""
    return {"sourceArticle": found.get("src"), "sourceOutlet": _text(found.get("outletLabel")),
            "outlet": found.get("outlet"), "headline": _text(found.get("headline")),
            "sourceDate": _text(found.get("published") or found.get("digestDate")),
            "sourceSentence": _text(found.get("sentence")),
            "sourceUrl": _text(found.get("url") or found.get("digestUrl")),
            # "true" when the sentence does not state the fact alone: the reader joined it
            # with the headline or a sentence before (kg:inferred)
            "sourceInferred": "true" if _text(found.get("inferred")) == "true" else "",
            "urlOf": "article" if found.get("url") else "digest" if found.get("digestUrl") else "",
            "sourceCount": count, "rule": number}


def row_sources(rules: Sequence[EvidenceRule], variables: list[str],
                rows: Sequence[Sequence[Identifier | None]]) -> list[dict | None]:
    """For each answer row, its chosen source (see `_source`), or None."""
    dicts = [dict(zip(variables, row)) for row in rows]
    chosen: list[dict | None] = [None] * len(dicts)
    settled = [False] * len(dicts)  # a source whose sentence names the subject was found
    for number, rule in enumerate(rules):
        wanted = {i: k for i, row in enumerate(dicts)
                  if not settled[i] and (k := _key(rule, row)) is not None}
        if not wanted:
            continue
        found = _candidates(rule, sorted(set(wanted.values()), key=lambda k: tuple(map(_text, k))))
        for i, key in wanted.items():
            hits = found.get(key)
            if not hits:
                continue
            best = min(hits, key=_rank)
            if chosen[i] is None or best["names"]:
                count = len({_text(h.get("ev")) for h in hits})
                chosen[i] = {**best, "count": count, "rule": number}
                settled[i] = best["names"]
    details = _details(chosen)
    return [None if c is None else _source(details.get(str(c["ev"]), c), c["count"], c["rule"])
            for c in chosen]
