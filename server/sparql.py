"""/sparql: the SPARQL 1.1 Protocol query operation (read-only), with its editor and SD."""
from __future__ import annotations

import re
from functools import lru_cache

from flask import Blueprint, Response, current_app, g, request
from werkzeug.exceptions import HTTPException
from werkzeug.sansio.utils import get_current_url

from kazgraph.errors import Error, QueryError, QueryTimeout
from kazgraph.server import db, guard, results, service, syntax
from kazgraph.server.errors import error_response
from kazgraph.server.worker import Task

bp = Blueprint("sparql", __name__)


# Results and errors are data: a browser must never guess them to be a page.
NOSNIFF = ("X-Content-Type-Options", "nosniff")


@bp.after_request
def _no_sniffing(resp: Response) -> Response:
    resp.headers.setdefault(*NOSNIFF)
    return resp

QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
FORM_TYPE = "application/x-www-form-urlencoded"
_IRI = re.compile(r'[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]*')


class ProtocolError(Exception):
    """A request the protocol says to refuse, with its HTTP status."""

    def __init__(self, status: int, title: str, detail: str,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail = status, title, detail
        self.headers = headers or {}


@bp.errorhandler(ProtocolError)
def _protocol_error(err: ProtocolError) -> Response:
    resp = error_response(err.status, err.title, err.detail)
    resp.headers.update(err.headers)
    return resp


@bp.errorhandler(HTTPException)
def _http_error(err: HTTPException) -> Response:
    return error_response(err.code or 500, err.name, err.description or err.name)


def _one(values: list[str], name: str) -> str | None:
    if len(values) > 1:
        raise ProtocolError(400, "Bad request", f"give one `{name}` parameter, not {len(values)}")
    return values[0] if values else None


def _utf8(body: bytes, content_type: str) -> str:
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise ProtocolError(415, "Unsupported charset",
                            f"send the query as UTF-8, not {charset} ({content_type})")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ProtocolError(400, "Bad encoding", f"the body is not valid UTF-8: {err}") from None


def read_request() -> tuple[str | None, dict]:
    """(query text or None, protocol parameters) from GET or either POST form."""
    params = request.args
    if request.method == "GET":
        if "update" in params:
            raise ProtocolError(400, "Update refused",
                                "updates are not accepted here (and never by GET); use /update")
        return _one(params.getlist("query"), "query"), params
    mimetype = request.mimetype
    if mimetype == FORM_TYPE:
        form = request.form
        if "update" in form:
            raise ProtocolError(400, "Update refused",
                                "this endpoint answers queries only; send updates to /update")
        merged = params.copy()
        for key, values in form.lists():
            merged.setlist(key, params.getlist(key) + values)
        query = _one(merged.getlist("query"), "query")
        if query is None:
            raise ProtocolError(400, "Missing query", "the form has no `query` field")
        return query, merged
    if mimetype == QUERY_TYPE:
        return _utf8(request.get_data(cache=False), mimetype), params
    if mimetype == UPDATE_TYPE:
        raise ProtocolError(400, "Update refused",
                            "this endpoint answers queries only; send updates to /update")
    raise ProtocolError(415, "Unsupported media type",
                        f"POST a query as {QUERY_TYPE} or {FORM_TYPE}, "
                        f"not {mimetype or 'a body without Content-Type'}")


def _timeout(params) -> float | None:
    raw = params.get("timeout")
    if raw in (None, ""):
        return None
    try:
        value = float(raw)
    except ValueError:
        raise ProtocolError(400, "Bad timeout", f"timeout must be seconds, not {raw!r}") from None
    if value <= 0:
        raise ProtocolError(400, "Bad timeout", "timeout must be more than 0 seconds")
    return value


@lru_cache(maxsize=64)
def base_url(scheme: str, host: str, root_path: str, path: str) -> str:
    """The request's own address, the base IRI of its query (kept for the hosts seen)."""
    return get_current_url(scheme, host, root_path, path)


def check(text: str) -> guard.Checked:
    """What the guard learns of a query text; ProtocolError when it is empty or refused."""
    if syntax.is_empty(text):
        raise ProtocolError(400, "Empty query", "the query is empty (white space and comments "
                            "only); give a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    try:
        return guard.check(text, known_graphs=db.known_graphs)
    except QueryError as err:
        raise ProtocolError(400, "Query refused", str(err)) from None


def task_for(text: str, params, checked: guard.Checked, accept: str, max_rows: int,
             base_iri: str) -> tuple[Task, str]:
    """The worker task of a checked query and the media type of its answer; raises
    results.NotAcceptable when the client takes no format the answer comes in."""
    kind = {"SELECT": "select", "ASK": "ask"}.get(checked.keyword, "graph")
    fmt, media_type = results.choose_for_header(kind, accept, params.get("format"))
    return build_task(text, params, checked, fmt, max_rows, base_iri), media_type


def result_headers(media_type: str, truncated: bool) -> tuple[str, list[tuple[str, str]]]:
    """The Content-Type of an answer, and the headers that follow its Content-Length."""
    charset = "; charset=utf-8" if not media_type.endswith(("json", "xml")) else ""
    return media_type + charset, [("X-Kazgraph-Truncated", "true" if truncated else "false"),
                                  ("Vary", "Accept")]


def build_task(query: str, params, checked: guard.Checked, fmt: str, max_rows: int,
               base_iri: str) -> Task:
    """The worker task: dataset from the protocol, else the query, else the configured one."""
    dg, ng = params.getlist("default-graph-uri"), params.getlist("named-graph-uri")
    for iri in (*dg, *ng):
        if not _IRI.fullmatch(iri):
            raise ProtocolError(400, "Bad graph IRI", f"{iri!r} is not an absolute IRI")
    if dg or ng:  # the protocol's dataset replaces the query's and the default
        dataset, named = dg, ng
    elif checked.from_graphs or checked.from_named:
        dataset, named = "default", None  # FROM / FROM NAMED in the query decide
    else:
        dataset, named = db.default_dataset(), None
    limit = syntax.outer_limit(query)
    return Task(query, output=fmt, default_graph=dataset, named_graphs=named,
                max_rows=max_rows, base_iri=base_iri,
                within_cap=limit is not None and limit <= max_rows,
                no_limit=limit is None and checked.keyword == "SELECT")


# Set by the quick path (kazgraph.server.quick) when it ran this very request and the run
# failed: the error is reported from here, and the query does not run a second time.
FAILED = "kazgraph.sparql.failed"


def _execute(task: Task, timeout: float) -> tuple:
    failed = request.environ.pop(FAILED, None)
    if failed is not None:
        raise failed
    return db.execute(task, timeout)


def _run(call, text: str):
    """`call()`, its errors as protocol errors: 503 past the time limit, 400 if malformed."""
    try:
        return call()
    except QueryTimeout as err:
        g.kg_timeout = True
        raise ProtocolError(503, "Query timeout", str(err)) from None
    except QueryError as err:
        raise ProtocolError(400, "Query syntax error", syntax.explain(str(err), text)) from None
    except Error as err:
        raise ProtocolError(500, "Query failed", str(err)) from None


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS", "PUT", "DELETE", "PATCH"])
def query() -> Response:
    """Answer a SPARQL query; with no query, the editor (HTML) or the service description."""
    if request.method == "OPTIONS":
        return Response(status=204, headers={"Allow": "GET, POST, OPTIONS"})
    if request.method not in ("GET", "POST"):
        raise ProtocolError(405, "Method not allowed", "query with GET or POST",
                            {"Allow": "GET, POST, OPTIONS"})
    text, params = read_request()
    if text is None:
        return service.landing(params.get("format"))
    checked = check(text)
    timeout, max_rows = db.limits(_timeout(params), None)
    try:
        task, media_type = task_for(text, params, checked, request.headers.get("Accept", ""),
                                    max_rows, base_url(request.scheme, request.host,
                                                       request.root_path, request.path))
    except results.NotAcceptable as err:
        # A malformed query is a 400 whatever the client accepts; only a good one is a 406.
        _run(lambda: db.check_syntax(text, timeout), text)
        raise ProtocolError(406, "Not acceptable", str(err)) from None
    kind, body, rows, truncated = _run(lambda: _execute(task, timeout), text)
    g.kg_rows, g.kg_truncated = rows, truncated
    content_type, headers = result_headers(media_type, truncated)
    resp = Response(body, content_type=content_type)
    resp.headers.extend(headers)
    return resp
