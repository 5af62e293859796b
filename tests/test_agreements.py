"""The relation stage's agreements: names as printed, acronyms, parties, dates, status."""
import pytest

from kazgraph.loaders import extract_text
from kazgraph.vocab import KG


def agreements(ex):
    return {k: e for k, e in ex.entities.items() if k.startswith("agreement/")}


def objects(ex, key, prop):
    return sorted(str(f.object) for f in ex.facts if f.subject == key and f.predicate == prop)


def test_named_agreement_with_acronym_parties_and_years_since():
    text = ("This April marks 5 years since Mongolia and the European Union signed the "
            "Framework Agreement on Partnership and Cooperation (FAPC).")
    ex = extract_text(text, published="2026-03-05")
    (key, ag), = agreements(ex).items()
    assert key == "agreement/framework-agreement-on-partnership-and-cooperation-mng-european-union"
    assert ag.label == "Framework Agreement on Partnership and Cooperation"
    assert ag.aliases == {"FAPC"}
    assert objects(ex, key, KG.party) == ["org/european-union", "state/MNG"]
    assert objects(ex, key, KG.date) == ["2021-04"]
    assert objects(ex, key, KG.status) == ["signed"]


def test_between_names_the_parties_and_into_force_gives_the_date():
    text = ("Both sides praised the Comprehensive Economic Partnership Agreement between "
            "Kyrgyzstan and the EU, which entered into force in May 2019.")
    ex = extract_text(text, published="2026-03-05")
    (key, ag), = agreements(ex).items()
    assert ag.label == "Comprehensive Economic Partnership Agreement"
    assert objects(ex, key, KG.party) == ["org/european-union", "state/KGZ"]
    assert objects(ex, key, KG.date) == ["2019-05"]
    assert objects(ex, key, KG.status) == ["in force"]


def test_lower_case_memorandum_takes_parties_from_the_headline():
    text = ("Georgia and Japan agree to boost trade\n"
            "The memorandum of understanding on critical minerals and clean hydrogen signed "
            "last year will help, he said.\n")
    ex = extract_text(text, published="2026-03-05")
    (key, ag), = agreements(ex).items()
    assert ag.label.startswith("Memorandum of understanding on critical minerals")
    assert objects(ex, key, KG.date) == ["2025"]


def test_same_agreement_in_two_digests_has_the_same_key():
    one = extract_text("Turkey and Kazakhstan ratified the Treaty on Eternal Friendship.",
                       published="2026-01-01")
    two = extract_text("The Treaty on Eternal Friendship between Turkey and Kazakhstan was "
                       "signed in 2024.", published="2026-02-01")
    assert set(agreements(one)) == set(agreements(two)) == {
        "agreement/treaty-on-eternal-friendship-kaz-tur"}
    assert objects(two, "agreement/treaty-on-eternal-friendship-kaz-tur", KG.date) == ["2024"]


def test_plural_and_vague_mentions_are_not_agreements():
    text = ("The sides discussed the implementation of the Turkish-Azerbaijani agreements. "
            "A new agreement is expected. Both signed a peace treaty. The Collective Security "
            "Treaty Organization met.")
    assert agreements(extract_text(text, published="2026-03-05")) == {}


def test_no_date_from_a_sentence_that_says_nothing_of_signing():
    ex = extract_text("Today the Paris Agreement guides Chile's climate policy.",
                      published="2026-03-05")
    (key, _), = agreements(ex).items()
    assert objects(ex, key, KG.date) == []


def test_agreement_keys_carry_their_parties_and_a_party_prefix_is_an_alias():
    text = ("Kazakhstan and Qatar signed a memorandum of cooperation in tourism. "
            "The EU-Mongolia Partnership and Cooperation Agreement is in force.")
    ex = extract_text(text, published="2026-03-05")
    pca_key = "agreement/partnership-and-cooperation-agreement-mng-european-union"
    assert set(agreements(ex)) == {"agreement/memorandum-of-cooperation-in-tourism-kaz-qat",
                                   pca_key}
    pca = ex.entities[pca_key]
    assert "EU-Mongolia Partnership and Cooperation Agreement" in pca.aliases
    assert objects(ex, pca.key, KG.party) == ["org/european-union", "state/MNG"]


