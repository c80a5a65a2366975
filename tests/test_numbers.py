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


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("aid groups say hundreds of thousands of migrants are smuggled north every year", 100_000, "persons"),
        ("the cartel laundered millions of dollars through car dealerships", 1_000_000, "currency"),
        ("Thousands of workers were recruited for the harvest", 1_000, "persons"),
        ("tens of thousands of children never enrolled in school", 10_000, "persons"),
        ("hundreds of women were questioned at the border", 100, "persons"),
        ("losses ran into billions of euros", 1_000_000_000, "currency"),
    ],
)
def test_amount_in_words_reads_as_its_smallest_amount(text, value, unit):
    assert value_in_text(value, unit, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("hundreds of thousands of migrants", 100),  # the whole phrase, not its first word
        ("hundreds of thousands of migrants", 1_000),  # nor its last word
        ("hundreds of thousands of migrants", 1_000_000),
        ("a budget of 2.5 millions was approved", 1_000_000),  # the scale word belongs to its number
    ],
)
def test_amount_in_words_is_not_misread(text, value):
    assert not value_in_text(value, "persons", text)


def test_amount_in_words_is_one_mention():
    mentions = find_numbers("The gang earned millions of euros from hundreds of thousands of clients.")
    assert [(m.value, m.text) for m in mentions] == [(1_000_000, "millions"), (100_000, "hundreds of thousands")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("boys as young as nine were recruited to steal", 9),
        ("Girls as young as 13 were advertised online", 13),
        ("police found a 15-year-old girl in the flat", 15),
        ("the older victim was 19 years old", 19),
    ],
)
def test_ages_of_victims(text, value):
    assert value_in_text(value, "years", text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the girl had been kept in the cellar for over three months", 0.25),
        ("the factory's output fell to half of what it was before the war", 50),
        ("the share of foreign victims climbed from 20 to 45 percent", 20),
    ],
)
def test_durations_halves_and_baselines(text, value):
    unit = "years" if "months" in text else "percent"
    assert value_in_text(value, unit, text)


def test_unicode_look_alikes_of_number_words_are_not_read_as_numbers():
    # Case-insensitive matching would take "sıx" (dotless i) for "six" and then fail to look it up.
    assert find_numbers("sıx victims and ſix more") == ()
    assert [m.value for m in find_numbers("SIX victims")] == [6]
