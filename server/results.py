"""SPARQL result formats: choosing one (Accept, `format=`) and writing SELECT/ASK results.

Rows hold terms already reduced to plain tuples (see `ox_term` / `rdflib_term`) so the
same writers serve the embedded engine (in a worker process) and a remote store.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from xml.sax.saxutils import escape, quoteattr

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# name -> media type; the first of each family is the default.
TABULAR = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
           "csv": "text/csv", "tsv": "text/tab-separated-values"}
BOOLEAN = {"json": TABULAR["json"], "xml": TABULAR["xml"]}
GRAPH = {"turtle": "text/turtle", "ntriples": "application/n-triples",
         "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml"}
# Other media types and `format=` spellings clients use.
ALIASES = {"application/json": "json", "application/xml": "xml", "text/xml": "xml",
           "text/plain": "ntriples", "application/x-turtle": "turtle", "ttl": "turtle",
           "nt": "ntriples", "n-triples": "ntriples", "json-ld": "jsonld", "rdf": "rdfxml",
           "rdf/xml": "rdfxml", "srj": "json", "srx": "xml", "application/x-json": "json"}

Term = tuple  # ("uri", iri) | ("bnode", id) | ("literal", lexical, datatype|None, lang|None)


class NotAcceptable(Exception):
    """No format this endpoint writes matches the request."""


def offered(kind: str) -> dict[str, str]:
    """The formats offered for a result kind ("select", "ask", "graph")."""
    return {"select": TABULAR, "ask": BOOLEAN, "graph": GRAPH}[kind]


def choose(kind: str, accept, override: str | None) -> tuple[str, str]:
    """(format name, media type) for `kind` from `format=` or the Accept header."""
    table = offered(kind)
    if override:
        name = override.strip().lower()
        name = ALIASES.get(name, name)
        if kind == "graph" and name == "xml":
            name = "rdfxml"
        if kind == "graph" and name == "json":
            name = "jsonld"
        by_type = {v: k for k, v in table.items()}
        name = by_type.get(name, name)
        if name not in table:
            raise NotAcceptable(f"format {override!r} is not offered for {kind} results; "
                                f"use one of {', '.join(table)}")
        return name, table[name]
    types = list(table.values()) + [t for t, n in ALIASES.items() if "/" in t and n in table]
    best = accept.best_match(types) if accept else None
    if best is None:
        wildcard = not accept or any(v in ("*/*", "text/html", "text/*", "application/*")
                                     for v, _q in accept)
        if not wildcard:
            raise NotAcceptable(f"none of the accepted types is offered for {kind} results; "
                                f"offered: {', '.join(table.values())}")
        best = next(iter(table.values()))
    name = ALIASES.get(best) or {v: k for k, v in table.items()}[best]
    return name, table[name]


@lru_cache(maxsize=256)
def choose_for_header(kind: str, accept: str, override: str | None) -> tuple[str, str]:
    """`choose` for a raw Accept header; clients send the same few headers again and again,
    so each is parsed and matched once."""
    from werkzeug.datastructures import MIMEAccept
    from werkzeug.http import parse_accept_header

    return choose(kind, parse_accept_header(accept, MIMEAccept) if accept else None, override)


def ox_term(t) -> Term | None:
    """A pyoxigraph term as a plain tuple."""
    if t is None:
        return None
    cls = type(t).__name__
    if cls == "NamedNode":
        return ("uri", t.value)
    if cls == "BlankNode":
        return ("bnode", t.value)
    if cls == "Literal":
        return ("literal", t.value, t.datatype.value, t.language)
    return ("triple", ox_term(t.subject), ox_term(t.predicate), ox_term(t.object))


def rdflib_term(t) -> Term | None:
    """An rdflib term as a plain tuple."""
    from rdflib import BNode, Literal, URIRef

    if t is None:
        return None
    if isinstance(t, URIRef):
        return ("uri", str(t))
    if isinstance(t, BNode):
        return ("bnode", str(t))
    if isinstance(t, Literal):
        dt = str(t.datatype) if t.datatype else (LANG_STRING if t.language else XSD_STRING)
        return ("literal", str(t), dt, t.language)
    return ("literal", str(t), XSD_STRING, None)


def _json_term(t: Term) -> dict:
    if t[0] == "uri":
        return {"type": "uri", "value": t[1]}
    if t[0] == "bnode":
        return {"type": "bnode", "value": t[1]}
    if t[0] == "literal":
        out = {"type": "literal", "value": t[1]}
        if t[3]:
            out["xml:lang"] = t[3]
        elif t[2] and t[2] != XSD_STRING:
            out["datatype"] = t[2]
        return out
    return {"type": "triple", "value": {"subject": _json_term(t[1]),
                                        "predicate": _json_term(t[2]),
                                        "object": _json_term(t[3])}}


def _xml_term(t: Term) -> str:
    if t[0] == "uri":
        return f"<uri>{escape(t[1])}</uri>"
    if t[0] == "bnode":
        return f"<bnode>{escape(t[1])}</bnode>"
    if t[0] == "literal":
        if t[3]:
            return f"<literal xml:lang={quoteattr(t[3])}>{escape(t[1])}</literal>"
        if t[2] and t[2] != XSD_STRING:
            return f"<literal datatype={quoteattr(t[2])}>{escape(t[1])}</literal>"
        return f"<literal>{escape(t[1])}</literal>"
    return (f"<triple><subject>{_xml_term(t[1])}</subject><predicate>{_xml_term(t[2])}"
            f"</predicate><object>{_xml_term(t[3])}</object></triple>")


def _csv_cell(t: Term | None) -> str:
    if t is None:
        return ""
    value = "_:" + t[1] if t[0] == "bnode" else (t[1] if t[0] != "triple" else _tsv_cell(t))
    if any(c in value for c in ',"\r\n'):
        value = '"' + value.replace('"', '""') + '"'
    return value


_NUMERIC = {XSD + "integer", XSD + "decimal", XSD + "double"}


def _tsv_cell(t: Term | None) -> str:
    if t is None:
        return ""
    if t[0] == "uri":
        return f"<{t[1]}>"
    if t[0] == "bnode":
        return f"_:{t[1]}"
    if t[0] == "triple":
        return f"<<( {_tsv_cell(t[1])} {_tsv_cell(t[2])} {_tsv_cell(t[3])} )>>"  # RDF 1.2 triple term
    text = (t[1].replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t"))
    if t[3]:
        return f'"{text}"@{t[3]}'
    if t[2] in _NUMERIC and _turtle_number(t[1], t[2]):
        return t[1]
    if t[2] and t[2] != XSD_STRING:
        return f'"{text}"^^<{t[2]}>'
    return f'"{text}"'


def _turtle_number(lexical: str, datatype: str) -> bool:
    """Whether Turtle would read `lexical` back as a number of `datatype`."""
    import re

    pattern = {XSD + "integer": r"[+-]?\d+", XSD + "decimal": r"[+-]?\d*\.\d+",
               XSD + "double": r"[+-]?(\d+\.\d*|\.?\d+)[eE][+-]?\d+"}[datatype]
    return re.fullmatch(pattern, lexical) is not None


def write_select(fmt: str, variables: Sequence[str], rows: Iterable[Sequence[Term | None]],
                 *, truncated: bool = False, max_rows: int | None = None) -> bytes:
    """SELECT results in `fmt` (json, xml, csv, tsv)."""
    if fmt == "json":
        bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None}
                    for row in rows]
        doc = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
        # Extension member: tells a client the row cap cut the results.
        doc["truncated"] = truncated
        if truncated:
            doc["max_rows"] = max_rows
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
               "<head>", *(f"<variable name={quoteattr(v)}/>" for v in variables), "</head>",
               "<results>"]
        for row in rows:
            out.append("<result>")
            out.extend(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                       for v, t in zip(variables, row) if t is not None)
            out.append("</result>")
        out.append("</results>\n</sparql>\n")
        return "\n".join(out).encode("utf-8")
    if fmt == "csv":
        lines = [",".join(_csv_cell(("literal", v, None, None)) for v in variables)]
        lines.extend(",".join(_csv_cell(t) for t in row) for row in rows)
        return ("\r\n".join(lines) + "\r\n").encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in variables)]
        lines.extend("\t".join(_tsv_cell(t) for t in row) for row in rows)
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(f"unknown SELECT result format {fmt!r}")


# Formats the engine writes as this endpoint does, and in which a row is cheap to count.
NATIVE_SELECT = {"json": "JSON", "xml": "XML", "tsv": "TSV"}
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')


def _json_rows(body: bytes, variables: Sequence[str]) -> int:
    """Solutions in a SPARQL JSON result as the engine writes it (no white space).

    A solution opens with `{"var":{"type":` (quotes inside strings are always escaped,
    so this never matches inside a value) or is `{}` when it binds nothing; only then,
    or when a triple term's `subject` could pass for a variable, are strings blanked first.
    """
    if b"{}" in body or "subject" in variables:
        return _JSON_STRING.sub(b'""', body).count(b"},{") + (
            not body.endswith(b'"bindings":[]}}'))
    return sum(body.count(b'{"' + v.encode() + b'":{"type":') for v in variables)


def finish_native(fmt: str, body: bytes, variables: Sequence[str], *, truncated: bool = False,
                  max_rows: int | None = None) -> tuple[bytes, int]:
    """(body, rows) for a SELECT result the engine wrote whole in `fmt`; JSON gains the
    `truncated` member (and `max_rows` when cut) this endpoint always sends."""
    if fmt == "json":
        extra = b',"truncated":true,"max_rows":%d}' % max_rows if truncated else \
            b',"truncated":false}'
        return body[:-1] + extra, _json_rows(body, variables)
    if fmt == "xml":
        return body, body.count(b"<result>")
    return body, body.count(b"\n") - 1


def write_ask(fmt: str, value: bool) -> bytes:
    """ASK result in `fmt` (json, xml)."""
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": bool(value)}).encode("utf-8")
    return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode()
