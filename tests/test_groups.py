"""Group referents: "Central Asian countries", "the C5", "the Turkic states", "the three
countries" stand for their member states in events, agreements and corridors."""
from kazgraph.loaders import extract_text
from kazgraph.loaders.relations.groups import groupings
from kazgraph.vocab import KG

CENTRAL_ASIA = ["state/KAZ", "state/KGZ", "state/TJK", "state/TKM", "state/UZB"]


def objects(ex, prefix, prop):
    keys = [k for k in ex.entities if k.startswith(prefix)]
    assert len(keys) == 1, keys
    return sorted(str(f.object) for f in ex.facts if f.subject == keys[0] and f.predicate == prop)


def states(ex):
    return sorted(k for k, e in ex.entities.items() if e.cls == "State")


def test_region_adjective_gives_every_member_as_party_and_participant():
    text = ("At the first Japan-Central Asia Summit held in Tokyo on Dec. 19, Central Asian "
            "countries and Japan signed the Tokyo Declaration.")
    ex = extract_text(text, published="2025-12-22")
    assert objects(ex, "agreement/", KG.party) == sorted(["state/JPN", *CENTRAL_ASIA])
    assert objects(ex, "event/", KG.participant) == sorted(["state/JPN", *CENTRAL_ASIA])
    assert states(ex) == sorted(["state/JPN", *CENTRAL_ASIA])


def test_numbered_region_summit_and_the_c5():
    text = ("Seoul will host its first summit with the five Central Asian states in June. "
            "Earlier, the C5 and South Korea signed a memorandum on critical minerals in "
            "Astana on March 3.")
    ex = extract_text(text, published="2026-04-01")
    assert objects(ex, "event/", KG.participant) == sorted(["state/KOR", *CENTRAL_ASIA])
    assert objects(ex, "agreement/", KG.party) == sorted(["state/KOR", *CENTRAL_ASIA])


def test_a_count_that_does_not_fit_the_group_resolves_nothing():
    text = "Two Central Asian states and Oman signed a memorandum on water in Muscat on May 2."
    ex = extract_text(text, published="2026-05-10")
    assert objects(ex, "agreement/", KG.party) == ["state/OMN"]


def test_a_group_no_fact_uses_adds_no_state():
    ex = extract_text("Central Asian countries are growing fast, Mongolia noted.",
                      published="2026-05-10")
    assert states(ex) == ["state/MNG"]


def test_corridor_takes_the_members_it_passes_through():
    text = ("The Trans-Caspian International Transport Route links China with the South "
            "Caucasus countries and Turkey.")
    ex = extract_text(text, published="2026-05-10")
    assert objects(ex, "corridor/", KG.connects) == ["state/AZE", "state/CHN", "state/GEO",
                                                     "state/TUR"]


def test_membership_follows_the_digest_date():
    text = "The Turkic states signed a customs memorandum in Baku on June 3, 2015."
    ex = extract_text(text, published="2015-06-10")
    assert objects(ex, "agreement/", KG.party) == ["state/AZE", "state/KAZ", "state/KGZ",
                                                   "state/TUR"]
    later = extract_text(text.replace("2015", "2024"), published="2024-06-10")
    assert "state/UZB" in objects(later, "agreement/", KG.party)


def test_a_named_organisation_stands_for_its_members():
    text = ("At the 11th summit of the Organization of Turkic States in Bishkek on Nov. 6, "
            "the Turkic states adopted a declaration on transport.")
    ex = extract_text(text, published="2024-11-10")
    assert objects(ex, "event/", KG.participant) == ["org/ots"]
    assert objects(ex, "agreement/", KG.party) == ["org/ots"]


def test_the_three_countries_are_the_three_the_item_named():
    text = ("China, Kyrgyzstan and Uzbekistan agreed on the railway's route. The three "
            "countries signed a memorandum on the line at the SCO summit in Samarkand "
            "on Sept. 15.")
    ex = extract_text(text, published="2022-09-20")
    assert objects(ex, "event/", KG.participant) == ["org/sco", "state/CHN", "state/KGZ",
                                                     "state/UZB"]


def test_every_group_lists_known_states_and_a_source_is_noted():
    from importlib import resources

    sources = resources.files("kazgraph.data").joinpath("SOURCES.md").read_text("utf-8")
    assert "groups.tsv" in sources
    by_key = {g.key: g for g in groupings()}
    assert by_key["central-asia"].members_in(2025) == CENTRAL_ASIA
    assert all(g.members for g in by_key.values())
