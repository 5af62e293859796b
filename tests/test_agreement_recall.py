"""Agreements worded the way single news articles and weekly reviews word them: lower-case
subjects after a capitalised head, joint statements the leaders adopt, lists of documents,
signatories in a relative clause, documents signed "in their presence"."""
from kazgraph.loaders import extract_text
from kazgraph.vocab import KG


def agreements(ex):
    return {k: e for k, e in ex.entities.items() if k.startswith("agreement/")}


def objects(ex, key, prop):
    return sorted(str(f.object) for f in ex.facts if f.subject == key and f.predicate == prop)


def by_label(ex):
    return {e.label: k for k, e in agreements(ex).items()}


def test_capitalised_head_with_lower_case_subject():
    ex = extract_text("Chile and Norway signed the Declaration on the expansion of salmon "
                      "farming partnership in Oslo on March 4.", published="2025-03-10")
    (key, ag), = agreements(ex).items()
    assert ag.label == "Declaration on the expansion of salmon farming partnership"
    assert objects(ex, key, KG.party) == ["state/CHL", "state/NOR"]
    assert objects(ex, key, KG.date) == ["2025-03-04"]


def test_joint_statement_adopted_by_the_presidents():
    ex = extract_text("Peru and Ghana deepen ties\nAfter the talks, the two presidents adopted "
                      "a Joint Statement.\n", published="2025-03-10")
    (key, ag), = agreements(ex).items()
    assert ag.label == "Joint statement"
    assert objects(ex, key, KG.party) == ["state/GHA", "state/PER"]


def test_joint_statement_takes_its_quoted_title():
    ex = extract_text('Portugal and Mongolia adopted a joint statement titled "A New Chapter '
                      'of Friendship".', published="2025-03-10")
    (ag,) = agreements(ex).values()
    assert ag.label == "A New Chapter of Friendship"


def test_issued_statement_without_adoption_is_no_agreement():
    ex = extract_text("Portugal and Mongolia issued a joint statement on the flooding.",
                      published="2025-03-10")
    assert not any(e.label.lower().startswith("joint statement") for e in
                   agreements(ex).values() if "flooding" not in e.label)


def test_programme_of_economic_cooperation_in_a_list():
    ex = extract_text("Chile and Norway signed a protocol on fisheries, a programme of "
                      "economic cooperation for 2025-2028 and a memorandum on tourism.",
                      published="2025-03-10")
    labels = set(by_label(ex))
    assert "Programme of economic cooperation for 2025-2028" in labels
    assert "Memorandum on tourism" in labels
    for key in by_label(ex).values():
        assert objects(ex, key, KG.party) == ["state/CHL", "state/NOR"]


def test_ordinal_in_a_name_and_signatories_in_a_relative_clause():
    ex = extract_text("Chile urged Peru to join the Charter on Ocean Cooperation in the 21st "
                      "Century, which Norway and Ghana signed in May 2019.",
                      published="2025-03-10")
    (key, ag), = agreements(ex).items()
    assert ag.label == "Charter on Ocean Cooperation in the 21st Century"
    assert objects(ex, key, KG.party) == ["state/GHA", "state/NOR"]
    assert objects(ex, key, KG.date) == ["2019-05"]


def test_a_name_ends_before_a_month():
    ex = extract_text("Norway and Ghana signed the Treaty on Maritime Borders in Accra on "
                      "June 2, 2014.", published="2025-03-10")
    (key, ag), = agreements(ex).items()
    assert objects(ex, key, KG.date) == ["2014-06-02"]


def test_state_named_in_another_documents_name_is_not_a_party():
    ex = extract_text("Ghana and Portugal hold talks\nIn their presence, the documents signed "
                      "included an intergovernmental agreement on scientific research and an "
                      "agreement between the Government of Ghana and Acme Energy on a solar "
                      "plant.\n", published="2025-03-10")
    key = by_label(ex)["Intergovernmental agreement on scientific research"]
    assert objects(ex, key, KG.party) == ["state/GHA", "state/PRT"]


def test_signed_documents_do_not_take_a_later_planned_events_date():
    ex = extract_text("Ghana and Portugal hold talks\n"
                      "The president of Ghana paid an official visit to Portugal on May 5-6. "
                      "He invited the Portuguese president to pay an official visit to Ghana "
                      "in 2026. Following the talks, the two presidents signed an agreement "
                      "on cooperation in fisheries.\n", published="2025-05-06")
    (key, _), = agreements(ex).items()
    assert objects(ex, key, KG.date) == ["2025-05-05"]


def test_a_similar_agreement_of_another_pair_is_another_agreement():
    ex = extract_text("Norway and the EU signed the Fisheries Partnership Agreement in 2019. "
                      "Ghana signed a similar Fisheries Partnership Agreement with the EU in "
                      "June 2023, while talks with Peru are still under way.",
                      published="2025-03-10")
    parties = sorted(tuple(objects(ex, k, KG.party)) for k in agreements(ex))
    assert parties == [("org/european-union", "state/GHA"), ("org/european-union", "state/NOR")]


