"""The curation assistant (``tip-stats extract``), on sentences written for these tests in the style of the reports.

One test runs the ``--check`` measurement over the real seed documents; it is skipped when the seeds folder is
absent on this machine.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import pytest

from tip_stats import extract
from tip_stats.extract import check, command
from tip_stats.numbers import value_in_text
from tip_stats.schema import CURRENCIES, normalise_whitespace
from tip_stats.settings import settings

REPO_ROOT = Path(__file__).resolve().parents[1]

CATALOGUE = extract.load_resources(REPO_ROOT / "data" / "indicators")

NEWS_PAGE = """Police Free Nine Women in Novi Sad Raid

Beta News Agency, NOVI SAD, 14 March 2011

[accessed 2 May 2016]

[page 12] Police in Vojvodina arrested 17 suspects and freed nine women held in two apartments. Officers said about \
40 percent of the victims were minors. One of the women said she had been sold for EUR 1.500 to 2,000.

Court in Bijelo Polje Hands Down Sentences

Associated Press, PODGORICA, June 3, 2009

[accessed 19 November 2013]

The court sentenced the ring's leader to 11 years in jail. The prosecutor said the ring had moved at least 60 women \
through the port.
"""

WRAPPED_PAPER = """Under the criminal code of the Republic of Serbia, trafficking in human beings

is punished by imprisonment of at least three

years, and trafficking in minors by imprisonment of five to fifteen years [7].

The recommendations are the following:

1. training of police officers in all 25 districts;

