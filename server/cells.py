"""How RDF terms become table cells, links, JSON values and chart data on the pages."""
from __future__ import annotations

from flask import Response, current_app, render_template, request, url_for
from werkzeug.exceptions import HTTPException
from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from kazgraph.server.errors import json_error
from kazgraph.vocab import DEFAULT_BASE, PREFIXES

# Prefixes shown instead of long IRIs that are not entity pages.
SHORT = {PREFIXES[p]: f"{p}:" for p in ("kg", "rdf", "rdfs", "skos", "owl", "wd")}


def base() -> str:
    """The IRI prefix of the graph's resources (served under /id/)."""
    return current_app.config.get("KAZGRAPH_BASE") or DEFAULT_BASE


def local_path(iri: Identifier) -> str | None:
    """The path of an IRI under the base ("state/KAZ"), or None if it is elsewhere."""
    b = base()
    if isinstance(iri, URIRef) and str(iri).startswith(b) and len(str(iri)) > len(b):
        return str(iri)[len(b):]
    return None


def safe_href(iri: object) -> str | None:
    """An outside address fit for a link: http(s) only (never javascript: and the like)."""
    text = str(iri)
    return text if text.startswith(("http://", "https://")) else None


def page_url(iri: Identifier) -> str | None:
    """Where a browser should go for an IRI: its entity page, or the IRI itself."""
    path = local_path(iri)
    return url_for("resources.resource", path=path) if path is not None else safe_href(iri)


def short(iri: Identifier) -> str:
    """A compact name for an IRI: `kg:party`, `state/KAZ`, or the IRI."""
    path = local_path(iri)
    if path is not None:
        return path
    text = str(iri)
    for ns, prefix in SHORT.items():
        if text.startswith(ns):
            return prefix + text[len(ns):]
    return text


def text(term: Identifier | None) -> str:
    """The plain string of a term, for CSV and JSON ('' when unbound)."""
    return "" if term is None else str(term)


def cell(term: Identifier | None, label: Identifier | None = None) -> dict:
    """A table cell: {'text', 'href', 'title'}; the template escapes every part."""
    if term is None:
        return {"text": "", "href": None, "title": None}
    if isinstance(term, URIRef):
        return {"text": str(label) if label is not None else short(term), "href": page_url(term),
                "title": str(term)}
    if isinstance(term, BNode):
        return {"text": "_:" + str(term), "href": None, "title": None}
    return {"text": str(term), "href": None,
            "title": short(term.datatype) if isinstance(term, Literal) and term.datatype else None}


def chart_date(term: Identifier | None) -> str | None:
    """An ISO date a chart can place ("2024" -> "2024-01-01"), or None if it is no date."""
    if term is None:
        return None
    raw = str(term)[:10]
    if len(raw) == 4 and raw.isdigit():
        return raw + "-01-01"
    if len(raw) == 7 and raw[:4].isdigit() and raw[4] == "-":
        return raw + "-01"
    if len(raw) == 10 and raw[:4].isdigit() and raw[4] == "-" and raw[7] == "-":
        return raw
    return None


def error_page(err: HTTPException) -> Response:
    """One error shape for the pages: JSON for .json addresses, else an HTML page."""
    status, message = err.code or 500, err.description or err.name
    if request.path.endswith(".json"):
        return json_error(status, message, title=err.name)
    html = render_template("error.html", status=status, name=err.name, message=message)
    return Response(html, status=status, mimetype="text/html")


# The pages load scripts, styles and data from this app only. vis-timeline and
# vis-network add inline styles, hence 'unsafe-inline' for styles (never for scripts).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")


def secure_headers(resp: Response) -> Response:
    """Content-Security-Policy and friends on every page of these blueprints."""
    if resp.mimetype == "text/html":
        resp.headers.setdefault("Content-Security-Policy", CSP)
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp
