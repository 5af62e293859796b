"""Checks a SPARQL text before any engine sees it, so nothing is ever fetched from outside.

Both engines reach out by default (pyoxigraph and rdflib run SERVICE, LOAD fetches, rdflib
loads FROM graphs), so the endpoint refuses those operations here. A cheap lexical scan
finds candidate keywords; only then is the text parsed with rdflib to decide exactly.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from kazgraph.errors import QueryError

QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
UPDATE_FORMS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD",
                "WITH"}

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# Order matters: long strings before short ones, IRIs before comments (an IRI may hold '#').
_LEXEME = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n]*", re.S)
_KEYWORD = re.compile(r"(?<![\w?$:])(SERVICE|FROM|LOAD|USING)(?![\w:-])", re.I)
_FIRST_WORD = re.compile(r"\s*(?:(?:BASE\s*<>|PREFIX\s*[\w.-]*:\s*<>)\s*)*([A-Za-z]+)", re.I)


class Refused(QueryError):
    """The query is well formed but uses an operation this endpoint does not run."""


@dataclass
class Checked:
    """What the guard learned about a text."""

    form: str                      # "query" or "update"
    keyword: str                   # SELECT, ASK, ..., INSERT, ...
    from_graphs: list[str] = field(default_factory=list)   # FROM / USING
    from_named: list[str] = field(default_factory=list)    # FROM NAMED / USING NAMED


def unescape(text: str) -> str:
    """Apply SPARQL codepoint escapes, which the grammar processes before parsing."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def skeleton(text: str) -> str:
    """The text with strings, IRIs and comments blanked, keeping only the syntax."""
    def blank(m: re.Match) -> str:
        s = m.group(0)
        return "<>" if s.startswith("<") else ("" if s.startswith("#") else '""')
    return _LEXEME.sub(blank, text)


@lru_cache(maxsize=512)
def bare(text: str) -> str:
    """`skeleton(unescape(text))`, kept for the texts seen last: the guard, the empty-query
    check and the LIMIT reader all look at the same text's syntax."""
    return skeleton(unescape(text))


@lru_cache(maxsize=512)
def _scan(text: str) -> tuple[str, frozenset[str]]:
    bare_text = bare(text)
    m = _FIRST_WORD.match(bare_text)
    first = m.group(1).upper() if m else ""
    found = frozenset(k.upper() for k in _KEYWORD.findall(bare_text))
    return first, found


@lru_cache(maxsize=512)
def _parse_details(text: str, form: str) -> tuple[bool, bool, tuple[str, ...], tuple[str, ...]]:
    """(uses SERVICE, uses LOAD, FROM/USING IRIs, FROM NAMED IRIs) from rdflib's parse."""
    from rdflib.plugins.sparql import parser
    from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate, traverse

    try:
        from kazgraph.store.rdfio import PREFIXES  # the engine knows these without PREFIX

        if form == "query":
            tree = translateQuery(parser.parseQuery(text), initNs=PREFIXES).algebra
        else:
            tree = translateUpdate(parser.parseUpdate(text), initNs=PREFIXES).algebra
    except Exception as err:  # rdflib raises pyparsing errors and plain Exceptions
        raise Refused("the query uses SERVICE, FROM or LOAD and could not be checked: "
                      f"{str(err).splitlines()[0] if str(err) else type(err).__name__}") from err
    seen = {"service": False, "load": False}
    graphs: list[str] = []
    named: list[str] = []

    def visit(node):
        name = getattr(node, "name", None)
        if name == "ServiceGraphPattern":
            seen["service"] = True
        elif name == "Load":
            seen["load"] = True
        elif name == "DatasetClause" or (name == "UsingClause"):
            # CompValue.get() answers the key name for a missing key: use `in`.
            if "default" in node:
                graphs.append(str(node["default"]))
            if "named" in node:
                named.append(str(node["named"]))

    roots = [tree] if form == "query" else list(tree)
    for root in roots:
        traverse(root, visitPre=visit)
    if form == "query":
        for clause in tree.get("datasetClause") or []:
            visit(clause)
    return (seen["service"], seen["load"], tuple(dict.fromkeys(graphs)),
            tuple(dict.fromkeys(named)))


def check(text: str, *, expect: str = "query",
          known_graphs: Callable[[], Iterable[str]] | None = None) -> Checked:
    """Classify `text` and refuse SERVICE, LOAD and FROM of graphs the store lacks.

    >>> check("SELECT * { ?s ?p ?o }").keyword
    'SELECT'
    """
    first, found = _scan(text)
    if first in QUERY_FORMS:
        form = "query"
    elif first in UPDATE_FORMS:
        form = "update"
    else:
        form = expect  # let the engine report the syntax error
    if form != expect:
        if form == "update":
            raise Refused("this endpoint answers queries only; send updates to /update")
        raise Refused("this is a query, not an update; send it to /sparql")
    checked = Checked(form=form, keyword=first)
    if not found:
        return checked
    service, load, graphs, named = _parse_details(unescape(text), form)
    if service:
        raise Refused("SERVICE (federated query) is not allowed on this endpoint")
    if load:
        raise Refused("LOAD is not allowed: this endpoint never fetches remote data")
    checked.from_graphs, checked.from_named = list(graphs), list(named)
    if (graphs or named) and known_graphs is not None:
        known = set(known_graphs())
        missing = [g for g in (*graphs, *named) if g not in known]
        if missing:
            raise Refused(f"graph <{missing[0]}> is not in this store; FROM and USING name "
                          "graphs of the store only (nothing is fetched)")
    return checked
