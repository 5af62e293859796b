"""SPARQL Update text for replacing graphs, built from typed terms (never from user text)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import pyoxigraph as ox
from rdflib import URIRef

from kazgraph.errors import StoreError
from kazgraph.store.base import Triple
from kazgraph.store.terms import to_ox


# The union of the named graphs, kept as the store's default graph (see EmbeddedStore).
FORGET_FROM_UNION = ("DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
                     "FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {g}) }} }}")
# Bring the kept union in step with the named graphs after writes of unknown reach: a scan,
# but it writes only what changed (dropping and refilling it all is several times slower).
REBUILD_UNION = ("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } } ;\n"
                 "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }")


def replace_update(graphs: Mapping[URIRef, Iterable[Triple]], *,
                   union: bool = False) -> tuple[str, int]:
    """One update request that drops and refills each graph, and the triples it writes.

    union=True also keeps the default graph equal to the set union of the named graphs:
    a graph's triples found in no other graph leave it, the new triples join it.
    Every term is converted (and so checked) before any text is returned: a bad term or
    a failing iterator raises here, before the store is touched. Terms are written in
    N-Triples form by pyoxigraph, which escapes them. Returns ("", 0) for no graphs.
    """
    ops: list[str] = []
    blocks: list[str] = []
    merged: set[str] = set()
    written = 0
    for name, triples in graphs.items():
        g = to_ox(name)
        if not isinstance(g, ox.NamedNode):
            raise StoreError(f"a graph name must be an IRI, not {name!r}")
        lines = {f"{to_ox(s)} {to_ox(p)} {to_ox(o)} ." for s, p, o in triples}
        if union:
            ops.append(FORGET_FROM_UNION.format(g=g))
            merged |= lines
        ops.append(f"DROP SILENT GRAPH {g}")
        if lines:
            blocks.append(f"GRAPH {g} {{\n" + "\n".join(sorted(lines)) + "\n}")
        written += len(lines)
    if merged:
        blocks.append("\n".join(sorted(merged)))
    if blocks:
        ops.append("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
    return " ;\n".join(ops), written


def values_clause(bindings: Mapping[str, object]) -> str:
    """A trailing `VALUES (?a ?b) { (t1 t2) }` clause for bound variables (typed terms only)."""
    names = " ".join("?" + k.lstrip("?$") for k in bindings)
    for k in bindings:
        ox.Variable(k.lstrip("?$"))  # raises ValueError for a name that is not a variable
    terms = " ".join(str(to_ox(v)) for v in bindings.values())
    return f"\nVALUES ({names}) {{ ({terms}) }}"
