"""The embedded store: pyoxigraph (RocksDB) in a folder on disk, the default backend.

One process may open a store folder for writing; RocksDB locks it. Inside a process every
EmbeddedStore on the same folder shares one pyoxigraph handle (opening per request is
fine). Other processes - e.g. a killable query worker - open it with `read_only=True`,
which sees the data as it was when opened and must not be held across writes.

The default graph holds the set union of the named graphs, kept up to date by every write
here. pyoxigraph's own union mode (use_default_graph_as_union) yields a triple once per
graph holding it, so a label repeated in ten digests would come back ten times and joins
would multiply; querying the kept union gives the RDF merge the SPARQL spec asks for.
Code that queries the pyoxigraph handle directly should use `union_options(store)`; code
that writes through it directly should call `refresh_union()` afterwards (or use
`update()`).

Timeouts: pyoxigraph cannot be interrupted from Python. `query` checks `timeout` between
result rows (which stops long result streams, not a long aggregation before the first row);
a hard limit needs a worker process that can be killed (see kazgraph.server.db).
"""
from __future__ import annotations

import re
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Identifier

from kazgraph.errors import QueryError, QueryTimeout, StoreError
from kazgraph.store.base import QueryResult, Store, Triple, as_triples
from kazgraph.store.handles import acquire, release
from kazgraph.store.rdfio import (DATASET_FORMATS, FORMATS, PREFIXES, NTriplesTwice, base_of,
                                  format_of, last_statement_closed, may_hold_blank_nodes,
                                  reading, scan_ntriples, stream_file, write_quads)
from kazgraph.store.terms import cached_to_ox, from_ox, graph_to_ox, to_ox
from kazgraph.store.updates import REBUILD_UNION, replace_update, values_clause

# What SERVICE looks like once strings, IRIs and comments are blanked out (see _guard).
_STRINGS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')
_IRIS = re.compile(r'<[^<>"{}|^`\\\s]*>')
_COMMENTS = re.compile(r"#[^\n]*")
_SERVICE = re.compile(r"(?<![\w?$:.-])SERVICE(?![\w:-])", re.IGNORECASE)


# Quads (union copies included) per call of the bulk loader when loading many digests:
# large enough to amortise its fixed cost, small enough to keep memory flat.
BULK_BATCH = 200_000


# Quads pyoxigraph's bulk loader gathers before it writes them out (one batch per thread).
LOADER_BATCH = 1_000_000


def _one_pass(path: Path) -> bool:
    """Whether an N-Triples file goes to the bulk loader in one pass (see NTriplesTwice).

    For a file of more than a batch of statements, one pass writes smaller files than two
    (the second pass into a store holding the first writes larger ones) in a little less
    time and about as much memory: each of two passes would gather two batches at once
    too. A smaller file takes two passes, each gathering one batch, where one pass would
    gather twice as much, and is no quicker for it. A file that may hold blank nodes
    takes one pass whatever its size: its other way, streamed through Python, gathers as
    much and costs far more. Lines stand in for statements (never fewer).
    """
    lines, braces, blank = scan_ntriples(path)
    return not braces and (lines > LOADER_BATCH or blank) and last_statement_closed(path)


def has_union(store: ox.Store) -> bool:
    """Whether the store keeps the union of its named graphs as its default graph."""
    return next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None


def _union_missing(store: ox.Store) -> bool:
    """Data in named graphs but no kept union: the store was filled by other means."""
    return not has_union(store) and next(iter(store), None) is not None


def union_options(store: ox.Store) -> dict:
    """pyoxigraph query options that make the default graph the union of the named graphs.

    The kept union when the store has one (a store written by EmbeddedStore), else
    pyoxigraph's union mode (a store filled by other means, e.g. in tests).
    """
    return {} if has_union(store) else {"use_default_graph_as_union": True}


def _guard(sparql: str) -> None:
    """Refuse SERVICE: the embedded engine would fetch remote data over HTTP."""
    text = _COMMENTS.sub(" ", _IRIS.sub("<>", _STRINGS.sub('""', sparql)))
    if _SERVICE.search(text):
        raise QueryError("SERVICE (federated query) is not allowed on this store")


