"""W3C result-format tests (json-res, csv-tsv-res) run through /sparql.

JSON results are compared as multisets of bindings up to blank-node renaming; CSV as
multisets of rows of strings (CSV is lossy: terms become their plain text) keyed by
column name, blank nodes renamed, cells that both read as numbers compared by value (the
store keeps a double's value, not its lexical form: "1.0E6" comes back as 1000000);
TSV cells are read back as RDF terms, numbers by value.
"""
from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from rdflib import Graph, Namespace
from rdflib.collection import Collection

from conftest import W3C_TESTS
from kazgraph.server import create_app, db

SUITES = {"json-res": W3C_TESTS / "sparql" / "sparql11" / "json-res",
          "csv-tsv-res": W3C_TESTS / "sparql" / "sparql11" / "csv-tsv-res"}
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
XSD = "http://www.w3.org/2001/XMLSchema#"


def _cases() -> list:
    cases = []
    for suite, folder in SUITES.items():
        if not (folder / "manifest.ttl").exists():
            cases.append(pytest.param(suite, None, None, None,
                                      marks=pytest.mark.skip(reason=f"{folder} not found "
                                                             "(shared/ must sit beside the repo)")))
            continue
        g = Graph().parse(folder / "manifest.ttl", publicID=folder.as_uri() + "/manifest.ttl")
        for entry in Collection(g, next(g.objects(None, MF.entries))):
            action = g.value(entry, MF.action)
            name = lambda node: str(node).rsplit("/", 1)[-1]  # noqa: E731
            cases.append(pytest.param(suite, name(g.value(action, QT.query)),
                                      name(g.value(action, QT.data)),
                                      name(g.value(entry, MF.result)),
                                      id=str(entry).split("#")[-1]))
    return cases


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """Every data file of the suites in its own named graph, queried by default-graph-uri."""
    import pyoxigraph as ox

    app = create_app({"KAZGRAPH_STORE": str(tmp_path_factory.mktemp("res") / "store")})
    with app.app_context(), db.writable() as writable:
        store = writable.ox
        for suite, folder in SUITES.items():
            for data in folder.glob("data*.ttl"):
                store.load(path=str(data), format=ox.RdfFormat.TURTLE, base_iri=folder.as_uri() + "/",
                           to_graph=ox.NamedNode(f"urn:test:{suite}/{data.name}"))
        store.flush()
        del store  # the write handle closes with the block only if nothing holds it
    yield app.test_client()
    db.close_app(app)


def same_rows(actual: list[dict], expected: list[dict], is_bnode) -> bool:
    """Equal as multisets of rows, up to a one-to-one renaming of blank nodes."""
    if len(actual) != len(expected):
        return False

    def match(i: int, used: set, mapping: dict) -> bool:
        if i == len(actual):
            return True
        row = actual[i]
        for j, other in enumerate(expected):
            if j in used or row.keys() != other.keys():
                continue
            new = dict(mapping)
            ok = True
            for key, value in row.items():
                if is_bnode(value):
                    if not is_bnode(other[key]) or new.setdefault(value, other[key]) != other[key]:
                        ok = False
                        break
                elif value != other[key]:
                    ok = False
                    break
            if ok and len(set(new.values())) == len(new) and match(i + 1, used | {j}, new):
                return True
        return False

    return match(0, set(), {})


def _json_rows(doc: dict) -> list[dict]:
    return [{k: tuple(sorted(v.items())) for k, v in b.items()} for b in doc["results"]["bindings"]]


# Numbers compare by value within XSD's decimal family (integer and its derived types:
# oxigraph stores "-3"^^xsd:negativeInteger as xsd:integer) and within double/float.
DECIMALS = {XSD + t for t in ("decimal", "integer", "long", "int", "short", "byte",
                              "negativeInteger", "nonNegativeInteger", "positiveInteger",
                              "nonPositiveInteger", "unsignedLong", "unsignedInt",
                              "unsignedShort", "unsignedByte")}
DOUBLES = {XSD + "double", XSD + "float"}


