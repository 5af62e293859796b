"""The relation stage's money amounts: value, currency, kind, actors, what they measure."""
from decimal import Decimal

from rdflib.namespace import XSD

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
