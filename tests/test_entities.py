"""The entities stage: states, organisations, places and the helpers later stages use."""
from kazgraph.loaders import extract_text
from kazgraph.loaders.entities import actors_in, people_in, places_in
from kazgraph.loaders.model import Span
from kazgraph.vocab import KG


def whole(ex):
    return Span(0, len(ex.doc.text))


def test_states_get_canonical_labels_aliases_and_codes():
    ex = extract_text("Türkiye and the Kyrgyz Republic signed a memorandum with Viet Nam.")
    tur = ex.entities["state/TUR"]
    assert (tur.cls, tur.label) == ("State", "Turkey")
    assert "Türkiye" in tur.aliases
    assert ex.entities["state/KGZ"].label == "Kyrgyzstan"
    assert ex.entities["state/VNM"].label == "Vietnam"
    assert any(f.subject == "state/TUR" and f.predicate == KG.isoCode for f in ex.facts)
    assert any(s.startswith("https://sws.geonames.org/") for s in tur.same_as)


def test_demonym_mentions_are_recorded_with_spans():
    ex = extract_text("Uzbek gas flows to China via a Kazakh-Chinese pipeline.")
    texts = [(m.key, m.text) for m in ex.mentions if m.key.startswith("state/")]
    assert texts == [("state/UZB", "Uzbek"), ("state/CHN", "China"),
                     ("state/KAZ", "Kazakh"), ("state/CHN", "Chinese")]


def test_organisations_are_international_and_normalised():
    ex = extract_text("The Organisation of Islamic Cooperation (OIC) and the CSTO met.")
    oic = ex.entities["org/oic"]
    assert (oic.cls, oic.label) == ("InternationalOrganization", "Organisation of Islamic Cooperation")
    assert "OIC" in oic.aliases
    assert "org/csto" in ex.entities


def test_a_city_does_not_add_its_state():
    ex = extract_text("The forum opened in Tbilisi on Monday.")
    assert "place/tbilisi" in ex.entities
    assert ex.entities["place/tbilisi"].cls == "City"
    assert "state/GEO" not in ex.entities
    assert any(f.subject == "place/tbilisi" and f.predicate == KG.country
               and f.object == "state/GEO" for f in ex.facts)


def test_helpers_list_actors_people_and_places_in_order():
    ex = extract_text("Kyrgyz President Adilbek Sultanov met NATO officials in Brussels, "
                      "Belgium.")
    span = whole(ex)
    assert actors_in(ex, span) == ["state/KGZ", "person/adilbek-sultanov", "org/nato",
                                   "state/BEL"]
    assert people_in(ex, span) == ["person/adilbek-sultanov"]
    assert places_in(ex, span) == ["place/brussels"]
    assert places_in(ex, span, states=True) == ["place/brussels", "state/BEL"]
