"""URL state: reading never fails, writing always includes every parameter."""

import pytest

from tip_stats.urlstate import (
    InvalidParameter,
    Param,
    allowed,
    api_url,
    encode,
    figure_filter_specs,
    query_string,
    read,
    read_strict,
    search_filters,
)

SPECS = [
    Param("indicator", "choice", "victims_identified", ["victims_identified", "victim_price"]),
    Param("country", "multi", ["SRB", "MNE", "XKX"], ["SRB", "MNE", "XKX", "SCG"]),
    Param("time", "range", (2000, 2025), bounds=(1990, 2025)),
    Param("per_capita", "flag", False),
    Param("q", "text", ""),
]
DEFAULTS = {
    "indicator": "victims_identified",
    "country": ["SRB", "MNE", "XKX"],
    "time": (2000, 2025),
    "per_capita": False,
    "q": "",
}


def test_round_trip():
    values = {
        "indicator": "victim_price",
        "country": ["XKX", "SRB"],
        "time": (2004, 2010),
        "per_capita": True,
        "q": "begging",
    }
    again, notices = read(encode(values, SPECS), SPECS)
    assert again == values and notices == []


def test_defaults_are_written_too():
    encoded = encode({}, SPECS)
    assert encoded == {
        "indicator": "victims_identified",
        "country": "SRB~MNE~XKX",
        "time": "2000..2025",
        "per_capita": "0",
        "q": "",
    }
    assert "country=SRB~MNE~XKX" in query_string({}, SPECS)


def test_bad_values_fall_back_with_notices():
    values, notices = read(
        {"indicator": "<script>", "country": "ZZZ~", "time": "last year", "per_capita": "maybe"}, SPECS
    )
    assert values == {
        "indicator": "victims_identified",
        "country": ["SRB", "MNE", "XKX"],
        "time": (2000, 2025),
        "per_capita": False,
        "q": "",
    }
    assert len(notices) == 4


def test_partial_lists_and_ranges_are_kept_and_clipped():
    values, notices = read({"country": "MNE~BAD~MNE", "time": "2030..1980"}, SPECS)
    assert values["country"] == ["MNE"]
    assert values["time"] == (1990, 2025)
    assert len(notices) == 2


def test_repeated_parameters_use_the_last():
    values, _ = read({"indicator": ["victims_identified", "victim_price"]}, SPECS)
    assert values["indicator"] == "victim_price"
    values, _ = read({"q": ("first", "second", "third")}, SPECS)
    assert values["q"] == "third"


def test_notices_name_the_parameter_and_the_bad_value():
    _, notices = read({"indicator": "nope", "country": "ZZZ", "time": "soon", "per_capita": "maybe"}, SPECS)
    assert notices == [
        "unknown indicator 'nope'",
        "no known country in 'ZZZ'",
        "time must look like 1990..2025, not 'soon'",
        "per_capita must be 1 or 0, not 'maybe'",
    ]


def test_an_empty_repeated_parameter_means_the_default():
    values, notices = read({"indicator": [], "country": ()}, SPECS)
    assert values["indicator"] == "victims_identified"
    assert values["country"] == ["SRB", "MNE", "XKX"]
    assert notices == []


def test_a_list_keeps_its_order_and_says_what_it_ignored():
    values, notices = read({"country": "XKX~BAD~SRB~~XKX~ZZ"}, SPECS)
    assert values["country"] == ["XKX", "SRB"]
    assert notices == ["ignored unknown country BAD, ZZ"]


def test_a_range_inside_the_bounds_is_kept_without_a_notice():
    values, notices = read({"time": " 2010 .. 2004 "}, SPECS)
    assert values["time"] == (2004, 2010)
    assert notices == []


def test_a_range_on_the_bounds_is_kept_and_one_past_them_is_narrowed():
    assert read({"time": "1990..2025"}, SPECS) == ({**DEFAULTS, "time": (1990, 2025)}, [])
    values, notices = read({"time": "1989..2026"}, SPECS)
    assert values["time"] == (1990, 2025)
    assert notices == ["time narrowed to 1990..2025"]


def test_a_range_wholly_outside_the_bounds_falls_back():
    values, notices = read({"time": "2030..2040"}, SPECS)
    assert values["time"] == (2000, 2025)
    assert notices == ["time 2030..2040 lies outside 1990..2025"]