def test_two_named_treaties_joined_by_and_stay_apart_and_lists_end_names():
    text = ("The ministers discussed the Treaty on a Nuclear-Weapon-Free Zone in Central Asia "
            "and the Non-Proliferation Treaty (NPT). Egypt and Chile signed an intergovernmental "
            "agreement on the construction of a port in Valparaiso, and a roadmap for "
            "cooperation in mining.")
    ex = extract_text(text, published="2026-03-05")
    labels = sorted(e.label for e in agreements(ex).values())
    # the treaties have no party in the text: references, not agreements of the graph
    assert labels == ["Intergovernmental agreement on the construction of a port in Valparaiso",
                      "Roadmap for cooperation in mining"]


def test_one_agreement_per_name_in_a_digest_even_when_parties_differ():
    text = ("Mongolia and the European Union signed the Strategic Partnership Agreement. "
            "Experts praised the Strategic Partnership Agreement, which Mongolia ratified.")
    ex = extract_text(text, published="2026-03-05")
    assert len(agreements(ex)) == 1


def test_agreement_with_a_party_on_a_subject():
    ex = extract_text("Kyrgyzstan signed an agreement with Tajikistan on the joint use of "
                      "transboundary rivers.", published="2026-03-05")
    (key, ag), = agreements(ex).items()
    assert ag.label == "Agreement on the joint use of transboundary rivers"
    assert objects(ex, key, KG.party) == ["state/KGZ", "state/TJK"]


def test_title_case_headline_verbs_are_not_part_of_the_name():
    ex = extract_text("Japan, Mongolia Ink Comprehensive Economic Partnership Agreement\n",
                      published="2026-03-05")
    assert [e.label for e in agreements(ex).values()] == [
        "Comprehensive Economic Partnership Agreement"]


def test_headline_verb_and_trailing_preposition_stay_out_of_the_name():
    headline = "Mongolia, Latvia Sign Roadmap on Fisheries Amid Latvian Premier’s Tour\n"
    ex = extract_text(headline, published="2026-03-05")
    assert [e.label for e in agreements(ex).values()] == ["Roadmap on Fisheries"]


def test_city_and_date_after_the_name_are_not_part_of_it_and_venue_org_is_no_party():
    text = ("The presidents of Chile, Peru and Mongolia signed an Agreement on Strategic "
            "Partnership in the Field of Solar Energy in Lima on Nov. 3, on the sidelines of "
            "the UN Ocean Conference.")
    ex = extract_text(text, published="2026-03-05")
    (key, ag), = agreements(ex).items()
    assert ag.label == "Agreement on Strategic Partnership in the Field of Solar Energy"
    assert objects(ex, key, KG.party) == ["state/CHL", "state/MNG", "state/PER"]
    assert objects(ex, key, KG.date) == ["2025-11-03"]


def test_worth_and_a_target_year_end_the_name_and_give_no_date():
    text = ("The Asian Development Bank (ADB) and the Mongolian government signed a memorandum "
            "of understanding on clean transport worth up to $2 billion through 2031.")
    ex = extract_text(text, published="2026-03-05")
    (key, ag), = agreements(ex).items()
    assert ag.label == "Memorandum of understanding on clean transport"
    assert objects(ex, key, KG.date) == []


def test_the_sides_are_the_two_states_of_the_headline():
    text = ("Chile, Mongolia sign visa deal during minister’s visit\n\n"
            "Mongolian Foreign Minister Bat Erdene held talks with his Chilean counterpart in "
            "Santiago. The sides signed an agreement on visa-free travel for holders of service "
            "passports and a roadmap for cooperation in mining.\n")
    ex = extract_text(text, published="2026-03-05")
    for key in agreements(ex):
        assert objects(ex, key, KG.party) == ["state/CHL", "state/MNG"]
    assert len(agreements(ex)) == 2


