"""The source of each answer row: one sentence, its outlet, date and web address.

A question's `# evidence:` lines (kazgraph.queries.evidence) say what a row rests on;
this module looks the sources up for a page of rows at once, one query per line and
chunk, with the rows' terms in a VALUES block, and picks one source per row: the
earliest-published sentence that states it (the article's own address when the graph
has one, else its digest's). A sentence that also names the row's subject is preferred,
from a later line when the first one's sentences do not: a party inferred from a
headline is better shown with the sentence that names the agreement.
"""
from __future__ import annotations

from collections.abc import Sequence

from rdflib.term import Identifier, URIRef

from kazgraph.queries import with_rows
from kazgraph.queries.evidence import EvidenceRule

# The columns every question's JSON and CSV carry after its own, in this order.
COLUMNS = ("sourceArticle", "sourceOutlet", "sourceDate", "sourceSentence", "sourceUrl", "sourceCount")
CHUNK = 200  # rows of terms per lookup query

_PREFIXES = """PREFIX kg: <https://w3id.org/kazgraph/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
_SELECT = ("SELECT ?a ?p ?b ?ev ?sentence ?sb ?src ?headline ?outlet ?outletLabel ?published"
           " ?url ?digestUrl ?digestDate ?names WHERE {\n")
# What every lookup adds about the evidence node ?ev and the article or digest ?src.
_DETAILS = """
  OPTIONAL { ?ev kg:sentence ?sentence }
  OPTIONAL { ?ev kg:sentenceBeginIndex ?sb }
  OPTIONAL {
    ?ev kg:article ?src .
    OPTIONAL { ?src kg:headline ?headline }
    OPTIONAL { ?src kg:publishedBy ?outlet . OPTIONAL { ?outlet rdfs:label ?outletLabel } }
    OPTIONAL { ?src kg:publicationDate ?published }
    OPTIONAL { ?src kg:url ?url }
    OPTIONAL { ?src kg:inDigest ?digest .
               OPTIONAL { ?digest kg:url ?digestUrl } OPTIONAL { ?digest kg:publicationDate ?digestDate } }
  }
  # Whether the sentence also names the row's subject (a mention of ?a in it).
  OPTIONAL { ?a kg:evidence ?own . ?own kg:sentence ?sentence ; kg:article ?src . BIND(true AS ?names) }
}"""
# How each form finds the evidence nodes of its VALUES rows (?a ?p ?b).
_FIND = {
    "fact": "  ?ev rdf:subject ?a ; rdf:predicate ?p ; rdf:object ?b .",
    "in": "  ?a kg:evidence ?ev . ?ev kg:article ?b .",
    "with": """  ?a kg:evidence ?ev . ?ev kg:sentence ?sentence ; kg:article ?src .
  ?b kg:evidence ?other . ?other kg:sentence ?sentence ; kg:article ?src .""",
    "node": "  BIND(?a AS ?ev) ?ev a kg:Evidence .",
}


def _lookup_query(rule: EvidenceRule, keys: list[tuple]) -> str:
    """The SPARQL that finds the evidence of `keys` ((a, p, b) terms, None for any)."""
    sparql = _PREFIXES + _SELECT + _FIND[rule.kind] + _DETAILS
    return with_rows(sparql, ["a", "p", "b"], keys)


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


def _text(term: Identifier | None) -> str:
    return "" if term is None else str(term)


def _source(found: dict) -> dict:
    """One source as the pages and the JSON/CSV show it."""
    return {"sourceArticle": found.get("src"), "sourceOutlet": _text(found.get("outletLabel")),
            "outlet": found.get("outlet"), "headline": _text(found.get("headline")),
            "sourceDate": _text(found.get("published") or found.get("digestDate")),
            "sourceSentence": _text(found.get("sentence")),
            "sourceUrl": _text(found.get("url") or found.get("digestUrl")),
            "urlOf": "article" if found.get("url") else "digest" if found.get("digestUrl") else ""}


def _rank(found: dict) -> tuple:
    """Sentences naming the subject first, then any sentence, the earliest source, a
    stable order."""
    published = _text(found.get("published") or found.get("digestDate")) or "9999"
    sb = found.get("sb")
    return (found.get("names") is None, found.get("sentence") is None, published,
            _text(found.get("src")), int(sb) if sb is not None else 0, _text(found.get("ev")))


def _run(rule: EvidenceRule, keys: list[tuple]) -> dict[tuple, list[dict]]:
    """Evidence found for each key, by key."""
    from kazgraph.server.db import run_query

    found: dict[tuple, list[dict]] = {}
    for start in range(0, len(keys), CHUNK):
        result = run_query(_lookup_query(rule, keys[start:start + CHUNK]))
        for row in result.dicts():
            key = (row.get("a"), row.get("p") if rule.p else None, row.get("b") if rule.b else None)
            found.setdefault(key, []).append(row)
    return found


def row_sources(rules: Sequence[EvidenceRule], variables: list[str],
                rows: Sequence[Sequence[Identifier | None]]) -> list[dict | None]:
    """For each answer row, its chosen source (see `_source`) and `sourceCount`, or None."""
    dicts = [dict(zip(variables, row)) for row in rows]
    chosen: list[dict | None] = [None] * len(dicts)
    settled = [False] * len(dicts)  # a source whose sentence names the subject was found
    for number, rule in enumerate(rules):
        wanted = {i: k for i, row in enumerate(dicts)
                  if not settled[i] and (k := _key(rule, row)) is not None}
        if not wanted:
            continue
        found = _run(rule, sorted(set(wanted.values()), key=lambda k: tuple(map(_text, k))))
        for i, key in wanted.items():
            hits = found.get(key)
            if not hits:
                continue
            best = min(hits, key=_rank)
            if chosen[i] is None or best.get("names") is not None:
                chosen[i] = {**_source(best), "rule": number,
                             "sourceCount": len({_text(h.get("ev")) for h in hits})}
                settled[i] = best.get("names") is not None
    return chosen
