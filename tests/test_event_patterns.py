"""Sentence patterns of events in single news articles and weekly reviews: meetings held
beside a summit, the next edition of a recurring meeting, who met whom."""
from kazgraph.loaders import extract_text
from kazgraph.vocab import KG


def events(ex):
    return {k: e for k, e in ex.entities.items() if k.startswith("event/")}


def objects(ex, key, prop):
    return sorted(str(f.object) for f in ex.facts if f.subject == key and f.predicate == prop)


def by_label(ex, start):
    return [(k, e) for k, e in events(ex).items() if e.label.startswith(start)]


def test_meeting_on_the_sidelines_takes_the_summits_place_and_date():
    ex = extract_text("The Caspian summit was held in Ashgabat on June 29. On the sidelines "
                      "of the summit, Chilean President Gabriel Boric held a meeting with "
                      "Mongolian President Ukhnaagiin Khurelsukh.", published="2026-07-01")
    (key, ev), = by_label(ex, "Meeting between")
    assert objects(ex, key, KG.location) == ["place/ashgabat"]
    assert objects(ex, key, KG.startDate) == ["2026-06-29"]


def test_next_meeting_of_a_body_is_another_edition():
    ex = extract_text("The 9th meeting of the Mongolian-Chilean Intergovernmental Commission "
                      "was held in Ulaanbaatar on April 4. The next meeting of the "
                      "Mongolian-Chilean Intergovernmental Commission will be held in "
                      "Santiago in 2027.", published="2026-04-10")
    meetings = by_label(ex, "")
    assert len(meetings) == 2
    places = sorted(objects(ex, k, KG.location)[0] for k, _ in meetings)
    assert places == ["place/santiago", "place/ulaanbaatar"]
    nxt = next(e for k, e in meetings if objects(ex, k, KG.location) == ["place/santiago"])
    assert any(a.startswith("Next meeting") for a in nxt.aliases)


def test_guest_received_after_talks_is_the_subject_not_the_other_host():
    ex = extract_text("Chilean President Gabriel Boric held talks with Peruvian President "
                      "Dina Boluarte and was received by Prime Minister Gustavo Adrianzen.",
                      published="2026-03-05")
    pairs = {frozenset(objects(ex, k, KG.participant)) & {
        "person/gabriel-boric", "person/dina-boluarte", "person/gustavo-adrianzen"}
        for k in events(ex)}
    assert frozenset({"person/gabriel-boric", "person/gustavo-adrianzen"}) in pairs
    assert frozenset({"person/dina-boluarte", "person/gustavo-adrianzen"}) not in pairs


def test_also_received_by_is_a_meeting():
    ex = extract_text("Chilean Foreign Minister Alberto van Klaveren was also received by "
                      "Mongolian President Ukhnaagiin Khurelsukh.", published="2026-03-05")
    (key, ev), = events(ex).items()
    assert ev.label == "Meeting between Alberto van Klaveren and Ukhnaagiin Khurelsukh"


def test_subject_named_by_office_is_the_person_holding_it():
    ex = extract_text("Prime Minister of Mongolia Luvsannamsrain Oyun-Erdene arrived in "
                      "Santiago. The Head of Government also met with President of Chile "
                      "Gabriel Boric.", published="2026-03-05")
    (key, ev), = by_label(ex, "Meeting between")
    assert ev.label == "Meeting between Luvsannamsrain Oyun-Erdene and Gabriel Boric"


def test_meeting_with_two_people_is_a_meeting_with_each():
    ex = extract_text("Chilean President Gabriel Boric arrived in Lima. On March 4, the Head "
                      "of State is scheduled to meet with Prime Minister of Peru Gustavo "
                      "Adrianzen and President of the Congress Eduardo Salhuana.",
                      published="2026-03-01")
    labels = sorted(e.label for _, e in by_label(ex, "Meeting between"))
    assert labels == ["Meeting between Gabriel Boric and Eduardo Salhuana",
                      "Meeting between Gabriel Boric and Gustavo Adrianzen"]