def test_the_agreement_signed_later_in_the_item_takes_that_date():
    ex = extract_text("A road transport agreement between Chile and Peru took effect on "
                      "Monday. The agreement was signed in Lima on March 3.",
                      published="2025-06-04")
    (key, _), = agreements(ex).items()
    assert objects(ex, key, KG.date) == ["2025-03-03", "2025-06-02"]
    assert objects(ex, key, KG.signingDate) == ["2025-03-03"]
    assert objects(ex, key, KG.entryIntoForceDate) == ["2025-06-02"]


def test_the_agreement_is_left_alone_when_the_item_named_two():
    ex = extract_text("Chile and Peru signed an agreement on road transport and an agreement "
                      "on fisheries. The agreement was signed in Lima on March 3.",
                      published="2025-06-04")
    for key in agreements(ex):
        assert "2025-03-03" not in objects(ex, key, KG.date)


def test_a_signing_told_in_the_next_sentence_keeps_the_date():
    ex = extract_text("On May 3, Chile and Peru signed an agreement on road transport. The "
                      "foreign ministers also signed a plan of consultations between the "
                      "foreign ministries for 2025-2026.", published="2025-06-04")
    key = by_label(ex)["Plan of consultations between the foreign ministries for 2025-2026"]
    assert objects(ex, key, KG.date) == ["2025-05-03"]
    assert all(f.inferred for f in ex.facts if f.subject == key and f.predicate == KG.date)


def test_an_earlier_signing_does_not_take_the_date():
    ex = extract_text("On May 3, Chile and Peru signed an agreement on road transport. "
                      "Earlier, the two countries had signed a memorandum on fisheries.",
                      published="2025-06-04")
    key = by_label(ex)["Memorandum on fisheries"]
    assert objects(ex, key, KG.date) == []


def test_a_date_in_a_relative_clause_about_trade_is_not_the_signing():
    ex = extract_text("Ghana and Peru sign documents\nOn June 2 the president of Ghana visited "
                      "Peru. The two governments signed a roadmap to raise trade, which stood "
                      "at $50 million last year, to $500 million.\n", published="2025-06-04")
    (key, _), = agreements(ex).items()
    assert objects(ex, key, KG.date) == ["2025-06-02"]


def test_a_signed_deal_is_an_agreement():
    ex = extract_text("Chile signed a gas supply deal with Peru on May 4.", published="2025-06-04")
    (key, ag), = agreements(ex).items()
    assert ag.label == "Gas supply deal"
    assert objects(ex, key, KG.party) == ["state/CHL", "state/PER"]
    assert objects(ex, key, KG.date) == ["2025-05-04"]


def test_talk_of_a_deal_is_no_agreement():
    ex = extract_text("Chile and Peru discussed a free trade deal. Chile and Peru struck a "
                      "deal.", published="2025-06-04")
    assert agreements(ex) == {}


def test_with_which_names_the_body_and_the_signatory():
    ex = extract_text("Ghana wants to join the European Union, with which Peru signed a trade "
                      "deal that entered into force in 2017.", published="2025-06-04")
    (key, _), = agreements(ex).items()
    assert objects(ex, key, KG.party) == ["org/european-union", "state/PER"]
    assert objects(ex, key, KG.date) == ["2017"]


def test_a_headline_adjective_before_a_head_is_no_name():
    ex = extract_text("Leaders Meet in Lima, Back Bilateral Roadmap and Invite Chile\n"
                      "The presidents of Peru and Ghana approved a roadmap for regional "
                      "cooperation.\n", published="2025-06-04")
    assert [e.label for e in agreements(ex).values()] == ["Roadmap for regional cooperation"]


def test_a_headline_place_name_is_kept():
    ex = extract_text("Peru and Ghana Sign Lima Declaration During Visit\nThe presidents of "
                      "Peru and Ghana signed the Lima Declaration.\n", published="2025-06-04")
    assert [e.label for e in agreements(ex).values()] == ["Lima Declaration"]


def test_the_state_joining_accords_is_their_party_and_keeps_their_year():
    ex = extract_text("The president said that Ghana would join the Pacific Accords, the 2019 "
                      "agreements that linked Chile's ports with Peru and Norway.",
                      published="2025-06-04")
    (key, ag), = agreements(ex).items()
    assert ag.label == "Pacific Accords"
    assert objects(ex, key, KG.party) == ["state/GHA"]
    assert objects(ex, key, KG.date) == ["2019"]


def test_states_urged_to_join_are_no_parties():
    ex = extract_text("Chile urged Peru to join the Treaty on Ocean Cooperation.",
                      published="2025-06-04")
    assert agreements(ex) == {}


