"""Exports: the whole graph, or one digest's graph, as Turtle, TriG, N-Quads or JSON-LD.

The store writes the export once into a spooled temporary file while it is hashed; the
hash is the ETag, so a client that has this exact content gets 304, and the body is
streamed from the file in chunks.
"""
from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Iterator

from flask import Blueprint, Response, abort, render_template, request
from rdflib import URIRef
from werkzeug.exceptions import HTTPException

from kazgraph.errors import StoreError
from kazgraph.server.cells import error_page, secure_headers

bp = Blueprint("exports", __name__)
bp.register_error_handler(HTTPException, error_page)
bp.after_request(secure_headers)

MEDIA_TYPES = {"ttl": "text/turtle", "trig": "application/trig", "nq": "application/n-quads",
               "jsonld": "application/ld+json"}
NAMES = {"ttl": "Turtle", "trig": "TriG", "nq": "N-Quads", "jsonld": "JSON-LD"}
CHUNK = 64 * 1024
SPOOL = 8 * 1024 * 1024  # exports up to this size stay in memory


class _Hashing:
    """A binary sink that hashes what passes through it into a file."""

    def __init__(self, file) -> None:
        self.file, self.sha = file, hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.sha.update(data)
        return self.file.write(data)

    def flush(self) -> None:
        self.file.flush()


def _chunks(file) -> Iterator[bytes]:
    try:
        while block := file.read(CHUNK):
            yield block
    finally:
        file.close()


@bp.route("/export")
def export_page() -> str:
    """The export formats, for the whole graph and for each digest's graph."""
    from kazgraph.server.db import get_store

    return render_template("export.html", formats=NAMES, graphs=[str(g) for g in get_store().graphs()])


@bp.route("/export.<fmt>")
def export(fmt: str) -> Response:
    """The store (or ?graph=IRI) in one format, with a content ETag and 304 support."""
    from kazgraph.server.db import get_store

    if fmt not in MEDIA_TYPES:
        abort(404, description=f"no export format {fmt!r}; try one of {', '.join(MEDIA_TYPES)}")
    graph = request.args.get("graph") or None
    file = tempfile.SpooledTemporaryFile(max_size=SPOOL)
    sink = _Hashing(file)
    try:
        get_store().export(sink, format=fmt, graph=URIRef(graph) if graph else None)
    except StoreError as err:
        file.close()
        abort(404, description=str(err))
    etag = sink.sha.hexdigest()[:32]
    if request.if_none_match.contains(etag):
        file.close()
        resp = Response(status=304)
        resp.set_etag(etag)
        return resp
    size = file.tell()
    file.seek(0)
    resp = Response(_chunks(file), mimetype=MEDIA_TYPES[fmt], direct_passthrough=True)
    resp.set_etag(etag)
    resp.headers["Content-Length"] = str(size)
    name = "kazgraph" if not graph else "kazgraph-" + re.sub(r"[^\w.-]", "_", graph.rstrip("/").rsplit("/", 1)[-1])
    resp.headers["Content-Disposition"] = f'inline; filename="{name}.{fmt}"'
    return resp