def _tsv_term(cell: str):
    """A TSV cell as a comparable value: numbers by value, other terms as written."""
    if cell == "":
        return None
    if re.fullmatch(r"[+-]?\d+|[+-]?\d*\.\d+", cell):
        return ("decimal", Decimal(cell))
    if re.fullmatch(r"[+-]?(\d+\.\d*|\.?\d+)[eE][+-]?\d+", cell):
        return ("double", float(cell))
    m = re.fullmatch(r'"(.*)"\^\^<([^>]*)>', cell)
    if m and m.group(2) in DECIMALS:
        return ("decimal", Decimal(m.group(1)))
    if m and m.group(2) in DOUBLES:
        return ("double", float(m.group(1)))
    if m and m.group(2) == XSD + "string":
        return f'"{m.group(1)}"'
    return cell


def _csv_value(cell: str):
    """A CSV cell: a number by its value, anything else as text."""
    try:
        return float(cell)
    except ValueError:
        return cell


def _table(text: str, sep: str) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(text), delimiter=sep,
                           quoting=csv.QUOTE_MINIMAL if sep == "," else csv.QUOTE_NONE))
    return rows[0], [r for r in rows[1:] if r]


@pytest.mark.parametrize("suite,query,data,result", _cases())
def test_result_format(client, suite, query, data, result):
    folder = SUITES[suite]
    fmt = result.rsplit(".", 1)[-1]
    resp = client.post("/sparql", query_string={"default-graph-uri": f"urn:test:{suite}/{data}",
                                                "format": {"srj": "json"}.get(fmt, fmt)},
                       data=(folder / query).read_bytes(), content_type="application/sparql-query")
    assert resp.status_code == 200, resp.data[:300]
    expected_text = (folder / result).read_text(encoding="utf-8")
    if fmt == "srj":
        got, want = json.loads(resp.data), json.loads(expected_text)
        if "boolean" in want:
            assert got["boolean"] is want["boolean"]
            return
        assert set(got["head"]["vars"]) == set(want["head"]["vars"])
        assert same_rows(_json_rows(got), _json_rows(want),
                         lambda v: v is not None and ("type", "bnode") in v)
        return
    sep = "," if fmt == "csv" else "\t"
    got_head, got_rows = _table(resp.data.decode("utf-8"), sep)
    want_head, want_rows = _table(expected_text, sep)
    assert set(got_head) == set(want_head)
    if fmt == "csv":
        as_dicts = lambda head, rows: [{h: _csv_value(c) for h, c in zip(head, r)} for r in rows]  # noqa: E731
        bnode = lambda v: isinstance(v, str) and v.startswith("_:")  # noqa: E731
    else:
        as_dicts = lambda head, rows: [{h: _tsv_term(c) for h, c in zip(head, r)} for r in rows]  # noqa: E731
        bnode = lambda v: isinstance(v, str) and v.startswith("_:")  # noqa: E731
    assert same_rows(as_dicts(got_head, got_rows), as_dicts(want_head, want_rows), bnode), \
        resp.data.decode()


@pytest.mark.parametrize("suite,query,data,result", _cases())
def test_writer_on_exact_terms(suite, query, data, result):
    """The writers alone, on terms from rdflib (which keeps xsd:negativeInteger)."""
    from kazgraph.server import results

    folder = SUITES[suite]
    fmt = result.rsplit(".", 1)[-1]
    if fmt == "srj":
        pytest.skip("JSON is checked through the endpoint; its terms survive the store")
    g = Graph().parse(folder / data)
    res = g.query((folder / query).read_text(encoding="utf-8"))
    variables = [str(v) for v in res.vars]
    rows = [tuple(results.rdflib_term(t) for t in row) for row in res]
    text = results.write_select(fmt, variables, rows).decode("utf-8")
    sep = "," if fmt == "csv" else "\t"
    got_head, got_rows = _table(text, sep)
    want_head, want_rows = _table((folder / result).read_text(encoding="utf-8"), sep)
    assert set(got_head) == set(want_head)  # SELECT * leaves the order open
    if fmt == "tsv":
        got = [{h: _tsv_term(c) for h, c in zip(got_head, r)} for r in got_rows]
        want = [{h: _tsv_term(c) for h, c in zip(want_head, r)} for r in want_rows]
    else:  # rdflib too reads "1.0E6"^^xsd:double as a value (1000000.0)
        got = [{h: _csv_value(c) for h, c in zip(got_head, r)} for r in got_rows]
        want = [{h: _csv_value(c) for h, c in zip(want_head, r)} for r in want_rows]
    assert same_rows(got, want, lambda v: isinstance(v, str) and v.startswith("_:")), text
