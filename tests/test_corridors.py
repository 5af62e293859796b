"""The relation stage's corridors: reference table, named lines, crossings, connects;
and the corridors question's same-sentence rule."""
from rdflib import URIRef

from kazgraph.loaders import extract_text
from kazgraph.loaders.relations.corridors import lookup, table
from kazgraph.vocab import KG


def corridors(ex):
    return {k: e for k, e in ex.entities.items() if k.startswith("corridor/")}


def objects(ex, key, prop):
    return sorted(str(f.object) for f in ex.facts if f.subject == key and f.predicate == prop)


def test_reference_table_rows_are_well_formed():
    rows = table()
    assert len({r.key for r in rows}) == len(rows)
    assert all(r.states and all(s.startswith("state/") and len(s) == 9 for s in r.states)
               for r in rows)
    assert lookup("Middle Corridor").key == lookup("TITR").key == "titr"
    assert lookup("north-south transport corridor").key == "instc"


def test_aliases_of_a_known_corridor_are_one_entity_linking_named_states():
    text = ("Georgia and Azerbaijan back the Middle Corridor. "
            "Cargo on the Trans-Caspian International Transport Route (TITR) grew, "
            "while Mongolia watched.")
    ex = extract_text(text, published="2026-03-05")
    assert list(corridors(ex)) == ["corridor/titr"]
    ent = ex.entities["corridor/titr"]
    assert {"Middle Corridor", "TITR"} <= ent.aliases
    # only states of the corridor that the text names; Mongolia is not on it
    assert objects(ex, "corridor/titr", KG.connects) == ["state/AZE", "state/GEO"]


def test_railway_line_named_by_its_ends_and_a_state_named_alias():
    text = ("Uzbekistan-Kyrgyzstan rail link to open in 2028\n"
            "The new 180-kilometer Andijan – Osh railway line will link Uzbekistan "
            "with Kyrgyzstan. This Uzbekistan-Kyrgyzstan rail link will ease transit.\n")
    ex = extract_text(text, published="2026-03-05")
    assert list(corridors(ex)) == ["corridor/andijan-osh-railway-line"]
    ent = ex.entities["corridor/andijan-osh-railway-line"]
    assert ent.label == "Andijan-Osh railway line"
    assert objects(ex, "corridor/andijan-osh-railway-line", KG.connects) == [
        "state/KGZ", "state/UZB"]


def test_crossings_at_named_stations():
    text = "Kazakhstan and China plan to ease the load on rail crossings at Dostyk and Altynkol."
    ex = extract_text(text, published="2026-03-05")
    assert set(corridors(ex)) == {"corridor/dostyk-crossing", "corridor/altynkol-crossing"}
    assert objects(ex, "corridor/dostyk-crossing", KG.connects) == ["state/CHN", "state/KAZ"]


def test_generic_routes_are_not_corridors():
    text = ("Kazakhstan is building new terminals, railway lines and stations to diversify "
            "trade routes; the expanding trade route across the steppe links Europe and Asia.")
    assert corridors(extract_text(text, published="2026-03-05")) == {}


def test_border_crossing_with_a_state_at_a_hyphenated_place():
    ex = extract_text("The project opens the third border crossing with China at "
                      "Maikapchagai-Jeminay.", published="2026-03-05")
    assert list(corridors(ex)) == ["corridor/maikapchagai-jeminay-border-crossing"]


def test_named_pipeline_takes_the_states_of_its_sentence_but_a_demonym_is_no_name():
    text = ("Bolivian oil reaches Argentine refineries through the Condor oil pipeline across "
            "Paraguay. Peru also wants more from the Chilean pipeline.")
    ex = extract_text(text, published="2026-03-05")
    assert {e.label for e in corridors(ex).values()} == {"Condor oil pipeline"}
    assert objects(ex, "corridor/condor-oil-pipeline", KG.connects) == [
        "state/ARG", "state/BOL", "state/PRY"]


def test_end_cities_and_ferry_ports_give_their_states():
    text = ("The ministers discussed the Lima – Arica pipeline and a ferry line between Callao "
            "and Valparaiso.")
    ex = extract_text(text, published="2026-03-05")
    for key in ("corridor/lima-arica-pipeline", "corridor/callao-valparaiso-ferry-line"):
        assert objects(ex, key, KG.connects) == ["state/CHL", "state/PER"]


