"""The one JSON error shape of every endpoint and page: {"error": {status, title, detail}}.

`title` is a short name of the problem ("Bad Request", "Query refused"), `detail` says what
was wrong with this request. The SPARQL endpoint and the pages' .json addresses both answer
with it, so a client handles errors in one place.
"""
from __future__ import annotations

from flask import Response, current_app, request
from werkzeug.http import HTTP_STATUS_CODES


def error_body(status: int, title: str | None, detail: str) -> dict:
    """The error document; without a title, the status's reason phrase ("Not Found")."""
    title = title or HTTP_STATUS_CODES.get(status, "Error")
    return {"error": {"status": status, "title": title, "detail": detail}}


def json_error(status: int, detail: str, *, title: str | None = None) -> Response:
    """The error as JSON, whatever the client accepts (for addresses ending in .json)."""
    body = current_app.json.dumps(error_body(status, title, detail)) + "\n"
    return current_app.response_class(body, status=status, mimetype="application/json")


def error_response(status: int, title: str, detail: str) -> Response:
    """The error as JSON, or as plain text for a client that prefers it (the endpoint)."""
    accept = request.accept_mimetypes
    if accept.best_match(["application/json", "text/plain"]) == "text/plain" \
            and accept.quality("text/plain") > accept.quality("application/json"):
        return Response(f"{title}: {detail}\n", status=status, mimetype="text/plain")
    return json_error(status, detail, title=title)
