"""Answering a canned question for a request: names resolved, values bound, one page of
rows, and the source of each row.

A page is `limit` rows from `offset` (the HTML and JSON show PAGE_SIZE rows unless told
otherwise, the CSV everything up to the row cap). One row more than the page is asked
for, so the page knows whether a next one exists; a page never holds more rows than the
row cap, and `truncated` says the cap, not the asked limit, ended it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask import current_app
from rdflib import URIRef
from rdflib.term import Identifier

from kazgraph.queries import Question, QuestionError, with_page, with_values
from kazgraph.server.cells import base
from kazgraph.server.evidence import COLUMNS, row_sources
from kazgraph.server.names import NameError_, resolve

PAGE_SIZE = 100
MAX_OFFSET = 10**9
RESERVED = ("limit", "offset")  # request arguments of paging, never question parameters


class NameProblems(QuestionError):
    """One or more typed names matched no entity, or several."""

    def __init__(self, problems: list[NameError_]) -> None:
        super().__init__(" ".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class Answer:
    """One page of a question's answer, with what the request's values resolved to."""

    question: Question
    bound: dict[str, Identifier]
    variables: list[str]
    rows: list[tuple]
    sources: list[dict | None]
    limit: int
    offset: int
    has_next: bool
    truncated: bool
    notes: list[str] = field(default_factory=list)

    def dicts(self) -> list[dict]:
        """The rows as {variable: term} (unbound variables left out)."""
        return [{v: t for v, t in zip(self.variables, row) if t is not None} for row in self.rows]

    def columns(self) -> list[str]:
        """The question's variables, then the source columns when it declares evidence."""
        return self.variables + (list(COLUMNS) if self.question.evidence else [])

    def table(self) -> list[list[str | None]]:
        """Rows as strings (None when unbound) with the source columns, for JSON and CSV."""
        out = []
        for row, source in zip(self.rows, self.sources):
            cells = [None if t is None else str(t) for t in row]
            if self.question.evidence:
                source = source or {}
                cells += [None if source.get(c) in (None, "") else str(source[c]) for c in COLUMNS[:-1]]
                cells.append(str(source.get("sourceCount", 0)))
            out.append(cells)
        return out


def _number(args: dict, name: str, default: int, low: int, high: int) -> int:
    """A paging argument as an int in [low, high]; QuestionError names a bad one."""
    raw = (args.get(name) or "").strip()
    if raw == "":
        return default
    if not re.fullmatch(r"\d{1,10}", raw):
        raise QuestionError(f"{name}: {raw!r} is not a whole number")
    return max(low, min(int(raw), high))


def page_window(args: dict, default_limit: int | None) -> tuple[int, int]:
    """(limit, offset) from the request; the limit is at most the row cap."""
    cap = int(current_app.config.get("MAX_ROWS", 10_000))
    limit = _number(args, "limit", min(default_limit or cap, cap), 1, cap)
    return limit, _number(args, "offset", 0, 0, MAX_OFFSET)


def resolve_names(q: Question, values: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The values with typed names replaced by IRIs, and notes on how names were taken.

    Raises NameProblems listing every name that matched nothing or several entities.
    """
    out, notes, problems = dict(values), [], []
    for p in q.params:
        raw = values.get(p.name)
        if p.type != "entity":
            continue
        if raw is None or raw.strip() == "":
            raw = p.default
        if raw is None:
            continue
        found = resolve(p, raw, base())
        if found.error is not None:
            problems.append(found.error)
        else:
            out[p.name] = str(found.iri)
            notes += found.notes
    if problems:
        raise NameProblems(problems)
    return out, notes


def answer(q: Question, args: dict[str, str], default_limit: int | None = PAGE_SIZE) -> Answer:
    """Run a question for request arguments: one page of rows with their sources.

    Raises QuestionError (NameProblems for names) when a value is bad.
    """
    from kazgraph.server.db import run_query

    limit, offset = page_window(args, default_limit)
    values, notes = resolve_names(q, {p.name: args[p.name] for p in q.params if p.name in args})
    bound = q.bindings(values, base())
    result = run_query(with_page(with_values(q.sparql, bound), limit + 1, offset), max_rows=limit + 1)
    rows = list(result.rows)
    has_next = len(rows) > limit or result.truncated
    rows = rows[:limit]
    cap = int(current_app.config.get("MAX_ROWS", 10_000))
    sources = (row_sources(q.evidence, result.variables, rows) if q.evidence
               else [None] * len(rows))
    return Answer(q, bound, list(result.variables), rows, sources, limit, offset, has_next,
                  truncated=has_next and limit >= cap, notes=notes)


def entity_iris(answer_: Answer) -> list[URIRef]:
    """The IRIs the entity parameters were bound to."""
    return [t for p in answer_.question.params if p.type == "entity"
            and isinstance(t := answer_.bound.get(p.name), URIRef)]
