"""URL state: reading never fails, writing always includes every parameter."""

from tip_stats.urlstate import Param, encode, query_string, read

SPECS = [
    Param("indicator", "choice", "victims_identified", ["victims_identified", "victim_price"]),
    Param("country", "multi", ["SRB", "MNE", "XKX"], ["SRB", "MNE", "XKX", "SCG"]),
    Param("time", "range", (2000, 2025), bounds=(1990, 2025)),
    Param("per_capita", "flag", False),
    Param("q", "text", ""),
]


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