class EmbeddedStore(Store):
    """A pyoxigraph store in folder `path` (created when missing unless read_only)."""

    def __init__(self, path: str | Path = "var/store", *, read_only: bool = False,
                 allow_service: bool = False) -> None:
        self.path = str(Path(path).resolve())
        self.read_only = read_only
        self.allow_service = allow_service
        self._ox: ox.Store | None = acquire(self.path, read_only)

    @property
    def ox(self) -> ox.Store:
        """The underlying pyoxigraph store (for bulk work and benchmarks)."""
        if self._ox is None:
            raise StoreError(f"the store at {self.path} is closed")
        return self._ox

    def close(self) -> None:
        if self._ox is not None:
            self._ox = None
            release(self.path, self.read_only)

    def __del__(self) -> None:  # a forgotten close() must not keep the folder locked
        try:
            self.close()
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass

    # --- writing -------------------------------------------------------------
    def _writable(self) -> ox.Store:
        if self.read_only:
            raise StoreError(f"the store at {self.path} is open read-only")
        return self.ox

    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> int:
        return self.replace_graphs({graph: triples})

    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Triple]]) -> int:
        """Drop and refill every graph in ONE SPARQL update: all or nothing.

        Every term is converted (and checked) before the store is touched, so a bad term
        or a failing iterator leaves the store as it was; pyoxigraph applies one update
        in one transaction.
        """
        store = self._writable()
        fresh = self._fill_new_graphs(graphs)
        if fresh is not None:
            return fresh
        update, written = replace_update(graphs, union=True)
        if not update:
            return 0
        if _union_missing(store):  # start keeping the union, in the same transaction
            update += f"\n;\n{REBUILD_UNION}"
        try:
            store.update(update)
        except (OSError, SyntaxError, ValueError) as err:
            raise StoreError(f"the store refused the update (nothing was changed): {err}") from None
        return written

    def load_quads(self, quads: Iterable[ox.Quad], *, bulk: bool = False) -> None:
        """Add pyoxigraph quads as they are (no replace).

        bulk=True uses pyoxigraph's bulk loader: much faster for big imports, NOT
        transactional (a failure may leave part of the data) - use it on a fresh store.
        """
        store = self._writable()
        rebuild = _union_missing(store)
        default = ox.DefaultGraph()
        both = (x for q in quads for x in (q, ox.Quad(q.subject, q.predicate, q.object, default)))
        try:
            if bulk:
                store.bulk_extend(both)
            else:
                store.extend(both)
            if rebuild:
                store.update(REBUILD_UNION)
        except (OSError, ValueError) as err:
            raise StoreError(f"loading quads failed: {err}") from None

    def write_graphs(self, graphs: Iterable[tuple[URIRef, Iterable[Triple] | bytes]]) -> int:
        """Replace a stream of graphs: the new ones through the bulk loader, in batches.

        A graph's triples come as terms or as N-Triples text (bytes, one statement a line,
        as pyoxigraph writes it), which goes to the bulk loader without a Python object per
        statement. Graphs the store holds already are replaced one by one, each in its own
        transaction, as they come. New graphs (the bulk of any first load) are gathered,
        with their union copies, into batches of about BULK_BATCH quads, each handed to
        pyoxigraph's bulk loader, which adds a batch to the store only once it has all of
        it. A batch is written in a thread of its own while the next one is gathered (the
        bulk loader lets go of Python's lock), so extracting digests and writing them
        overlap; the error of a batch is raised when the next one is handed over, or at
        the end. So a load stopped part-way (an error, or the process killed) leaves whole
        graphs only, and running it again does the rest; memory stays bounded by the
        batch, not the corpus.
        """
        store = self._writable()
        if _union_missing(store):
            return super().write_graphs(graphs)
        written = 0
        # Leaving the block waits for the batch being written, also when the stream failed
        # (then the stream's error stands).
        with ThreadPoolExecutor(1, thread_name_prefix="kazgraph-bulk-writer") as writer:
            batch = _Batch(self, writer)
            for name, triples in graphs:
                g = to_ox(name)
                if not isinstance(g, ox.NamedNode) or store.contains_named_graph(g):
                    # A replace keeps the union right by what the store holds: the batch
                    # being written must be in it first.
                    batch.wait()
                    written += self.replace_graphs({name: as_triples(triples)})
                else:
                    written += batch.add(g, triples)
            batch.flush()
            batch.wait()
        return written

    def _fill_new_graphs(self, graphs: Mapping[URIRef, Iterable[Triple]]) -> int | None:
        """Write graphs the store does not hold yet in one transactional insert, else None.

        The common case of loading: new digests. Nothing needs dropping or forgetting from
        the union, so the quads (each also into the union, where a repeat is a no-op) go in
        through one `extend`, several times faster than the equivalent update text.
        """
        store = self.ox
        names = {name: to_ox(name) for name in graphs}
        if any(not isinstance(g, ox.NamedNode) for g in names.values()):
            return None  # replace_update reports the bad name
        if any(store.contains_named_graph(g) for g in names.values()) or _union_missing(store):
            return None
        term = cached_to_ox()
        default = ox.DefaultGraph()
        quads: list[ox.Quad] = []
        written = 0
        for name, triples in graphs.items():
            seen = {(term(s), term(p), term(o)) for s, p, o in triples}
            for s, p, o in seen:
                quads.append(ox.Quad(s, p, o, names[name]))
                quads.append(ox.Quad(s, p, o, default))
            written += len(seen)
        try:
            store.extend(quads)
        except (OSError, ValueError) as err:
            raise StoreError(f"the store refused the write (nothing was changed): {err}") from None
        return written

    def load_file(self, path: Path, graph: URIRef, *, base_iri: str | None = None) -> int:
        """Load an RDF file through pyoxigraph's bulk loader: all or nothing.

        Each statement goes to its named graph and to the kept union: an N-Triples file in
        one native pass (read as TriG, see NTriplesTwice), other files without blank nodes
        in two native passes, the rest streamed through Python once. The bulk loader writes
        its index files aside and adds them to the store only once the whole input has been
        read, so a syntax error anywhere leaves the store as it was. Graphs the file
        replaces are dropped first, in their own transaction, and only after the file has
        been read through once to check it: a reload costs an extra parse, and a crash
        between the two steps (not a bad file) would leave those graphs empty.
        """
        store = self._writable()
        target = to_ox(graph)
        if not isinstance(target, ox.NamedNode):
            raise StoreError(f"a graph name must be an IRI, not {graph!r}")
        replaced = self._graphs_replaced(path, target, base_iri)
        rebuild = _union_missing(store)
        if replaced:
            update, _ = replace_update(dict.fromkeys((URIRef(g.value) for g in replaced), ()), union=True)
            try:
                store.update(update)
            except (OSError, ValueError) as err:
                raise StoreError(f"the store refused to drop {path.name}'s old graphs: {err}") from None
        fmt = format_of(path)
        if fmt == "nt" and _one_pass(path):
            return self._load_once(path, target, rebuild)
        if fmt in ("nt", "ttl") and not may_hold_blank_nodes(path, fmt):
            return self._load_twice(path, fmt, target, base_iri, rebuild)
        default = ox.DefaultGraph()
        read = 0

        def both():  # each statement into its graph and into the union
            nonlocal read
            for q in stream_file(path, base_iri=base_iri):
                name = target if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name
                yield ox.Quad(q.subject, q.predicate, q.object, name)
                yield ox.Quad(q.subject, q.predicate, q.object, default)
                read += 1

        try:
            store.bulk_extend(both())
            if rebuild:
                store.update(REBUILD_UNION)
        except (OSError, ValueError) as err:
            raise StoreError(f"loading {path} failed: {err}") from None
        return read

    def _load_once(self, path: Path, target: ox.NamedNode, rebuild: bool) -> int:
        """An N-Triples file in one pass of the bulk loader, as a TriG document holding it
        in its graph and in the union (see NTriplesTwice and _one_pass)."""
        store = self.ox
        twice = NTriplesTwice(path, target)
        try:
            with reading(path, "nt", lines_before=NTriplesTwice.LINES_BEFORE):
                try:
                    store.bulk_load(input=twice, format=ox.RdfFormat.TRIG)
                except OSError as err:
                    raise StoreError(f"loading {path} failed: {err}") from None
        finally:
            twice.close()
        return self._loaded(target, rebuild)

    def _load_twice(self, path: Path, fmt: str, target: ox.NamedNode, base_iri: str | None,
                    rebuild: bool) -> int:
        """A file without blank nodes: pyoxigraph parses it natively into its graph, then
        into the union (a blank node would get a new name in each pass, so such files go
        through the one-pass stream instead). The first pass is all or nothing; the second
        reads the same bytes, so it can only fail for want of disk."""
        store = self.ox
        for graph in (target, ox.DefaultGraph()):
            with reading(path, fmt):
                try:
                    store.bulk_load(path=str(path), format=FORMATS[fmt],
                                    base_iri=base_iri or base_of(path), to_graph=graph)
                except OSError as err:
                    raise StoreError(f"loading {path} failed: {err}") from None
        return self._loaded(target, rebuild)

    def _loaded(self, target: ox.NamedNode, rebuild: bool) -> int:
        """After a native load into `target`: the union rebuilt if the store had none, and
        the statements the graph now holds."""
        if rebuild:
            self.ox.update(REBUILD_UNION)
        return self.count(URIRef(target.value))

    def _graphs_replaced(self, path: Path, target: ox.NamedNode, base_iri: str | None) -> set:
        """The store's graphs that loading `path` replaces; reads the file when it may name any.

        A triples-only file (Turtle, N-Triples) fills `target` alone; a dataset file is read
        through once (checking it too) for the graphs it names.
        """
        store = self.ox
        names = {target}
        if format_of(path) in DATASET_FORMATS:
            for q in stream_file(path, base_iri=base_iri):
                if not isinstance(q.graph_name, ox.DefaultGraph):
                    names.add(q.graph_name)
        present = {g for g in names if store.contains_named_graph(g)}
        if present and format_of(path) not in DATASET_FORMATS:
            for _ in stream_file(path, base_iri=base_iri):  # a bad file must not cost the old graph
                pass
        return present

    def update(self, sparql: str) -> None:
        """Run a SPARQL update on the named graphs and refresh the union, in one transaction.

        The union is rebuilt from scratch (a scan of the store): fine for occasional
        updates, not for a stream of small ones (use replace_graphs).
        """
        store = self._writable()
        tail = _COMMENTS.sub(" ", _IRIS.sub("<>", _STRINGS.sub('""', sparql))).rstrip()
        sep = "" if tail.endswith(";") else ";"  # a trailing ';' may not be doubled
        try:
            store.update(f"{sparql}\n{sep}\n{REBUILD_UNION}")
        except SyntaxError as err:
            raise QueryError(f"malformed update: {err.msg}") from None
        except (OSError, ValueError) as err:
            raise StoreError(f"the store refused the update (nothing was changed): {err}") from None

    def refresh_union(self) -> None:
        """After writing through `.ox` directly: rebuild the kept union (none kept: no-op)."""
        store = self._writable()
        if has_union(store):
            store.update(REBUILD_UNION)

    def remove_graph(self, graph: URIRef) -> bool:
        store = self._writable()
        g = to_ox(graph)
        existed = store.contains_named_graph(g)
        if existed:
            update, _ = replace_update({graph: []}, union=True)
            store.update(update + (f"\n;\n{REBUILD_UNION}" if _union_missing(store) else ""))
        return existed

    # --- reading -------------------------------------------------------------
    def graphs(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self.ox.named_graphs() if isinstance(g, ox.NamedNode))

    def count(self, graph: URIRef | None = None) -> int:
        if graph is None:
            res = list(self.ox.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
            return int(res[0]["n"].value)
        res = list(self.ox.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                                 substitutions={ox.Variable("g"): to_ox(graph)}))
        return int(res[0]["n"].value) if res else 0

    def query(self, sparql: str, *, bindings: Mapping[str, Identifier] | None = None,
              default_graph: list[URIRef] | None = None,
              named_graphs: list[URIRef] | None = None,
              timeout: float | None = None, max_rows: int | None = None) -> QueryResult:
        if not self.allow_service:
            _guard(sparql)
        options: dict = {"prefixes": PREFIXES}  # usual prefixes work without PREFIX lines
        if default_graph:
            options["default_graph"] = [graph_to_ox(g) for g in default_graph]
        else:
            options.update(union_options(self.ox))
        if named_graphs:
            options["named_graphs"] = [to_ox(g) for g in named_graphs]
        if bindings:
            options["substitutions"] = {ox.Variable(k.lstrip("?$")): to_ox(v) for k, v in bindings.items()}
        deadline = time.monotonic() + timeout if timeout else None
        try:
            res = self._run(sparql, options)
            if isinstance(res, ox.QueryBoolean):
                return QueryResult(kind="ask", boolean=bool(res))
            if isinstance(res, ox.QuerySolutions):
                variables = [v.value for v in res.variables]
                rows, truncated = _take(((from_ox(sol[v]) for v in variables) for sol in res),
                                        max_rows, deadline, timeout)
                return QueryResult(kind="select", variables=variables,
                                   rows=[tuple(r) for r in rows], truncated=truncated)
            triples, truncated = _take(((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
                                        for t in res), max_rows, deadline, timeout)
            graph = Graph()
            for t in triples:
                graph.add(t)
            return QueryResult(kind="graph", graph=graph, truncated=truncated)
        except SyntaxError as err:
            raise QueryError(f"malformed query: {err.msg}") from None
        except (OSError, ValueError, TypeError) as err:
            raise QueryError(f"query failed: {err}") from None

    def _run(self, sparql: str, options: dict):
        """pyoxigraph's query; bound variables a SELECT does not project go in a VALUES block.

        pyoxigraph substitutes (SEP-0007) only projected variables. The fallback appends a
        trailing VALUES clause of typed terms, which joins before projection but after
        GROUP BY: in aggregate queries, project or group by the variables you bind.
        """
        try:
            return self.ox.query(sparql, **options)
        except RuntimeError as err:
            subs = options.get("substitutions")
            if not subs or "projection" not in str(err):
                raise QueryError(f"query failed: {err}") from None
        rest = {k: v for k, v in options.items() if k != "substitutions"}
        return self.ox.query(sparql + values_clause({v.value: t for v, t in subs.items()}), **rest)

    def export(self, out: BinaryIO, *, format: str = "ttl", graph: URIRef | None = None) -> int:
        if graph is not None:
            if not self.ox.contains_named_graph(to_ox(graph)):
                raise StoreError(f"no graph {graph} in the store")
            quads = self.ox.quads_for_pattern(None, None, None, to_ox(graph))
        elif format in DATASET_FORMATS:  # named graphs only: the kept union is derived data
            quads = (q for q in self.ox.quads_for_pattern(None, None, None, None)
                     if not isinstance(q.graph_name, ox.DefaultGraph))
        elif has_union(self.ox):
            quads = self.ox.quads_for_pattern(None, None, None, ox.DefaultGraph())
        else:
            quads = self.ox.quads_for_pattern(None, None, None, None)
        return write_quads(quads, out, format)


class _Batch:
    """New graphs on their way to the bulk loader, each statement also into the union.

    Graphs given as N-Triples text stay text: the union copy is the text itself, and the
    graph's copy names the graph at the end of each line (in N-Triples a line break only
    ever ends a statement, so " .\n" marks each end). Text that may name blank nodes, and
    triples of terms, become pyoxigraph quads: a blank node label means one node per
    document, and a batch joins many documents.

    A full batch goes to the bulk loader in the writer's thread; at most one batch is being
    written while the next is gathered, so memory stays within two batches.
    """

    def __init__(self, store: "EmbeddedStore", writer: ThreadPoolExecutor) -> None:
        self.store, self.writer, self.text, self.quads, self.size = store, writer, [], [], 0
        self._writing: Future | None = None

    def add(self, graph: ox.NamedNode, triples: Iterable[Triple] | bytes) -> int:
        if isinstance(triples, bytes) and b"_:" not in triples:
            n = triples.count(b"\n")
            self.text += [triples, triples.replace(b" .\n", f" {graph} .\n".encode())]
        else:
            default, n = ox.DefaultGraph(), 0
            for s, p, o in as_triples(triples):
                s, p, o = to_ox(s), to_ox(p), to_ox(o)
                self.quads += [ox.Quad(s, p, o, graph), ox.Quad(s, p, o, default)]
                n += 1
        self.size += 2 * n
        if self.size >= BULK_BATCH:  # whole graphs only: batches end between graphs
            self.flush()
        return n

    def flush(self) -> None:
        """Hand the gathered graphs to the writer, once it is done with the last batch."""
        self.wait()
        text, quads = b"".join(self.text), self.quads
        self.text, self.quads, self.size = [], [], 0
        if text or quads:
            self._writing = self.writer.submit(self._write, text, quads)

    def wait(self) -> None:
        """Wait for the batch being written; raise what writing it raised."""
        writing, self._writing = self._writing, None
        if writing is None:
            return
        try:
            writing.result()
        except (OSError, SyntaxError, ValueError) as err:
            raise StoreError(f"the store refused a batch of new graphs (none of it was added): {err}") from None

    def _write(self, text: bytes, quads: list) -> None:
        if text:
            self.store.ox.bulk_load(input=text, format=ox.RdfFormat.N_QUADS)
        if quads:
            self.store.ox.bulk_extend(quads)


def _take(items, max_rows: int | None, deadline: float | None, timeout: float | None):
    """Up to max_rows items (materialised), whether more were left, checking the deadline."""
    kept: list = []
    for item in items:
        if deadline is not None and time.monotonic() > deadline:
            raise QueryTimeout(f"the query ran past its time limit of {timeout:g} s")
        if max_rows is not None and len(kept) >= max_rows:
            return kept, True
        kept.append(tuple(item))
    return kept, False
