"""Digest structure: sentences, items, headlines, outlets, publication dates, authors."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from kazgraph.loaders import extract_text
from kazgraph.loaders.reading import digests, outlets, segment
from kazgraph.loaders.model import Extraction
from kazgraph.loaders.text.sentences import split_sentences
from kazgraph.loaders.reading.sources import RawDigest, read_path
from kazgraph.vocab import KG

DATA = Path(__file__).parent / "data"


def parse_file(name: str, published: str | None = None):
    (raw,) = read_path(DATA / name, published=published)
    return segment.parse(raw)


def summary(doc) -> list[tuple]:
    return [(i.outlet, i.published, i.headline) for i in doc.items]


def test_weekly_digest_items() -> None:
    doc = parse_file("digest_weekly.txt")
    assert doc.published == "2021-03-10"
    assert not doc.text.lstrip().startswith("date")
    assert summary(doc) == [
        ("Al Jazeera", "2021-03-08", "Uruguay and Japan widen trade in wine and beef"),
        ("Harbour Gazette", "2021-03-05", "Why Montevideo is courting Gulf investors"),
        ("Yonhap", "2021-02-27", "A new chapter for Atlantic logistics"),
        # the only date belongs to the event, not to the piece
        ("Dawn", None, "Lisbon and Montevideo mark 200 years of ties"),
        ("Kyodo News", "2021-03-02", "Chile looks east"),
    ]
    assert doc.items[2].authors == ["Rosa Delgado"]
    assert doc.items[4].authors == ["Hiro Tanaka", "Ana Silva"]


def test_offsets_point_into_document_text() -> None:
    doc = parse_file("digest_weekly.txt")
    for item in doc.items:
        hs = item.headline_span
        assert doc.text[hs.start:hs.end] == item.headline
        if item.published_span:
            assert doc.text[item.published_span.start:item.published_span.end][:3].isalpha()
    for sentence in doc.sentences:
        assert doc.text[sentence.span.start:sentence.span.end] == sentence.text


def test_review_with_outlet_prefix() -> None:
    doc = parse_file("digest_review.txt", published="2022-01-16")
    assert summary(doc) == [
        ("Baltic Ledger", "2022-01-14", "Mongolia opens a new rail link to the sea"),
        ("Yonhap", "2022-01-15", "Seoul and Ulaanbaatar agree on mining cooperation"),
    ]
    assert doc.items[0].authors == ["Peter Ivanov"]
    assert doc.title == "Steppe Wire rounds up the foreign press on Mongolia"


def test_weekly_digest_with_read_more_links() -> None:
    doc = parse_file("digest_tca.txt")
    assert summary(doc) == [
        ("Al Jazeera", "2019-12-03", "Mongolia bets on copper exports"),
        ("Steppe Observer", "2019-12-05", "Herders face a harsh winter"),
    ]
    assert doc.items[0].url.startswith("https://www.aljazeera.com/")


def test_no_date_warns_and_keeps_text_precision() -> None:
    doc = parse_file("digest_review.txt")
    assert doc.published is None and doc.warnings
    assert [i.published for i in doc.items] == [None, None]


@pytest.mark.parametrize("sentence, outlet, date", [
    ("The Fjord Post published an article on May 4 about ferries.", "The Fjord Post", "2020-05-04"),
    ("Ferries run again, reported the Andes Tribune on May 4.", "Andes Tribune", "2020-05-04"),
    ("Ferries run again, according to an article published in Lagos Weekly on May 4.",
     "Lagos Weekly", "2020-05-04"),
    ("Ferries run again, the Reykjavik Courier newspaper reported on May 4.",
     "Reykjavik Courier", "2020-05-04"),
    ("Nordic Pulse, in an article published on May 4, says ferries run again.",
     "Nordic Pulse", "2020-05-04"),
    # a listed outlet under another spelling is recorded under its masthead
    ("Ferries run again, writes EU Observer on May 4.", "EUobserver", "2020-05-04"),
    # the only date is the launch's, not the piece's
    ("Ferries were launched on May 1, as reported by the Andes Tribune.", "Andes Tribune", None),
    ("The Icelandic newspaper Morgunfrettir writes that ferries run again.", "Morgunfrettir",
     None),
    ("The Hurriyet Daily News newspaper notes that ferries run again.", "Hürriyet Daily News",
     None),
    ("The Fjord Post’s May 4 article says ferries run again.", "The Fjord Post", "2020-05-04"),
    ("The Oslo Courier (Norway) reported on May 4 that ferries run again.", "The Oslo Courier",
     "2020-05-04"),
    ("Minister Ana Berg’s op-ed in Lagos Weekly on May 4 praises ferries.", "Lagos Weekly",
     "2020-05-04"),
    ("Nordic Pulse published an op-ed by Dr. J. Lee on Monday, May 4, on ferries.",
     "Nordic Pulse", "2020-05-04"),
])
def test_outlet_phrasings(sentence: str, outlet: str, date: str | None) -> None:
    text = f"Ferry news from the north\n{sentence}\nMore details follow in the piece.\n"
    doc = segment.parse(RawDigest(text=text, source="t.txt", published="2020-05-20"))
    assert [(i.outlet, i.published) for i in doc.items] == [(outlet, date)]


@pytest.mark.parametrize("sentence", [
    "President Gabriel Boric said the ferries would run again on May 4.",
    "According to the Ministry of Transport, ferries run again.",
    "In an editorial by Chilean state media, ferries were praised.",
    "Ferries run again, said Minister Ana Ruiz.",
])
def test_no_outlet_no_article(sentence: str) -> None:
    text = f"Ferry news from the north\n{sentence}\nMore details follow in the piece.\n"
    ex = extract_text(text, published="2020-05-20")
    assert not [i.outlet for i in ex.doc.items if i.outlet]
    assert not [e for e in ex.entities.values() if e.cls == "Article"]


def test_caption_and_title_lines_are_not_items() -> None:
    text = ("Foreign media on Peru: ports and trade\n\n"
            "Lima harbour at dawn\nPhoto credit: Pexels\n\n"
            "Every Friday Peru Daily Review looks at how the foreign press wrote about Peru, "
            "from ports to trade talks and whatever else made the news abroad.\n\n"
            "Andean Times: Peru expands its main port\n"
            "Andean Times published an article on June 2 about the port.\n")
    doc = segment.parse(RawDigest(text=text, source="t.txt", published="2020-06-06"))
    assert summary(doc) == [("Andean Times", "2020-06-02", "Peru expands its main port")]


def test_truncated_last_item_without_outlet_is_left_out() -> None:
    text = ("Ports of Chile\nThe Valparaiso Star released an article on June 2 about ports.\n"
            "Copper and the coast\nChile’s copper exports rose in the first half of the ye")
    ex = extract_text(text, published="2020-06-06")
    articles = [e for e in ex.entities.values() if e.cls == "Article"]
    assert [a.label for a in articles] == ["Ports of Chile"]


def test_single_article_published_by_its_site() -> None:
    text = ("Peru and Chile sign a fisheries pact\n\nLIMA – Peru and Chile signed a pact on "
            "fishing quotas on Monday.\n\nPhoto credit: aljazeera.com\n")
    doc = segment.parse(RawDigest(text=text, source="a.txt", published="2020-06-06"))
    assert summary(doc) == [("Al Jazeera", "2020-06-06", "Peru and Chile sign a fisheries pact")]


@pytest.mark.parametrize("top, date", [
    ("12 May 2020\n\n", "2020-05-12"),             # a line that is only a date
    ("By Ana Berg\n\nMay 12, 2020\n\n", "2020-05-12"),
    ("LIMA, Peru, May 12. By Ana Berg, ", "2020-05-12"),  # a dateline, year from the page
    ("Published: May 12\n\n", "2020-05-12"),
    ("", "2020-06-06"),                              # none: the page's own date
    ("12 May 2021\n\n", "2020-06-06"),             # after the page: not its date
])
def test_single_article_date_at_its_top(top: str, date: str) -> None:
    text = (f"Peru and Chile sign a fisheries pact\n\n{top}Peru and Chile signed a pact on "
            "fishing quotas on May 11.\n\nPhoto credit: aljazeera.com\n")
    doc = segment.parse(RawDigest(text=text, source="a.txt", published="2020-06-06"))
    assert summary(doc) == [("Al Jazeera", date, "Peru and Chile sign a fisheries pact")]


def test_review_item_stamped_under_its_headline() -> None:
    text = ("Kazakhstan in the foreign press\n\nSteppe Wire presents a review of what foreign "
            "media wrote about the region this week, from trade to transport and diplomacy.\n\n"
            "Yonhap: Seoul and Ulaanbaatar agree on mining cooperation\nPublished: January 12\n\n"
            "Yonhap reported that the two sides met on January 10 and agreed to expand "
            "cooperation in mining.\n")
    doc = segment.parse(RawDigest(text=text, source="r.txt", published="2022-01-16"))
    assert summary(doc) == [("Yonhap", "2022-01-12",
                             "Seoul and Ulaanbaatar agree on mining cooperation")]


def test_articles_stage_adds_entities_and_facts() -> None:
    doc = parse_file("digest_weekly.txt")
    ex = Extraction(doc)
    digests.articles(doc, ex)
    classes = sorted(e.cls for e in ex.entities.values())
    assert classes.count("Article") == 5 and classes.count("Digest") == 1
    assert ex.entities["outlet/al-jazeera"].label == "Al Jazeera"
    assert ex.entities["person/rosa-delgado"].cls == "Person"
    preds = {f.predicate for f in ex.facts}
    assert {KG.headline, KG.publishedBy, KG.publicationDate, KG.author, KG.inDigest,
            KG.position} <= preds
    assert all(f.span is not None for f in ex.facts if f.subject.startswith("article/"))


def test_keys_are_stable() -> None:
    a = parse_file("digest_weekly.txt")
    b = parse_file("digest_weekly.txt")
    assert digests.article_key(a, 0) == digests.article_key(b, 0)
    assert digests.article_key(a, 0) != digests.article_key(a, 1)


def test_sentence_splitter_knows_abbreviations() -> None:
    text = ("He met U.S. President Ann Lee on Sept. 3 in St. Louis. Dr. J. R. Cole spoke. "
            "“We agree,” he said. Growth was 3.5 percent! Was it? Trade with the U.S. It grew.")
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "He met U.S. President Ann Lee on Sept. 3 in St. Louis.", "Dr. J. R. Cole spoke.",
        "“We agree,” he said.", "Growth was 3.5 percent!", "Was it?", "Trade with the U.S.",
        "It grew."]


def test_sentence_splitter_is_linear_in_a_long_paragraph() -> None:
    # a page extracted as one 200 KB line once took minutes (text[:dot] per sentence end)
    text = " ".join(["Envoys met Dr. J. Ruiz in Quito on Sept. 3. The U.S. team left. Talks went on."]
                    * 2500)
    started = time.perf_counter()
    assert len(split_sentences(text)) == 7500
    assert time.perf_counter() - started < 5


def test_review_prefix_of_an_unlisted_outlet() -> None:
    text = ("Yonhap: Seoul hosts a mining forum\nYonhap released an article on May 2 on mining.\n"
            "Steppe Courier: Herders adopt solar panels\nThe piece describes new panels in "
            "the west.\nPeru: Lima opens a port\nThe port opened in April.\n")
    doc = segment.parse(RawDigest(text=text, source="t.txt", published="2020-05-09"))
    assert [i.outlet for i in doc.items] == ["Yonhap", "Steppe Courier", None]
    assert doc.items[1].headline == "Herders adopt solar panels"


@pytest.mark.parametrize("written, recorded", [
    ("Al-Jazeera", "Al Jazeera"),  # a spelling variant: the masthead
    ("Kyodo", "Kyodo News"),  # a shortened name: the masthead
    ("Straits Times", "The Straits Times"),
    ("DW", "DW"),  # another wording is kept as written
    ("the Fjord Post", "Fjord Post"),  # unlisted: as written, minus a lower "the"
])
def test_outlet_names(written: str, recorded: str) -> None:
    assert outlets.canonical(written) == recorded


def test_outlet_from_domain() -> None:
    assert outlets.by_domain("https://www.straitstimes.com/asia/x") == "The Straits Times"
    assert outlets.by_domain("https://news.steppe-courier.mn/a") == "Steppe Courier"
    assert outlets.by_domain("https://www.herald.co.uk/a") == "Herald"


def test_reported_by_news_agency() -> None:
    hit = outlets.find_outlet("Ferries run again, reported Kyodo news agency on May 4.")
    assert hit.name == "Kyodo News"


def test_outlet_in_headline_line() -> None:
    text = ("Yonhap (South Korea): Seoul hosts a mining forum\nThe forum opened on May 2.\n"
            "Peru widens its port – Bangkok Post\nThe Bangkok Post published an article on "
            "May 3 about the port.\n")
    doc = segment.parse(RawDigest(text=text, source="t.txt", published="2020-05-09"))
    assert summary(doc) == [("Yonhap", None, "Seoul hosts a mining forum"),
                            ("Bangkok Post", "2020-05-03", "Peru widens its port")]


def test_possessive_byline_author() -> None:
    text = ("Ferry news\nMinister Ana Berg’s op-ed in Lagos Weekly on May 4 praises ferries.\n"
            "More follows.\n")
    doc = segment.parse(RawDigest(text=text, source="t.txt", published="2020-05-20"))
    assert doc.items[0].authors == ["Ana Berg"]


@pytest.mark.parametrize("sentence, outlet, date, authors", [
    ("Ports matter, writes Ana Berg, a fellow at the Lima Institute for Trade, in an op-ed "
     "for Andes Weekly on May 4.", "Andes Weekly", "2020-05-04", ["Ana Berg"]),
    ("Ports matter, writes Jonas Haddad in an opinion piece for Nordic Pulse on May 4.",
     "Nordic Pulse", "2020-05-04", ["Jonas Haddad"]),
    ("Nordic Pulse published an opinion piece on May 4 by Chilean port analyst Rosa Costa.",
     "Nordic Pulse", "2020-05-04", ["Rosa Costa"]),
    ("Chilean Foreign Minister Rosa Costa published an op-ed in Nordic Pulse on May 4.",
     "Nordic Pulse", "2020-05-04", ["Rosa Costa"]),
    ("The ministers met in Lima on May 3, Nordic Pulse reported the next day.",
     "Nordic Pulse", "2020-05-04", []),
    ("The forum opened in Lima on May 3, reported the Andes Tribune on the same day.",
     "Andes Tribune", "2020-05-03", []),
])
def test_bylines_and_relative_days(sentence: str, outlet: str, date: str,
                                   authors: list[str]) -> None:
    text = f"Ports of the south\n{sentence}\nMore details follow in the piece.\n"
    doc = segment.parse(RawDigest(text=text, source="t.txt", published="2020-05-20"))
    assert [(i.outlet, i.published, i.authors) for i in doc.items] == [(outlet, date, authors)]


def test_prefix_and_body_name_the_same_outlet() -> None:
    text = ("Kyodo: Tokyo and Lima sign a port deal\nKyodo News reported on May 4 that the deal "
            "was signed.\nPeru: Lima opens a port\nThe port opened.\n")
    doc = segment.parse(RawDigest(text=text, source="t.txt", published="2020-05-09"))
    assert summary(doc)[0] == ("Kyodo News", "2020-05-04", "Tokyo and Lima sign a port deal")


def test_single_article_with_dateline() -> None:
    text = ("Chile and Peru sign a port deal\n\nSANTIAGO (Andes Wire) - Chile and Peru signed "
            "a port deal on Monday.\n\nThe deal covers two ports.\n")
    doc = segment.parse(RawDigest(text=text, source="t.txt", published="2020-05-09"))
    assert summary(doc) == [("Andes Wire", "2020-05-09", "Chile and Peru sign a port deal")]


def test_headline_with_photo_credit_under_it() -> None:
    text = ("Harbour Gazette selected articles from foreign media covering Peru this week, "
            "from ports to trade and the coming summit of Andean leaders.\n"
            "Peru opens a deep-water port\nPhoto credit: Pexels\n"
            "Yonhap published an article on May 2 about the port.\n")
    doc = segment.parse(RawDigest(text=text, source="t.txt", published="2020-05-09"))
    assert summary(doc) == [("Yonhap", "2020-05-02", "Peru opens a deep-water port")]


def test_unlisted_link_yields_to_a_cited_outlet() -> None:
    text = ("Mongolia bets on copper\nMay 3 — The Gobi Courier reported on May 3 that copper "
            "exports grew. READ MORE: https://www.gobi-courier-online.mn/a\n")
    doc = segment.parse(RawDigest(text=text, source="t.txt", published="2020-05-09"))
    assert summary(doc) == [("The Gobi Courier", "2020-05-03", "Mongolia bets on copper")]


def test_a_possessive_of_a_country_is_a_place_a_plural_is_not() -> None:
    assert outlets.is_place("Chile’s") and outlets.is_place("the Peru's")
    assert not outlets.is_place("Chiles") and not outlets.is_place("Omans")


def test_two_authors_after_a_reporting_verb_are_both_people():
    from kazgraph.loaders import extract_text

    text = ("Andean ports look east\n"
            "Ports in Peru are courting Asian shippers, argue Lucia Paredes and Tomas Quispe "
            "in an article for Pacific Ledger published on March 3.\n")
    ex = extract_text(text, published="2024-03-08")
    people = {e.label for k, e in ex.entities.items() if k.startswith("person/")}
    assert people == {"Lucia Paredes", "Tomas Quispe"}
    assert "outlet/pacific-ledger" in ex.entities


def test_a_broken_link_under_a_headline_names_no_site() -> None:
    text = ("Kazakhstan and Norway agree on fishing\nhttp://[broken/news.html\nKazakhstan and "
            "Norway signed a memorandum on fishing quotas, Trend reported on May 3.\n")
    doc = segment.parse(RawDigest(text=text, source="b.txt", published="2025-05-05"))
    assert [item.outlet for item in doc.items] == ["Trend"]
    assert outlets.by_domain("https://[::1/x") is None