def test_talks_with_a_guest_behind_a_long_title():
    ex = extract_text("Mongolian Foreign Minister Battsetseg Batmunkh held talks with Minister "
                      "of Foreign Affairs of the Republic of Chile and Special Envoy of the "
                      "President Alberto van Klaveren.", published="2026-03-05")
    labels = [e.label for _, e in by_label(ex, "Talks between")]
    assert labels == ["Talks between Battsetseg Batmunkh and Alberto van Klaveren"]


def test_meeting_a_group_of_leaders_is_no_meeting_of_two():
    ex = extract_text("Chilean President Gabriel Boric met with President of Peru Dina "
                      "Boluarte, President of Mongolia Ukhnaagiin Khurelsukh and President "
                      "of Ecuador Daniel Noboa.", published="2026-03-05")
    assert not by_label(ex, "Meeting between")


def test_sidelines_of_a_gathering_named_otherwise():
    ex = extract_text("The leaders met in Lima on March 3 for the fifth Consultative Meeting "
                      "of the Heads of State of the Andes. On the sidelines of the summit, "
                      "Chilean President Gabriel Boric held talks with Peruvian President "
                      "Dina Boluarte.", published="2026-03-05")
    (key, ev), = by_label(ex, "Talks between")
    assert objects(ex, key, KG.location) == ["place/lima"]
    assert objects(ex, key, KG.startDate) == ["2026-03-03"]


def test_city_and_month_after_a_name_are_its_place_and_date_not_its_name():
    ex = extract_text("Boric attended the second Forum of Regions of Chile and Peru in Lima "
                      "in March, the agency reported.", published="2026-05-05")
    (key, ev), = events(ex).items()
    assert ev.label == "Second Forum of Regions of Chile and Peru"
    assert objects(ex, key, KG.location) == ["place/lima"]


def test_also_met_is_the_same_occasion():
    ex = extract_text("On the sidelines of the Caspian summit in Baku, Chilean President "
                      "Gabriel Boric held a meeting with Peruvian President Dina Boluarte. "
                      "The sides discussed trade. Boric also met with Mongolian President "
                      "Ukhnaagiin Khurelsukh.", published="2026-03-05")
    (key, ev), = [(k, e) for k, e in by_label(ex, "Meeting between") if "Khurelsukh" in e.label]
    assert objects(ex, key, KG.location) == ["place/baku"]


def test_ministers_of_several_states_signing_in_a_city_met_there():
    ex = extract_text("The energy ministers of Chile, Peru and Mongolia signed a plan for "
                      "2026-2030 in Lima on March 3.", published="2026-03-05")
    (key, ev), = events(ex).items()
    assert ev.label == "Meeting of the energy ministers of Chile, Peru and Mongolia"
    assert objects(ex, key, KG.location) == ["place/lima"]
    assert objects(ex, key, KG.startDate) == ["2026-03-03"]  # not the plan's term


def test_presidents_who_only_signed_together_held_a_meeting_not_a_summit():
    ex = extract_text("The presidents of Chile, Peru and Mongolia signed a water accord in "
                      "Lima on March 3.", published="2026-03-05")
    (key, ev), = events(ex).items()
    assert ev.cls == "Meeting"
    assert ev.label == "Meeting of the presidents of Chile, Peru and Mongolia"
    assert objects(ex, key, KG.location) == ["place/lima"]


def test_ministers_signing_without_a_place_make_no_meeting():
    ex = extract_text("The energy ministers of Chile, Peru and Mongolia signed a plan.",
                      published="2026-03-05")
    assert not events(ex)


def test_next_meeting_in_this_format_gathers_the_same_states():
    ex = extract_text("The energy ministers of Chile, Peru and Mongolia signed a plan in Lima "
                      "on March 3. The next ministerial meeting in this format will be held in "
                      "Ulaanbaatar in 2027.", published="2026-03-05")
    (key, ev), = by_label(ex, "Next ministerial meeting")
    assert objects(ex, key, KG.location) == ["place/ulaanbaatar"]
    assert objects(ex, key, KG.startDate) == ["2027"]
    assert objects(ex, key, KG.participant) == ["state/CHL", "state/MNG", "state/PER"]


