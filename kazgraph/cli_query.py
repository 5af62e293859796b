"""`kazgraph query`, `export`, `stats` and `validate`: reading the store."""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import click
import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from kazgraph.cli_common import store_options, where
from kazgraph.config import Settings
from kazgraph.errors import StoreError
from kazgraph.store.base import QueryResult
from kazgraph.store.rdfio import FORMATS, PREFIXES, format_of, write_quads
from kazgraph.store.terms import to_ox


def short(term: Identifier | None) -> str:
    """A term as a person reads it: prefixed IRI, literal text, '' for unbound."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, iri in PREFIXES.items():
            if term.startswith(iri) and len(term) > len(iri):
                return f"{prefix}:{term[len(iri):]}"
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def json_term(term: Identifier) -> dict:
    """A term in the SPARQL 1.1 JSON results format."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal) and term.language:
        out["xml:lang"] = term.language
    elif isinstance(term, Literal) and term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def render(result: QueryResult, fmt: str) -> str:
    """A query result as text in `fmt` (table, json or csv); graphs as Turtle or JSON-LD."""
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean})
        return ("true" if result.boolean else "false") if fmt == "csv" else ("yes" if result.boolean else "no")
    if result.kind == "graph":
        buf = io.BytesIO()
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in result.graph]
        write_quads(quads, buf, "jsonld" if fmt == "json" else "ttl")
        return buf.getvalue().decode("utf-8").rstrip("\n")
    if fmt == "json":
        rows = [{v: json_term(t) for v, t in zip(result.variables, row) if t is not None}
                for row in result.rows]
        return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": rows}},
                          ensure_ascii=False, indent=1)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow(["" if t is None else (f"_:{t}" if isinstance(t, BNode) else str(t))
                             for t in row])
        return buf.getvalue().rstrip("\r\n")
    return table(result.variables, [[short(t) for t in row] for row in result.rows])


def table(headers: list[str], rows: list[list[str]], width: int = 60) -> str:
    """A plain text table; cells longer than `width` are cut with an ellipsis."""
    cells = [[c if len(c) <= width else c[: width - 1] + "…" for c in row] for row in rows]
    cells = [[" ".join(c.split()) for c in row] for row in cells]
    sizes = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    line = lambda row: "  ".join(c.ljust(n) for c, n in zip(row, sizes)).rstrip()  # noqa: E731
    out = [line(headers), line(["-" * n for n in sizes])] + [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


@click.command()
@click.argument("sparql", required=False)
@click.option("-f", "--file", "file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from a .rq file.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="Output format (graphs: Turtle, or JSON-LD for json).")
@click.option("--max-rows", type=click.IntRange(min=1), help="Return at most this many rows.")
@click.option("--timeout", type=click.FloatRange(min=0.1), help="Seconds before giving up.")
@store_options
def query(sparql: str | None, file: Path | None, fmt: str, max_rows: int | None,
          timeout: float | None, settings: Settings) -> None:
    """Run a SPARQL query; the default graph is the union of all graphs.

    Common prefixes (kg:, id:, rdf:, rdfs:, xsd:, skos:, schema:, ...) need no PREFIX line.
    """
    if (sparql is None) == (file is None):
        raise click.UsageError("give a query or -f FILE (one of them)")
    text = file.read_text(encoding="utf-8") if file else sparql
    with settings.open_store(read_only=True) as store:
        result = store.query(text, timeout=timeout, max_rows=max_rows or settings.max_rows)
    click.echo(render(result, fmt))
    if result.truncated:
        click.echo(f"note: truncated at {max_rows or settings.max_rows} rows (see --max-rows)",
                   err=True)


@click.command()
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)),
              help="Output format [default: from the -o extension, else ttl].")
@click.option("--graph", metavar="IRI", help="Export only this named graph.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (default: standard output).")
@store_options
def export(fmt: str | None, graph: str | None, output: Path | None, settings: Settings) -> None:
    """Export the store (or one graph): ttl (sorted, all graphs merged), trig, nq, nt, jsonld."""
    fmt = fmt or (format_of(output) if output else None) or "ttl"
    with settings.open_store(read_only=True) as store:
        if output is None:
            n = store.export(sys.stdout.buffer, format=fmt, graph=URIRef(graph) if graph else None)
            sys.stdout.buffer.flush()
        else:
            buf = io.BytesIO()  # write the file only once the export succeeded
            n = store.export(buf, format=fmt, graph=URIRef(graph) if graph else None)
            output.write_bytes(buf.getvalue())
            click.echo(f"wrote {n} {'quads' if fmt in ('trig', 'nq', 'jsonld') else 'triples'} "
                       f"to {output}", err=True)


STATS_CLASSES = """
SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e a ?class . FILTER(STRSTARTS(STR(?class), STR(kg:)))
} GROUP BY ?class ORDER BY DESC(?n) ?class
"""
# Provenance: counted on their own lines, not as entities.
NOT_ENTITIES = ("Digest", "Article", "Evidence", "ExtractionRun")


@click.command()
@store_options
def stats(settings: Settings) -> None:
    """Count triples, graphs, digests, articles and entities by class."""
    with settings.open_store(read_only=True) as store:
        graphs = store.graphs()
        quads = store.count()
        by_class = {row[0]: int(row[1]) for row in store.query(STATS_CLASSES).rows}
        distinct = int(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0])
        entities = int(store.query(
            "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?class . "
            "FILTER(STRSTARTS(STR(?class), STR(kg:)) && ?class NOT IN "
            "(kg:Digest, kg:Article, kg:Evidence, kg:ExtractionRun)) }").rows[0][0])
    kg = PREFIXES["kg"]
    special = {name: by_class.pop(URIRef(kg + name), 0) for name in NOT_ENTITIES}
    click.echo(f"store      {where(settings)}")
    click.echo(f"triples    {distinct} ({quads} in {len(graphs)} named graphs)")
    click.echo(f"graphs     {len(graphs)}")
    click.echo(f"digests    {special['Digest']}")
    click.echo(f"articles   {special['Article']}")
    click.echo(f"evidence   {special['Evidence']}")
    click.echo(f"entities   {entities}")
    for cls, n in by_class.items():
        click.echo(f"  {short(cls):<30} {n}")


@click.command()
@click.option("--graph", metavar="IRI", help="Validate only this named graph.")
@click.option("--warnings/--no-warnings", default=True, show_default=True,
              help="Also list warnings (they never fail validation).")
@store_options
def validate(graph: str | None, warnings: bool, settings: Settings) -> None:
    """Check the store against the SHACL shapes; exit 1 when there are violations."""
    from kazgraph.validate import format_report, validate_graph

    with settings.open_store(read_only=True) as store:
        if graph and URIRef(graph) not in store.graphs():
            raise StoreError(f"no graph {graph} in the store")
        data = store.query("CONSTRUCT WHERE { ?s ?p ?o }",
                           default_graph=[URIRef(graph)] if graph else None).graph or Graph()
    report = validate_graph(data)
    if not warnings:
        report.violations = [v for v in report.violations if v.severity == "Violation"]
    click.echo(format_report(report))
    if not report.conforms:
        sys.exit(1)
