"""Entity pages show the Wikidata link of an organisation and of a known office holder."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kazgraph.pipeline import extract_digests

TEXT = ("Russian President Vladimir Putin and Kazakh President Kassym-Jomart Tokayev "
        "discussed the OSCE chairmanship in Astana.")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from kazgraph.server import create_app
    from kazgraph.store.embedded import EmbeddedStore

    folder = tmp_path_factory.mktemp("wikidata-pages")
    digest = folder / "digest.txt"
    digest.write_text(TEXT, encoding="utf-8")
    [extracted] = extract_digests(digest, "2024-05-01", "https://w3id.org/kazgraph/id/")
    graph = ox.NamedNode(str(extracted.graph))
    with EmbeddedStore(str(folder / "store")) as store:
        store.load_quads(ox.Quad(t.subject, t.predicate, t.object, graph) for t in
                         ox.parse(extracted.ntriples, format=ox.RdfFormat.N_TRIPLES))
    app = create_app({"TESTING": True, "KAZGRAPH_STORE": str(folder / "store"), "QUERY_WORKERS": 1})
    return app.test_client()


def test_person_page_shows_wikidata_link(client):
    html = client.get("/id/person/vladimir-putin").get_data(as_text=True)
    assert '<a href="http://www.wikidata.org/entity/Q7747" rel="noopener noreferrer">Wikidata Q7747</a>' in html


def test_organisation_page_shows_wikidata_link(client):
    html = client.get("/id/org/osce").get_data(as_text=True)
    assert '<a href="http://www.wikidata.org/entity/Q81299" rel="noopener noreferrer">Wikidata Q81299</a>' in html