def test_who_proposes_the_next_summit_is_not_said_to_attend_it():
    ex = extract_text("Chilean President Gabriel Boric proposed that the next summit be held "
                      "in Lima in 2027.", published="2026-03-05")
    for key in events(ex):
        assert "person/gabriel-boric" not in objects(ex, key, KG.participant)


def test_first_edition_since_a_year_when_it_took_place():
    ex = extract_text("The leaders met in Lima on March 3 for the sixth Consultative Meeting "
                      "of the Heads of State of the Andes. The Consultative Meetings have been "
                      "held annually since 2019, when the first meeting took place in Quito.",
                      published="2026-03-05")
    (key, ev), = by_label(ex, "First")
    assert objects(ex, key, KG.location) == ["place/quito"]
    assert objects(ex, key, KG.startDate) == ["2019"]


def test_high_level_meeting_of_a_body():
    ex = extract_text("Chilean President Gabriel Boric chaired a high-level meeting of the UN "
                      "Security Council in New York on January 18.", published="2026-01-20")
    (key, ev), = events(ex).items()
    assert ev.label == "High-level meeting of the UN Security Council"
    assert objects(ex, key, KG.location) == ["place/new-york"]
    assert objects(ex, key, KG.startDate) == ["2026-01-18"]
    assert "person/gabriel-boric" in objects(ex, key, KG.participant)


def test_dash_after_a_dateline_joins_no_compound_name():
    ex = extract_text("LIMA, March 5. ANDINA – The Pacific leaders' summit in Lima drew wide "
                      "attention.", published="2026-03-05")
    assert not any("ANDINA" in e.label for e in events(ex).values())


def test_who_travels_to_a_city_for_a_summit_takes_part_there():
    ex = extract_text("Chilean President Gabriel Boric will travel to Lima, Peru, at the end of "
                      "May for the Pacific Alliance summit.", published="2026-04-10")
    (key, ev), = [(k, e) for k, e in events(ex).items() if e.cls == "Summit"]
    assert objects(ex, key, KG.location) == ["place/lima"]
    assert {"person/gabriel-boric", "state/CHL"} <= set(objects(ex, key, KG.participant))


def test_talks_and_a_reception_in_one_sentence_share_the_occasion():
    ex = extract_text("Chilean President Gabriel Boric held talks with Peruvian President Dina "
                      "Boluarte in Lima on March 3 and was received by Prime Minister Gustavo "
                      "Adrianzen.", published="2026-03-05")
    (key, ev), = by_label(ex, "Meeting between")
    assert objects(ex, key, KG.location) == ["place/lima"]
    assert objects(ex, key, KG.startDate) == ["2026-03-03"]


def test_held_on_the_sidelines_of_a_session_in_a_distant_city():
    ex = extract_text("The next Chile-Peru ministerial meeting is expected to take place "
                      "on the sidelines of the UN General Assembly in New York in September.",
                      published="2026-03-05")
    (key, ev), = [(k, e) for k, e in events(ex).items() if "ministerial" in e.label]
    assert objects(ex, key, KG.location) == ["place/new-york"]


def test_talks_abroad_take_the_date_of_the_visit_there_not_of_one_invited():
    ex = extract_text("Chilean President Gabriel Boric held talks with Peruvian President Dina "
                      "Boluarte in Lima. The talks took place during the official visit of the "
                      "President of Chile to Peru on March 3-4. Boric invited Dina Boluarte to "
                      "pay an official visit to Chile in 2027.", published="2026-03-05")
    (key, ev), = by_label(ex, "Talks between")
    assert objects(ex, key, KG.startDate) == ["2026-03-03"]


