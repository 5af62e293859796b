"""Converting RDF terms between rdflib (the interface) and pyoxigraph (the embedded engine)."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Identifier

from kazgraph.errors import StoreError

_XSD_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)
_BNODE_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


def to_ox(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term; raises StoreError for a term it cannot hold."""
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term  # already converted (e.g. parsed by pyoxigraph)
    try:
        if isinstance(term, URIRef):
            return ox.NamedNode(str(term))
        if isinstance(term, BNode):
            label = str(term)
            if not _BNODE_ID.match(label) or label.endswith("."):
                # rdflib allows any string as a blank node id; pyoxigraph does not.
                label = "h" + hashlib.sha1(label.encode("utf-8")).hexdigest()
            return ox.BlankNode(label)
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype is not None and str(term.datatype) != _XSD_STRING:
                return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
            return ox.Literal(str(term))
    except (ValueError, TypeError) as err:
        raise StoreError(f"cannot store the term {term!r}: {err}") from err
    raise StoreError(f"cannot store the term {term!r}: unsupported term type {type(term).__name__}")


def cached_to_ox() -> Callable[[Identifier], ox.NamedNode | ox.BlankNode | ox.Literal]:
    """A to_ox that converts each distinct term once: a digest repeats its terms a lot."""
    cache: dict = {}

    def convert(term: Identifier):
        ox_term = cache.get(term)
        if ox_term is None:
            ox_term = cache[term] = to_ox(term)
        return ox_term

    return convert


def from_ox(term) -> Identifier | None:
    """A pyoxigraph term as an rdflib term (None stays None: an unbound variable)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt in (_XSD_STRING, _LANG_STRING):
            return Literal(term.value)  # a plain literal compares equal to rdflib's own
        return Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.DefaultGraph):
        return None
    raise StoreError(f"unsupported term from the store: {term!r}")


def graph_to_ox(graph: URIRef | None) -> ox.NamedNode | ox.DefaultGraph:
    """A graph name as pyoxigraph wants it; None is the default graph."""
    return ox.DefaultGraph() if graph is None else to_ox(graph)


def quad_to_ox(s: Identifier, p: Identifier, o: Identifier, g: URIRef | None) -> ox.Quad:
    """One rdflib quad as a pyoxigraph Quad."""
    return ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph_to_ox(g))
