"""Compare over time: one indicator, several countries, every point with its source and quote."""

import streamlit as st

from tip_stats import charts, export, rates
from tip_stats.dashboard import ui
from tip_stats.dashboard.cached import memo, run
from tip_stats.urlstate import Param

options = run("indicator_options")
names = ui.country_names()
config_years = (1990, 2025)
default_indicator = "victims_identified" if "victims_identified" in set(options["code"]) else options["code"].iloc[0]
context_options = run("context_indicators")
specs = [
    Param("indicator", "choice", default_indicator, list(options["code"])),
    Param("country", "multi", ui.FOCUS_COUNTRIES, list(names)),
    Param("time", "range", (2000, 2025), bounds=config_years),
    Param("unit", "text", ""),
    Param("per_capita", "flag", False),
    Param("context", "choice", "none", ["none", *context_options["indicator"]]),
]
values = ui.url_values(specs, "compare")
present = ui.presenting()
labels = {
    row.code: f"{row.category.capitalize()} · {row.label} ({row.figures} figures)" for row in options.itertuples()
}

if not present:
    with st.sidebar:
        st.selectbox("Indicator", list(options["code"]), format_func=labels.get, key="compare_indicator")
        st.multiselect("Countries", list(names), format_func=names.get, key="compare_country")
        st.slider("Years", *config_years, key="compare_time")
values = {spec.name: st.session_state[f"compare_{spec.name}"] for spec in specs}
indicator = options.set_index("code").loc[values["indicator"]]
units = list(indicator["units"])
if values["unit"] not in units:
    values["unit"] = st.session_state["compare_unit"] = units[0]
countable = indicator["unit"] in rates.RATE_UNITS and "population" in set(context_options["indicator"])
if not present:
    with st.sidebar:
        if len(units) > 1:
            st.radio("Currency (amounts are not converted)", units, key="compare_unit", horizontal=True)
        st.toggle(
            "Per 100,000 people",
            key="compare_per_capita",
            disabled=not countable,
            help="Divides each count by the World Bank population of the same country and year.",
        )
        st.selectbox("Context panel (World Bank)", ["none", *context_options["indicator"]], key="compare_context")
    values = {spec.name: st.session_state[f"compare_{spec.name}"] for spec in specs}
query = ui.mirror_to_url(values, specs)

countries, (year_from, year_to) = values["country"], values["time"]
points = run("chart_points", values["indicator"], countries, year_from, year_to, unit=values["unit"])
points = points.sort_values("country", key=lambda codes: codes.map(countries.index), kind="stable")
per_capita = bool(values["per_capita"]) and countable
dropped = points.iloc[0:0]
if per_capita:
    population = run("context_series", "population", countries, year_from, year_to)
    points, dropped = rates.per_100k(points, population)

st.subheader(indicator["label"])
st.caption(f"{indicator['definition']} Unit: {values['unit']}.")
for code in countries:
    if code not in set(points["country"]):
        st.info(f"No figure for {names[code]} on this indicator between {year_from} and {year_to} in the documents.")
for row in dropped.itertuples():
    st.info(f"{names[row.country]} {row.reference_year}: no World Bank population for that year, so no rate is shown.")

if len(points):
    years = list(points["reference_year"].astype(int))
    title = charts.chart_title(
        indicator["label"], [names[c] for c in countries if c in set(points["country"])], years, per_capita
    )
    y_title = "per 100,000 people" if per_capita else values["unit"]
    fig = memo(
        charts.compare_chart,
        ("compare", query, present),
        points,
        title,
        y_title,
        charts.source_line(points, per_capita),
        height=680 if present else 480,
    )
    st.plotly_chart(fig, config=ui.chart_config(values["indicator"]), key="compare_chart")
    if not present:
        table = points[
            [
                "reference_year",
                "country_name",
                "value",
                "value_high",
                "unit",
                "qualifier",
                "publisher",
                "published",
                "quote",
                "figure_id",
            ]
        ]
        st.dataframe(
            table,
            hide_index=True,
            column_config=ui.figure_columns(),
        )
        left, right = st.columns(2)
        left.download_button(
            "Download these figures (CSV)",
            export.csv_bytes(table),
            f"{values['indicator']}.csv",
            "text/csv",
            on_click="ignore",
            key="compare_csv",
        )
        right.download_button(
            "Download chart (interactive HTML)",
            lambda: ui.chart_html(fig),
            f"{values['indicator']}.html",
            "text/html",
            on_click="ignore",
            key="compare_html",
        )
        st.caption("PNG: use the camera icon on the chart; the image keeps the title and the source line.")
    if per_capita:
        for caveat in run("context_caveats", "population", countries).itertuples():
            st.caption(f"Population caveat ({names.get(caveat.country, caveat.country)}): {caveat.note}")

if values["context"] != "none":
    context = run("context_series", values["context"], countries, year_from, year_to)
    caveats = run("context_caveats", values["context"], countries)
    if len(context):
        meta = context_options.set_index("indicator").loc[values["context"]]
        fig = memo(
            charts.context_chart,
            ("context", values["context"], tuple(countries), year_from, year_to),
            context,
            names,
            f"Context: World Bank · {values['context']}",
            meta["unit"],
            f"Context: World Bank, World Development Indicators ({meta['series_code']}). Not a quoted figure.",
            breaks=caveats[caveats["kind"] == "break"],
        )
        st.plotly_chart(fig, key="context_chart")
        for caveat in caveats.itertuples():
            st.caption(f"Caveat ({names.get(caveat.country, caveat.country)}): {caveat.note}")
    else:
        st.info("No World Bank context data for these countries and years.")
elif len(context_options) == 0 and not present:
    st.caption("No context data loaded. Run `tip-stats import-context PATH` with the World Bank files to add it.")
if not present:
    ui.share_box(query)