def test_the_three_countries_are_the_items_three_states_not_the_summit_org():
    text = ("Rail link deal\n\n"
            "Peru, Bolivia and Chile agreed on the route of a new railway. Peru and Bolivia will "
            "pay most of it, Chile the rest. The three countries signed a memorandum on the "
            "project at the Andean Community summit in Lima in May 2024.\n")
    ex = extract_text(text, published="2026-03-05")
    (key, ag), = agreements(ex).items()
    assert objects(ex, key, KG.party) == ["state/BOL", "state/CHL", "state/PER"]
    assert objects(ex, key, KG.date) == ["2024-05"]


def test_signed_in_the_presence_of_the_leaders_takes_the_talks_date_and_states():
    text = ("Mongolia and Latvia expand ties\n\n"
            "Mongolian President Bat Erdene held talks with Latvian President Janis Ozols in "
            "Riga on May 3. In the presence of the two leaders, the ministers signed an "
            "agreement on road transport.\n\n"
            "Andean summit ends\n\n"
            "The summit of the Andean Community took place in Lima on February 4. Chilean "
            "President Ana Rojas met with Peruvian President Luis Soto and Bolivian President "
            "Juan Mamani. The leaders adopted the Lima Declaration.\n")
    ex = extract_text(text, published="2026-03-05")
    found = {e.label: k for k, e in agreements(ex).items()}
    road = found["Agreement on road transport"]
    assert objects(ex, road, KG.party) == ["state/LVA", "state/MNG"]
    assert objects(ex, road, KG.date) == ["2025-05-03"]
    lima = found["Lima Declaration"]
    assert objects(ex, lima, KG.party) == ["state/BOL", "state/CHL", "state/PER"]
    assert objects(ex, lima, KG.date) == ["2026-02-04"]


def test_spaced_dashes_stay_in_the_name_and_reported_city_is_cut():
    text = ("Peru, Bolivia and Chile signed the intergovernmental agreement on the construction "
            "of the Peru – Bolivia – Chile railway in Lima on June 6. Japan and Chile signed a "
            "memorandum of cooperation on copper in Tokyo, reported NHK.")
    ex = extract_text(text, published="2026-08-05")
    labels = sorted(e.label.replace("–", "-") for e in agreements(ex).values())
    assert labels == ["Intergovernmental agreement on the construction of the "
                      "Peru-Bolivia-Chile railway", "Memorandum of cooperation on copper"]


def test_plan_of_consultations_and_they_signed_take_the_meetings_date():
    text = ("Mongolia and Chile upgrade ties\n\n"
            "The foreign ministers of Mongolia and Chile met in Santiago on May 3. They signed a "
            "joint statement on enhanced partnership and a plan of consultations between the "
            "foreign ministries for 2026-2027.\n")
    ex = extract_text(text, published="2026-06-05")
    found = {e.label: k for k, e in agreements(ex).items()}
    assert sorted(found) == ["Joint statement on enhanced partnership",
                             "Plan of consultations between the foreign ministries for 2026-2027"]
    for key in found.values():
        assert objects(ex, key, KG.party) == ["state/CHL", "state/MNG"]
        assert objects(ex, key, KG.date) == ["2026-05-03"]


def test_memorandum_between_two_bodies_is_a_second_agreement_with_those_parties():
    text = ("Chile, Mongolia sign visa deal\n\n"
            "Mongolian President Bat Erdene held talks with Chilean President Ana Rojas in "
            "Santiago on May 3. The sides signed an agreement on mutual visa exemption for "
            "holders of diplomatic passports and a memorandum of understanding between the "
            "Asian Development Bank and the Chilean government.\n")
    ex = extract_text(text, published="2026-06-01")
    found = {e.label: k for k, e in agreements(ex).items()}
    mou = found["Memorandum of understanding between the Asian Development Bank and the "
                "Chilean government"]
    assert objects(ex, mou, KG.party) == ["org/adb", "state/CHL"]
    visa = found["Agreement on mutual visa exemption for holders of diplomatic passports"]
    assert objects(ex, visa, KG.party) == ["state/CHL", "state/MNG"]


