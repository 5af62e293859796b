"""The store interface every backend implements.

Terms crossing this interface are rdflib terms (URIRef, Literal, BNode); a named graph
is named by a URIRef. Backends translate to their own term types inside.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from rdflib import Graph, URIRef
from rdflib.term import Identifier

from kazgraph.errors import StoreError

Triple = tuple[Identifier, Identifier, Identifier]
Quad = tuple[Identifier, Identifier, Identifier, Identifier]


@dataclass
class QueryResult:
    """What a query returned: SELECT rows, an ASK boolean, or a CONSTRUCT/DESCRIBE graph."""

    kind: str  # "select" | "ask" | "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Identifier | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False  # True when the row cap cut the rows

    def dicts(self) -> list[dict[str, Identifier]]:
        """Rows as {variable: term}, unbound variables left out."""
        return [{v: t for v, t in zip(self.variables, row) if t is not None} for row in self.rows]


class Store(ABC):
    """A quad store holding one named graph per loaded digest (plus any loaded RDF file)."""

    @abstractmethod
    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> int:
        """Atomically replace named graph `graph` with `triples`; return its new size.

        On any failure the store is left exactly as it was.
        """

    @abstractmethod
    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Triple]]) -> int:
        """Atomically replace several named graphs at once; return the triples written."""

    @abstractmethod
    def remove_graph(self, graph: URIRef) -> bool:
        """Drop a named graph; return whether it existed."""

    @abstractmethod
    def graphs(self) -> list[URIRef]:
        """The named graphs in the store, sorted."""

    @abstractmethod
    def count(self, graph: URIRef | None = None) -> int:
        """Quads in one named graph, or in the whole store."""

    @abstractmethod
    def query(self, sparql: str, *, bindings: Mapping[str, Identifier] | None = None,
              default_graph: list[URIRef] | None = None,
              named_graphs: list[URIRef] | None = None,
              timeout: float | None = None, max_rows: int | None = None) -> QueryResult:
        """Run a SPARQL 1.1 query; the default graph is the union of all named graphs.

        `bindings` are bound as typed values (never formatted into the text).
        Raises QueryError for a malformed query, QueryTimeout past `timeout` seconds.
        """

    @abstractmethod
    def export(self, out: BinaryIO, *, format: str = "ttl", graph: URIRef | None = None) -> int:
        """Write the store (or one named graph) to `out`; return the quads written.

        Formats: ttl, trig, nq, nt, jsonld. Turtle output is deterministic (sorted).
        """

    def write_graphs(self, graphs: Iterable[tuple[URIRef, Iterable[Triple] | bytes]]) -> int:
        """Replace a stream of graphs, one at a time, each all or nothing; return the triples.

        A graph's triples come as terms or as N-Triples text (bytes, as extracted digests
        are handed over). For loading many digests: a backend may batch new graphs (see
        EmbeddedStore).
        """
        return sum(self.replace_graphs({name: as_triples(triples)}) for name, triples in graphs)

    def load_file(self, path: Path, graph: URIRef, *, base_iri: str | None = None) -> int:
        """Load an RDF file, all or nothing; return the statements read.

        Its default graph replaces named graph `graph`; each named graph it holds (TriG,
        N-Quads, JSON-LD) replaces the store's graph of that name. A bad file raises
        InputError (naming the file and line) and leaves the store as it was.
        """
        from collections import defaultdict

        import pyoxigraph as ox

        from kazgraph.store.rdfio import parse_file

        graphs: dict[URIRef, list] = defaultdict(list)
        for q in parse_file(path, base_iri=base_iri):
            name = graph if isinstance(q.graph_name, ox.DefaultGraph) else URIRef(q.graph_name.value)
            graphs[name].append((q.subject, q.predicate, q.object))
        return self.replace_graphs(graphs)

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update, all or nothing (writes go to named graphs)."""
        raise StoreError(f"{type(self).__name__} does not take SPARQL updates")

    def close(self) -> None:
        """Release files or connections."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def as_triples(triples: Iterable[Triple] | bytes) -> Iterable[Triple]:
    """Triples of terms, from N-Triples text or parsed statements as the case may be."""
    import pyoxigraph as ox

    if isinstance(triples, bytes):
        triples = ox.parse(triples, format=ox.RdfFormat.N_TRIPLES)
    return ((t.subject, t.predicate, t.object) if isinstance(t, (ox.Triple, ox.Quad)) else t
            for t in triples)
