"""Canned questions: one SPARQL file each, described by a leading `#` comment block.

The block keeps each file valid SPARQL. Keys (one per line, a line starting with two
or more spaces after `#` continues the previous value):

    # title: Agreements involving an actor since a date
    # description: Agreements that name the actor as a party ...
    # param actor: entity kg:State kg:InternationalOrganization = org/european-union | Actor
    # param since: date = 2020-01-01 | Dated on or after
    # timeline: date agreement [end]      (start variable, item variable, end variable)
    # network: agreement party [edge]     (two node variables, an edge-label variable)
    # evidence: agreement kg:party party  (what each row rests on; see queries/evidence.py)

A parameter is `name: type [class ...] [= default] [| label]` with type one of
entity, date, integer, text, property. Entity defaults are IRIs relative to the base.
Values reach the query only as typed RDF terms bound to the variable of the same name.
The query ends without LIMIT or OFFSET: the pages add them for paging.

A subquery is evaluated on its own, before the values bound to the outer query reach
it. Two comment lines let a subquery take part in binding and paging:

    # kazgraph:values   the VALUES block is joined here as well as in the outer group
    # kazgraph:page     after the subquery's ORDER BY: becomes LIMIT offset + limit

A page mark is right only when every row of the subquery gives at least one row of the
answer and the answer is ordered first as the subquery is: the page's rows then come
from the subquery's first offset + limit rows. Read as plain SPARQL (in an editor), the
marks are comments and the query gives every row.

>>> questions()["agreements-since"].params[0].name
'actor'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from rdflib import XSD, Literal, URIRef

from kazgraph.errors import Error
from kazgraph.queries.evidence import EvidenceRule, parse_rule
from kazgraph.vocab import DEFAULT_BASE, ONTOLOGY_IRI, term

TYPES = ("entity", "date", "integer", "text", "property")
_PARAM = re.compile(r"(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>\w+)(?P<classes>[^=|]*)"
                    r"(?:=(?P<default>[^|]*))?(?:\|(?P<label>.*))?$")
_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
_IRI_BAD = re.compile(r'[\s<>"{}|\\^`]')
MAX_TEXT = 200


class QuestionError(Error):
    """A question file is malformed, or a parameter value is not of its type."""


@dataclass(frozen=True)
class Param:
    """One input of a question, bound to the query variable of the same name."""

    name: str
    type: str
    classes: tuple[str, ...] = ()  # prefixed class names ("kg:State") for entity pickers
    default: str | None = None
    label: str = ""

    def class_iris(self) -> list[URIRef]:
        """The classes an entity value should have, as IRIs."""
        return [URIRef(ONTOLOGY_IRI + c.split(":", 1)[1]) for c in self.classes]

    def to_term(self, raw: str, base: str = DEFAULT_BASE) -> URIRef | Literal:
        """The typed RDF term for a value typed in a form; QuestionError when it is not one."""
        raw = raw.strip()
        if self.type == "entity":
            iri = _entity_iri(raw, base)
            if _IRI_BAD.search(iri) or ":" not in iri:
                raise QuestionError(f"{self.name}: {raw!r} is not an IRI")
            return URIRef(iri)
        if self.type == "date":
            if not _DATE.fullmatch(raw):
                raise QuestionError(f"{self.name}: {raw!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
            dtype = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(raw), XSD.date)
            return Literal(raw, datatype=dtype)
        if self.type == "integer":
            if not re.fullmatch(r"-?\d{1,9}", raw):
                raise QuestionError(f"{self.name}: {raw!r} is not a whole number")
            return Literal(int(raw))
        if self.type == "property":
            found = term(raw)
            if found is None:
                raise QuestionError(f"{self.name}: {raw!r} is not a kazgraph property")
            return found
        if len(raw) > MAX_TEXT:
            raise QuestionError(f"{self.name}: text longer than {MAX_TEXT} characters")
        return Literal(raw)


@dataclass(frozen=True)
class Question:
    """A canned question: its SPARQL text and what the comment block says about it."""

    name: str
    title: str
    description: str
    sparql: str
    params: tuple[Param, ...] = ()
    timeline: tuple[str, ...] = ()
    network: tuple[str, ...] = ()
    evidence: tuple[EvidenceRule, ...] = ()
    extra: dict = field(default_factory=dict)

    def bindings(self, values: dict[str, str], base: str = DEFAULT_BASE) -> dict[str, URIRef | Literal]:
        """Typed terms for every parameter, from `values` or the defaults.

        Raises QuestionError naming the first missing or malformed parameter.
        """
        out = {}
        for p in self.params:
            raw = values.get(p.name)
            if raw is None or (raw.strip() == "" and p.type != "text"):
                raw = p.default
            if raw is None:
                raise QuestionError(f"{p.name}: a value is needed")
            out[p.name] = p.to_term(raw, base)
        return out


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_VALUES_MARK = re.compile(r"^([ \t]*)# kazgraph:values[ \t]*$", re.MULTILINE)
_PAGE_MARK = re.compile(r"^([ \t]*)# kazgraph:page[ \t]*$", re.MULTILINE)
_FORM = re.compile(r"^\s*(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", re.IGNORECASE | re.MULTILINE)


def with_values(sparql: str, bindings: dict[str, URIRef | Literal]) -> str:
    """The query with a VALUES block of the typed terms opening its outermost WHERE group.

    Joined first in the top-level group, the values are in scope for that group's
    FILTERs on every store: pyoxigraph's substitution needs projected variables and a
    remote server's trailing VALUES joins too late for a FILTER. Terms are written by
    pyoxigraph from typed terms only, so the text cannot change the query's shape.
    """
    if not bindings:
        return sparql
    return with_rows(sparql, list(bindings), [tuple(bindings.values())])


def with_rows(sparql: str, names: list[str], rows: list[tuple]) -> str:
    """The query with a VALUES block of several rows of typed terms (None: UNDEF).

    Placed like `with_values`; used to look up facts for many answer rows at once.
    """
    form = _FORM.search(sparql)
    where = _WHERE.search(sparql, form.start() if form else 0)
    if where is None:
        raise QuestionError("the query has no WHERE { ... } to bind values in")
    if not all(re.fullmatch(r"[A-Za-z_]\w*", n) for n in names):
        raise QuestionError(f"bad variable names {names!r}")
    head = " ".join("?" + n for n in names)
    body = " ".join("(" + " ".join("UNDEF" if t is None else _term(t) for t in row) + ")"
                    for row in rows)
    block = f"VALUES ({head}) {{ {body} }}"
    rest = _VALUES_MARK.sub(lambda m: m[1] + block, sparql[where.end():])  # the subqueries' marks
    return sparql[: where.end()] + f"\n  {block}\n" + rest


def with_page(sparql: str, limit: int, offset: int = 0) -> str:
    """The query cut to one page: LIMIT and OFFSET after its last clause.

    SPARQL cannot bind these to variables; they are written from Python ints only.
    """
    if type(limit) is not int or type(offset) is not int or limit < 0 or offset < 0:
        raise QuestionError(f"bad page: limit {limit!r}, offset {offset!r}")
    sparql = _PAGE_MARK.sub(lambda m: f"{m[1]}LIMIT {offset + limit}", sparql)
    return f"{sparql.rstrip()}\nLIMIT {limit}\nOFFSET {offset}\n"


def _term(value: URIRef | Literal) -> str:
    if not isinstance(value, (URIRef, Literal)):
        raise QuestionError(f"cannot bind {type(value).__name__} values")
    if isinstance(value, URIRef) and _IRI_BAD.search(str(value)):
        raise QuestionError(f"{str(value)!r} is not an IRI")
    from kazgraph.store.terms import to_ox  # pyoxigraph writes N-Triples escapes: always one token

    return str(to_ox(value))


def runnable(q: Question, base: str = DEFAULT_BASE) -> str:
    """The question's SPARQL with its default values bound, ready for a query editor.

    Parameters without a default stay unbound (the text is returned unchanged).
    """
    try:
        return with_values(q.sparql, q.bindings({}, base))
    except QuestionError:
        return q.sparql


def _entity_iri(raw: str, base: str) -> str:
    """An IRI from a full IRI, a path under /id/, or a path relative to the base."""
    if re.match(r"[A-Za-z][\w+.-]*://", raw):
        return raw
    return base + raw.removeprefix("/").removeprefix("id/")


def parse_question(name: str, text: str) -> Question:
    """Read the metadata block of one .rq file; QuestionError names the file on problems."""
    meta: dict[str, list[str]] = {}
    last = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:]
        if body.startswith("  ") and last is not None:
            meta[last][-1] += " " + body.strip()
            continue
        key, sep, value = body.strip().partition(":")
        if not sep:
            continue
        key = key.strip()
        if key.startswith("param "):
            value = key[6:].strip() + ":" + value
            key = "param"
        meta.setdefault(key, []).append(value.strip())
        last = key
    if "title" not in meta:
        raise QuestionError(f"{name}.rq: no '# title:' line in the leading comment block")
    params = []
    for spec in meta.get("param", []):
        m = _PARAM.match(spec)
        if not m or m["type"] not in TYPES:
            raise QuestionError(f"{name}.rq: bad parameter line {spec!r}")
        default = m["default"].strip() if m["default"] is not None else None
        if default == "" and m["type"] != "text":
            default = None
        if m["name"] in ("limit", "offset"):
            raise QuestionError(f"{name}.rq: {m['name']!r} is the pages' paging argument, not a parameter name")
        params.append(Param(m["name"], m["type"], tuple(m["classes"].split()), default,
                            (m["label"] or m["name"]).strip()))
    projected = text.split("SELECT", 1)[-1].split("WHERE", 1)[0]
    for p in params:
        if f"?{p.name}" not in projected:
            # Oxigraph binds a value only to a variable the SELECT projects.
            raise QuestionError(f"{name}.rq: parameter ?{p.name} is not in the SELECT clause")
    rules = []
    for spec in meta.get("evidence", []):
        try:
            rule = parse_rule(spec)
        except ValueError as err:
            raise QuestionError(f"{name}.rq: {err}") from None
        for var in rule.variables():
            if not re.search(rf"\?{var}\b", projected):
                raise QuestionError(f"{name}.rq: evidence variable ?{var} is not in the SELECT clause")
        rules.append(rule)
    if _TRAILING_PAGE.search(_strip_comments(text)):
        raise QuestionError(f"{name}.rq: ends with LIMIT or OFFSET; the pages add their own")
    return Question(name=name, title=meta["title"][0], description=" ".join(meta.get("description", [])),
                    sparql=text, params=tuple(params),
                    timeline=tuple(meta.get("timeline", [""])[0].split()),
                    network=tuple(meta.get("network", [""])[0].split()), evidence=tuple(rules))


_TRAILING_PAGE = re.compile(r"\b(LIMIT|OFFSET)\s+\d+\s*(?:(?:LIMIT|OFFSET)\s+\d+\s*)?$", re.IGNORECASE)


def _strip_comments(text: str) -> str:
    """The query without `#` comment lines (enough for the checks above)."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


@cache
def questions() -> dict[str, Question]:
    """Every canned question shipped in this package, by file name without .rq, sorted."""
    found = {}
    for entry in sorted(resources.files(__name__).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            found[name] = parse_question(name, entry.read_text(encoding="utf-8"))
    return found
