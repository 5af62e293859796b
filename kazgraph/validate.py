"""Check a graph against the kazgraph SHACL shapes, with the ontology's class hierarchy.

>>> from rdflib import Graph
>>> report = validate_graph(Graph())
>>> report.conforms, report.violations
(True, [])
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import SH
from rdflib.term import BNode, Identifier

from kazgraph.errors import InputError
from kazgraph.vocab import DEFAULT_BASE, PREFIXES

SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}

# Prefixes used to print terms short in a report.
_PREFIXES = {f"{p}:": PREFIXES[p] for p in ("kg", "rdf", "rdfs", "skos", "xsd")}


def ontology_path() -> Path:
    """The OWL ontology file (ontology/kazgraph.ttl) as installed with the package."""
    return Path(str(files("kazgraph.ontology") / "kazgraph.ttl"))


def shapes_path() -> Path:
    """The SHACL shapes file (ontology/shapes.ttl) as installed with the package."""
    return Path(str(files("kazgraph.ontology") / "shapes.ttl"))


@dataclass(frozen=True)
class Violation:
    """One SHACL result: which node, which property, what is wrong, how bad."""

    focus: Identifier
    path: Identifier | None
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    value: Identifier | None = None


@dataclass
class Report:
    """The outcome of validate_graph; `conforms` ignores warnings and infos."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    @property
    def errors(self) -> list[Violation]:
        """Results of severity Violation only."""
        return [v for v in self.violations if v.severity == "Violation"]

    @property
    def warnings(self) -> list[Violation]:
        """Results of severity Warning or Info."""
        return [v for v in self.violations if v.severity != "Violation"]


def _read(source: Graph | str | Path) -> Graph:
    if isinstance(source, Graph):
        return source
    try:
        return Graph().parse(str(source), format="turtle")
    except Exception as err:  # rdflib raises many parser error types
        raise InputError(str(source), f"cannot read shapes or ontology: {err}") from err


@lru_cache(maxsize=4)
def _cached(path: str) -> Graph:
    return _read(path)


def _union(data: Graph | Dataset) -> Graph:
    """All triples of every graph of a dataset in one graph (the default union view)."""
    if not isinstance(data, (Dataset, ConjunctiveGraph)):
        return data
    union = Graph()
    for s, p, o, _ in data.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def validate_graph(data: Graph | Dataset, *, shapes: Graph | str | Path | None = None,
                   ontology: Graph | str | Path | None = None,
                   inference: str = "none") -> Report:
    """Validate `data` (a graph, or the union of a dataset's graphs) against the shapes.

    The ontology is mixed into a copy of the data (pySHACL's ont_graph), so that
    rdfs:subClassOf counts for targets and sh:class. `inference="rdfs"` also applies
    RDFS entailment (domains and ranges), which is slower and seldom needed.
    """
    from pyshacl import validate  # imported here: it takes a second to load

    shapes_graph = _cached(str(shapes_path())) if shapes is None else _read(shapes)
    ont_graph = _cached(str(ontology_path())) if ontology is None else _read(ontology)
    data_graph = _union(data)
    shapes_graph, whole = _split_sparql(shapes_graph)
    _conforms, results, _text = validate(
        data_graph, shacl_graph=shapes_graph, ont_graph=ont_graph,
        inference=None if inference == "none" else inference, allow_warnings=True,
        allow_infos=True)
    if not isinstance(results, Graph):  # pySHACL could not run the shapes at all
        raise InputError(str(shapes or shapes_path()), f"shapes cannot be used: {results}")
    found = [v for constraint in whole for v in constraint.run(data_graph)]
    # Top-level results only: those nested under sh:detail repeat a parent's finding.
    for result in results.objects(None, SH.result):
        severity = SEVERITIES.get(results.value(result, SH.resultSeverity), "Violation")
        message = results.value(result, SH.resultMessage)
        if message is None:
            message = f"fails {_short(results.value(result, SH.sourceConstraintComponent))}"
        found.append(Violation(focus=results.value(result, SH.focusNode),
                               path=results.value(result, SH.resultPath),
                               message=str(message), severity=severity,
                               value=results.value(result, SH.value)))
    found.sort(key=lambda v: (v.severity != "Violation", v.message, str(v.focus),
                              str(v.path), str(v.value)))
    return Report(conforms=not any(v.severity == "Violation" for v in found),
                  violations=found)


