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

from flask import Blueprint, Response, abort, render_template, request
from werkzeug.exceptions import HTTPException

from kazgraph.errors import Error, QueryTimeout
from kazgraph.queries import Question, QuestionError, questions, with_values
from kazgraph.server.cells import base, cell, chart_date, error_page, secure_headers, text
from kazgraph.server.errors import json_error
from kazgraph.store import QueryResult
from kazgraph.vocab import KG

bp = Blueprint("questions", __name__)
bp.register_error_handler(HTTPException, error_page)
bp.after_request(secure_headers)


def _question(name: str) -> Question:
    found = questions().get(name)
    if found is None:
        abort(404, description=f"no question named {name!r}")
    return found


def answer(q: Question, values: dict[str, str]) -> tuple[QueryResult, dict]:
    """Run a question with form values: (QueryResult, bound terms); QuestionError if bad."""
    from kazgraph.server.db import run_query

    bound = q.bindings(values, base())
    return run_query(with_values(q.sparql, bound)), bound


def result_table(q: Question, result: QueryResult) -> dict:
    """Columns and cells for HTML: labels fold into the entity they name, parameters hide."""
    variables = result.variables
    hidden = {p.name for p in q.params}
    hidden |= {v for v in variables if v.endswith("Label") and v[:-5] in variables}
    columns = [v for v in variables if v not in hidden]
    rows = []
    for row in result.dicts():
        rows.append([cell(row.get(v), row.get(v + "Label")) for v in columns])
    headers = [re.sub(r"(?<=[a-z])(?=[A-Z])", " ", c).lower() for c in columns]
    return {"columns": columns, "headers": headers, "rows": rows}


def _label_of(row: dict, var: str) -> str:
    term = row.get(var)
    label = row.get(var + "Label")
    return str(label) if label is not None else cell(term)["text"]


def charts(q: Question, result: QueryResult) -> dict:
    """Data for the timeline and the network view, when the question declares them."""
    out: dict = {}
    rows = result.dicts()
    if q.timeline and (items := _timeline(rows, *q.timeline)):
        out["timeline"] = items
    if q.network and (network := _network(rows, *q.network)):
        out["network"] = network
    return out


def _timeline(rows: list[dict], start: str, item: str, end: str = "", *_: str) -> list[dict]:
    """One timeline entry per dated item (a span when an end date follows the start)."""
    seen, items = set(), []
    for row in rows:
        when = chart_date(row.get(start))
        key = (str(row.get(item)), when)
        if when is None or row.get(item) is None or key in seen:
            continue
        seen.add(key)
        entry = {"id": len(items), "content": _label_of(row, item), "start": when,
                 "href": cell(row.get(item))["href"]}
        finish = chart_date(row.get(end)) if end else None
        if finish and finish > when:
            entry["end"] = finish
        items.append(entry)
    return items


def _network(rows: list[dict], a: str, b: str, *rest: str) -> dict | None:
    """Nodes of the two variables (groups "a" and "b") and the edges between them."""
    nodes, edges = {}, set()
    for row in rows:
        if row.get(a) is None or row.get(b) is None:
            continue
        for var, group in ((a, "a"), (b, "b")):
            term = row[var]
            nodes.setdefault(str(term), {"id": str(term), "label": _label_of(row, var),
                                         "href": cell(term)["href"], "group": group})
        label = _label_of(row, rest[0]) if rest and row.get(rest[0]) is not None else ""
        edges.add((str(row[a]), str(row[b]), label))
    if not edges:
        return None
    return {"nodes": sorted(nodes.values(), key=lambda n: n["id"]),
            "edges": [{"from": f, "to": t, "label": lbl} for f, t, lbl in sorted(edges)]}


@bp.route("/")
@bp.route("/questions/")
def index() -> str:
    """The list of canned questions."""
    return render_template("questions.html", questions=questions().values())


@bp.route("/questions/<name>")
def page(name: str) -> tuple[str, int]:
    """One question: its form, and its answer when every parameter has a value."""
    q = _question(name)
    values = {p.name: request.args.get(p.name, p.default or "") for p in q.params}
    ready = all(values[p.name] != "" or p.type == "text" for p in q.params)
    result = table = chart = error = None
    status, chosen = 200, {}
    if ready:
        try:
            result, bound = answer(q, request.args.to_dict())
            chosen = _chosen_labels(q, bound)
            table, chart = result_table(q, result), charts(q, result)
        except Error as err:
            status = _status(err)
            error = f"The query failed: {err}" if status == 500 else str(err)
    return render_template("question.html", q=q, values=values, result=result, table=table,
                           charts=chart, error=error, chosen=chosen, properties=_properties(q),
                           args={p.name: values[p.name] for p in q.params}), status


def _properties(q: Question) -> list[tuple[str, str]]:
    """(kg:name, label) of every vocabulary property, for `property` parameters."""
    if not any(p.type == "property" for p in q.params):
        return []
    from kazgraph.server.describe import relation_name

    names = [n for n in KG.__annotations__ if n[:1].islower()]
    return sorted((("kg:" + n, relation_name(KG[n])) for n in names), key=lambda x: x[1].lower())


def _chosen_labels(q: Question, bound: dict) -> dict[str, dict]:
    """For each entity parameter, the name and page of the entity it is set to."""
    from kazgraph.server.search import labels_of

    iris = [bound[p.name] for p in q.params if p.type == "entity"]
    names = labels_of(iris) if iris else {}
    return {p.name: cell(bound[p.name], names.get(str(bound[p.name])))
            for p in q.params if p.type == "entity"}


def _status(err: Error) -> int:
    """The HTTP status of a failed answer: a bad value, a timeout, or the store's fault."""
    return 400 if isinstance(err, QuestionError) else 504 if isinstance(err, QueryTimeout) else 500


def _run_or_error(q: Question) -> tuple[QueryResult | None, dict, tuple[int, str] | None]:
    """(result, bound terms, None) for the request's values, or (None, {}, (status, message))."""
    try:
        result, bound = answer(q, request.args.to_dict())
    except Error as err:
        return None, {}, (_status(err), str(err))
    return result, bound, None


@bp.route("/questions/<name>.json")
def page_json(name: str) -> Response:
    """The answer as JSON: columns, rows of strings (null when unbound), truncated."""
    q = _question(name)
    result, bound, err = _run_or_error(q)
    if err:
        return json_error(*err)
    body = {"question": q.name, "title": q.title,
            "parameters": {k: text(v) for k, v in bound.items()},
            "columns": result.variables,
            "rows": [[None if t is None else str(t) for t in row] for row in result.rows],
            "truncated": result.truncated}
    return Response(json.dumps(body, ensure_ascii=False, indent=1), mimetype="application/json")


def to_csv(result: QueryResult) -> str:
    """The answer as CSV text: a header of variable names, then one line per row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([text(t) for t in row])
    return out.getvalue()


@bp.route("/questions/<name>.csv")
def page_csv(name: str) -> Response:
    """The answer as CSV, offered as a download."""
    q = _question(name)
    result, _bound, err = _run_or_error(q)
    if err:
        return Response(err[1] + "\n", status=err[0], mimetype="text/plain")
    resp = Response(to_csv(result), mimetype="text/csv")
    resp.headers["Content-Disposition"] = f'attachment; filename="{q.name}.csv"'
    if result.truncated:
        resp.headers["X-Kazgraph-Truncated"] = "true"
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
