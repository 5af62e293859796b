"""Data for a question's timeline and network views, from the rows of one page."""
from __future__ import annotations

from kazgraph.queries import Question
from kazgraph.server.cells import cell, chart_date


def _label_of(row: dict, var: str) -> str:
    term = row.get(var)
    label = row.get(var + "Label")
    return str(label) if label is not None else cell(term)["text"]


def charts(q: Question, rows: list[dict]) -> dict:
    """Data for the timeline and the network view, when the question declares them."""
    out: dict = {}
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
