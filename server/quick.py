"""The quick path of /sparql: a plain query answered beside Flask's request machinery.

Tools send the endpoint the same few kinds of request all day: a query POSTed as
`application/sparql-query`, or `GET /sparql?query=...`, asking for one result format.
For those, the request context, routing and response object of a Flask request cost about
as much as running a point lookup, so this WSGI layer answers them itself, with the same
checks, task, worker pool, headers, metrics and log line as `kazgraph.server.sparql`.

Everything else goes to the app unchanged: other addresses, other methods and body types,
protocol parameters (a dataset, `timeout`, `format`), every request while CORS is on, and every
request that does not end in a result (an empty or refused query, a format the client
cannot take, a syntax error, a timeout). A run that failed is handed over with its error,
so the app reports it without running the query again.
"""
from __future__ import annotations

import io
import time
from functools import lru_cache
from urllib.parse import parse_qsl

from flask import Flask
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.http import parse_options_header
from werkzeug.wsgi import get_host

from kazgraph.server import db, metrics, results, sparql

_NO_PARAMS: ImmutableMultiDict = ImmutableMultiDict()
ENDPOINT = "sparql.query"  # the view's name, as Flask counts it in /metrics


class _Handover(Exception):
    """Not for the quick path: the app answers (with `failed`, the error of the run)."""

    def __init__(self, failed: BaseException | None = None) -> None:
        super().__init__()
        self.failed = failed


@lru_cache(maxsize=64)
def _plain_query_type(content_type: str) -> bool:
    mimetype, options = parse_options_header(content_type)
    return (mimetype == sparql.QUERY_TYPE
            and options.get("charset", "utf-8").lower() in ("utf-8", "utf8")
            and set(options) <= {"charset"})


class QuickSparql:
    """WSGI middleware in front of `app.wsgi_app` (see the module docstring)."""

    def __init__(self, app: Flask, wsgi_app) -> None:
        self.app, self.wsgi_app = app, wsgi_app

    def __call__(self, environ: dict, start_response):
        if environ.get("PATH_INFO") != "/sparql" or self.app.config.get("CORS_ORIGINS"):
            return self.wsgi_app(environ, start_response)
        started = time.perf_counter()
        try:
            text = self._text(environ)
        except _Handover:
            return self.wsgi_app(environ, start_response)
        try:
            with self.app.app_context():
                headers, body, rows, truncated = self._answer(environ, text)
        except _Handover as handover:
            if handover.failed is not None:
                environ[sparql.FAILED] = handover.failed
            environ[metrics.STARTED] = started
            return self.wsgi_app(environ, start_response)
        metrics.record(self.app, ENDPOINT, environ["REQUEST_METHOD"], "/sparql", 200,
                       time.perf_counter() - started, rows, truncated, False)
        start_response("200 OK", headers)
        return [body]

    def _text(self, environ: dict) -> str:
        """The query of a plain GET or POST; the body, once read, stays readable."""
        method = environ.get("REQUEST_METHOD")
        if method == "GET":
            query_string = environ.get("QUERY_STRING", "")
            if not query_string.isascii():  # raw bytes past ASCII: the app decodes them
                raise _Handover
            pairs = parse_qsl(query_string, keep_blank_values=True)
            if len(pairs) != 1 or pairs[0][0] != "query":
                raise _Handover
            return pairs[0][1]
        if method != "POST" or environ.get("QUERY_STRING") \
                or not _plain_query_type(environ.get("CONTENT_TYPE", "")):
            raise _Handover
        length = environ.get("CONTENT_LENGTH", "")
        cap = self.app.config.get("MAX_CONTENT_LENGTH")
        if not length.isdigit() or (cap is not None and int(length) > cap):
            raise _Handover
        body = environ["wsgi.input"].read(int(length))
        environ["wsgi.input"] = io.BytesIO(body)  # for the app, should it answer instead
        environ["CONTENT_LENGTH"] = str(len(body))
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            raise _Handover from None

    def _answer(self, environ: dict, text: str) -> tuple:
        """(headers, body, rows, truncated) of a plain query's result, as the view sends it."""
        root = environ.get("SCRIPT_NAME", "")
        if not root.isascii():
            raise _Handover
        try:
            checked = sparql.check(text)
            timeout, max_rows = db.limits(None, None)
            task, media_type = sparql.task_for(
                text, _NO_PARAMS, checked, environ.get("HTTP_ACCEPT", ""), max_rows,
                sparql.base_url(environ.get("wsgi.url_scheme", "http"), get_host(environ),
                                root, "/sparql"))
        except (sparql.ProtocolError, results.NotAcceptable):
            raise _Handover from None
        try:
            _, body, rows, truncated = db.execute(task, timeout)
        except Exception as err:  # reported by the app, as any failed query is
            raise _Handover(err) from None
        content_type, extra = sparql.result_headers(media_type, truncated)
        headers = [("Content-Type", content_type), ("Content-Length", str(len(body))), *extra,
                   sparql.NOSNIFF]
        return headers, body, rows, truncated
