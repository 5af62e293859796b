"""Date expressions: precision, year inference from publication, ranges, relative dates."""
from __future__ import annotations

import pytest
from rdflib.namespace import XSD

from kazgraph.loaders.text.dates import find_dates, normalise_published, parse_date, to_literal

PUB = "2021-03-10"


@pytest.mark.parametrize("expr, iso", [
    ("March 4", "2021-03-04"),
    ("Mar. 4", "2021-03-04"),
    ("Feb. 27", "2021-02-27"),
    ("Dec. 30", "2020-12-30"),  # after publication in the year -> the year before
    ("April 2", "2020-04-02"),
    ("August 14, 2019", "2019-08-14"),
    ("14 August 2019", "2019-08-14"),
    ("1998", "1998"),
    ("October", "2020-10"),
    ("in May", "2020-05"),
    ("July 2018", "2018-07"),
    ("mid-January", "2021-01"),
    ("late this month", "2021-03"),
    ("early this month", "2021-03"),
    ("last year", "2020"),
    ("this year", "2021"),
    ("next year", "2022"),
    ("last month", "2021-02"),
    ("next month", "2021-04"),
    ("yesterday", "2021-03-09"),
    ("2019-08-14", "2019-08-14"),
])
def test_parse_date(expr: str, iso: str) -> None:
    assert parse_date(expr, published=PUB) == iso


def test_forward_takes_nearest_not_before() -> None:
    assert parse_date("Feb. 2", published=PUB, forward=True) == "2022-02-02"
    assert parse_date("April 2", published=PUB, forward=True) == "2021-04-02"


def test_month_precision_publication() -> None:
    assert parse_date("Aug. 9", published="2019-08") == "2019-08-09"
    assert parse_date("Sept. 9", published="2019-08") == "2018-09-09"
    assert parse_date("Sept. 9", published="2019") == "2019-09-09"


def test_no_publication_keeps_text_precision() -> None:
    assert parse_date("Sept. 9", published=None) is None
    assert parse_date("Sept. 9, 2017", published=None) == "2017-09-09"
    assert parse_date("2017", published=None) == "2017"


def test_may_the_verb_is_not_a_month() -> None:
    assert parse_date("May", published=PUB) is None
    assert find_dates("Officials May agree.", published=PUB) == []
    assert find_dates("They may meet. dec and mar are words.", published=PUB) == []


def test_ranges() -> None:
    (m,) = find_dates("The forum ran Feb. 22–24 in Oslo.", published=PUB)
    assert (m.iso, m.end_iso) == ("2021-02-22", "2021-02-24")
    (m,) = find_dates("held Jan. 30 - Feb. 2, 2020", published=PUB)
    assert (m.iso, m.end_iso) == ("2020-01-30", "2020-02-02")
    (m,) = find_dates("between 3-5 March", published=PUB)
    assert (m.iso, m.end_iso) == ("2021-03-03", "2021-03-05")


def test_find_dates_spans_and_offset() -> None:
    text = "Ghana hosted talks on Feb. 3, and the fair opens in 2023."
    found = find_dates(text, published=PUB, offset=100)
    assert [m.iso for m in found] == ["2021-02-03", "2023"]
    assert text[found[0].span.start - 100:found[0].span.end - 100] == "Feb. 3"


def test_future_sentence_goes_forward() -> None:
    (m,) = find_dates("Peru will host the summit on Jan. 12.", published="2021-11-20")
    assert m.iso == "2022-01-12"
    (m,) = find_dates("Peru hosted the summit on Jan. 12.", published="2021-11-20")
    assert m.iso == "2021-01-12"


def test_future_may_goes_forward_like_other_months() -> None:
    # "in May" is a month only in its context; the forward reading must keep that context
    for month, iso in (("May", "2024-05"), ("June", "2024-06")):
        (m,) = find_dates(f"Chile will host the forum in {month}.", published="2024-04-20")
        assert m.iso == iso


def test_amounts_are_not_years() -> None:
    assert find_dates("a loan of $2000 and 2030 percent", published=PUB) == []


def test_relative_flag() -> None:
    (m,) = find_dates("It was signed last year.", published=PUB)
    assert m.relative and m.iso == "2020"


def test_to_literal_types_by_precision() -> None:
    assert to_literal("2020").datatype == XSD.gYear
    assert to_literal("2020-05").datatype == XSD.gYearMonth
    assert to_literal("2020-05-06").datatype == XSD.date


def test_normalise_published() -> None:
    assert normalise_published("2020-5-6") == "2020-05-06"
    assert normalise_published("2020-13") is None
    assert normalise_published("nope") is None
    assert normalise_published("2020-05-06T10:00:00Z") == "2020-05-06"


def test_past_verb_nearer_than_future_cue() -> None:
    (m,) = find_dates("The upcoming summit is on the agenda, Yonhap reported on Dec. 25.",
                      published="2021-01-05")
    assert m.iso == "2020-12-25"


@pytest.mark.parametrize("text, iso", [
    ("This October marks the anniversary.", "2021-10"),
    ("The fair was postponed in June last year.", "2020-06"),
    ("The fair moves to next February.", "2022-02"),
    ("It opened last March.", "2020-03"),
    ("Ministers meet in Quito on April 2.", "2021-04-02"),  # nearer ahead than back
    ("Ministers met in Quito on April 2.", "2020-04-02"),  # past tense
    ("A photo taken July 8,2019 shows the port.", "2019-07-08"),
])
def test_month_words_and_nearest_year(text: str, iso: str) -> None:
    assert [m.iso for m in find_dates(text, published="2021-03-20")] == [iso]


def test_future_cue_does_not_push_a_recent_date_a_year_ahead() -> None:
    (m,) = find_dates("After talks on March 18, the minister said trade would grow.",
                      published="2021-03-20")
    assert m.iso == "2021-03-18"


def test_next_and_same_day_follow_the_last_full_date() -> None:
    text = "Talks opened in Quito on March 2, and the next day the delegates toured the port."
    found = find_dates(text, published=PUB)
    assert [(m.iso, m.relative) for m in found] == [("2021-03-02", False), ("2021-03-03", True)]
    assert find_dates("The day before, they met.", published=PUB) == []
    assert parse_date("the next day", published=PUB) is None


def test_would_is_a_future_cue() -> None:
    (m,) = find_dates("The minister said the pact would be signed in September.",
                      published="2021-03-20")
    assert m.iso == "2021-09"


def test_weekdays_count_from_the_last_full_date_before_them():
    from kazgraph.loaders.text.dates import find_dates

    text = "March 6 — The envoy said on Tuesday that the talks would resume next Monday."
    assert [d.iso for d in find_dates(text, published="2019-03-09")] == \
        ["2019-03-06", "2019-03-05", "2019-03-11"]


def test_weekday_without_a_day_precise_anchor_is_not_guessed():
    from kazgraph.loaders.text.dates import find_dates

    assert find_dates("The ministers met on Friday.", published="2019-03") == []
    assert [d.iso for d in find_dates("They met last Friday.", published="2019-03-08")] == \
        ["2019-03-01"]


def test_may_after_last_next_or_this_is_the_month():
    found = {t: [d.iso for d in find_dates(t, published="2025-04-04")]
             for t in ("It met last May.", "It meets next May.", "It meets this May.",
                       "Talks may last long.")}
    assert found == {"It met last May.": ["2024-05"], "It meets next May.": ["2025-05"],
                     "It meets this May.": ["2025-05"], "Talks may last long.": []}
