"""People: names, titles, whom they represent, short forms and office holdings."""
import pytest
from rdflib import Literal

from kazgraph.loaders import extract_text
from kazgraph.vocab import KG


def facts(ex, key, prop):
    return [f.object for f in ex.facts if f.subject == key and f.predicate == prop]


def person(text, key, **kw):
    ex = extract_text(text, **kw)
    assert key in ex.entities, sorted(ex.entities)
    return ex, ex.entities[key]


def test_demonym_title_gives_role_and_state():
    ex, p = person("Mongolian President Batbayar Ganzorig arrived in Astana.",
                   "person/batbayar-ganzorig")
    assert p.cls == "Leader"
    assert facts(ex, p.key, KG.role) == [Literal("President")]
    assert facts(ex, p.key, KG.represents) == ["state/MNG"]


def test_title_of_state_before_a_comma():
    ex, p = person("She welcomed the Prime Minister of Georgia, Irakli Kobakhidze, in Almaty.",
                   "person/irakli-kobakhidze")
    assert facts(ex, p.key, KG.role) == [Literal("Prime Minister")]
    assert facts(ex, p.key, KG.represents) == ["state/GEO"]


def test_possessive_state_and_compound_title():
    ex, p = person("Mongolia's Deputy Prime Minister and Minister of Economy Ganbold Dorj spoke.",
                   "person/ganbold-dorj")
    assert facts(ex, p.key, KG.role) == [
        Literal("Deputy Prime Minister and Minister of Economy")]
    assert facts(ex, p.key, KG.represents) == ["state/MNG"]


def test_apposition_with_employer_that_is_not_intergovernmental():
    ex, p = person("The report was written by Aigerim Sadykova, a senior fellow at the "
                   "Steppe Policy Institute in Almaty.", "person/aigerim-sadykova")
    assert p.cls == "Person"
    assert facts(ex, p.key, KG.role) == [Literal("senior fellow")]
    employer = facts(ex, p.key, KG.represents)[0]
    assert ex.entities[employer].label == "Steppe Policy Institute"
    assert ex.entities[employer].cls != "InternationalOrganization"


def test_body_of_an_international_organisation():
    ex, p = person("OSCE Secretary General Feridun Sinirlioglu visited Bishkek.",
                   "person/feridun-sinirlioglu")
    assert facts(ex, p.key, KG.represents) == ["org/osce"]


def test_office_without_its_state_is_the_home_states():
    ex, p = person("Foreign Minister Daulet Amanov said the talks went well.",
                   "person/daulet-amanov")
    assert facts(ex, p.key, KG.represents) == ["state/KAZ"]


def test_short_forms_merge_into_the_full_name():
    text = ("Speaking in Baku, Mirzo Rahimov said trade grew. Rahimov added that Tajik "
            "President Mirzo Rahimov would visit. Both Rahimov and the minister agreed.")
    ex = extract_text(text)
    people = [k for k in ex.entities if k.startswith("person/")]
    assert people == ["person/mirzo-rahimov"]
    assert "Rahimov" in ex.entities["person/mirzo-rahimov"].aliases
    assert len([m for m in ex.mentions if m.key == "person/mirzo-rahimov"]) == 4


def test_lone_surname_after_an_office_word():
    ex = extract_text("Minister Bekov met the delegation.")
    assert "person/bekov" in ex.entities


@pytest.mark.parametrize("text", [
    "Kazakhstan Becomes Hub Of Green Energy\nThe Astana Times reported.",
    "Kazakhstan Temir Zholy's railway repairs continue.",
    "The Nomad Games were held. Global Digital Trade Expo opened.",
    "Despite Europe's setbacks, the Astana International Forum went ahead.",
    "The Congress of Leaders of World and Traditional Religions met in Astana.",
])
def test_no_people_in_names_of_things_or_headlines(text):
    ex = extract_text(text)
    assert not [k for k in ex.entities if k.startswith("person/")]


