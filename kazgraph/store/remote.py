"""The remote store: any SPARQL 1.1 server, over the Protocol (SPARQLWrapper) and the Graph Store Protocol.

URLs: give a base URL and the three endpoints are derived the way `oxigraph serve` names
them (BASE/query, BASE/update, BASE/store), or give each one (Fuseki: /ds/query,
/ds/update, /ds/data). The server should use the union of its named graphs as the default
graph, as the embedded store does (`oxigraph serve --union-default-graph`; Fuseki:
`tdb2:unionDefaultGraph true`).
"""
from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Iterable, Mapping
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier
from SPARQLWrapper import JSON, POST, POSTDIRECTLY, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from kazgraph.errors import QueryError, QueryTimeout, StoreError
from kazgraph.store.base import QueryResult, Store, Triple
from kazgraph.store.rdfio import PREFIXES, write_quads
from kazgraph.store.terms import from_ox, to_ox
from kazgraph.store.updates import replace_update, values_clause

_PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def endpoint_urls(endpoint: str) -> tuple[str, str, str]:
    """(query, update, graph store) URLs derived from a base URL or a .../query URL."""
    base = endpoint.rstrip("/")
    for tail in ("/query", "/sparql"):
        if base.endswith(tail):
            base = base[: -len(tail)]
            return endpoint, base + "/update", base + "/store"
    return base + "/query", base + "/update", base + "/store"


