"""Organisations carry the Wikidata item of data/organizations.tsv as owl:sameAs."""
from __future__ import annotations

import re

from rdflib import URIRef
from rdflib.namespace import OWL

from kazgraph.loaders import extract_text, to_dataset
from kazgraph.loaders.entities.gazetteer import organizations, reference_rows

WD = "http://www.wikidata.org/entity/"


def test_organisation_wikidata_column_is_well_formed():
    rows = reference_rows("organizations.tsv")
    ids = [row["wikidata"] for row in rows if row["wikidata"]]
    assert all(re.fullmatch(r"Q[1-9][0-9]*", q) for q in ids)
    assert len(ids) == len(set(ids))  # one item, one body
    assert len(ids) >= 80


def test_organisation_record_links_to_wikidata():
    assert organizations()["org/sco"].same_as == (WD + "Q485207",)
    assert organizations()["org/g20"].same_as == ()  # no checked source gave one


def test_organisation_extracted_from_text_carries_its_wikidata_link():
    ds = to_dataset(extract_text("Kazakhstan joined the OSCE talks in Vienna.",
                                 published="2024-03-01"))
    osce = URIRef("https://w3id.org/kazgraph/id/org/osce")
    links = {o for _, _, o, _ in ds.quads((osce, OWL.sameAs, None, None))}
    assert URIRef(WD + "Q81299") in links