def test_declaration_adopted_by_the_leaders_takes_the_summit_not_an_earlier_edition():
    text = ("Andean leaders meet in Lima\n\n"
            "The second Andean Community summit took place in Lima on February 4. The first "
            "such meeting was held in Quito last year. Chilean President Ana Rojas held talks "
            "with Peruvian President Luis Soto on February 3. The leaders adopted the Lima "
            "Declaration.\n")
    ex = extract_text(text, published="2026-03-05")
    (key, ag), = agreements(ex).items()
    assert objects(ex, key, KG.date) == ["2026-02-04"]


def test_a_declaration_also_adopted_after_a_signing_has_the_same_parties():
    text = ("Peruvian President Luis Soto visited Chile on April 2. Both countries signed a "
            "protocol on air services. A declaration on strategic partnership was also adopted.")
    ex = extract_text(text, published="2026-06-01")
    assert len(agreements(ex)) == 2
    for key in agreements(ex):
        assert objects(ex, key, KG.party) == ["state/CHL", "state/PER"]


def test_joining_the_organization_makes_the_items_one_body_a_party():
    text = ("ASEAN summit\n\n"
            "The ASEAN summit was held in Manila on May 4. Timor-Leste signed a memorandum of "
            "obligations on May 4, the last step before it becomes a full member of the "
            "organization.\n")
    ex = extract_text(text, published="2026-06-01")
    (key, ag), = agreements(ex).items()
    assert objects(ex, key, KG.party) == ["org/asean", "state/TLS"]


def test_a_city_statement_is_an_agreement_but_a_ministry_statement_is_not():
    text = ("Peru and Chile welcomed the talks, the Foreign Ministry Statement on the meeting "
            "said. The leaders adopted the Arica Communique on water.")
    ex = extract_text(text, published="2026-06-01")
    assert [e.label for e in agreements(ex).values()] == ["Arica Communique"]


def test_headline_city_is_not_part_of_the_name_so_body_and_headline_merge():
    text = ("Peru, Chile Sign Strategic Partnership Agreement in Lima\n\n"
            "Peru and Chile signed the Strategic Partnership Agreement in Lima on May 5.\n")
    ex = extract_text(text, published="2026-06-01")
    assert [e.label for e in agreements(ex).values()] == ["Strategic Partnership Agreement"]


def test_a_body_named_as_party_and_as_venue_stays_a_party():
    text = ("Chile signed a trade agreement with ASEAN on the sidelines of the ASEAN summit in "
            "Manila on May 3.")
    ex = extract_text(text, published="2026-06-01")
    (key, ag), = agreements(ex).items()
    assert ag.label == "Trade agreement"
    assert objects(ex, key, KG.party) == ["org/asean", "state/CHL"]


def test_government_to_government_title_and_protocol_to_an_agreement():
    text = ("The Agreement between the Government of the Republic of Chile and the Government "
            "of the Republic of Peru on Mutual Protection of Investments was ratified on May 5. "
            "The Senate also ratified the Protocol on Amendments to the Agreement on Air "
            "Services between Chile and Peru.")
    ex = extract_text(text, published="2026-06-01")
    assert sorted(e.label for e in agreements(ex).values()) == [
        "Agreement on Mutual Protection of Investments",
        "Protocol on Amendments to the Agreement on Air Services"]
    for key in agreements(ex):
        assert objects(ex, key, KG.party) == ["state/CHL", "state/PER"]


