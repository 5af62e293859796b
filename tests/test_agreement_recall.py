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