def test_energy_corridor_and_rail_route_are_corridors():
    text = ("The Peru–Chile green energy corridor, an undersea cable with an overhead line, "
            "will carry power north. Cargo from Peru goes on the Peru–Brazil rail route.")
    ex = extract_text(text, published="2026-03-05")
    assert {e.label for e in corridors(ex).values()} == {
        "Peru-Chile green energy corridor", "Peru-Brazil rail route"}


def test_a_corridor_joined_via_a_state_connects_only_that_state():
    text = ("Peru's planned line to Brazil would later link up with the Lapis Lazuli corridor "
            "through Georgia, officials in Lima said.")
    ex = extract_text(text, published="2026-03-05")
    assert objects(ex, "corridor/lapis-lazuli", KG.connects) == ["state/GEO"]


def test_corridor_the_agreement_paves_the_way_for_joins_its_parties():
    text = ("Chile, Peru sign energy deal\n\n"
            "The presidents of Chile and Peru signed an agreement on power trade in Lima on "
            "May 3. The accord opens the way to the Andes–Pacific green energy corridor, a "
            "power line along the coast.\n")
    ex = extract_text(text, published="2026-03-05")
    assert objects(ex, "corridor/andes-pacific-green-energy-corridor", KG.connects) == [
        "state/CHL", "state/PER"]


def test_route_from_via_to_and_railway_to_a_border_town():
    text = ("Turkmenistan plans a railway project to the Afghan border at Serhetabat. Chile "
            "wants a transit route from northern Peru via Bolivia to Brazil.")
    ex = extract_text(text, published="2026-06-01")
    assert objects(ex, "corridor/railway-to-the-afghan-border-at-serhetabat", KG.connects) == [
        "state/AFG", "state/TKM"]
    # the route's own phrase names what it joins; the sentence's subject is not on it
    assert objects(ex, "corridor/peru-bolivia-brazil-transit-route", KG.connects) == [
        "state/BOL", "state/BRA", "state/PER"]


def test_railway_linking_two_towns_joins_their_states():
    ex = extract_text("The ministers discussed a new railway linking Arica and Tacna.",
                      published="2026-03-05")
    assert objects(ex, "corridor/arica-tacna-railway", KG.connects) == ["state/CHL", "state/PER"]


def test_a_line_named_by_its_end_towns_joins_only_their_states():
    ex = extract_text("Peru and Chile discussed the Arica–La Paz railway.", published="2026-03-05")
    found = objects(ex, "corridor/arica-la-paz-railway", KG.connects)
    assert found == ["state/BOL", "state/CHL"]


def test_a_state_known_only_through_a_town_on_the_route_is_declared():
    from kazgraph.loaders import extract_text

    ex = extract_text("Ferry plans advance\nOfficials discussed the Aktau-Baku ferry line, "
                      "Caspian Wire reported on March 3.\n", published="2024-03-08")
    linked = {f.object for f in ex.facts if f.subject.startswith("corridor/")
              and f.predicate.endswith("connects")}
    assert linked == {"state/KAZ", "state/AZE"}
    assert all(ex.entities[s].cls == "State" and ex.entities[s].label for s in linked)


def test_a_known_line_named_by_its_towns_joins_every_state_it_runs_through():
    ex = extract_text("Oil moves to Europe through the Baku – Tbilisi – Kars railway and the "
                      "Baku – Tbilisi – Ceyhan pipeline.", published="2026-03-05")
    found = {e.label: k for k, e in corridors(ex).items()}
    assert objects(ex, found["Baku–Tbilisi–Ceyhan pipeline"], KG.connects) == [
        "state/AZE", "state/GEO", "state/TUR"]


def test_a_known_corridor_named_by_direction_joins_only_the_states_the_item_names():
    ex = extract_text("Kazakhstan backs the North–South corridor.", published="2026-03-05")
    (key, _), = corridors(ex).items()
    assert objects(ex, key, KG.connects) == ["state/KAZ"]


def test_a_route_via_a_region_of_a_state_joins_the_three():
    ex = extract_text("Chile proposed a transit route from northern Chile via the Argentine "
                      "Patagonia region to Uruguay.", published="2026-03-05")
    (key, _), = corridors(ex).items()
    assert objects(ex, key, KG.connects) == ["state/ARG", "state/CHL", "state/URY"]


