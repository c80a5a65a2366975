"""Chart builders are pure: traces, colours, markers, gaps and hover text checked without a server."""

import pandas as pd

from tip_stats import charts


def points(rows):
    frame = pd.DataFrame(
        rows,
        columns=[
            "country",
            "country_name",
            "reference_year",
            "value",
            "value_high",
            "qualifier",
            "unit",
            "publisher",
            "published",
            "quote",
        ],
    )
    frame["also_reported"] = None
    return frame


SAMPLE = points(
    [
        ["SRB", "Serbia", 2015, 36, None, "exact", "persons", "U.S. Department of State", "2016-06", "36 victims"],
        ["SRB", "Serbia", 2016, 49, None, "exact", "persons", "U.S. Department of State", "2017-06", "49 victims"],
        ["SRB", "Serbia", 2019, 39, None, "about", "persons", "U.S. Department of State", "2020-06", "about 39"],
        ["MNE", "Montenegro", 2016, 3, 5, "at least", "persons", "Agency", "2017", "<b>3</b> to 5 <script>x</script>"],
    ]
)


def country_traces(fig):
    return [t for t in fig.data if t.mode == "markers" and not (t.meta or {}).get("key")]


def test_one_marker_trace_per_country_with_fixed_colours():
    fig = charts.compare_chart(SAMPLE, "title", "persons", "Source: test")
    traces = country_traces(fig)
    assert [t.name for t in traces] == ["Serbia", "Montenegro"]
    assert traces[0].marker.color == charts.COUNTRY_COLOURS["SRB"] == "#0072B2"
    assert traces[1].marker.color == charts.COUNTRY_COLOURS["MNE"]


def test_lines_break_between_non_consecutive_years():
    fig = charts.compare_chart(SAMPLE, "title", "persons", "Source: test")
    line = next(t for t in fig.data if t.mode == "lines" and t.legendgroup.startswith("SRB|"))
    assert list(line.x) == [2015, 2016, None, 2019]


def test_qualifiers_change_the_marker_and_the_legend_says_so():
    fig = charts.compare_chart(SAMPLE, "title", "persons", "Source: test")
    serbia, montenegro = country_traces(fig)
    assert list(serbia.marker.symbol) == ["circle", "circle", "circle-open"]
    assert list(montenegro.marker.symbol) == ["triangle-up"]
    keys = [t.name for t in fig.data if (t.meta or {}).get("key")]
    assert any("approximate" in k for k in keys) and any("lower bound" in k for k in keys)
    assert any("range" in k for k in keys)
    assert list(montenegro.error_y.array) == [2]


def test_hover_shows_value_source_and_escaped_quote():
    fig = charts.compare_chart(SAMPLE, "title", "persons", "Source: test")
    hover = country_traces(fig)[1].hovertext[0]
    assert "at least 3 to 5" in hover and "Agency (2017)" in hover
    assert "&lt;script&gt;" in hover and "<script>" not in hover and "&lt;b&gt;3&lt;/b&gt;" in hover


def test_title_source_and_integer_year_axis():
    fig = charts.compare_chart(
        SAMPLE, "Victims identified, Serbia and Montenegro, 2015–2019", "persons", "Source: U.S. Department of State"
    )
    assert fig.layout.title.text.startswith("Victims identified")
    assert fig.layout.xaxis.tickformat == "d" and fig.layout.xaxis.dtick == 1
    assert "Source: U.S. Department of State" in fig.layout.title.subtitle.text
    assert fig.layout.legend.orientation == "h" and fig.layout.legend.y < 0  # under the plot, not beside it


def test_format_value_and_title_helpers():
    assert charts.format_value(120000, "persons", "more than") == "more than 120,000"
    assert charts.format_value(50, "EUR", "exact", 3500) == "EUR 50 to 3,500"
    assert charts.format_value(2.5, "tier") == "Tier 2 Watch List"
    assert charts.format_value(40, "percent", "about") == "about 40%"
    assert (
        charts.chart_title("Victims", ["Serbia", "Kosovo"], [2010, 2012], True)
        == "Victims per 100,000 people, Serbia and Kosovo, 2010–2012"
    )