class RemoteStore(Store):
    """A store behind SPARQL 1.1 endpoints; `token` is sent as a Bearer token on writes."""

    def __init__(self, endpoint: str, *, query_url: str | None = None, update_url: str | None = None,
                 store_url: str | None = None, token: str | None = None,
                 http_timeout: float = 60.0) -> None:
        q, u, s = endpoint_urls(endpoint)
        self.query_url, self.update_url, self.store_url = query_url or q, update_url or u, store_url or s
        self.token = token
        self.http_timeout = http_timeout

    # --- writing -------------------------------------------------------------
    def update(self, sparql: str) -> None:
        """Send one SPARQL update request (applied atomically by oxigraph)."""
        client = self._client(self.update_url, sparql)
        client.setMethod(POST)
        client.setRequestMethod(POSTDIRECTLY)
        if self.token:
            client.addCustomHttpHeader("Authorization", f"Bearer {self.token}")
        self._send(client, what="update")

    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> int:
        return self.replace_graphs({graph: triples})

    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Triple]]) -> int:
        """Drop and refill the graphs in one update request (all or nothing)."""
        text, written = replace_update(graphs)
        if text:
            self.update(text)
        return written

    def put_graph(self, graph: URIRef, data: bytes, media_type: str = "application/n-triples") -> None:
        """Replace one graph with serialised RDF via a Graph Store Protocol PUT."""
        self._http("PUT", self._graph_url(graph), data=data,
                   headers={"Content-Type": media_type})

    def remove_graph(self, graph: URIRef) -> bool:
        # A SELECT that projects ?g: Virtuoso takes a trailing VALUES only on projected variables.
        existed = self.query("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1", bindings={"g": graph}).rows
        if existed:
            self.update(f"DROP SILENT GRAPH {to_ox(graph)}")
        return bool(existed)

    # --- reading -------------------------------------------------------------
    def graphs(self) -> list[URIRef]:
        res = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(r[0] for r in res.rows if isinstance(r[0], URIRef))

    def count(self, graph: URIRef | None = None) -> int:
        """Quads in one named graph or in all named graphs (the server's default graph aside)."""
        if graph is None:
            res = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        else:
            res = self.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                             bindings={"g": graph})
        rows = res.dicts()
        return int(rows[0]["n"]) if rows else 0

    def query(self, sparql: str, *, bindings: Mapping[str, Identifier] | None = None,
              default_graph: list[URIRef] | None = None,
              named_graphs: list[URIRef] | None = None,
              timeout: float | None = None, max_rows: int | None = None) -> QueryResult:
        """Run a query on the server; bound values go in a trailing VALUES block of typed terms.

        The row cap is applied here, after the server answered; `timeout` is the HTTP
        timeout (set the server's own limit too, e.g. `oxigraph serve --timeout-s`).
        """
        text = _PROLOGUE + sparql + (values_clause(bindings) if bindings else "")
        client = self._client(self.query_url, text)
        client.setMethod(POST)
        for g in default_graph or []:
            client.addDefaultGraph(str(g))
        for g in named_graphs or []:
            client.addNamedGraph(str(g))
        if timeout:
            client.setTimeout(max(1, round(timeout)))
        graph_form = client.queryType in ("CONSTRUCT", "DESCRIBE")
        client.setReturnFormat(TURTLE if graph_form else JSON)
        answer: dict[str, str] = {}
        body = self._send(client, what="query", timeout=timeout, headers=answer)
        # Virtuoso stops at its ResultSetMaxRows without an error; only this header tells.
        server_cut = "x-sparql-maxrows" in answer
        if graph_form:
            triples = [(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
                       for q in ox.parse(body, format=ox.RdfFormat.TURTLE)]
            truncated = max_rows is not None and len(triples) > max_rows
            graph = Graph()
            for t in triples[:max_rows] if truncated else triples:
                graph.add(t)
            return QueryResult(kind="graph", graph=graph, truncated=truncated or server_cut)
        data = json.loads(body)
        if "boolean" in data:
            return QueryResult(kind="ask", boolean=bool(data["boolean"]))
        variables = list(data["head"].get("vars", []))
        bound = data["results"]["bindings"]
        if variables == ["__ASK_RETVAL"] and client.queryType == "ASK":  # Virtuoso: ASK as a 1/0 cell
            cells = (b.get("__ASK_RETVAL", {}).get("value") for b in bound)
            return QueryResult(kind="ask", boolean=any(c not in (None, "0") for c in cells))
        truncated = max_rows is not None and len(bound) > max_rows
        rows = [tuple(_term(b.get(v)) for v in variables) for b in (bound[:max_rows] if truncated else bound)]
        return QueryResult(kind="select", variables=variables, rows=rows, truncated=truncated or server_cut)

    def export(self, out: BinaryIO, *, format: str = "ttl", graph: URIRef | None = None) -> int:
        """Fetch one graph over the Graph Store Protocol, or every quad by a query; write sorted."""
        if graph is not None:
            body = self._http("GET", self._graph_url(graph), headers={"Accept": "application/n-triples"},
                              missing=f"no graph {graph} on {self.store_url}")
            quads = ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
        else:
            res = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
            if res.truncated:
                raise StoreError(f"{self.query_url} stopped the export at {len(res.rows)} rows (its "
                                 "result limit, Virtuoso's ResultSetMaxRows): raise it or export one "
                                 "graph at a time")
            quads = (ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g)) for s, p, o, g in res.rows)
        return write_quads(quads, out, format)

    # --- HTTP ----------------------------------------------------------------
    def _client(self, url: str, text: str) -> SPARQLWrapper:
        client = SPARQLWrapper(url, updateEndpoint=self.update_url)
        with warnings.catch_warnings():  # its guess at the query form may warn; the server judges
            warnings.simplefilter("ignore")
            client.setQuery(text)
        client.setTimeout(int(self.http_timeout))
        return client

    def _send(self, client: SPARQLWrapper, *, what: str, timeout: float | None = None,
              headers: dict[str, str] | None = None) -> bytes:
        """The response body; `headers`, when given, receives the response headers (lower-case names)."""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                response = client.query().response
                if headers is not None:
                    headers.update((k.lower(), v) for k, v in response.headers.items())
                return response.read()
        except SPARQLWrapperException as err:
            message = str(err).split("Response:", 1)[-1].strip().strip("b'\"")[:500]
            raise (QueryError if what == "query" else StoreError)(
                f"the server refused the {what}: {message}") from None
        except urllib.error.HTTPError as err:
            detail = err.read()[:300].decode("utf-8", "replace")
            raise (QueryError if what == "query" else StoreError)(
                f"the server refused the {what}: HTTP {err.code} {detail}".strip()) from None
        except (TimeoutError, socket.timeout):
            raise QueryTimeout(f"the {what} ran past {timeout or self.http_timeout:g} s") from None
        except urllib.error.URLError as err:
            if isinstance(err.reason, (TimeoutError, socket.timeout)):
                raise QueryTimeout(f"the {what} ran past {timeout or self.http_timeout:g} s") from None
            raise StoreError(f"cannot reach {client.endpoint}: {err.reason}") from None

    def _graph_url(self, graph: URIRef) -> str:
        return self.store_url + "?" + urllib.parse.urlencode({"graph": str(graph)})

    def _http(self, method: str, url: str, *, data: bytes | None = None, headers: dict | None = None,
              missing: str | None = None) -> bytes:
        headers = dict(headers or {})
        if self.token and method != "GET":
            headers["Authorization"] = f"Bearer {self.token}"
        req = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=self.http_timeout) as resp:
                return resp.read()
        except urllib.error.HTTPError as err:
            if err.code == 404 and missing:
                raise StoreError(missing) from None
            detail = err.read()[:300].decode("utf-8", "replace")
            raise StoreError(f"{method} {url} failed: HTTP {err.code} {detail}".strip()) from None
        except urllib.error.URLError as err:
            raise StoreError(f"cannot reach {url}: {err.reason}") from None


def _term(b: dict | None) -> Identifier | None:
    """A term of the SPARQL 1.1 JSON results format as an rdflib term."""
    if b is None:
        return None
    kind, value = b["type"], b["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in b:
        return Literal(value, lang=b["xml:lang"])
    dt = b.get("datatype")
    if dt and dt not in ("http://www.w3.org/2001/XMLSchema#string",):
        return Literal(value, datatype=URIRef(dt))
    return Literal(value)

