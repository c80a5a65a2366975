"""The number parser, on sentences shaped like those in the reports (written for these tests)."""

import pytest

from tip_stats.numbers import _integer_written_plainly, find_numbers, parse_digits, readings, value_in_text


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


@pytest.mark.parametrize(
    ("raw", "value"),
    [("1234.567", 1234.567), ("12,50", 12.5), ("1.234.567,8", 1_234_567.8), ("1,234,567.8", 1_234_567.8)],
)
def test_digits_with_a_long_first_group_or_many_thousands(raw, value):
    assert parse_digits(raw) == value


@pytest.mark.parametrize("text", ["ref. 1,000.000,5", "ref. 1.000,000.5", "Article 12.345.6", "1,000.000.5"])
def test_digits_whose_marks_contradict_each_other_are_not_a_number(text):
    assert find_numbers(text) == ()
    assert not value_in_text(1000.0005, "persons", text)


def test_numbers_after_an_unreadable_one_are_still_found():
    assert [m.value for m in find_numbers("see 1.000,000.5 and 48 victims")] == [48]


@pytest.mark.parametrize(
    ("text", "value", "hint"),
    [
        ("EUR 300 a month", 300, "EUR"),
        ("usd 40", 40, "USD"),
        ("£5", 5, "GBP"),
        ("held for Six Months", 6, "months"),
        ("1 month", 1, "months"),
        ("sentenced to 3 Years", 3, "years"),
        ("Forty-Two cases", 42, None),
        ("Ninety victims", 90, None),
        ("a rise of 12 Percent", 12, "percent"),
        ("40% of them", 40, "percent"),
        ("a rise of 12 per cent", 12, "percent"),
        ("Seven", 7, None),
        ("2 Thousand", 2000, None),
        ("twenty one", 21, None),
    ],
)
def test_each_mention_has_its_value_and_unit_hint(text, value, hint):
    (mention,) = find_numbers(text)
    assert (mention.value, mention.unit_hint) == (value, hint)
    assert text[mention.start : mention.end] == mention.text


def test_every_kind_of_mention_is_listed_in_reading_order():
    text = "Tier 3: half of 40 victims, tens of thousands at risk, Millions of euros"
    mentions = find_numbers(text)
    assert [(m.value, m.unit_hint, m.text) for m in mentions] == [
        (3, "tier", "Tier 3"),
        (3, None, "3"),  # the digit is read on its own as well; the unit decides which reading counts
        (0.5, "fraction", "half"),
        (40, None, "40"),
        (10_000, None, "tens of thousands"),
        (1_000_000, None, "Millions"),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [("Tier One", 1), ("TIER THREE", 3), ("Tier 2 watch list", 2.5), ("Tier two Watchlist", 2.5), ("Tier 3", 3)],
)
def test_tiers_read_in_words_or_digits(text, value):
    tier, digit = find_numbers(text)
    assert (tier.value, tier.unit_hint, tier.text) == (value, "tier", text)
    assert digit.unit_hint is None
    assert value_in_text(value, "tier", text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("Hundreds of Thousands", 100_000), ("Tens of thousands", 10_000), ("thousands", 1_000), ("BILLIONS", 1e9)],
)
def test_amounts_in_words_ignore_case(text, value):
    (mention,) = find_numbers(text)
    assert mention.value == value
    assert text[mention.start : mention.end] == mention.text == text


def test_a_plural_scale_after_a_number_belongs_to_it_but_one_after_words_does_not():
    assert [m.text for m in find_numbers("2.5 millions")] == ["2.5"]
    assert [m.value for m in find_numbers("2.5 and millions")] == [2.5, 1_000_000]
    assert [m.value for m in find_numbers("losses of millions, then 2 and thousands")] == [1_000_000, 2, 1_000]
    assert [m.value for m in find_numbers("2.5 millions and thousands more")] == [2.5, 1_000]


@pytest.mark.parametrize(
    ("mention_text", "unit", "expected"),
    [
        ("Tier 2", "tier", {2}),
        ("Tier 2", "persons", set()),
        ("two", "tier", set()),
        ("a third", "percent", {1 / 3 * 100}),
        ("a third", "persons", {1 / 3}),
        ("six months", "years", {0.5, 6}),
        ("six months", "months", {6}),
        ("six years", "years", {6}),
    ],
)
def test_readings_of_a_mention_depend_on_the_figure_unit(mention_text, unit, expected):
    mention = find_numbers(mention_text)[0]
    assert readings(mention, unit) == expected


@pytest.mark.parametrize(
    ("text", "value", "found"),
    [
        ("48 victims", 48, True),
        ("148 victims", 48, False),
        ("1,480 victims", 48, False),
        ("4.48 per cent", 48, False),
        ("48.5 per cent", 48, False),
        ("48,000 people", 48, False),
        ("48. Then", 48, True),
        ("(48)", 48, True),
        ("48", 48, True),
        ("x48", 48, True),
        ("1948 and 48", 48, True),
        ("48.0", 48.5, False),
    ],
)
def test_a_plain_integer_must_stand_alone(text, value, found):
    assert value_in_text(value, "persons", text) is found


@pytest.mark.parametrize("value", [None, float("nan")])
def test_a_missing_value_is_never_in_the_text(value):
    assert not value_in_text(value, "persons", "none of the 0 cases")


def test_a_text_that_is_not_a_string_states_nothing():
    assert not value_in_text(3, "persons", None)
    assert not value_in_text(3, "persons", float("nan"))


def test_zero_words_do_not_prove_a_zero_tier():
    assert not value_in_text(0, "tier", "no tier was given")
    assert value_in_text(0, "persons", "No victims")
    assert value_in_text(0, "persons", "the courts did not, in the end, convict any traffickers")


@pytest.mark.parametrize(
    ("value", "text", "found"),
    [
        (48, "48 victims", True),
        (48, "of 48", True),
        (48, "x48", True),
        (48, "148 and 48", True),
        (48, "48 and 148", True),
        (48, "X48", True),
        (48, "48X5", True),
        (48, "485 people", False),
        (48, "148 victims", False),
        (48, "1.48 and 4,48", False),
        (48, "48.5", False),
        (48, "48,000", False),
        (48.0, "48.", True),
        (48.5, "48.5", False),  # not an integer: left to the full reader
        (7, "7", True),
    ],
)
def test_the_fast_path_finds_an_integer_only_where_it_stands_alone(value, text, found):
    assert _integer_written_plainly(value, text) is found
