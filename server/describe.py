"""What an entity page shows: facts grouped by relation, each with its evidence."""
from __future__ import annotations

from functools import cache
from importlib import resources

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import OWL, SKOS

from kazgraph.queries import with_values
from kazgraph.server.cells import cell, safe_href, short
from kazgraph.vocab import KG

_PREFIXES = """PREFIX kg: <https://w3id.org/kazgraph/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
_OUT = _PREFIXES + """SELECT DISTINCT ?s ?p ?o ?oLabel WHERE {
  ?s ?p ?o . OPTIONAL { ?o rdfs:label|kg:headline ?oLabel }
} ORDER BY ?p ?oLabel ?o"""
_IN = _PREFIXES + """SELECT DISTINCT ?s ?p ?x ?xLabel WHERE {
  ?x ?p ?s . FILTER(?p NOT IN (rdf:subject, rdf:object))
  OPTIONAL { ?x rdfs:label|kg:headline ?xLabel }
} ORDER BY ?p ?xLabel ?x"""
# The evidence of facts about ?s (either end) and of mentions of ?s, with their sources.
_EVIDENCE = _PREFIXES + """SELECT DISTINCT ?s ?ev ?dir ?p ?other ?sentence ?sb ?b ?e ?anchor
       ?article ?headline ?outlet ?outletLabel ?published ?url ?digestUrl ?inferred WHERE {
  { ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?other . BIND("out" AS ?dir) }
  UNION { ?ev rdf:object ?s ; rdf:predicate ?p ; rdf:subject ?other . BIND("in" AS ?dir) }
  UNION { ?s kg:evidence ?ev . BIND("mention" AS ?dir) }
  OPTIONAL { ?ev kg:sentence ?sentence }
  OPTIONAL { ?ev kg:sentenceBeginIndex ?sb }
  OPTIONAL { ?ev kg:beginIndex ?b }
  OPTIONAL { ?ev kg:endIndex ?e }
  OPTIONAL { ?ev kg:anchorOf ?anchor }
  OPTIONAL { ?ev kg:inferred ?inferred }
  OPTIONAL {
    ?ev kg:article ?article .
    OPTIONAL { ?article kg:headline ?headline }
    OPTIONAL { ?article kg:url ?url }
    OPTIONAL { ?article kg:inDigest/kg:url ?digestUrl }
    OPTIONAL { ?article kg:publicationDate ?published }
    OPTIONAL { ?article kg:publishedBy ?outlet . OPTIONAL { ?outlet rdfs:label ?outletLabel } }
  }
} ORDER BY ?published ?article ?sb ?b ?ev"""
_DESCRIBE = _PREFIXES + """CONSTRUCT { ?s ?p ?o . ?o rdfs:label ?ol . ?x ?q ?s . ?x rdfs:label ?xl }
WHERE {
  { ?s ?p ?o . OPTIONAL { ?o rdfs:label ?ol } }
  UNION
  { ?x ?q ?s . OPTIONAL { ?x rdfs:label ?xl } }
}"""
# Shown in the page head, not among the facts.
_HEAD = {RDFS.label, SKOS.altLabel, OWL.sameAs, RDF.type, KG.evidence, KG.text}
MAX_FACTS = 2000


@cache
def property_labels() -> dict[str, str]:
    """rdfs:label of every property the ontology declares, by IRI."""
    graph = Graph()
    for entry in resources.files("kazgraph.ontology").iterdir():
        if entry.name.endswith(".ttl"):
            graph.parse(data=entry.read_text(encoding="utf-8"), format="turtle")
    return {str(s): str(o) for s, o in graph.subject_objects(RDFS.label)}


def relation_name(pred: URIRef) -> str:
    """A readable name for a relation: its ontology label, else its short name."""
    return property_labels().get(str(pred)) or short(pred)


def _highlight(row: dict) -> dict:
    """The sentence cut around the evidence span: pre, mark, post (escaped by the template)."""
    sentence = str(row.get("sentence", ""))
    anchor = str(row.get("anchor", ""))
    try:
        start = int(row["b"]) - int(row["sb"])
        end = int(row["e"]) - int(row["sb"])
    except (KeyError, ValueError):
        start = end = -1
    if not (0 <= start < end <= len(sentence)) or (anchor and sentence[start:end] != anchor):
        # Offsets that do not fit the sentence: fall back to the first match of the anchor.
        start = sentence.find(anchor) if anchor else -1
        end = start + len(anchor)
    if start < 0:
        return {"pre": sentence, "mark": "", "post": ""}
    return {"pre": sentence[:start], "mark": sentence[start:end], "post": sentence[end:]}


def _evidence(row: dict) -> dict:
    url = row.get("url") or row.get("digestUrl")  # the article's own address, else its digest's
    return {"iri": cell(row["ev"]), **_highlight(row),
            "outlet": cell(row.get("outlet"), row.get("outletLabel")),
            "published": str(row.get("published", "")),
            "article": cell(row.get("article"), row.get("headline")),
            "url": safe_href(url) if url is not None else None,
            "url_of": "article" if row.get("url") is not None else "digest",
            "inferred": str(row.get("inferred", "")) == "true"}


def _groups(rows: list[dict], var: str, direction: str, evidence: dict) -> list[dict]:
    """Facts grouped by relation, each value once, with the evidence found for the fact."""
    groups: dict[str, dict] = {}
    seen: set[tuple[str, str]] = set()
    for row in rows:
        p, value = row["p"], row[var]
        group = groups.setdefault(str(p), {"name": relation_name(p), "iri": str(p), "facts": []})
        if (str(p), str(value)) in seen:
            continue
        seen.add((str(p), str(value)))
        group["facts"].append({"key": str(value), "value": cell(value, row.get(var + "Label")),
                               "evidence": evidence.get((direction, str(p), str(value)), [])})
    return list(groups.values())


def entity_view(iri: URIRef) -> dict | None:
    """Everything the entity page shows, or None when the graph does not know `iri`."""
    from kazgraph.server.db import run_query

    bound = {"s": iri}
    out = run_query(with_values(_OUT, bound), max_rows=MAX_FACTS)
    inc = run_query(with_values(_IN, bound), max_rows=MAX_FACTS)
    if not out.rows and not inc.rows:
        return None
    evidence: dict[tuple, list] = {}
    mentions = []
    for row in run_query(with_values(_EVIDENCE, bound), max_rows=MAX_FACTS).dicts():
        if str(row["dir"]) == "mention":
            mentions.append(_evidence(row))
        else:
            evidence.setdefault((str(row["dir"]), str(row["p"]), str(row["other"])), []).append(_evidence(row))
    head: dict[URIRef, list] = {}
    facts_out = []
    fallback = {}  # names for things without rdfs:label (articles, digests)
    for row in out.dicts():
        p, o = row["p"], row["o"]
        if p in (KG.headline, KG.title, KG.sourceFile):
            fallback.setdefault(p, str(o))
        if p in _HEAD:
            head.setdefault(p, []).append(o)
        else:
            facts_out.append(row)
    labels = head.get(RDFS.label, [])
    names = [str(labels[0])] if labels else [fallback[p] for p in (KG.headline, KG.title, KG.sourceFile)
                                               if p in fallback]
    return {"label": names[0] if names else short(iri),
            "aliases": sorted({str(a) for a in head.get(SKOS.altLabel, [])}),
            "types": [cell(t, None) for t in sorted(set(head.get(RDF.type, [])))],
            "same_as": sorted({safe_href(x) for x in head.get(OWL.sameAs, [])} - {None}),
            "text": str(head[KG.text][0]) if head.get(KG.text) else None,
            "out": _groups(facts_out, "o", "out", evidence),
            "in": _groups(inc.dicts(), "x", "in", evidence),
            "mentions": mentions, "truncated": out.truncated or inc.truncated}


def describe_graph(iri: URIRef) -> Graph:
    """The triples about `iri` (both directions) with the labels of its neighbours."""
    from kazgraph.server.db import run_query

    result = run_query(with_values(_DESCRIBE, {"s": iri}), max_rows=MAX_FACTS * 2)
    return result.graph if result.graph is not None else Graph()
