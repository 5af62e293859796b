"""The relation stage's money amounts: value, currency, kind, actors, what they measure."""
from decimal import Decimal

from rdflib.namespace import XSD

import pytest

from kazgraph.loaders import extract_text
from kazgraph.vocab import KG


def amounts(ex):
    return [k for k in ex.entities if k.startswith("amount/")]


def values(ex, key, prop):
    return [f.object for f in ex.facts if f.subject == key and f.predicate == prop]


def test_amount_with_conversion_counts_once():
    ex = extract_text("Japan has invested more than €12 billion (US$13.9 billion) in Uzbekistan "
                      "since 2010.", published="2026-03-05")
    (key,) = amounts(ex)
    (value,) = values(ex, key, KG.value)
    assert value.datatype == XSD.decimal and Decimal(str(value)) == Decimal(12 * 10**9)
    assert [str(v) for v in values(ex, key, KG.currency)] == ["EUR"]
    assert [str(v) for v in values(ex, key, KG.amountType)] == ["investment"]
    assert sorted(values(ex, key, KG.concerns)) == ["state/JPN", "state/UZB"]


def test_tenge_then_dollars_and_trade_volume():
    ex = extract_text("The state allocated 420.5 billion tenge, or $850 million, to fund the "
                      "road. Trade between Kyrgyzstan and Turkey reached $3.1 billion.",
                      published="2026-03-05")
    got = sorted((str(values(ex, k, KG.currency)[0]), str(values(ex, k, KG.value)[0]),
                  str(values(ex, k, KG.amountType)[0])) for k in amounts(ex))
    assert got == [("KZT", "420500000000", "funding"), ("USD", "3100000000", "trade volume")]


def test_agreement_in_the_same_sentence_points_at_its_amount():
    ex = extract_text("Egypt and Qatar signed the Agreement on Energy Cooperation worth "
                      "$2 billion.", published="2026-03-05")
    (key,) = amounts(ex)
    assert [f.subject for f in ex.facts if f.predicate == KG.amount and f.object == key] == [
        "agreement/agreement-on-energy-cooperation-egy-qat"]


@pytest.mark.parametrize("text, expected", [
    ("With more than €200 billion invested since 2005, the EU is Kazakhstan's largest investor.",
     {"periodStart": "2005"}),
    ("Over the past 17 years, French companies have invested more than 17 billion US dollars "
     "in Kazakhstan.", {"periodStart": "2008"}),
    ("Trade between Kazakhstan and China reached $41 billion in 2024.",
     {"periodStart": "2024", "periodEnd": "2024"}),
    ("Kazakhstan and Norway traded goods worth $2 billion between 2015 and 2024.",
     {"periodStart": "2015", "periodEnd": "2024"}),
    ("Kazakhstan's reserves stood at $45 billion as of January 1, 2025.",
     {"asOf": "2025-01-01"}),
    ("Kazakhstan and Norway signed a $2 billion deal.", {}),
])
def test_amounts_keep_the_time_they_cover(text, expected):
    ex = extract_text(text, published="2025-06-01")
    (key,) = [k for k in ex.entities if k.startswith("amount/")]
    got = {str(f.predicate).split("#")[-1]: str(f.object) for f in ex.facts
           if f.subject == key and f.predicate in (KG.periodStart, KG.periodEnd, KG.asOf)}
    assert got == expected