2. three new shelters for victims.
"""


def rows_for(text: str) -> list[dict]:
    return extract.extract(text, CATALOGUE, "test_source")


def row_with(rows: list[dict], value: str) -> dict:
    found = [row for row in rows if row["value"] == value]
    assert found, f"no candidate with value {value}: {[row['value'] for row in rows]}"
    return found[0]


def values(rows: list[dict]) -> set[str]:
    return {row["value"] for row in rows}


# --------------------------------------------------------------------------- numbers that are not figures


@pytest.mark.parametrize(
    ("sentence", "dropped"),
    [
        ("[page 64] Police in Serbia arrested 14 suspects in the operation.", "64"),
        ("Police in Serbia arrested 14 suspects in the operation [21].", "21"),
        ("Police in Serbia arrested 14 suspects in the operation.21 Later the victims were freed.", "21"),
        ("The SOS hotline for victims in Serbia is 11 22 58 903, where 14 suspects were reported arrested.", "903"),
        ("Country code: 381- Police in Serbia arrested 14 suspects.", "381"),
        ("Index Number: EUR 65/004/2007 - police in Serbia arrested 14 suspects.", "65"),
        ("Under Article 388 the police in Serbia arrested 14 suspects and the prosecutor charged 14 suspects.", "388"),
        ("Police in Serbia arrested 14 suspects, including a 15-year-old girl, in 2011.", "15"),
        ("Police in Serbia arrested 14 suspects in 2011.", "2011"),
        ("Police in Serbia arrested 14 suspects during the 1990s.", "1990"),
    ],
)
def test_non_figures_are_dropped(sentence, dropped):
    rows = rows_for(sentence)
    assert "14" in values(rows)
    assert dropped not in values(rows)


def test_access_dates_are_neither_figures_nor_reference_years():
    text = (
        "Raid in Serbia\n\nRadio Belgrade, 4 April 2006\n\n[accessed 26 February 2015]\n\nPolice arrested 8 suspects."
    )
    row = row_with(rows_for(text), "8")
    assert row["reference_year"] == "2006"
    assert values(rows_for(text)) == {"8"}


def test_list_numbers_phases_and_articles_in_a_paper_are_not_figures():
    rows = rows_for(WRAPPED_PAPER)
    assert values(rows) == {"3", "5"}  # "1.", "2.", "[7]", "25 districts" and "three new shelters" are not figures


# --------------------------------------------------------------------------- sentences, quotes, number forms


def test_hard_wrapped_sentences_are_rejoined_and_quoted_verbatim():
    rows = rows_for(WRAPPED_PAPER)
    minimum = row_with(rows, "3")
    assert minimum["quote"].startswith("Under the criminal code of the Republic of Serbia")
    assert minimum["quote"].endswith("fifteen years [7].")
    assert normalise_whitespace(minimum["quote"]) in normalise_whitespace(WRAPPED_PAPER)


def test_every_candidate_passes_the_validators_quote_and_value_checks():
    document = normalise_whitespace(NEWS_PAGE)
    for row in rows_for(NEWS_PAGE):
        unit = "currency" if row["unit"] in CURRENCIES else row["unit"]
        assert normalise_whitespace(row["quote"]) in document
        assert value_in_text(float(row["value"]), unit, row["quote"])
        assert not row["value_high"] or value_in_text(float(row["value_high"]), unit, row["quote"])


def test_page_marker_is_not_part_of_the_quote():
    row = row_with(rows_for(NEWS_PAGE), "17")
    assert row["quote"].startswith("Police in Vojvodina arrested 17 suspects")


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Police in Kosovo rescued three victims of trafficking.", "3", "persons"),
        ("Over 250.000 victims pass through the Balkans each year.", "250000", "persons"),
        ("In Kosovo girls were sold for 4 thousand euros each.", "4000", "EUR"),
        ("In Serbia a trafficked boy was sold for $1,250 by his uncle.", "1250", "USD"),
        ("Italian police seized 12 tonnes of cannabis from Albania in 2014.", "12", "tonnes"),
        ("Over half of the victims identified in Serbia in 2012 were children.", "50", "percent"),
    ],
)
def test_number_forms(sentence, value, unit):
    row = row_with(rows_for(sentence), value)
    assert row["unit"] == unit


# --------------------------------------------------------------------------- ranges


@pytest.mark.parametrize(
    ("sentence", "value", "high", "unit"),
    [
        ("In Kosovo victims were sold for prices from EUR 80 to 2,500.", "80", "2500", "EUR"),
        ("Two Serbians Given 6 To 8 Years In Jail For Trafficking", "6", "8", "years"),
        ("In Serbia trafficking is punished by imprisonment of three months to four years.", "0.25", "4", "years"),
        ("The court in Podgorica sentenced him to between 3 and 5 years in prison.", "3", "5", "years"),
    ],
)
def test_ranges_become_one_candidate(sentence, value, high, unit):
    rows = rows_for(sentence)
    assert len(rows) == 1
    assert (rows[0]["value"], rows[0]["value_high"], rows[0]["unit"]) == (value, high, unit)


def test_a_change_is_two_figures_not_a_range():
    rows = rows_for("In Serbia the share of children among victims rose from 12 to 48 percent.")
    assert sorted((row["value"], row["value_high"], row["unit"]) for row in rows) == [
        ("12", "", "percent"),
        ("48", "", "percent"),
    ]


# --------------------------------------------------------------------------- countries


@pytest.mark.parametrize(
    ("sentence", "country"),
    [
        ("Police in Novi Sad arrested 5 suspects.", "SRB"),
        ("Serbian police arrested 5 suspects.", "SRB"),
        ("Police in Podgorica arrested 5 suspects.", "MNE"),
        ("Montenegrin police arrested 5 suspects.", "MNE"),
        ("KPS officers arrested 5 suspects.", "XKX"),
        ("UNMIK police in Prizren arrested 5 suspects.", "XKX"),
        ("The police in Prishtinë/Pristina arrested 5 suspects.", "XKX"),
        ("Police in Skopje arrested 5 suspects.", "MKD"),
        ("Police in Tirana arrested 5 suspects.", "ALB"),
        ("Police in London arrested 5 suspects.", "GBR"),
        ("Across the Western Balkans police arrested 5 suspects.", "WBALKANS"),
        ("Across the Balkans police arrested 5 suspects.", "BALKANS"),
        ("Across South-East Europe police arrested 5 suspects.", "SEE"),
        ("Police in Kosovo arrested 5 suspects from Albania.", "XKX"),  # "from Albania" is an origin
        ("Police arrested 5 suspects, two of Albanian ethnicity, in a Kosovo hotel.", "XKX"),
        ("At least 5 women are trafficked into prostitution in Italy and Britain each year.", "ITA_GBR"),
    ],
)
def test_country_from_the_sentence(sentence, country):
    assert row_with(rows_for(sentence), "5")["country"] == country


def test_country_from_the_paragraph_then_the_paragraphs_before():
    text = (
        "MONTENEGRO - The police reported a raid in a coastal town. Officers found 6 victims there.\n\n"
        "The prosecutor later charged 4 suspects who were arrested in the raid."
    )
    rows = rows_for(text)
    assert row_with(rows, "6")["country"] == "MNE"
    assert "paragraph" in row_with(rows, "6")["notes"]
    assert row_with(rows, "4")["country"] == "MNE"
    assert "context" in row_with(rows, "4")["notes"]


def test_headline_takes_the_country_of_its_own_article():
    text = (
        "Victims in Serbia were helped by a hotline.\n\n"
        "Serbians Given 7 Years In Jail For Trafficking\n\n"
        "Tanjug News Agency, PRISTINA, 9 October 2007\n\n"
        "The court found them guilty."
    )
    assert row_with(rows_for(text), "7")["country"] == "XKX"  # the byline's city, not the paragraph before


def test_country_left_empty_when_nothing_names_one():
    row = row_with(rows_for("The police arrested 5 suspects."), "5")
    assert row["country"] == ""


# --------------------------------------------------------------------------- indicators


@pytest.mark.parametrize(
    ("sentence", "indicator"),
    [
        ("In 2010 the police in Serbia identified 61 victims of trafficking.", "victims_identified"),
        ("In 2010 the police in Serbia rescued 61 victims of trafficking.", "victims_rescued"),
        ("In 2010 the police in Serbia arrested 61 suspects for trafficking.", "trafficking_arrests"),
        ("In 2010 prosecutors in Serbia prosecuted 61 defendants for trafficking.", "prosecutions_defendants"),
        ("In 2010 courts in Serbia convicted 61 traffickers.", "convictions_persons"),
        ("In 2010 police in Serbia filed 61 criminal complaints against 90 suspects.", "criminal_complaints_cases"),
        ("In 2010 police in Serbia filed 12 criminal complaints against 61 suspects.", "criminal_complaints_persons"),
        ("In 2010 unemployment in Serbia stood at 61 percent of the labour force.", "unemployment_rate"),
        ("In 2010 the average annual income in Serbia was $61 per person.", "income_per_capita"),
        ("In 2010 police in Serbia found 61 children begging in the streets.", "children_in_hazardous_work"),
        ("In 2010 a girl from Serbia was sold for EUR 61 to a trafficker.", "victim_price"),
        ("In 2010 police in Albania seized 61 tonnes of cannabis.", "cannabis_seized"),
        ("In 2010 the opiate trade's profits in Serbia were $61 million.", "opiate_trafficking_profits"),
        ("In Serbia trafficking shall be punished with imprisonment of at least 61 years.", "statutory_prison_term"),
        ("In 2010 a court in Serbia sentenced him to 61 years in jail.", "prison_sentence_imposed"),
        ("In 2010, 61 percent of the identified victims in Serbia were children.", "victims_children_share"),
        ("In 2010, 61 percent of the identified victims in Serbia were Serbian citizens.", "victims_nationals_share"),
    ],
)
def test_indicator_from_keywords(sentence, indicator):
    row = row_with(rows_for(sentence), "61000000" if "million" in sentence else "61")
    assert row["indicator"] == indicator
    assert row["unit"] in (CATALOGUE.indicator_units[indicator], "USD", "EUR")


def test_tier_placement():
    row = row_with(rows_for("In 2014 Serbia was placed on Tier 2 Watch List."), "2.5")
    assert (row["indicator"], row["unit"], row["country"]) == ("tip_tier", "tier", "SRB")


def test_keywords_count_within_their_clause():
    rows = rows_for(
        "In Kosovo 30 percent of the victims were denied medical care, while only 5 percent had regular health care."
    )
    assert row_with(rows, "30")["indicator"] == "victims_denied_medical_care_share"
    assert row_with(rows, "5")["indicator"] == "victims_regular_health_care_share"


def test_numbers_without_a_keyword_or_unit_are_not_proposed():
    assert rows_for("The delegation from Serbia visited three cities and met 12 ministers in 2011.") == []


def test_breakdown_of_a_total_by_sex_and_listed_counts():
    rows = rows_for("In Montenegro police identified 19 victims, of whom 11 were women and 8 were men.")
    assert [(row["value"], row["breakdown_type"], row["breakdown"]) for row in rows] == [
        ("19", "total", ""),
        ("11", "sex", "female"),
        ("8", "sex", "male"),
    ]
    listed = rows_for("In Kosovo 40 children were found begging, 9 in car washing and 3 in street vending.")
    assert {row["indicator"] for row in listed} == {"children_in_hazardous_work"}
    assert values(listed) == {"40", "9", "3"}


@pytest.mark.parametrize(
    "sentence",
    [
        "In one case a victim in Serbia was sold from one trafficker to another for EUR 900.",
        "One of the traffickers in Serbia sold the girl for EUR 900.",
    ],
)
def test_idiomatic_one_is_not_a_count(sentence):
    assert values(rows_for(sentence)) == {"900"}


# --------------------------------------------------------------------------- years


def test_year_from_the_sentence_before_the_byline():
    rows = rows_for(NEWS_PAGE.replace("the ring's leader to 11 years", "the ring's leader in 2008 to 11 years"))
    assert row_with(rows, "11")["reference_year"] == "2008"
    assert row_with(rows, "60")["reference_year"] == "2009"


def test_year_from_the_byline_of_the_article():
    rows = rows_for(NEWS_PAGE)
    assert row_with(rows, "17")["reference_year"] == "2011"  # "Beta News Agency, NOVI SAD, 14 March 2011"
    assert row_with(rows, "60")["reference_year"] == "2009"  # "Associated Press, PODGORICA, June 3, 2009"
    assert row_with(rows, "60")["country"] == "MNE"


def test_year_from_a_report_title_not_its_publication_date():
    text = (
        "2015 Country Reports on Human Rights Practices\n\n"
        "U.S. Department of State, 13 April 2016\n\n"
        "SERBIA -- Police identified 24 victims of trafficking."
    )
    assert row_with(rows_for(text), "24")["reference_year"] == "2015"


def test_a_period_start_is_not_the_reference_year():
    text = "About 30 Victims Rescued in Serbia since May 2001\n\nBeta News Agency, BELGRADE, July 2, 2003"
    assert row_with(rows_for(text), "30")["reference_year"] == "2003"


# --------------------------------------------------------------------------- qualifiers


@pytest.mark.parametrize(
    ("words", "qualifier"),
    [
        ("rescued about 70", "about"),
        ("rescued around 70", "about"),
        ("rescued approximately 70", "about"),
        ("rescued nearly 70", "nearly"),
        ("rescued almost 70", "nearly"),
        ("rescued at least 70", "at least"),
        ("rescued up to 70", "up to"),
        ("rescued more than 70", "more than"),
        ("rescued over 70", "more than"),
        ("rescued an estimated 70", "estimate"),
        ("rescued 70", "exact"),
    ],
)
def test_qualifiers(words, qualifier):
    row = row_with(rows_for(f"In 2012 police in Serbia {words} victims."), "70")
    assert row["qualifier"] == qualifier


def test_as_little_as():
    row = row_with(rows_for("In Serbia children were sold for as little as £250."), "250")
    assert (row["qualifier"], row["unit"]) == ("as little as", "GBP")


# --------------------------------------------------------------------------- output and command line


def test_rows_have_the_figures_columns_and_are_sorted_by_confidence():
    rows = rows_for(NEWS_PAGE)
    assert list(rows[0]) == extract.FIGURE_COLUMNS + ["page", "rule", "confidence"]
    confidences = [row["confidence"] for row in rows]
    assert confidences == sorted(confidences, reverse=True)
    assert all(0 <= c <= 1 for c in confidences)
    assert [row["figure_id"] for row in rows][:2] == ["test_source-001", "test_source-002"]
    assert {row["source_id"] for row in rows} == {"test_source"}


def test_extraction_is_deterministic():
    assert rows_for(NEWS_PAGE) == rows_for(NEWS_PAGE)


@pytest.mark.parametrize("text", ["", "\n\n", "No numbers here.", "12", "[page 3]\r\n[accessed 1 May 2020]"])
def test_texts_without_figures(text):
    assert rows_for(text) == []


def test_main_writes_a_csv(tmp_path, capsys):
    document = tmp_path / "report.txt"
    document.write_text(NEWS_PAGE, encoding="utf-8")
    out = tmp_path / "candidates.csv"
    args = argparse.Namespace(document=str(document), source_id="news_2011", out=str(out), check=False)
    assert command.main(args) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and rows[0]["source_id"] == "news_2011"
    assert "Wrote" in capsys.readouterr().out


def test_main_needs_a_document_or_check(capsys):
    args = argparse.Namespace(document=None, source_id="", out=None, check=False)
    assert command.main(args) == 2
    assert "--check" in capsys.readouterr().err


def test_check_counts_matches_by_value_and_country(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name in ("countries.csv", "indicators.csv", "extract_rules.csv", "place_aliases.csv", "extract_words.csv"):
        (data / name).write_text((REPO_ROOT / "data" / "indicators" / name).read_text(encoding="utf-8"))
    (data / "sources.csv").write_text(
        "source_id,publisher,authority,title,published,document,url,notes\nnews,P,P,T,2011,report.txt,,\nweb,P,P,T,2011,,,\n",
        encoding="utf-8",
    )
    header = ",".join(extract.FIGURE_COLUMNS)
    (data / "figures.csv").write_text(
        f"{header}\n"
        "a,SRB,trafficking_arrests,2011,,,17,,persons,exact,total,,news,arrested 17 suspects,en,,,\n"
        "b,MNE,trafficking_arrests,2011,,,9,,persons,exact,total,,news,freed nine women,en,,,\n"
        "c,SRB,trafficking_arrests,2011,,,99,,persons,exact,total,,web,not in a document,en,,,\n",
        encoding="utf-8",
    )
    documents = tmp_path / "docs"
    documents.mkdir()
    (documents / "report.txt").write_text(NEWS_PAGE, encoding="utf-8")
    result = check.run_check(data, documents)
    assert (result.curated, result.found) == (2, 1)  # 9 is found in SRB, not MNE; figure c has no document
    assert result.matching >= 1 and result.candidates >= result.matching


def test_ranges_are_found_by_value_for_recall_but_precision_needs_the_country():
    curated = {"value": "10", "value_high": "12", "country": "XKX"}
    elsewhere = {"value": "10", "country": "SRB"}
    assert check.matches(elsewhere, curated, range_by_value=True)
    assert not check.matches(elsewhere, curated)
    assert check.matches({"value": "10.0", "country": "XKX"}, curated)
    assert not check.matches({"value": "11", "country": "XKX"}, curated, range_by_value=True)


def test_check_on_the_seed_documents_meets_the_targets():
    documents_dir = settings().documents_dir
    if not documents_dir.is_dir():
        pytest.skip(f"seed documents not present at {documents_dir}")
    result = check.run_check()
    assert result.curated > 0
    assert result.recall >= 0.95, result
    assert result.precision >= 0.60, result
    assert result.seconds < 5