def test_headline_and_body_names_of_one_agreement_merge():
    text = ("Peru, Chile Sign Roadmap on Fisheries\n\n"
            "The fisheries ministers of Peru and Chile signed a roadmap on fisheries cooperation "
            "for 2026-2028 in Lima on May 5.\n")
    ex = extract_text(text, published="2026-06-01")
    (key, ag), = agreements(ex).items()
    assert ag.aliases == {"Roadmap on fisheries cooperation for 2026-2028"}
    assert objects(ex, key, KG.date) == ["2026-05-05"]


def test_a_treaty_said_to_be_signed_on_a_date_stands_without_named_parties():
    ex = extract_text("Andina recalled the signing of the Treaty on the Andean Community in "
                      "Lima on May 26, 1969.", published="2026-03-05")
    (key, ag), = [(k, e) for k, e in ex.entities.items() if k.startswith("agreement/")]
    assert (key, ag.label) == ("agreement/treaty-on-the-andean-community",
                               "Treaty on the Andean Community")
    assert [str(f.object) for f in ex.facts if f.subject == key and f.predicate == KG.date] == [
        "1969-05-26"]


def test_a_named_charter_only_referred_to_is_no_agreement():
    ex = extract_text("Both sides reaffirmed their commitment to the UN Charter.",
                      published="2026-03-05")
    assert not [k for k in ex.entities if k.startswith("agreement/")]


def test_a_charter_invoked_beside_named_actors_gets_no_parties():
    # the actors share a commitment to it; nobody here concludes it
    ex = extract_text("Our relationship is shaped by a shared commitment to the UN Charter and "
                      "its principles, and by collaboration between Kazakhstan and the European "
                      "Union, reads the article.", published="2025-11-28")
    assert not [k for k in ex.entities if k.startswith("agreement/")]
    ex = extract_text("Kazakhstan and Norway acted in line with the Treaty on Open Skies.",
                      published="2025-11-28")
    assert not [k for k in ex.entities if k.startswith("agreement/")]


def test_a_signed_instrument_keeps_its_parties_despite_a_reference_cue():
    ex = extract_text("Based on the Treaty on Good Neighbourliness signed in Astana on May 3, "
                      "Kazakhstan and Norway deepened ties.", published="2025-11-28")
    keys = [k for k in ex.entities if k.startswith("agreement/")]
    assert keys


@pytest.mark.parametrize("sentence, kinds", [
    ("The two sides discussed the Enhanced Partnership and Cooperation Agreement between the EU "
     "and Kazakhstan, which was signed in Astana in December 2015 and entered into force in "
     "March 2020.", {KG.signingDate: "2015-12", KG.entryIntoForceDate: "2020-03"}),
    ("The Enhanced Partnership and Cooperation Agreement between Kazakhstan and the EU, which "
     "entered into force in March 2020, covers 29 areas.", {KG.entryIntoForceDate: "2020-03"}),
])
def test_each_agreement_date_says_what_it_dates(sentence, kinds):
    ex = extract_text(sentence, published="2025-06-01")
    (key, _), = agreements(ex).items()
    assert objects(ex, key, KG.date) == sorted(kinds.values())
    for kind in (KG.signingDate, KG.entryIntoForceDate, KG.plannedDate, KG.announcementDate):
        assert objects(ex, key, kind) == ([kinds[kind]] if kind in kinds else [])


def test_parties_from_context_are_marked_inferred():
    text = ("Norway and Kazakhstan deepen fisheries ties\n\nThe Fjord Post reported on May 3 that "
            "ministers of Norway and Kazakhstan met in Oslo. A Memorandum on Fisheries "
            "Cooperation was also signed.\n")
    ex = extract_text(text, published="2025-05-05")
    (key, _), = agreements(ex).items()
    parties = {f.object: f.inferred for f in ex.facts if f.subject == key
               and f.predicate == KG.party}
    assert parties == {"state/NOR": True, "state/KAZ": True}
    stated = extract_text("Norway and Kazakhstan signed a Memorandum on Fisheries Cooperation.",
                          published="2025-05-05")
    assert not any(f.inferred for f in stated.facts if f.predicate == KG.party)
