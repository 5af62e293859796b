"""Text that is not a fact about the world stays out of the graph: links to other pages
under a digest ("Related news: ...", "Read also ..."), and "corridors" that are digital
services. And every article that names a state records that it does."""
from rdflib import URIRef

from kazgraph.loaders import extract_text, to_triples
from kazgraph.vocab import DEFAULT_BASE, KG

DIGEST = """Foreign media on Kazakhstan: week 19

This week's selection of foreign media articles about Kazakhstan covers trade, transport, ports and the copper market, as seen by outlets abroad.

Peru and Kazakhstan talk copper
Al Jazeera reported on May 4 that Peru and Kazakhstan discussed copper trade in Lima.

Baltic ports look east
Yonhap wrote on May 5 that Estonian ports want more cargo from Kazakh exporters.
Related news: Chile opens an embassy in Ghana
Read also Brazil and Argentina agree on beef quotas

Related articles
Norway and Iceland review fishing rights
Mexico hosts a Caribbean trade fair
"""


def states(ex):
    return sorted(k for k, e in ex.entities.items() if e.cls == "State")


def test_links_to_other_pages_name_no_state_and_make_no_item():
    ex = extract_text(DIGEST, published="2026-05-10")
    assert states(ex) == ["state/EST", "state/KAZ", "state/PER"]
    assert [i.headline for i in ex.doc.items] == ["Peru and Kazakhstan talk copper",
                                                  "Baltic ports look east"]
    assert not any("Chile" in s.text or "Norway" in s.text for s in ex.doc.sentences)
    assert len(ex.doc.navigation) == 5


def test_a_word_that_opens_news_is_no_link_without_a_colon():
    text = ("Related talks in Lima on May 4 brought Peru and Kazakhstan closer, the Andes "
            "Tribune reported. Latest news from Chile was not discussed.")
    ex = extract_text(text, published="2026-05-10")
    assert not ex.doc.navigation
    assert "state/CHL" in states(ex)


def test_every_article_that_names_kazakhstan_records_it():
    ex = extract_text(DIGEST, published="2026-05-10")
    _, triples = to_triples(ex)
    articles = {s for s, p, o in triples if p == KG.inDigest}
    assert len(articles) == 2
    kaz = URIRef(DEFAULT_BASE + "state/KAZ")
    assert all((a, KG.mentions, kaz) in triples for a in articles)


def corridors(text):
    ex = extract_text(text, published="2026-05-10")
    return sorted(k for k in ex.entities if k.startswith("corridor/"))


def test_a_digital_service_called_a_corridor_is_no_corridor():
    assert corridors("Estonia and Kazakhstan will launch the Digital Customs Corridor "
                     "next year to exchange trade documents.") == []
    assert corridors("Estonia and Kazakhstan will launch the Amber Trade Corridor, an online "
                     "platform for customs papers, next year.") == []
    assert corridors("Estonia and Kazakhstan backed the Amber Trade Corridor, a rail and "
                     "ferry route across the Baltic, on May 2.") == ["corridor/amber-trade-corridor"]