def test_a_range_touching_a_bound_from_outside_keeps_that_year():
    assert read({"time": "2025..2040"}, SPECS)[0]["time"] == (2025, 2025)
    assert read({"time": "1980..1990"}, SPECS)[0]["time"] == (1990, 1990)


def test_flags_read_the_usual_words_in_any_case():
    for raw, expected in [("YES", True), (" on ", True), ("true", True), ("1", True)]:
        assert read({"per_capita": raw}, SPECS) == ({**DEFAULTS, "per_capita": expected}, [])
    for raw in ["Off", "no", "FALSE", "0", ""]:
        spec = [Param("per_capita", "flag", True)]
        assert read({"per_capita": raw}, spec) == ({"per_capita": False}, [])


def test_text_is_cut_at_its_limit_with_a_notice():
    assert read({"q": "x" * 200}, SPECS) == ({**DEFAULTS, "q": "x" * 200}, [])
    values, notices = read({"q": "y" * 201}, SPECS)
    assert values["q"] == "y" * 200
    assert notices == ["q shortened to 200 characters"]


def test_values_are_read_as_text():
    values, notices = read({"time": 2010}, [Param("time", "text", "")])
    assert values == {"time": "2010"} and notices == []


def test_a_missing_text_value_is_left_out_and_flags_write_one_or_zero():
    specs = [Param("q", "text", None), Param("per_capita", "flag", False)]
    assert encode({"per_capita": True}, specs) == {"per_capita": "1"}
    assert encode({"per_capita": 0}, specs) == {"per_capita": "0"}


def test_query_string_joins_every_parameter_in_order():
    values = {"indicator": "victim_price", "country": ["MNE"], "time": (2004, 2010), "per_capita": True, "q": "a b&c"}
    assert query_string(values, SPECS) == ("indicator=victim_price&country=MNE&time=2004..2010&per_capita=1&q=a+b%26c")


STRICT_SPECS = [*SPECS, Param("source", "choice", "", ["", "tip_2021"])]


def test_strict_reading_accepts_what_the_pages_write():
    values = {"indicator": "victim_price", "country": ["XKX"], "time": (2004, 2010), "per_capita": True, "q": "x"}
    again, given = read_strict({k: [v] for k, v in encode(values, STRICT_SPECS).items()}, STRICT_SPECS)
    assert again == values | {"source": ""} and given == {spec.name for spec in STRICT_SPECS}


def test_strict_reading_names_the_parameter_and_what_it_allows():
    for params, name, allowed_words in [
        ({"country": "SRB~NOPE"}, "country", "SRB, MNE, XKX, SCG, separated by ~"),
        ({"time": "abc"}, "time", "within 1990..2025"),
        ({"time": "2030..2040"}, "time", "within 1990..2025"),
        ({"indicator": "nope"}, "indicator", "one of victims_identified, victim_price"),
        ({"per_capita": "maybe"}, "per_capita", "1 or 0"),
        ({"q": "x" * 201}, "q", "at most 200"),
        ({"colour": "red"}, "colour", "indicator, country, time"),
        ({"country": ["SRB", "MNE"]}, "country", "given once"),
    ]:
        with pytest.raises(InvalidParameter) as caught:
            read_strict(params, STRICT_SPECS)
        assert caught.value.parameter == name and allowed_words in caught.value.allowed
        assert str(caught.value).startswith(f"{name}: ")


def test_strict_reading_narrows_a_range_without_complaint():
    values, _ = read_strict({"time": "1980..2030"}, STRICT_SPECS)
    assert values["time"] == (1990, 2025)


def test_an_empty_list_is_the_default_without_a_notice():
    values, notices = read({"country": ""}, SPECS)
    assert values["country"] == ["SRB", "MNE", "XKX"] and notices == []


def test_long_option_lists_are_cut_short():
    spec = Param("country", "multi", [], [f"C{i:02d}" for i in range(40)])
    assert (
        allowed(spec).endswith("... (40 in all), separated by ~")
        and "C11" in allowed(spec)
        and "C12" not in allowed(spec)
    )


def test_api_url_keeps_the_figure_filters_that_differ_from_defaults():
    specs = figure_filter_specs(["SRB", "MNE"], ["victims_identified"], ["victims"], ["tip_2021"], (1990, 2025))
    values = {"country": ["SRB", "MNE"], "indicator": [], "category": [], "time": (1990, 2025), "source": "", "q": ""}
    assert api_url("https://x.test/", values, specs) == "https://x.test/api/figures.csv?country=SRB~MNE"
    values |= {"time": (2008, 2024), "q": "forced labour"}
    assert api_url("https://x.test", values, [*specs, Param("per_capita", "flag", False)], "json") == (
        "https://x.test/api/figures.json?country=SRB~MNE&time=2008..2024&q=forced+labour"
    )