def test_a_title_listing_topics_gives_no_parties():
    ex = extract_text("Foreign media: Chile-Peru summit, Pacific Accords, Norway's visit to "
                      "Ghana\nGhana will join the Pacific Accords.\n", published="2025-06-04")
    (key, _), = agreements(ex).items()
    assert objects(ex, key, KG.party) == ["state/GHA"]


def test_states_of_the_signing_companies_are_no_parties():
    ex = extract_text("Chilean state company Andes Minerals and Peru-based Lima Ores signed an "
                      "agreement to develop a copper deposit in northern Chile.",
                      published="2025-06-04")
    for key in agreements(ex):
        assert not {"state/CHL", "state/PER"} & set(objects(ex, key, KG.party))


def test_between_after_the_name_gives_the_parties_not_a_state_spoken_about():
    ex = extract_text("They discussed the joint road map for closer ties between Peru and the "
                      "EU, as well as challenges related to the situation in Afghanistan.",
                      published="2025-06-04")
    (key, _), = agreements(ex).items()
    assert objects(ex, key, KG.party) == ["org/european-union", "state/PER"]


def test_the_leaders_include_the_union_whose_council_president_met_them():
    ex = extract_text("EU and Central Asia hold a summit\nPresident of the European Council "
                      "Antonio Costa met with President of Peru Dina Boluarte and President of "
                      "Ghana John Mahama.\nThe leaders adopted a joint declaration.\n",
                      published="2025-06-04")
    (key, _), = agreements(ex).items()
    assert objects(ex, key, KG.party) == ["org/european-union", "state/GHA", "state/PER"]


def test_plural_documents_on_a_list_of_subjects_are_one_each():
    ex = extract_text("Chile and Peru signed agreements on road transport, customs cooperation "
                      "and air services on May 3.", published="2025-06-01")
    labels = by_label(ex)
    assert set(labels) == {"Agreement on road transport", "Agreement on customs cooperation",
                           "Agreement on air services"}
    for key in labels.values():
        assert objects(ex, key, KG.party) == ["state/CHL", "state/PER"]
        assert objects(ex, key, KG.date) == ["2025-05-03"]


def test_plural_documents_whose_count_differs_from_the_list_are_left_alone():
    ex = extract_text("Chile and Peru signed three memoranda of understanding on tourism and "
                      "fisheries.", published="2025-06-01")
    assert agreements(ex) == {}


def test_one_subject_with_a_list_inside_is_not_split():
    ex = extract_text("Chile and Peru signed agreements on cooperation in trade, energy and "
                      "transport.", published="2025-06-01")
    assert agreements(ex) == {}


def test_joining_in_a_year_dates_the_joining_not_the_convention():
    ex = extract_text("Peru joined the Convention on the Rights of the Child in 1994.",
                      published="2025-06-01")
    (key, ag), = agreements(ex).items()
    assert ag.label == "Convention on the Rights of the Child"
    assert objects(ex, key, KG.party) == ["state/PER"]
    assert objects(ex, key, KG.date) == []


def test_two_agreements_of_one_name_are_told_apart_by_their_parties():
    ex = extract_text("Norway and the EU signed the Fisheries Partnership Agreement in 2019. "
                      "Ghana signed a similar Fisheries Partnership Agreement with the EU in "
                      "June 2023.", published="2025-06-01")
    aliases = sorted(a for e in agreements(ex).values() for a in e.aliases)
    assert aliases == [
        "Fisheries Partnership Agreement between Ghana and the European Union",
        "Fisheries Partnership Agreement between Norway and the European Union"]


def test_one_agreement_gets_no_party_alias():
    ex = extract_text("Norway and the EU signed the Fisheries Partnership Agreement in 2019.",
                      published="2025-06-01")
    (ag,) = agreements(ex).values()
    assert ag.aliases == set()


def test_the_agreement_dates_a_deal_named_before():
    ex = extract_text("Chile and Peru agreed a free trade deal\nChile and Peru signed a free "
                      "trade deal in Lima. The agreement was signed on June 1 after years of "
                      "talks.\n", published="2025-06-07")
    (key, _), = agreements(ex).items()
    assert objects(ex, key, KG.date) == ["2025-06-01"]


def test_a_joint_declaration_adopted_at_a_summit_is_named_after_it():
    ex = extract_text("Peru and Ghana hold a summit\nThe first Peru-Ghana summit was held in "
                      "Lima on May 4. Peru and Ghana adopted a joint declaration.\n",
                      published="2025-06-07")
    (ag,) = agreements(ex).values()
    assert ag.label == "Joint declaration"
    assert any(a.startswith("Joint declaration of the") and "summit" in a.lower()
               for a in ag.aliases)
    (key,) = agreements(ex)
    assert objects(ex, key, KG.date) == ["2025-05-04"]
