"""Helpers for the page tests: an app over a store loaded from a hand-made TriG file."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

DATA = Path(__file__).parent / "data"


def load_store(folder: Path, *trig_files: str) -> str:
    """Fill an embedded store in `folder` from test TriG files; return its path."""
    from kazgraph.store.embedded import EmbeddedStore

    path = str(folder / "store")
    with EmbeddedStore(path) as store:
        for name in trig_files:
            store.load_quads(ox.parse(path=str(DATA / name), format=ox.RdfFormat.TRIG))
    return path


def make_app(folder: Path, *trig_files: str, **config):
    """The real app (create_app) over a store holding `trig_files`."""
    from kazgraph.server import create_app

    settings = {"TESTING": True, "KAZGRAPH_STORE": load_store(folder, *trig_files),
                "QUERY_WORKERS": 1, **config}
    return create_app(settings)


def make_remote_app(endpoint: str, *trig_files: str, **config):
    """The real app on a remote SPARQL server (emptied, then filled with `trig_files`)."""
    from kazgraph.server import create_app
    from kazgraph.store.remote import RemoteStore

    with RemoteStore(endpoint) as store:
        store.update("DROP SILENT ALL")
        graphs: dict = {}
        for name in trig_files:
            for q in ox.parse(path=str(DATA / name), format=ox.RdfFormat.TRIG):
                graphs.setdefault(q.graph_name, []).append(q.triple)
        for graph, triples in graphs.items():
            store.put_graph(_rdflib(graph), "".join(f"{t} .\n" for t in triples).encode("utf-8"))
    return create_app({"TESTING": True, "KAZGRAPH_ENDPOINT": endpoint, **config})


def basic_client(request, tmp_path_factory):
    """A test client on pages_basic.trig: the embedded store, or for the fixture param
    "remote" a real `oxigraph serve` (the oxigraph_server fixture)."""
    if request.param == "remote":
        return make_remote_app(request.getfixturevalue("oxigraph_server"), "pages_basic.trig").test_client()
    return make_app(tmp_path_factory.mktemp("pages"), "pages_basic.trig").test_client()


def _rdflib(node):
    from kazgraph.store.terms import from_ox

    return from_ox(node)