def test_possessive_on_a_two_word_name():
    ex = extract_text("Aruzhan Kemelova's new album was released in Almaty.")
    assert "person/aruzhan-kemelova" in ex.entities


def test_office_holding_records_the_date():
    ex, p = person("Italian Prime Minister Carla Bianchi met investors.",
                   "person/carla-bianchi", published="2024-03-05")
    office = facts(ex, p.key, KG.holds)[0]
    assert ex.entities[office].cls == "OfficeHolding"
    assert facts(ex, office, KG.holder) == [p.key]
    assert facts(ex, office, KG.represents) == ["state/ITA"]
    assert str(facts(ex, office, KG.observedOn)[0]) == "2024-03-05"


def test_title_case_headline_verbs_end_a_name():
    ex = extract_text("Latvian President Edgars Rinkevics Visits Astana\n"
                      "President Rinkevics said ties are strong.")
    assert [k for k in ex.entities if k.startswith("person/")] == ["person/edgars-rinkevics"]


def test_nationality_of_a_private_person_is_not_representation():
    ex, p = person("Kazakh cyclist Nurbek Amanov won the stage.", "person/nurbek-amanov")
    assert p.cls == "Person"
    assert facts(ex, p.key, KG.represents) == []


def test_office_in_a_state_organ():
    ex, p = person("The head of the Uzbek Foreign Ministry, Bakhtiyor Karimov, arrived.",
                   "person/bakhtiyor-karimov")
    assert p.cls == "Leader"
    assert facts(ex, p.key, KG.represents) == ["state/UZB"]


def test_company_before_the_title_owns_the_office():
    ex, p = person("Steppe Copper Company chief executive Laura Jenkins said output rose.",
                   "person/laura-jenkins")
    assert p.cls == "Person"
    employer = facts(ex, p.key, KG.represents)[0]
    assert ex.entities[employer].label == "Steppe Copper Company"


def test_headline_name_takes_the_office_told_in_the_same_words():
    ex = extract_text("Erna Solberg to open trade office in Almaty\n"
                      "Norwegian Prime Minister to open trade office in Almaty, reports say.")
    key = "person/erna-solberg"
    assert facts(ex, key, KG.represents) == ["state/NOR"]
    assert facts(ex, key, KG.role) == [Literal("Prime Minister")]


def test_names_with_initials():
    ex = extract_text("Sri Lankan Foreign Minister A.B. Perera met R. Wijesinghe, who said little.")
    assert ex.entities["person/a-b-perera"].label == "A.B. Perera"


def test_long_titles_with_commas_and_bodies():
    text = ("Japanese Minister of Land, Infrastructure and Transport Kenji Sato attended. "
            "Chairman of Mongolia's National Statistics Committee Bat Erdene spoke.")
    ex = extract_text(text)
    assert facts(ex, "person/kenji-sato", KG.represents) == ["state/JPN"]
    assert facts(ex, "person/bat-erdene", KG.represents) == ["state/MNG"]


def test_respectively_list_shares_the_states_out():
    ex = extract_text("The presidents of Chile, Peru and Bolivia, Ana Rojas, Luis Quispe and "
                      "Marta Mamani, signed the charter.")
    assert facts(ex, "person/ana-rojas", KG.represents) == ["state/CHL"]
    assert facts(ex, "person/luis-quispe", KG.represents) == ["state/PER"]
    assert facts(ex, "person/marta-mamani", KG.represents) == ["state/BOL"]


def test_plural_office_without_states_gives_no_state():
    ex = extract_text("It was signed by presidents Ana Rojas and Luis Quispe.")
    assert facts(ex, "person/ana-rojas", KG.represents) == []
    assert facts(ex, "person/luis-quispe", KG.role) == [Literal("president")]


def test_demonym_title_after_a_bare_surname_in_a_list():
    text = ("Chancellor Hans Weber met Rojas, Chilean President Ana Rojas and others. "
            "Weber met Rojas again.")
    ex = extract_text(text)
    assert facts(ex, "person/hans-weber", KG.represents) != ["state/CHL"]
    assert facts(ex, "person/ana-rojas", KG.represents) == ["state/CHL"]