def test_a_demonym_qualifying_a_company_is_no_country_of_the_route():
    ex = extract_text("The Norwegian Fjordline Group presented the Polar Freight Corridor "
                      "linking Kazakhstan and Georgia, Trend reported on May 2.",
                      published="2024-05-03")
    (key, _), = corridors(ex).items()
    assert objects(ex, key, KG.connects) == [
        "state/GEO", "state/KAZ"]


def test_a_relative_clause_tracing_the_route_names_all_it_joins():
    text = ("Kazakhstan hosted the talks on transit. Ministers praised the Middle Corridor, "
            "which runs from China to Turkey through Azerbaijan.")
    ex = extract_text(text, published="2026-03-05")
    # Kazakhstan is on the corridor and named in the item, but not on the route traced here
    assert objects(ex, "corridor/titr", KG.connects) == ["state/AZE", "state/CHN", "state/TUR"]


def test_the_route_clause_ends_where_the_sentence_goes_on():
    text = ("Officials said the Aral Corridor, which would link Uzbekistan with Turkmenistan, "
            "could give Kazakh exporters new markets.")
    ex = extract_text(text, published="2026-03-05")
    assert objects(ex, "corridor/aral-corridor", KG.connects) == ["state/TKM", "state/UZB"]
    text = "Officials said the Aral Corridor, which would link Uzbekistan, Turkmenistan, and Iran."
    ex = extract_text(text, published="2026-03-05")
    assert objects(ex, "corridor/aral-corridor", KG.connects) == [
        "state/IRN", "state/TKM", "state/UZB"]


def test_a_backer_in_an_aside_before_the_route_clause_is_not_on_the_route():
    text = ("Leaders backed the Ostrava – Katowice railway, financed by Japan, which will link "
            "Czechia with Poland.")
    ex = extract_text(text, published="2026-03-05")
    assert objects(ex, "corridor/ostrava-katowice-railway", KG.connects) == [
        "state/CZE", "state/POL"]


def test_a_via_list_after_a_known_corridor_keeps_to_its_sentence():
    text = ("Turkey and Kazakhstan signed a deal. Traders prefer the Middle Corridor via the "
            "Caspian to Azerbaijan and Georgia, the railway to Iran is another.")
    ex = extract_text(text, published="2026-03-05")
    assert objects(ex, "corridor/titr", KG.connects) == ["state/AZE", "state/GEO"]


def test_a_line_named_by_two_towns_of_one_state_is_domestic():
    text = "China funds the Almaty – Shymkent railway line, which doubles capacity."
    ex = extract_text(text, published="2026-03-05")
    assert objects(ex, "corridor/almaty-shymkent-railway-line", KG.connects) == ["state/KAZ"]


def test_a_ferry_line_between_ports_one_of_which_the_gazetteer_lacks():
    text = ("Georgia and Armenia will launch a ferry line between the port of Zelenomorsk "
            "and the port of Poti.")
    ex = extract_text(text, published="2026-03-05")
    assert objects(ex, "corridor/zelenomorsk-poti-ferry-line", KG.connects) == [
        "state/ARM", "state/GEO"]


def test_the_sides_stand_for_the_states_of_the_sentence_before():
    text = ("Georgia and Armenia held talks in Tbilisi. "
            "The sides agreed to rebuild the Sadakhlo – Bagratashen border crossing.")
    ex = extract_text(text, published="2026-03-05")
    assert objects(ex, "corridor/sadakhlo-bagratashen-border-crossing", KG.connects) == [
        "state/ARM", "state/GEO"]


def test_towns_goods_travel_to_along_a_known_corridor_put_their_states_on_it():
    text = ("Japan welcomed the news. Containers are shipped from Aktau to Baku along the "
            "Middle Corridor, said officials in Tbilisi.")
    ex = extract_text(text, published="2026-03-05")
    # Tbilisi is where the officials speak, not a stop the goods are sent to
    assert objects(ex, "corridor/titr", KG.connects) == ["state/AZE", "state/KAZ"]


def test_a_railway_to_a_named_states_border():
    text = "Chile and Bolivia agree on new railway to Peru border"
    ex = extract_text(text, published="2026-03-05")
    assert objects(ex, "corridor/railway-to-peru-border", KG.connects) == [
        "state/BOL", "state/CHL", "state/PER"]
    # a border that is no state's is no corridor's end
    assert corridors(extract_text("Chile plans a road to Europe's border.",
                                  published="2026-03-05")) == {}
    text = "Japan's envoy flew to Baku to discuss the Middle Corridor."
    ex = extract_text(text, published="2026-03-05")
    assert objects(ex, "corridor/titr", KG.connects) == []


