"""Canned questions: an index, one page per question with a form, .json and .csv twins.

`python -m kazgraph.server.questions --readme` prints the README table of questions;
`--write-readme` puts it between the README's `<!-- questions:start/end -->` markers.
"""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from urllib.parse import quote, urlencode

from flask import Blueprint, Response, abort, render_template, request, url_for
from rdflib import URIRef
from werkzeug.exceptions import HTTPException

from kazgraph.errors import Error, QueryTimeout
from kazgraph.queries import Question, QuestionError, questions, with_values
from kazgraph.server.answers import RESERVED, Answer, NameProblems, answer, entity_iris
from kazgraph.server.cells import cell, error_page, local_path, safe_href, secure_headers, text
from kazgraph.server.charts import charts
from kazgraph.server.errors import error_body
from kazgraph.server.names import NameError_
from kazgraph.vocab import KG, ONTOLOGY_IRI

bp = Blueprint("questions", __name__)
bp.register_error_handler(HTTPException, error_page)
bp.after_request(secure_headers)


def _question(name: str) -> Question:
    found = questions().get(name)
    if found is None:
        abort(404, description=f"no question named {name!r}")
    return found


def result_table(a: Answer) -> dict:
    """Columns and cells for HTML: labels fold into the entity they name, parameters and
    the variables that only point at a row's source hide, and a source column ends it."""
    q, variables = a.question, a.variables
    hidden = {p.name for p in q.params}
    hidden |= {v for v in variables if v.endswith("Label") and v[:-5] in variables}
    hidden |= {r.b for r in q.evidence if r.kind == "in"} | {r.a for r in q.evidence if r.kind == "node"}
    columns = [v for v in variables if v not in hidden]
    rows = []
    for row, source in zip(a.dicts(), a.sources):
        rows.append({"cells": [cell(row.get(v), row.get(v + "Label")) for v in columns],
                     "source": source_cell(q, row, source) if q.evidence else None})
    headers = [re.sub(r"(?<=[a-z])(?=[A-Z])", " ", c).lower() for c in columns]
    return {"columns": columns, "headers": headers, "rows": rows, "sources": bool(q.evidence)}


def source_cell(q: Question, row: dict, source: dict | None) -> dict | None:
    """What the source column shows: the sentence, outlet, date, links (escaped later)."""
    if not source:
        return None
    out = {"sentence": source["sourceSentence"], "outlet": source["sourceOutlet"],
           "outlet_href": cell(source.get("outlet"))["href"] if source.get("outlet") else None,
           "date": source["sourceDate"], "url": safe_href(source["sourceUrl"]) if source["sourceUrl"] else None,
           "url_of": source["urlOf"], "inferred": bool(source.get("sourceInferred")),
           "count": source["sourceCount"], "more": None,
           "article": cell(source["sourceArticle"], source["headline"] or None)
           if source.get("sourceArticle") is not None else None}
    fact = q.evidence[source["rule"]]  # the line the source was found by
    if (fact.kind == "fact" and fact.p and fact.p.startswith(ONTOLOGY_IRI) and source["sourceCount"] > 1
            and local_path(row[fact.a]) is not None):
        out["more"] = url_for("questions.page", name="fact-sources", subject=local_path(row[fact.a]),
                              predicate="kg:" + fact.p[len(ONTOLOGY_IRI):])
    return out


@bp.route("/")
@bp.route("/questions/")
def index() -> str:
    """The list of canned questions."""
    return render_template("questions.html", questions=questions().values())


def _form_values(q: Question) -> dict[str, str]:
    return {p.name: request.args.get(p.name, p.default or "") for p in q.params}


def _page_links(a: Answer, endpoint: str, **extra) -> dict[str, str | None]:
    """Addresses of the previous and next pages with the same values."""
    args = {k: v for k, v in request.args.items() if k not in RESERVED}
    nxt = url_for(endpoint, name=a.question.name, **args, limit=a.limit, offset=a.offset + a.limit,
                  **extra) if a.has_next else None
    prev = url_for(endpoint, name=a.question.name, **args, limit=a.limit,
                   offset=max(0, a.offset - a.limit), **extra) if a.offset > 0 else None
    return {"next": nxt, "previous": prev}


@bp.route("/questions/<name>")
def page(name: str) -> tuple[str, int]:
    """One question: its form, and its answer when every parameter has a value."""
    q = _question(name)
    values = _form_values(q)
    ready = all(values[p.name] != "" or p.type == "text" for p in q.params)
    result = table = chart = error = None
    status, chosen, choices, links, editor = 200, {}, [], {}, None
    if ready:
        try:
            result = answer(q, request.args.to_dict())
            chosen = _chosen_labels(result)
            table, chart = result_table(result), charts(q, result.dicts())
            links = _page_links(result, "questions.page")
            editor = editor_link(q, result.bound)
        except NameProblems as err:
            choices = [_choice_list(q, problem) for problem in err.problems]
            status = 200 if all(c["hits"] for c in choices) else 400
        except Error as err:
            status = _status(err)
            error = f"The query failed: {err}" if status == 500 else str(err)
    if editor is None:
        editor = editor_link(q, None)
    return render_template("question.html", q=q, values=values, result=result, table=table,
                           charts=chart, error=error, chosen=chosen, properties=_properties(q),
                           choices=choices, links=links, editor=editor,
                           args={p.name: values[p.name] for p in q.params}), status


