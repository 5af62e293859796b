"""Reference tables: every state links to Wikidata; the tables load."""
from __future__ import annotations

from kazgraph.loaders.entities.gazetteer import states


def test_every_state_links_to_wikidata():
    missing = [key for key, record in states().items()
               if not any(iri.startswith("http://www.wikidata.org/entity/Q")
                          for iri in record.same_as)]
    assert missing == []


def test_state_extracted_from_text_carries_its_wikidata_link():
    from kazgraph.loaders import extract_text, to_dataset
    from rdflib import URIRef
    from rdflib.namespace import OWL

    ds = to_dataset(extract_text("Mongolia and Chile held talks.", published="2024-03-01"))
    mongolia = URIRef("https://w3id.org/kazgraph/id/state/MNG")
    links = {o for _, _, o, _ in ds.quads((mongolia, OWL.sameAs, None, None))}
    assert URIRef("http://www.wikidata.org/entity/Q711") in links