def test_search_filters_map_the_values_to_the_query():
    values = {"country": ["SRB"], "indicator": [], "category": ["law"], "time": (2000, 2010), "source": "", "q": " a "}
    assert search_filters(values, include_undated=False) == {
        "countries": ["SRB"],
        "indicators": [],
        "categories": ["law"],
        "year_from": 2000,
        "year_to": 2010,
        "source_id": "",
        "text": "a",
        "include_undated": False,
    }


def filters() -> list[Param]:
    """The figure filters, built inside each test (a module-level call would escape mutation testing)."""
    return figure_filter_specs(["SRB", "MNE"], ["victims_identified"], ["victims"], ["tip_2021"], (1990, 2025))


def test_figure_filters_read_every_parameter_the_explorer_writes():
    params = {
        "country": "MNE",
        "indicator": "victims_identified",
        "category": "victims",
        "time": "2000..2010",
        "source": "tip_2021",
        "q": "x",
    }
    values, given = read_strict(params, filters())
    assert values == {
        "country": ["MNE"],
        "indicator": ["victims_identified"],
        "category": ["victims"],
        "time": (2000, 2010),
        "source": "tip_2021",
        "q": "x",
    }
    assert given == set(params)
    assert read_strict({}, filters())[0] == {
        "country": [], "indicator": [], "category": [], "time": (1990, 2025), "source": "", "q": ""
    }  # fmt: skip
    assert read({"time": "1980..2030"}, filters())[1] == ["time narrowed to 1990..2025"]
    assert read_strict({"source": ""}, filters())[0]["source"] == ""  # "no source", as the explorer writes it
    with pytest.raises(InvalidParameter, match="^source: "):
        read_strict({"source": "other"}, filters())
    with pytest.raises(InvalidParameter, match="^category: "):
        read_strict({"category": "law"}, filters())


def test_strict_reading_says_what_went_wrong():
    cases = [
        ({"colour": "red"}, "colour: unknown parameter. Allowed: indicator, country, time, per_capita, q"),
        ({"q": ["a", "b"]}, "q: given more than once. Allowed: text of at most 200 characters, given once"),
        (
            {"country": "ZZ"},
            "country: no known country in 'ZZ'. Allowed: one or more of SRB, MNE, XKX, SCG, separated by ~",
        ),
        ({"per_capita": "maybe"}, "per_capita: per_capita must be 1 or 0, not 'maybe'. Allowed: 1 or 0"),
    ]
    for params, message in cases:
        with pytest.raises(InvalidParameter) as caught:
            read_strict(params, SPECS)
        assert str(caught.value) == message
    with pytest.raises(InvalidParameter, match="Allowed: no parameters$"):
        read_strict({"q": "x"}, [])


def test_strict_reading_accepts_an_empty_list_and_a_false_flag():
    values, _ = read_strict({"country": "", "per_capita": "0"}, SPECS)
    assert values["country"] == ["SRB", "MNE", "XKX"] and values["per_capita"] is False


def test_allowed_lists_up_to_twelve_options_and_ranges_without_bounds():
    twelve = Param("c", "choice", "", ["", *[f"C{i}" for i in range(12)]])
    assert allowed(twelve) == "one of " + ", ".join(f"C{i}" for i in range(12))
    assert allowed(Param("t", "range", (1, 2))) == "FROM..TO"
    assert allowed(Param("t", "range", (1, 2), bounds=(1990, 2025))) == "FROM..TO, two years within 1990..2025"


def test_search_filters_keep_undated_figures_unless_told():
    values = {"country": [], "indicator": [], "category": [], "time": (1990, 2025), "source": "", "q": ""}
    assert search_filters(values)["include_undated"] is True


def test_api_url_without_filters_has_no_query_and_one_slash():
    values = {"country": [], "indicator": [], "category": [], "time": (1990, 2025), "source": "", "q": ""}
    assert api_url("https://x.test//", values, filters(), "json") == "https://x.test/api/figures.json"
    values["q"] = "a~b.c"
    assert api_url("https://x.test", values, filters()).endswith("?q=a~b.c")
