"""SELECT results the engine writes itself (the query's LIMIT within the row cap) carry the
same solutions, row counts and `truncated` member as those written row by row."""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from kazgraph.server.syntax import outer_limit
from kazgraph.server.worker import Task, execute

P = ox.NamedNode("urn:t:p")


@pytest.fixture(scope="module")
def store():
    s = ox.Store()
    g = ox.NamedNode("urn:t:g")
    for i, obj in enumerate([ox.Literal('quote " brace },{ "x":{} \n and tab\t'),
                             ox.Literal("Астана", language="kk"), ox.Literal(3),
                             ox.BlankNode("b1"), ox.NamedNode("urn:t:o?a=1&b=%3C2%3E"),
                             ox.Literal('{"type":"uri"},{'),
                             ox.Triple(ox.NamedNode("urn:t:a"), P, ox.Literal("in a triple"))]):
        s.add(ox.Quad(ox.NamedNode(f"urn:t:s{i}"), P, obj, g))
        s.add(ox.Quad(ox.NamedNode(f"urn:t:s{i}"), P, obj))
    return s


QUERIES = [
    "SELECT ?s ?o ?unbound WHERE { ?s <urn:t:p> ?o } ORDER BY ?s LIMIT 100",
    "SELECT ?s WHERE { ?s <urn:t:p> ?o FILTER(false) } LIMIT 5",
    "SELECT ?x WHERE { } LIMIT 3",                      # one solution binding nothing
    "SELECT ?x WHERE { VALUES ?x { UNDEF UNDEF } } LIMIT 3",  # two such solutions
    "SELECT ?s ?o WHERE { ?s <urn:t:p> ?o } ORDER BY ?s OFFSET 2 LIMIT 3",
    "SELECT ?subject ?o WHERE { ?subject <urn:t:p> ?o } LIMIT 20",  # a triple term's key
    'SELECT ?s ?x WHERE { { ?s <urn:t:p> ?o } UNION { BIND("{}" AS ?x) } } LIMIT 20',
]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_engine_written_result_matches_ours(store, query, fmt):
    ours = execute(store, Task(query, output=fmt, default_graph="default"), {})
    native = execute(store, Task(query, output=fmt, default_graph="default", within_cap=True), {})
    assert native[2] == ours[2]  # rows
    assert native[3] is ours[3] is False
    if fmt == "json":
        a, b = json.loads(native[1]), json.loads(ours[1])
        assert a == b and a["truncated"] is False
    elif fmt == "tsv":
        assert native[1].decode().splitlines() == ours[1].decode().splitlines()


@pytest.mark.parametrize("text, limit", [
    ("SELECT * { ?s ?p ?o } LIMIT 10", 10),
    ("SELECT * { ?s ?p ?o } limit 10 offset 5  # last words", 10),
    ("SELECT * { ?s ?p ?o } OFFSET 5 LIMIT 7\n", 7),
    ("SELECT * { { SELECT * { ?s ?p ?o } LIMIT 3 } }", None),
    ("SELECT * { ?s ?p ?o } LIMIT 3 VALUES ?s { <urn:a> }", None),
    ('SELECT * { ?s ?p "LIMIT 4" }', None),
    ("SELECT * { ?s ?p ?o } # LIMIT 5", None),
    ("SELECT * { ?s ?p ?o } LIMIT 1\\u0030", 10),  # escapes are read before the grammar
])
def test_outer_limit(text, limit):
    assert outer_limit(text) == limit



NO_LIMIT = [
    "SELECT ?s ?o WHERE { ?s <urn:t:p> ?o } ORDER BY ?s",
    "SELECT ?s WHERE { ?s <urn:t:p> ?o } ORDER BY ?s # a closing comment",
    "SELECT ?s WHERE { ?s <urn:t:p> ?o } ORDER BY ?s OFFSET 1",
    "SELECT ?s WHERE { ?s <urn:t:p> ?o } VALUES ?o { 3 }",  # takes no LIMIT after it
    "SELECT ?x WHERE { }",
]


@pytest.mark.parametrize("query", NO_LIMIT)
@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
@pytest.mark.parametrize("cap", [3, 100])
def test_engine_written_result_without_limit_is_capped_like_ours(store, query, fmt, cap):
    ours = execute(store, Task(query, output=fmt, default_graph="default", max_rows=cap), {})
    native = execute(store, Task(query, output=fmt, default_graph="default", max_rows=cap,
                                 no_limit=True), {})
    assert native[2:] == ours[2:]  # rows, truncated
    if fmt == "json":
        assert json.loads(native[1]) == json.loads(ours[1])
    elif fmt == "tsv":
        assert native[1].decode().splitlines() == ours[1].decode().splitlines()