def test_on_the_eve_of_a_summit_it_began_the_day_after_in_that_city():
    ex = extract_text("The treaty was signed in the Chilean city of Valparaiso on May 17 during "
                      "Peruvian President Dina Boluarte's state visit to Chile, on the eve of "
                      "the first Chile-Peru Summit.", published="2026-05-20")
    (key, ev), = [(k, e) for k, e in events(ex).items() if e.cls == "Summit"]
    assert objects(ex, key, KG.location) == ["place/valparaiso"]
    assert objects(ex, key, KG.startDate) == ["2026-05-18"]


def test_meeting_on_the_eve_of_a_summit_keeps_its_own_day():
    ex = extract_text("The Chile-Peru Summit opened in Lima on May 18. On the eve of the "
                      "summit, Chilean President Gabriel Boric held a meeting with Peruvian "
                      "President Dina Boluarte.", published="2026-05-20")
    (key, ev), = by_label(ex, "Meeting between")
    assert "2026-05-18" not in objects(ex, key, KG.startDate)


def test_those_who_attended_the_talks_took_part_in_the_talks():
    ex = extract_text("Chilean Foreign Minister Alberto van Klaveren held talks with Mongolian "
                      "Foreign Minister Battsetseg Batmunkh. The parties agreed to hold the next "
                      "meeting of the Chilean-Mongolian Intergovernmental Commission in "
                      "Santiago in 2027. The talks were attended by Ambassador of Chile to "
                      "Mongolia Pablo Arriaran.", published="2026-03-05")
    (talks, _), = by_label(ex, "Talks between")
    assert "person/pablo-arriaran" in objects(ex, talks, KG.participant)
    for key, ev in events(ex).items():
        if key != talks:
            assert "person/pablo-arriaran" not in objects(ex, key, KG.participant)


def test_the_meeting_attended_in_the_past_is_not_the_next_one():
    ex = extract_text("The 9th meeting of the Chilean-Mongolian Intergovernmental Commission "
                      "was held in Santiago on April 4. The sides agreed on the next meeting of "
                      "the Chilean-Mongolian Intergovernmental Commission in 2027. Ambassador "
                      "of Chile to Mongolia Pablo Arriaran attended the meeting.",
                      published="2026-04-10")
    (ninth, _), = by_label(ex, "9th")
    assert "person/pablo-arriaran" in objects(ex, ninth, KG.participant)


def test_the_meetings_were_attended_by_adds_the_envoy_to_each():
    ex = extract_text("Chilean President Gabriel Boric held a meeting with Peruvian President "
                      "Dina Boluarte. Boric also met with Mongolian President Ukhnaagiin "
                      "Khurelsukh. The meetings were attended by Ambassador of Chile to Peru "
                      "Pablo Arriaran.", published="2026-03-05")
    meetings = by_label(ex, "Meeting between")
    assert len(meetings) == 2
    for key, _ in meetings:
        assert "person/pablo-arriaran" in objects(ex, key, KG.participant)
    mongolia = next(k for k, e in meetings if "Khurelsukh" in e.label)
    assert "state/PER" not in objects(ex, mongolia, KG.participant)


def test_visit_to_a_state_keeps_the_state_when_its_city_places_the_signing():
    ex = extract_text("Chilean President Gabriel Boric and Peruvian President Dina Boluarte "
                      "signed a joint declaration in Lima on May 4, during the Chilean "
                      "leader's state visit to Peru.", published="2026-05-06")
    (key, ev), = by_label(ex, "State visit")
    assert objects(ex, key, KG.location) == ["state/PER"]
    assert objects(ex, key, KG.startDate) == ["2026-05-04"]


def test_talks_in_a_city_place_the_talks_not_the_visit_to_the_state():
    ex = extract_text("Chilean President Gabriel Boric paid an official visit to Peru on "
                      "May 4-5. Boric and Peruvian President Dina Boluarte held talks in "
                      "Lima, after which the two sides signed a roadmap.",
                      published="2026-05-08")
    (key, ev), = by_label(ex, "Official visit")
    assert objects(ex, key, KG.location) == ["state/PER"]
    (tkey, _), = by_label(ex, "Talks")
    assert objects(ex, tkey, KG.location) == ["place/lima"]


