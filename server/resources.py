"""Entity pages: every IRI under the base dereferences at /id/<path>, HTML or RDF.

Browsers get HTML; tools get Turtle, JSON-LD, N-Triples or RDF/XML by content negotiation
(`Vary: Accept`; an Accept header naming none of them gets 406), or by the
.ttl/.jsonld/.nt/.rdf suffix. Also the search page.
"""
from __future__ import annotations

import json
import re

from flask import Blueprint, Response, abort, render_template, request
from rdflib import Graph, URIRef
from werkzeug.exceptions import HTTPException

from kazgraph.server.cells import base, cell, error_page, page_url, secure_headers
from kazgraph.server.describe import describe_graph, entity_view
from kazgraph.server.errors import json_error
from kazgraph.server.search import search
from kazgraph.vocab import ONTOLOGY_IRI, WD

bp = Blueprint("resources", __name__)
bp.register_error_handler(HTTPException, error_page)
bp.after_request(secure_headers)

_IRI_BAD = re.compile(r'[\s<>"{}|\\^`]')
RDF_TYPES = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples",
             "rdf": "application/rdf+xml"}
SERIALIZERS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt", "rdf": "xml"}
_BY_TYPE = {"text/html": "html", "application/xhtml+xml": "html", "text/turtle": "ttl",
            "application/ld+json": "jsonld", "application/json": "jsonld",
            "application/n-triples": "nt", "application/rdf+xml": "rdf"}


def _negotiate() -> str:
    """The format the Accept header prefers: html, ttl, jsonld, nt or rdf; 406 if none."""
    accept = request.accept_mimetypes
    if not accept:
        return "html"  # no Accept header: anything goes
    best = accept.best_match(list(_BY_TYPE))
    if best is None:
        abort(406, description="none of the accepted types is offered; offered: "
                               + ", ".join(_BY_TYPE))
    return _BY_TYPE[best]


def serialize(graph: Graph, fmt: str) -> str:
    """A description graph as text in one of the RDF formats (Turtle is sorted by rdflib)."""
    graph.bind("kg", ONTOLOGY_IRI)
    graph.bind("wd", WD)
    graph.bind("id", base())
    return graph.serialize(format=SERIALIZERS[fmt])


@bp.route("/id/<path:path>")
def resource(path: str) -> Response:
    """One resource: HTML for people; Turtle, JSON-LD, N-Triples or RDF/XML for tools."""
    fmt = None
    for ext in RDF_TYPES.keys() | {"html"}:
        if path.endswith("." + ext):
            path, fmt = path[: -len(ext) - 1], ext
            break
    iri = URIRef(base() + path)
    if _IRI_BAD.search(path):  # no IRI holds these: nothing is called that
        abort(404, description=f"nothing in the graph is called {iri}")
    negotiated = fmt is None
    fmt = fmt or _negotiate()
    if fmt == "html":
        view = entity_view(iri)
        if view is None:
            abort(404, description=f"nothing in the graph is called {iri}")
        resp = Response(render_template("resource.html", v=view, iri=str(iri), path=path))
    else:
        graph = describe_graph(iri)
        if len(graph) == 0:
            abort(404, description=f"nothing in the graph is called {iri}")
        resp = Response(serialize(graph, fmt), mimetype=RDF_TYPES[fmt])
    if negotiated:
        resp.headers["Vary"] = "Accept"
    return resp


@bp.route("/search")
def search_page() -> str:
    """Search labels and aliases; results link to entity pages."""
    words = request.args.get("q", "")
    try:
        hits = search(words, request.args.getlist("class"), limit=50)
    except ValueError as err:
        abort(400, description=str(err))
    for hit in hits:
        hit["href"] = page_url(URIRef(hit["iri"]))
    return render_template("search.html", words=words, hits=hits)


@bp.route("/search.json")
def search_json() -> Response:
    """Search as JSON for the entity pickers: [{iri, label, matched, class, path}]."""
    limit = request.args.get("limit", "20") or "20"
    if not re.fullmatch(r"-?\d+", limit):
        return json_error(400, f"limit: {limit!r} is not a whole number")
    try:
        hits = search(request.args.get("q", ""), request.args.getlist("class"), limit=int(limit))
    except ValueError as err:
        return json_error(400, str(err))
    for hit in hits:
        hit["path"] = cell(URIRef(hit["iri"]))["href"]
    return Response(json.dumps(hits, ensure_ascii=False), mimetype="application/json")