def test_states_in_another_corridors_name_or_route_stay_on_that_corridor():
    text = ("Uzbekistan and Kyrgyzstan discussed the Fergana Highway and the "
            "Kazakhstan–China oil pipeline.")
    ex = extract_text(text, published="2026-03-05")
    assert objects(ex, "corridor/fergana-highway", KG.connects) == ["state/KGZ", "state/UZB"]
    assert objects(ex, "corridor/kazakhstan-china-oil-pipeline", KG.connects) == [
        "state/CHN", "state/KAZ"]
    text = ("Uzbekistan and Kyrgyzstan discussed the Fergana Highway and the Middle Corridor, "
            "which runs from China to Turkey.")
    ex = extract_text(text, published="2026-03-05")
    assert objects(ex, "corridor/fergana-highway", KG.connects) == ["state/KGZ", "state/UZB"]
    assert objects(ex, "corridor/titr", KG.connects) == ["state/CHN", "state/TUR"]


def test_a_green_corridor_for_goods_is_a_trade_corridor():
    text = "Mongolia and China opened a green corridor for fresh farm products at the border."
    ex = extract_text(text, published="2026-03-05")
    assert objects(ex, "corridor/green-corridor", KG.connects) == ["state/CHN", "state/MNG"]
    # a green policy is no corridor
    assert corridors(extract_text("Mongolia backs green policies for farm products.",
                                  published="2026-03-05")) == {}


def test_a_corridor_joined_via_a_list_takes_only_the_list():
    text = ("The new line will carry freight to Europe, connecting with the Middle Corridor via "
            "Georgia, giving Kazakh exporters a faster route.")
    ex = extract_text(text, published="2026-03-05")
    assert objects(ex, "corridor/titr", KG.connects) == ["state/GEO"]


def test_a_restrictive_route_clause_without_a_comma():
    text = "Japan and Turkey back the Aral Corridor that will link Uzbekistan with Turkmenistan."
    ex = extract_text(text, published="2026-03-05")
    assert objects(ex, "corridor/aral-corridor", KG.connects) == ["state/TKM", "state/UZB"]


def test_a_state_the_route_bypasses_is_not_on_it():
    text = "Kazakhstan and Georgia back the Aral Corridor, bypassing Russian territory."
    ex = extract_text(text, published="2026-03-05")
    assert objects(ex, "corridor/aral-corridor", KG.connects) == ["state/GEO", "state/KAZ"]


SAME_SENTENCE = """
@prefix kg: <https://w3id.org/kazgraph/ontology#> .
@prefix id: <https://w3id.org/kazgraph/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
id:digest\\/d {
  id:corridor\\/middle a kg:Corridor ; rdfs:label "Middle Corridor" ; kg:evidence id:evidence\\/c .
  id:agreement\\/here a kg:Agreement ; rdfs:label "Deal named beside it" ; kg:evidence id:evidence\\/h .
  id:agreement\\/elsewhere a kg:Agreement ; rdfs:label "Deal in another source" ; kg:evidence id:evidence\\/x .
  id:event\\/later a kg:Summit ; rdfs:label "Summit named later" ; kg:evidence id:evidence\\/l .
  id:evidence\\/c a kg:Evidence ; kg:article id:article\\/a ; kg:sentence "The deal covers the Middle Corridor." .
  id:evidence\\/h a kg:Evidence ; kg:article id:article\\/a ; kg:sentence "The deal covers the Middle Corridor." .
  id:evidence\\/x a kg:Evidence ; kg:article id:article\\/b ; kg:sentence "The deal covers the Middle Corridor." .
  id:evidence\\/l a kg:Evidence ; kg:article id:article\\/a ; kg:sentence "A summit followed." .
}
"""


def test_corridors_question_takes_the_same_sentence_of_the_same_source_only(store, tmp_path):
    from kazgraph.queries import questions, with_values

    path = tmp_path / "same.trig"
    path.write_text(SAME_SENTENCE, encoding="utf-8")
    store.load_file(path, URIRef("https://w3id.org/kazgraph/id/digest/d"))
    q = questions()["corridors"]
    rows = store.query(with_values(q.sparql, q.bindings({}))).rows
    assert [(str(r[2]), str(r[4])) for r in rows] == [("agreement", "Deal named beside it")]