def test_coverage_heatmap_leaves_gaps_empty():
    coverage = pd.DataFrame(
        {
            "country_name": ["Serbia", "Serbia"],
            "indicator_label": ["Victims", "Victims"],
            "reference_year": [2010, 2012],
            "figures": [1, 3],
        }
    )
    fig = charts.coverage_heatmap(coverage, 2010, 2012)
    z = fig.data[0].z[0]
    assert z[0] == 1 and pd.isna(z[1]) and z[2] == 3


def test_context_chart_is_labelled_and_marks_breaks_without_smoothing():
    series = pd.DataFrame({"country": ["XKX"] * 4, "year": [2008, 2009, 2012, 2013], "value": [47.5, 45.4, 30.9, 30.0]})
    breaks = pd.DataFrame({"country": ["XKX"], "year": [2012]})
    fig = charts.context_chart(series, {"XKX": "Kosovo"}, "Context: World Bank", "%", "Context: World Bank", breaks)
    assert fig.data[0].name == "Kosovo (context: World Bank)"
    assert list(fig.data[0].x) == [2008, 2009, None, 2012, 2013]
    assert [shape.x0 for shape in fig.layout.shapes] == [2011.5]
    assert "series break" in fig.layout.annotations[-1].text


def with_authorities(frame, authorities, disagree=None):
    return frame.assign(
        authority=authorities,
        figure_id=[f"f{i}" for i in range(len(frame))],
        authorities_disagree=disagree or [False] * len(frame),
    )


def test_each_authority_gets_its_own_series_and_line_style():
    sample = with_authorities(SAMPLE, ["U.S. Department of State", "U.S. Department of State", "Serbia: Centre", "X"])
    fig = charts.compare_chart(sample, "title", "persons", "Source: test")
    names = [t.name for t in country_traces(fig)]
    assert names == ["Serbia · U.S. Department of State", "Serbia · Centre", "Montenegro · X"]
    dashes = [t.line.dash for t in fig.data if t.mode == "lines"]
    assert dashes[0] != dashes[1]  # two authorities for Serbia are told apart
    assert list(country_traces(fig)[0].customdata) == ["f0", "f1"]  # a click finds the figure


def test_disagreeing_points_get_a_ring_in_the_legend():
    sample = with_authorities(SAMPLE, ["A", "A", "B", "B"], disagree=[False, True, False, False])
    fig = charts.compare_chart(sample, "title", "persons", "Source: test")
    ring = next(t for t in fig.data if "disagree" in (t.name or ""))
    assert list(ring.x) == [2016]


def test_period_figures_are_bars_over_their_period_not_annual_points():
    sample = with_authorities(SAMPLE, ["A"] * 4).assign(period_start=[None, None, None, "2013"], period_end=None)
    sample.loc[3, "period_end"] = "2016"
    fig = charts.compare_chart(sample, "title", "persons", "Source: test")
    assert [t.name for t in country_traces(fig)] == ["Serbia"]  # the period figure is not an annual point
    bars = charts.period_chart(sample[sample["period_start"].notna()], "periods", "persons", "Source: test")
    assert list(bars.data[0].x) == [2013, 2017]  # from the start of 2013 to the end of 2016


def test_tier_hover_names_the_report_edition():
    tier = points([["SRB", "Serbia", 2022, 2.5, None, "exact", "tier", "U.S. Department of State", "2023", "WL"]])
    hover = country_traces(charts.compare_chart(tier, "t", "tier", "s"))[0].hovertext[0]
    assert "2023 report (covers 2022)" in hover and "Tier 2 Watch List" in hover


def test_alt_text_names_the_series_and_latest_values():
    text = charts.alt_text(SAMPLE, "Victims identified")
    assert "Victims identified" in text and "2015 to 2019" in text
    assert "Serbia about 39 in 2019" in text and "Montenegro at least 3 to 5 in 2016" in text


def test_dark_theme_changes_the_text_colour():
    light = charts.compare_chart(SAMPLE, "t", "persons", "s")
    dark = charts.compare_chart(SAMPLE, "t", "persons", "s", theme="dark")
    assert light.layout.font.color != dark.layout.font.color
    assert dark.layout.paper_bgcolor == "rgba(0,0,0,0)"  # the page's own background shows through