def test_counterpart_takes_the_office_of_the_one_met():
    ex = extract_text("Latvian Foreign Minister Baiba Ozola met his Kazakh counterpart "
                      "Yerlan Sadykov in Riga.")
    assert facts(ex, "person/yerlan-sadykov", KG.role) == [Literal("Foreign Minister")]
    assert facts(ex, "person/yerlan-sadykov", KG.represents) == ["state/KAZ"]


def test_headline_clause_is_not_an_apposition():
    ex = extract_text("Steppe News: Petrov, Central Asian leaders hold first summit\n"
                      "Russian President Ivan Petrov arrived.")
    assert facts(ex, "person/ivan-petrov", KG.role) == [Literal("President")]


def test_lowercase_words_must_lead_to_an_office():
    ex = extract_text("An article on Kazakh-Mongolian relations and Mongolian President "
                      "Bat Erdene's visit to Astana.")
    assert facts(ex, "person/bat-erdene", KG.role) == [Literal("President")]
    assert facts(ex, "person/bat-erdene", KG.represents) == ["state/MNG"]


def test_head_of_an_intergovernmental_body_with_its_acronym():
    ex, p = person("Head of the International Fund for Saving the Aral Sea (IFAS) Aida Nurova "
                   "said.", "person/aida-nurova")
    assert p.cls == "Leader"
    assert facts(ex, p.key, KG.represents) == ["org/ifas"]


def test_title_case_headline_word_after_an_office_is_no_surname():
    ex = extract_text("Kazakh President Sacks Cabinet\nThe government resigned on Monday.")
    assert not [k for k in ex.entities if k.startswith("person/")]


def test_plural_office_with_demonyms_before_it():
    ex = extract_text("The talks between the Kyrgyz and Mongolian presidents, Talant Tashiev and "
                      "Bat Erdene, lasted two hours.")
    assert facts(ex, "person/talant-tashiev", KG.represents) == ["state/KGZ"]
    assert facts(ex, "person/bat-erdene", KG.represents) == ["state/MNG"]
    assert facts(ex, "person/bat-erdene", KG.role) == [Literal("president")]


def test_body_after_a_preposition_is_no_person():
    ex = extract_text("Analysts at Steppe House noted the risks.")
    assert not [k for k in ex.entities if k.startswith("person/")]


def test_office_in_a_foreign_legislature_named_in_its_language():
    ex, p = person("The Speaker of the Jogorku Kenesh Nurlan Shakiev said the law passed.",
                   "person/nurlan-shakiev")
    assert facts(ex, p.key, KG.represents) != ["state/KAZ"]


def test_named_office_preferred_to_a_generic_one():
    ex = extract_text("Head of State Aibek Temirov opened the forum. President Aibek Temirov "
                      "later met investors.")
    assert facts(ex, "person/aibek-temirov", KG.role) == [Literal("President")]


def test_envoy_to_the_home_state_is_not_its_own():
    ex, p = person("Ambassador to Kazakhstan Lucia Ferrari presented her credentials.",
                   "person/lucia-ferrari")
    assert facts(ex, p.key, KG.represents) == []


def test_unnamed_office_is_a_mention_of_its_holder():
    ex = extract_text("Mongolian President Bat Erdene arrived on Monday. The Mongolian President "
                      "praised the talks.")
    texts = [m.text for m in ex.mentions if m.key == "person/bat-erdene"]
    assert "Mongolian President" in texts


def test_apposition_beats_a_weak_title_before_the_name():
    ex = extract_text("The author, Rana Haddad, a senior fellow at the Levant Policy Forum, "
                      "argues that trade will grow.")
    assert facts(ex, "person/rana-haddad", KG.role) == [Literal("senior fellow")]