@dataclass
class _WholeGraphConstraint:
    """A SHACL-SPARQL constraint of a node shape whose targets are sh:targetSubjectsOf.

    pySHACL parses and runs such a query once per focus node (seconds per hundred facts).
    Run once with $this left free, the same SELECT finds the same results for every
    focus node at once; rows whose ?this is not a target are dropped.
    """

    predicates: set[URIRef]
    query: str
    message: str
    severity: str

    def run(self, data: Graph) -> list[Violation]:
        found = []
        for row in data.query(self.query):
            this = row.get("this")
            if this is None or not any((this, p, None) in data for p in self.predicates):
                continue
            found.append(Violation(focus=this, path=row.get("path"), message=self.message,
                                   severity=self.severity, value=row.get("value")))
        return found


def _split_sparql(shapes: Graph) -> tuple[Graph, list[_WholeGraphConstraint]]:
    """A copy of `shapes` without the SPARQL constraints this module runs itself."""
    rest, whole = Graph(), []
    for triple in shapes:
        rest.add(triple)
    for shape, constraint in shapes.subject_objects(SH.sparql):
        predicates = set(shapes.objects(shape, SH.targetSubjectsOf))
        other = [t for t in (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.target,
                             SH.path, SH.deactivated) if shapes.value(shape, t) is not None]
        select = shapes.value(constraint, SH.select)
        if not predicates or other or select is None or shapes.value(constraint, SH.deactivated):
            continue
        prefixes = "".join(
            f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
            for source in shapes.objects(constraint, SH.prefixes)
            for d in shapes.objects(source, SH.declare))
        message = shapes.value(constraint, SH.message) or shapes.value(shape, SH.message)
        severity = SEVERITIES.get(shapes.value(shape, SH.severity), "Violation")
        whole.append(_WholeGraphConstraint(predicates, prefixes + str(select),
                                           str(message or "fails a SPARQL constraint"),
                                           severity))
        rest.remove((shape, SH.sparql, constraint))
    return rest, whole


def _short(term: Identifier | None, base: str = DEFAULT_BASE) -> str:
    """A term as a reader wants it: kg:party, id:state/KAZ, "2025"^^xsd:gYear."""
    if term is None:
        return "-"
    if isinstance(term, URIRef):
        text = str(term)
        if text.startswith(base):
            return "id:" + text[len(base):]
        for prefix, namespace in _PREFIXES.items():
            if text.startswith(namespace):
                return prefix + text[len(namespace):]
        if text.startswith(str(SH)):
            return "sh:" + text[len(str(SH)):]
        return f"<{text}>"
    if isinstance(term, Literal):
        lexical = str(term).replace("\n", " ")
        lexical = lexical if len(lexical) <= 60 else lexical[:57] + "..."
        if term.language:
            return f'"{lexical}"@{term.language}'
        if term.datatype:
            return f'"{lexical}"^^{_short(term.datatype, base)}'
        return f'"{lexical}"'
    if isinstance(term, BNode):
        return "_:" + str(term)[:8]
    return str(term)


def format_report(report: Report, *, base: str = DEFAULT_BASE) -> str:
    """A readable report: per message a count, then one line per result."""
    if not report.violations:
        return "conforms: no violations"
    groups: dict[tuple[str, str], list[Violation]] = defaultdict(list)
    for v in report.violations:
        groups[(v.severity, v.message)].append(v)
    lines = []
    for (severity, message), items in groups.items():
        lines.append(f"{severity} ({len(items)}): {message}")
        for v in items:
            detail = f"  {_short(v.focus, base)}"
            if v.path is not None:
                detail += f" {_short(v.path, base)}"
            if v.value is not None:
                detail += f" {_short(v.value, base)}"
            lines.append(detail)
    errors, warnings = len(report.errors), len(report.warnings)
    verdict = "conforms" if report.conforms else "does not conform"
    lines.append(f"{verdict}: {errors} violation(s), {warnings} warning(s)")
    return "\n".join(lines)
