"""Writes: /update (SPARQL 1.1 Update) and /store (Graph Store Protocol, ?graph=).

Off unless UPDATE_TOKEN is set; then every request needs `Authorization: Bearer <token>`.
A write goes through `db.writable()`: the query workers stop (their read-only snapshots
must not be open across a write), the change is applied here, fresh workers start.
"""
from __future__ import annotations

import hmac
import io

from flask import Blueprint, Response, current_app, request
from rdflib import URIRef
from werkzeug.exceptions import HTTPException

from kazgraph.errors import Error, QueryError
from kazgraph.server import db, guard, sparql
from kazgraph.server.sparql import FORM_TYPE, UPDATE_TYPE, ProtocolError, _one, _utf8
from kazgraph.server.errors import error_response

bp = Blueprint("update", __name__)


@bp.after_request
def _no_sniffing(resp: Response) -> Response:
    """Results and errors are data: a browser must never guess them to be a page."""
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


bp.register_error_handler(ProtocolError, sparql._protocol_error)


@bp.errorhandler(HTTPException)
def _http_error(err: HTTPException) -> Response:
    return error_response(err.code or 500, err.name, err.description or err.name)


def _authorize() -> None:
    token = current_app.config.get("UPDATE_TOKEN")
    if not token:
        raise ProtocolError(403, "Writes disabled",
                            "this endpoint is read-only (set UPDATE_TOKEN to enable writes)")
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":  # auth schemes are case-insensitive (RFC 7235)
        raise ProtocolError(401, "Unauthorized", "send Authorization: Bearer <token>",
                            {"WWW-Authenticate": 'Bearer realm="kazgraph"'})
    if not hmac.compare_digest(given.strip().encode(), str(token).encode()):
        raise ProtocolError(403, "Forbidden", "the bearer token is not valid")


def _write(action) -> None:
    """Run `action(store)` on the store opened for writing (workers stopped meanwhile)."""
    if db.is_remote():
        raise ProtocolError(501, "Not implemented", "writes go to the remote store directly")
    try:
        with db.writable() as store:
            action(store)
    except QueryError as err:
        raise ProtocolError(400, "Update syntax error", str(err)) from None
    except Error as err:
        raise ProtocolError(500, "Write failed", str(err)) from None


@bp.post("/update")
def update() -> Response:
    """Apply a SPARQL 1.1 Update (no LOAD, no SERVICE)."""
    _authorize()
    if request.mimetype == FORM_TYPE:
        text = _one(request.form.getlist("update"), "update")
        if text is None:
            raise ProtocolError(400, "Missing update", "the form has no `update` field")
    elif request.mimetype == UPDATE_TYPE:
        text = _utf8(request.get_data(cache=False), request.mimetype)
    else:
        raise ProtocolError(415, "Unsupported media type",
                            f"POST an update as {UPDATE_TYPE} or {FORM_TYPE}")
    if request.values.getlist("using-graph-uri") or request.values.getlist("using-named-graph-uri"):
        raise ProtocolError(400, "Not supported",
                            "using-graph-uri / using-named-graph-uri are not supported; "
                            "write USING in the update")
    try:
        guard.check(text, expect="update", known_graphs=db.known_graphs)
    except QueryError as err:
        raise ProtocolError(400, "Update refused", str(err)) from None

    def apply(store) -> None:
        try:
            store.ox.update(text, base_iri=request.base_url)
            store.refresh_union()  # the default graph kept as the union (kazgraph.store.embedded)
        except SyntaxError as err:
            raise ProtocolError(400, "Update syntax error", str(err)) from None
        except (OSError, ValueError) as err:
            raise ProtocolError(500, "Update failed", str(err)) from None

    _write(apply)
    return Response(status=204)


def _graph() -> URIRef:
    if "default" in request.args:
        raise ProtocolError(400, "Name a graph",
                            "the default graph is the union of the named graphs; use ?graph=IRI")
    name = request.args.get("graph")
    if not name:
        raise ProtocolError(400, "Missing graph", "give ?graph=IRI")
    return URIRef(name)


def _parse_body() -> list:
    import pyoxigraph as ox

    try:
        fmt = ox.RdfFormat.from_media_type(request.mimetype or "")
    except ValueError:
        fmt = None
    if fmt is None:
        raise ProtocolError(415, "Unsupported media type",
                            "send Turtle, N-Triples, RDF/XML or JSON-LD")
    try:
        return list(ox.parse(request.get_data(cache=False), format=fmt,
                             base_iri=request.args.get("graph")))
    except SyntaxError as err:
        raise ProtocolError(400, "Bad RDF", str(err)) from None


@bp.route("/store", methods=["GET", "PUT", "POST", "DELETE"])
def graph_store() -> Response:
    """The Graph Store Protocol on named graphs."""
    import pyoxigraph as ox

    from kazgraph.store.terms import from_ox

    _authorize()
    name = _graph()
    exists = str(name) in db.known_graphs()
    if request.method == "GET":
        if not exists:
            raise ProtocolError(404, "No such graph", f"<{name}> is not in the store")
        out = io.BytesIO()
        db.get_store().export(out, format="ttl", graph=name)
        return Response(out.getvalue(), content_type="text/turtle; charset=utf-8")
    if request.method == "DELETE":
        if not exists:
            raise ProtocolError(404, "No such graph", f"<{name}> is not in the store")
        _write(lambda store: store.remove_graph(name))
        return Response(status=204)
    triples = [t.triple if hasattr(t, "triple") else t for t in _parse_body()]
    if request.method == "PUT":
        rows = [(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in triples]
        try:
            _write(lambda store: store.replace_graph(name, rows))
        except Error as err:
            raise ProtocolError(400, "Write refused", str(err)) from None
    else:
        g = ox.NamedNode(str(name))
        _write(lambda store: store.load_quads(
            ox.Quad(t.subject, t.predicate, t.object, g) for t in triples))
    return Response(status=204 if exists else 201)
