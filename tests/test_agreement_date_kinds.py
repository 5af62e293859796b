"""Each date an agreement sentence gives is bound to the kind its own clause states:
signed, in force, planned or announced, and every one of them is also a kg:date."""
import pytest

from kazgraph.loaders import extract_text
from kazgraph.vocab import KG

KINDS = (KG.signingDate, KG.entryIntoForceDate, KG.plannedDate, KG.announcementDate)


def dated(sentence: str, published: str = "2025-06-01") -> dict:
    """{kind or kg:date: sorted ISO dates} of the one agreement the sentence names."""
    ex = extract_text(sentence, published=published)
    (key,) = [k for k in ex.entities if k.startswith("agreement/")]
    return {p: sorted(str(f.object) for f in ex.facts if f.subject == key and f.predicate == p)
            for p in (KG.date, *KINDS)}


def expect(**kinds: str) -> dict:
    want = {kind: [kinds[name]] if name in kinds else []
            for name, kind in zip(("signed", "in_force", "planned", "announced"), KINDS)}
    return {KG.date: sorted(kinds.values()), **want}


@pytest.mark.parametrize("sentence, kinds", [
    ("The Treaty on Legal Assistance between Ghana and Portugal was signed in May 2011 and "
     "entered into force in June 2013.", dict(signed="2011-05", in_force="2013-06")),
    ("Latvia and Peru signed an agreement on road transport in October 2019 and it entered "
     "into force in April 2021.", dict(signed="2019-10", in_force="2021-04")),
    # the date in force comes first, nearer the name; the signing follows in its own clause
    ("The Agreement on Air Services between Chile and Norway, which took effect in 2019, "
     "was signed in 2017.", dict(signed="2017", in_force="2019")),
    ("In 2009 Chile and Norway signed the Treaty on Maritime Delimitation, which came into "
     "force in 2012.", dict(signed="2009", in_force="2012")),
])
def test_signed_and_in_force_in_one_sentence(sentence, kinds):
    assert dated(sentence) == expect(**kinds)


@pytest.mark.parametrize("sentence, day", [
    ("Latvia and Peru announced on 5 March 2025 an agreement on fisheries cooperation.",
     "2025-03-05"),
    ("On 12 February 2025, Chile and Norway unveiled a memorandum of understanding on wind "
     "energy research.", "2025-02-12"),
    ("Ghana and Portugal agreed in principle on 3 April 2025 on a treaty on legal assistance "
     "in civil matters.", "2025-04-03"),
])
def test_announced_is_its_own_kind(sentence, day):
    assert dated(sentence) == expect(announced=day)


def test_an_announcement_that_reports_a_signing_dates_the_signing():
    assert dated("The ministry announced on May 5 that Chile and Norway signed an agreement "
                 "on fisheries cooperation.") == expect(signed="2025-05-05")


def test_reached_then_planned_gives_both():
    assert dated("Chile and Norway reached an agreement on fisheries cooperation in January "
                 "2025 and plan to sign it in June 2025.") == expect(announced="2025-01",
                                                                      planned="2025-06")


def test_planned_signing():
    assert dated("An agreement on visa-free travel between Chile and Norway is expected to be "
                 "signed in 2026.") == expect(planned="2026")


def test_status_of_a_planned_signing():
    ex = extract_text("An agreement on visa-free travel between Chile and Norway is expected "
                      "to be signed in 2026.", published="2025-06-01")
    assert {str(f.object) for f in ex.facts if f.predicate == KG.status} == {"planned"}


@pytest.mark.parametrize("sentence, day", [
    ("Chile and Norway signed an agreement on air services on 4 May.", "2025-05-04"),
    ("On 4 May, Chile and Norway signed the Agreement on Air Services.", "2025-05-04"),
    ("The Agreement on Air Services between Chile and Norway was signed in Santiago in "
     "March 2024.", "2024-03"),
])
def test_one_plain_signing_date_is_unchanged(sentence, day):
    assert dated(sentence) == expect(signed=day)


def test_a_date_beyond_another_agreements_name_is_not_this_ones():
    ex = extract_text("Ghana and Portugal signed the Treaty on Fisheries on 3 May, and later "
                      "the Agreement on Air Services, which entered into force on 9 May.",
                      published="2025-06-01")
    facts = {(f.subject.split("/")[1].split("-")[0], f.predicate, str(f.object))
             for f in ex.facts if f.subject.startswith("agreement/") and f.predicate in KINDS}
    assert facts == {("treaty", KG.signingDate, "2025-05-03"),
                     ("agreement", KG.entryIntoForceDate, "2025-05-09")}