def test_plural_office_state_by_elimination():
    text = ("Uzbek President Aziz Karimov arrived. The Kyrgyz-Uzbek border treaty was signed by "
            "presidents Bolot Asanov and Aziz Karimov.")
    ex = extract_text(text)
    assert facts(ex, "person/bolot-asanov", KG.represents) == ["state/KGZ"]
    assert facts(ex, "person/aziz-karimov", KG.represents) == ["state/UZB"]


def test_the_companys_office_refers_back_to_the_company_named():
    text = ("Mongolia's flag carrier Steppe Wings plans new routes, the airline's President "
            "and CEO Oyun Bold said today.")
    ex, p = person(text, "person/oyun-bold")
    employer = facts(ex, p.key, KG.represents)[0]
    assert ex.entities[employer].label == "Steppe Wings"


def test_demonym_inside_a_company_name_is_not_the_state():
    ex, p = person("Kazakh Invest Chairman Daniyar Omarov met investors in Seoul.",
                   "person/daniyar-omarov")
    employer = facts(ex, p.key, KG.represents)[0]
    assert ex.entities[employer].label == "Kazakh Invest"
    ex, p = person("Acting Uzbek Foreign Minister Bakhtiyor Sultanov said.",
                   "person/bakhtiyor-sultanov")
    assert facts(ex, p.key, KG.represents) == ["state/UZB"]
    assert facts(ex, p.key, KG.role) == [Literal("Acting Foreign Minister")]


def test_surname_without_diacritics_joins_the_full_name():
    ex = extract_text("Turkish FM Sahinoglu holds talks\nTurkish Foreign Minister Kemal "
                      "Şahinoğlu met officials. Afghanistan's Chief Executive Omar Zaki came.")
    assert [k for k in ex.entities if k.startswith("person/")] == [
        "person/kemal-sahinoglu", "person/omar-zaki"]
    assert facts(ex, "person/omar-zaki", KG.represents) == ["state/AFG"]


def test_city_office_belongs_to_the_city_state_only_when_named():
    ex = extract_text("Mayor of Bukhara Karim Nurov said. Bishkek Mayor Aibek Usenov, "
                      "of Kyrgyzstan, agreed.")
    assert facts(ex, "person/karim-nurov", KG.represents) == []
    assert facts(ex, "person/aibek-usenov", KG.represents) == ["state/KGZ"]


def test_a_surname_alone_is_the_namesake_named_last_before_it():
    text = ("President of Mongolia Batbayar Ganzorig met Kassym-Jomart Tokayev in Astana. "
            "Ganzorig said trade had doubled. Tokayev later laid flowers at the monument to "
            "the poet Dorj Ganzorig. Ganzorig's verses are taught in every school.")
    ex = extract_text(text, published="2026-05-10")
    spans = {k: [text[m.span.start:m.span.end] + "@" + str(m.span.start) for m in ex.mentions
                 if m.key == k] for k in ("person/batbayar-ganzorig", "person/dorj-ganzorig")}
    first_alone = text.index("Ganzorig said")
    last_alone = text.index("Ganzorig's")
    assert f"Ganzorig@{first_alone}" in spans["person/batbayar-ganzorig"]
    assert f"Ganzorig@{last_alone}" in spans["person/dorj-ganzorig"]
    # the surname inside one full name is never a mention of the other
    assert all("@" + str(text.index("Dorj") + 5) not in s for s in spans["person/batbayar-ganzorig"])
    assert all("@" + str(text.index("Batbayar") + 9) not in s for s in spans["person/dorj-ganzorig"])


def test_an_employer_named_in_the_text_is_mentioned_where_it_is_named():
    text = ("The flag carrier Condor Air will fly to Astana from June. The airline's President "
            "Luis Rojas said Condor Air expects full flights.")
    ex, p = person(text, "person/luis-rojas", published="2026-05-10")
    (employer,) = facts(ex, p.key, KG.represents)
    spans = [text[m.span.start:m.span.end] for m in ex.mentions if m.key == employer]
    assert spans == ["Condor Air", "Condor Air"]