def editor_link(q: Question, bound: dict | None) -> str:
    """The SPARQL editor with this question's query and, when known, its bound values.

    YASGUI reads a share link's `query` and `tabTitle` from the fragment, which the
    browser never sends to the server.
    """
    text = with_values(q.sparql, bound) if bound else q.sparql
    return url_for("sparql.query") + "#" + urlencode({"query": text, "tabTitle": q.title},
                                                     quote_via=quote)


def _choice_list(q: Question, problem: NameError_) -> dict:
    """A parameter's problem for the page: its message and the entities to pick from."""
    args = {k: v for k, v in request.args.items() if k not in RESERVED}
    items = []
    for hit in problem.choices:
        path = local_path(URIRef(hit["iri"]))
        items.append({**hit, "href": url_for("questions.page", name=q.name,
                                             **{**args, problem.param: path or hit["iri"]})})
    return {"param": problem.param, "message": str(problem), "hits": items}


def _properties(q: Question) -> list[tuple[str, str]]:
    """(kg:name, label) of every vocabulary property, for `property` parameters."""
    if not any(p.type == "property" for p in q.params):
        return []
    from kazgraph.server.describe import relation_name

    names = [n for n in KG.__annotations__ if n[:1].islower()]
    return sorted((("kg:" + n, relation_name(KG[n])) for n in names), key=lambda x: x[1].lower())


def _chosen_labels(a: Answer) -> dict[str, dict]:
    """For each entity parameter, the name and page of the entity it is set to."""
    from kazgraph.server.search import labels_of

    iris = entity_iris(a)
    names = labels_of(iris) if iris else {}
    return {p.name: cell(a.bound[p.name], names.get(str(a.bound[p.name])))
            for p in a.question.params if p.type == "entity"}


def _status(err: Error) -> int:
    """The HTTP status of a failed answer: a bad value, a timeout, or the store's fault."""
    return 400 if isinstance(err, QuestionError) else 504 if isinstance(err, QueryTimeout) else 500


def _json_problem(err: Error) -> Response:
    """A failed answer in the one JSON error shape; names to pick from go in `choices`."""
    status = _status(err)
    body = error_body(status, None, str(err))
    if isinstance(err, NameProblems):
        body["error"]["choices"] = {p.param: p.choices for p in err.problems if p.choices}
    return Response(json.dumps(body, ensure_ascii=False) + "\n", status=status,
                    mimetype="application/json")


@bp.route("/questions/<name>.json")
def page_json(name: str) -> Response:
    """One page of the answer as JSON: columns, rows of strings (null when unbound), the
    page (limit, offset, next, previous) and whether the row cap cut it (truncated)."""
    q = _question(name)
    try:
        a = answer(q, request.args.to_dict())
    except Error as err:
        return _json_problem(err)
    links = _page_links(a, "questions.page_json", _external=True)
    body = {"question": q.name, "title": q.title,
            "parameters": {k: text(v) for k, v in a.bound.items()},
            "columns": a.columns(), "rows": a.table(), "truncated": a.truncated,
            "limit": a.limit, "offset": a.offset, **links, "notes": a.notes}
    return Response(json.dumps(body, ensure_ascii=False, indent=1), mimetype="application/json")


def to_csv(a: Answer) -> str:
    """The answer as CSV text: a header of column names, then one line per row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(a.columns())
    for row in a.table():
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue()


@bp.route("/questions/<name>.csv")
def page_csv(name: str) -> Response:
    """The answer as CSV, offered as a download: every row up to the row cap unless a
    page is asked for; a Link header names the next page."""
    q = _question(name)
    try:
        a = answer(q, request.args.to_dict(), default_limit=None)
    except Error as err:
        return Response(str(err) + "\n", status=_status(err), mimetype="text/plain")
    resp = Response(to_csv(a), mimetype="text/csv")
    resp.headers["Content-Disposition"] = f'attachment; filename="{q.name}.csv"'
    if a.truncated:
        resp.headers["X-Kazgraph-Truncated"] = "true"
    nxt = _page_links(a, "questions.page_csv", _external=True)["next"]
    if nxt:
        resp.headers["Link"] = f'<{nxt}>; rel="next"'
    return resp


def readme_table() -> str:
    """The Markdown table of questions that the README carries between its markers."""
    lines = ["| question | what it answers | parameters (default) |", "| --- | --- | --- |"]
    for q in questions().values():
        params = ", ".join(f"`{p.name}` {p.type}" + (f" ({p.default})" if p.default else "")
                           for p in q.params) or "none"
        lines.append(f"| [{q.title}](queries/{q.name}.rq) | {q.description} | {params} |")
    return "\n".join(lines) + "\n"


def write_readme(path: str = "README.md") -> None:
    """Replace the table between the README's questions markers with the current one."""
    from pathlib import Path

    readme = Path(path)
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- questions:start -->\n", "<!-- questions:end -->"
    if start not in text or end not in text:
        sys.exit(f"{path}: no '<!-- questions:start -->' / '<!-- questions:end -->' markers")
    head, rest = text.split(start, 1)
    readme.write_text(head + start + readme_table() + end + rest.split(end, 1)[1], encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--readme"]:
        sys.stdout.write(readme_table())
    elif sys.argv[1:2] == ["--write-readme"]:
        write_readme(*sys.argv[2:3])
    else:
        sys.exit("usage: python -m kazgraph.server.questions --readme | --write-readme [README.md]")
