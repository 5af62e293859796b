"""Reference tables and the matching of states, organisations and places in text."""
from kazgraph.loaders.entities import gazetteer


def keys(hits):
    return [h.key for h in hits]


def test_state_table_covers_un_members_with_unique_codes():
    states = gazetteer.states()
    assert len(states) >= 195
    assert states["state/TUR"].label == "Turkey"
    assert "Türkiye" in states["state/TUR"].names
    assert states["state/KOR"].label == "South Korea"
    assert all(s.same_as for s in states.values())


def test_states_by_name_alias_and_demonym():
    text = "Kyrgyz Republic, Türkiye and the U.S. met; a Georgian envoy and Emirati officials came."
    assert keys(gazetteer.find_states(text)) == [
        "state/KGZ", "state/TUR", "state/USA", "state/GEO", "state/ARE"]


def test_states_inside_hyphenated_compounds():
    assert keys(gazetteer.find_states("EU-Mongolia talks and Sino-Vietnamese trade")) == [
        "state/MNG", "state/CHN", "state/VNM"]


def test_longest_name_wins_and_currency_is_not_a_state():
    hits = gazetteer.find_states("Papua New Guinea paid US$5 million to the Republic of Korea")
    assert keys(hits) == ["state/PNG", "state/KOR"]


def test_demonyms_of_regions_are_not_states():
    assert gazetteer.find_states("Latin American growth in the Indian Ocean") == []


def test_organisations_by_name_and_acronym():
    text = "The OSCE, the Shanghai Cooperation Organisation and the Eurasian Economic Union (EAEU)"
    assert keys(gazetteer.find_organizations(text)) == ["org/osce", "org/sco", "org/eaeu", "org/eaeu"]


def test_weak_alias_needs_its_parent_named():
    alone = gazetteer.find_organizations("The Security Council of Kyrgyzstan met.")
    assert alone == []
    named = gazetteer.find_organizations("At the UN, the Security Council voted.")
    assert keys(named) == ["org/united-nations", "org/unsc"]


def test_weak_alias_inside_a_longer_name_is_not_read():
    hits = gazetteer.find_organizations("The UN praised the Central Election Commission.")
    assert keys(hits) == ["org/united-nations"]


def test_places_with_country_and_not_inside_names():
    found = gazetteer.find_places("Talks in Tbilisi and Ulaanbaatar; the Tbilisi Forum; Nur-Sultan")
    assert [(h.surface, r.key, r.country) for h, r in found] == [
        ("Tbilisi", "place/tbilisi", "state/GEO"),
        ("Ulaanbaatar", "place/ulaanbaatar", "state/MNG"),
        ("Nur-Sultan", "place/nur-sultan", "state/KAZ")]


def test_slug_is_ascii():
    assert gazetteer.slug("Numan Kurtulmuş") == "numan-kurtulmus"


def test_set_phrases_that_do_not_name_a_state():
    text = "Fears of Dutch disease, 5 billion U.S. dollars and the South China Sea."
    assert gazetteer.find_states(text) == []


def test_organisations_in_british_and_american_spelling():
    text = "the International Labour Organisation and the UN Development Program"
    assert keys(gazetteer.find_organizations(text)) == ["org/ilo", "org/undp"]


def test_acronyms_in_a_line_of_capitals_are_not_read():
    assert gazetteer.find_organizations("WHO WE ARE AND WHAT WE DO") == []
    assert gazetteer.find_states("JOIN US TODAY") == []
