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
