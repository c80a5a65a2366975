"""The number parser, on sentences shaped like those in the reports (written for these tests)."""

import pytest

from tip_stats.numbers import find_numbers, parse_digits, value_in_text


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("120.000", 120_000),
        ("1,400", 1_400),
        ("3,500", 3_500),
        ("1.7", 1.7),
        ("0,5", 0.5),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("2018", 2018),
        ("19.7", 19.7),
    ],
)
def test_digits(raw, value):
    assert parse_digits(raw) == value


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Over 250.000 migrants crossed the border each year", 250_000, "persons"),
        ("an average monthly wage of $1,150 in the capital", 1150, "currency"),
        ("youth unemployment stood at 47% last spring", 47, "percent"),
        ("she was sold for 5 thousand euros", 5000, "currency"),
        ("police freed four girls from a bar", 4, "persons"),
        ("nearly 200 people were questioned", 200, "persons"),
        ("profits were put at $ 2.4 billion", 2_400_000_000, "currency"),
        ("punished by imprisonment of three months to two years", 0.25, "years"),
        ("punished by imprisonment of three months to two years", 2, "years"),
        ("about a third of them were boys", 100 / 3, "percent"),
        ("over half were girls", 50, "percent"),
        ("COUNTRY X: Tier 2 Watch List", 2.5, "tier"),
        ("COUNTRY Y: TIER 1", 1, "tier"),
        ("twenty-one defendants were convicted", 21, "persons"),
        ("prices between €40 and €2,000", 2000, "currency"),
        ("eleven per cent of the children", 11, "percent"),
    ],
)
def test_value_is_found_in_sentence(text, value, unit):
    assert value_in_text(value, unit, text)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("identified 48 victims (36 in 2018)", 47, "persons"),
        ("COUNTRY X: Tier 2 Watch List", 2, "tier"),
        ("about a third of them", 3, "tier"),
        ("a sentence without any figure", 1, "persons"),
    ],
)
def test_absent_value_is_not_found(text, value, unit):
    assert not value_in_text(value, unit, text)


def test_mentions_carry_position_and_unit_hint():
    text = "Police arrested 13 people and seized €3,000."
    mentions = find_numbers(text)
    assert [(m.value, m.unit_hint) for m in mentions] == [(13, None), (3000, "EUR")]
    assert text[mentions[1].start : mentions[1].end] == "€3,000"


def test_tier_watch_list_does_not_count_as_a_plain_tier():
    assert not value_in_text(2, "tier", "Tier 2 Watch List")


@pytest.mark.parametrize(
    "text",
    [
        "the government did not convict any traffickers",
        "no official victims in 2018",
        "it identified none",
        "the number fell to zero",
    ],
)
def test_zero_stated_in_words(text):
    assert value_in_text(0, "persons", text)


def test_zero_needs_words_that_say_so():
    assert not value_in_text(0, "persons", "the government convicted traffickers")
