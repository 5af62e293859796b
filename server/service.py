"""What GET /sparql without a query shows: the query editor, or a Service Description.

A browser (Accept: text/html) gets YASGUI preloaded with the canned queries; a tool
asking for RDF gets an sd:Service with VoID statistics of the store.
"""
from __future__ import annotations

from pathlib import Path

from flask import Response, current_app, render_template, request, url_for
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, VOID, XSD

from kazgraph.errors import Error
from kazgraph.server import db, results
from kazgraph.server.worker import Task

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
RESULT_FORMATS = ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                  "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML"]
RDFLIB_FORMAT = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}

STATS = """SELECT ?triples ?entities ?classes WHERE {
  { SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?entities) WHERE { ?s ?p ?o } }
  { SELECT (COUNT(DISTINCT ?c) AS ?classes) WHERE { ?x a ?c } }
}"""
GRAPH_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


def example_queries() -> list[dict]:
    """Canned queries from queries/*.rq for the editor, with their default values bound."""
    from kazgraph.queries import QuestionError, parse_question, runnable

    folder = current_app.config.get("QUERIES_DIR")
    if not folder:
        import kazgraph.queries

        folder = Path(kazgraph.queries.__file__).parent
    base = current_app.config["KAZGRAPH_BASE"]
    found = []
    for path in sorted(Path(folder).glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        try:
            q = parse_question(path.stem, text)
        except QuestionError:  # a query without metadata is still a fine example
            found.append({"name": path.stem, "title": path.stem, "query": text})
            continue
        found.append({"name": q.name, "title": q.title, "query": runnable(q, base)})
    return found


def _stats() -> dict:
    """Triples, entities, classes and per-graph sizes of the default (union) dataset."""
    state = db._state()
    if "void" not in state:
        timeout, _ = db.limits(None, None)
        stats: dict = {}
        reply = db.execute(Task(STATS, default_graph="union", max_rows=1), timeout)
        row = dict(zip(reply[1], reply[2][0])) if reply[2] else {}
        for key in ("triples", "entities", "classes"):
            stats[key] = int(row[key]) if row.get(key) is not None else 0
        reply = db.execute(Task(GRAPH_SIZES, default_graph="union", max_rows=100_000),
                           timeout)
        stats["graphs"] = [(str(gname), int(n)) for gname, n in reply[2]]
        state["void"] = stats
    return state["void"]


def description(endpoint: str) -> Graph:
    """The Service Description of this endpoint, with VoID statistics."""
    gr = Graph()
    gr.bind("sd", SD)
    gr.bind("void", VOID)
    gr.bind("formats", FORMATS)
    svc = URIRef(endpoint)
    gr.add((svc, RDF.type, SD.Service))
    gr.add((svc, SD.endpoint, svc))
    gr.add((svc, SD.supportedLanguage, SD.SPARQL11Query))
    if current_app.config.get("UPDATE_TOKEN"):
        gr.add((svc, SD.supportedLanguage, SD.SPARQL11Update))
    for name in RESULT_FORMATS:
        gr.add((svc, SD.resultFormat, FORMATS[name]))
    if db.default_dataset() == "union":
        gr.add((svc, SD.feature, SD.UnionDefaultGraph))
    dataset, default = BNode(), BNode()
    gr.add((svc, SD.defaultDataset, dataset))
    gr.add((dataset, RDF.type, SD.Dataset))
    gr.add((dataset, RDF.type, VOID.Dataset))
    gr.add((dataset, SD.defaultGraph, default))
    gr.add((default, RDF.type, SD.Graph))
    try:
        stats = _stats()
    except Error:  # an unreachable or slow store still gets a description
        return gr
    for key in ("triples", "entities", "classes"):
        gr.add((dataset, VOID[key], Literal(stats[key], datatype=XSD.integer)))
        gr.add((default, VOID[key], Literal(stats[key], datatype=XSD.integer)))
    gr.add((dataset, VOID.documents, Literal(len(stats["graphs"]), datatype=XSD.integer)))
    for name, size in stats["graphs"]:
        named, graph = BNode(), BNode()
        gr.add((dataset, SD.namedGraph, named))
        gr.add((named, RDF.type, SD.NamedGraph))
        gr.add((named, SD.name, URIRef(name)))
        gr.add((named, SD.graph, graph))
        gr.add((graph, RDF.type, SD.Graph))
        gr.add((graph, VOID.triples, Literal(size, datatype=XSD.integer)))
    return gr


def landing(override: str | None) -> Response:
    """The editor for a browser, else the Service Description in the asked RDF format."""
    accept = request.accept_mimetypes
    rdf_types = list(results.GRAPH.values())
    best = accept.best_match(rdf_types + ["text/html"])
    if not override and best == "text/html" and accept.quality("text/html") >= \
            max(accept.quality(t) for t in rdf_types):
        return Response(render_template("sparql.html", examples=example_queries(),
                                        endpoint=url_for("sparql.query")),
                        mimetype="text/html")
    try:
        fmt, media_type = results.choose("graph", accept, override)
    except results.NotAcceptable:
        fmt, media_type = "turtle", results.GRAPH["turtle"]
    graph = description(request.base_url)
    body = graph.serialize(format=RDFLIB_FORMAT[fmt], encoding="utf-8")
    charset = "; charset=utf-8" if fmt in ("turtle", "ntriples") else ""
    return Response(body, content_type=media_type + charset)