def test_visit_sentence_naming_the_state_and_a_dateline_city():
    ex = extract_text("Lima, 4 May 2026 – Peruvian Foreign Minister Elmer Schialer held "
                      "talks with Chilean Foreign Minister Alberto van Klaveren, who is on an "
                      "official visit to Peru.", published="2026-05-04")
    (key, ev), = by_label(ex, "Official visit")
    assert objects(ex, key, KG.location) == ["state/PER"]


def test_lead_visit_to_a_capital_yields_to_the_items_visit_to_the_state():
    ex = extract_text("LIMA – This week's digest covers Chilean President Gabriel Boric's visit "
                      "to Lima, new railway financing and more.\n\nChilean President Gabriel "
                      "Boric's trip\n\nEl Comercio reported on May 6 that Chilean President "
                      "Gabriel Boric paid an official visit to Peru on May 4-5.",
                      published="2026-05-08")
    (key, ev), = by_label(ex, "Visit")
    assert objects(ex, key, KG.location) == ["state/PER"]


def test_talks_during_a_visit_known_only_by_its_country_have_no_city():
    ex = extract_text("Chilean President Gabriel Boric paid a state visit to Peru on May 4. "
                      "Boric held talks with Peruvian President Dina Boluarte.",
                      published="2026-05-08")
    (key, ev), = by_label(ex, "Talks")
    assert objects(ex, key, KG.location) == []
    assert objects(ex, key, KG.startDate) == ["2026-05-04"]


def test_summit_which_a_city_plans_to_host_is_placed_there():
    ex = extract_text("The ministers discussed the agenda of the first Chile – Andean summit, "
                      "which Lima plans to host next year.", published="2026-05-08")
    (key, ev), = by_label(ex, "First Chile")
    assert objects(ex, key, KG.location) == ["place/lima"]


def test_talks_that_a_city_hosted_are_placed_there():
    ex = extract_text("Boric recalled the talks between the Peruvian and Bolivian delegations "
                      "that Santiago hosted in March.", published="2026-05-08")
    (key, ev), = by_label(ex, "Talks")
    assert objects(ex, key, KG.location) == ["place/santiago"]


def test_in_a_city_for_a_state_visit_and_a_summit():
    ex = extract_text("Peruvian President Dina Boluarte in Lima for state visit and APEC summit",
                      published="2026-05-08")
    summit = [k for k, e in events(ex).items() if "APEC" in e.label or "Asia-Pacific" in e.label]
    assert summit and objects(ex, summit[0], KG.location) == ["place/lima"]


def test_talks_at_a_seat_of_government_are_placed_in_its_city():
    ex = extract_text("Peruvian President Dina Boluarte held talks with French President "
                      "Emmanuel Macron at the Élysée Palace on May 4.", published="2026-05-08")
    (key, ev), = by_label(ex, "Talks")
    assert objects(ex, key, KG.location) == ["place/paris"]


def test_meeting_in_the_kremlin_is_placed_in_moscow():
    ex = extract_text("Chilean President Gabriel Boric met with Russian President Vladimir "
                      "Putin in the Kremlin on May 4.", published="2026-05-08")
    (key, ev), = by_label(ex, "Meeting")
    assert objects(ex, key, KG.location) == ["place/moscow"]


def test_visited_a_country_for_a_summit_places_the_summit_there():
    ex = extract_text("Boric last visited Peru in 2024 for the APEC summit.",
                      published="2026-05-08")
    summit = [k for k, e in events(ex).items() if "summit" in e.label.lower()]
    assert summit and objects(ex, summit[0], KG.location) == ["state/PER"]


def test_meeting_where_an_occasion_was_held_takes_its_city():
    ex = extract_text("Chilean President Gabriel Boric attended the third Pacific Alliance "
                      "Forum in Lima in October, where he "
                      "met Peruvian President Dina Boluarte.", published="2026-11-08")
    (key, ev), = by_label(ex, "Meeting")
    assert objects(ex, key, KG.location) == ["place/lima"]
