"""Search over labels and aliases, for the search page and the entity pickers."""
from __future__ import annotations

from rdflib import Literal, URIRef

from kazgraph.queries import with_values
from kazgraph.vocab import term

# Class names come from the closed KG namespace and the query text gets them as IRIs of
# it; the user's words reach the query only as the bound literal ?q.
_SEARCH = """
PREFIX kg: <https://w3id.org/kazgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?entity ?q (SAMPLE(?l) AS ?label) (MIN(?rank) AS ?best) (SAMPLE(?n) AS ?matched)
       (MIN(STRAFTER(STR(?type), "#")) AS ?class)
WHERE {
  ?entity rdfs:label|skos:altLabel|kg:title|kg:sourceFile ?n .
  FILTER(CONTAINS(LCASE(STR(?n)), LCASE(?q)))
  BIND(IF(LCASE(STR(?n)) = LCASE(?q), 0, IF(STRSTARTS(LCASE(STR(?n)), LCASE(?q)), 1, 2)) AS ?rank)
  %s
  OPTIONAL { ?entity rdfs:label ?l }
  OPTIONAL { ?entity a ?type }
}
GROUP BY ?entity ?q
ORDER BY ?best STRLEN(STR(?label)) ?label ?entity
LIMIT %d
"""
MAX_HITS = 50


def class_filter(classes: list[str]) -> str:
    """A VALUES restriction to classes of the kazgraph vocabulary ('' for any class)."""
    iris = []
    for name in classes:
        found = term(name)
        if found is None:
            raise ValueError(f"unknown class {name!r}")
        iris.append(found)
    if not iris:
        return ""
    return "?entity a ?want . VALUES ?want { %s }" % " ".join(URIRef(i).n3() for i in iris)


def search(words: str, classes: list[str] | None = None, limit: int = 20) -> list[dict]:
    """Entities whose label or alias contains `words`: [{iri, label, matched, class}]."""
    from kazgraph.server.db import run_query

    words = words.strip()
    if not words:
        return []
    sparql = _SEARCH % (class_filter(classes or []), max(1, min(limit, MAX_HITS)))
    result = run_query(with_values(sparql, {"q": Literal(words[:200])}))
    hits = []
    for row in result.dicts():
        hits.append({"iri": str(row["entity"]),
                     "label": str(row.get("label", row.get("matched", row["entity"]))),
                     "matched": str(row.get("matched", "")),
                     "class": str(row.get("class", ""))})
    return hits


_LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?entity (SAMPLE(?l) AS ?label) WHERE { ?entity rdfs:label ?l } GROUP BY ?entity
"""


def labels_of(iris: list[URIRef]) -> dict[str, str]:
    """rdfs:label of each IRI that has one, by IRI string."""
    from kazgraph.server.db import run_query

    found = {}
    for iri in iris:  # one bound value per query: bindings are single rows
        for row in run_query(with_values(_LABELS, {"entity": iri})).dicts():
            found[str(row["entity"])] = str(row["label"])
    return found
