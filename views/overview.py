"""Overview: headline figures for Serbia, Montenegro and Kosovo, with the region as labelled context."""

import streamlit as st

from tip_stats import charts
from tip_stats.dashboard import ui
from tip_stats.dashboard.cached import memo, run

HEADLINES = 5
HEADLINE_FIRST = ["tip_tier", "victims_identified", "prosecutions_defendants", "convictions_persons"]

st.title("Trafficking, child labour and economic figures: Serbia, Montenegro, Kosovo")
st.caption(
    "Every number below is quoted from a published report, with its year, qualifier and source. "
    "Gaps are gaps: nothing is estimated or filled in."
)
names = ui.country_names()
latest = run("latest_figures")


def headline_table(country: str):
    rows = latest[latest["country"] == country].copy()
    rows["order"] = rows["indicator"].map({code: i for i, code in enumerate(HEADLINE_FIRST)}).fillna(99)
    rows = rows.sort_values(["order", "category", "indicator_label"])
    rows["Figure"] = [charts.format_value(r.value, r.unit, r.qualifier, r.value_high) for r in rows.itertuples()]
    rows["Source"] = rows["publisher"] + " (" + rows["published"].fillna("undated") + ")"
    return rows.rename(columns={"indicator_label": "Indicator", "reference_year": "Year"})[
        ["Indicator", "Year", "Figure", "Source"]
    ]


def small_chart(country: str, indicator: str, label: str):
    points = run("chart_points", indicator, [country])
    return charts.compare_chart(points, label, points["unit"].iloc[0], charts.source_line(points), height=300)


columns = st.columns(len(ui.FOCUS_COUNTRIES))
for column, country in zip(columns, ui.FOCUS_COUNTRIES, strict=True):
    with column, st.container(border=True):
        st.subheader(names[country])
        table = memo(headline_table, (country,), country)
        if table.empty:
            st.info(f"No figure for {names[country]} in the documents yet.")
        else:
            for row in table.head(HEADLINES).itertuples():
                st.markdown(
                    f"**{ui.escape_markdown(row.Figure)}** · {ui.escape_markdown(row.Indicator)}, {int(row.Year)}  \n"
                    f":gray[{ui.escape_markdown(row.Source)}]"
                )
            with st.expander(f"All {len(table)} latest figures"):
                st.dataframe(table, hide_index=True, column_config={"Year": st.column_config.NumberColumn(format="%d")})
        for row in run("multi_year_indicators", country).head(2).itertuples():
            fig = memo(small_chart, (country, row.indicator), country, row.indicator, row.indicator_label)
            st.plotly_chart(fig, key=f"small_{country}_{row.indicator}", config=ui.chart_config(row.indicator))

st.subheader("Context: the region, predecessor states and other countries")
st.caption(
    "These figures describe the Balkans, South-East Europe, the former Yugoslavia or other countries. "
    "They are shown as context and never merged into a country's series."
)
context = latest[~latest["country"].isin(ui.FOCUS_COUNTRIES)].copy()
if context.empty:
    st.info("No regional or predecessor-state figures in the documents.")
else:
    context["Figure"] = [charts.format_value(r.value, r.unit, r.qualifier, r.value_high) for r in context.itertuples()]
    context["Kind"] = "context: " + context["country_kind"]
    st.dataframe(
        context.rename(
            columns={
                "country_name": "Where",
                "indicator_label": "Indicator",
                "reference_year": "Year",
                "publisher": "Source",
            }
        )[["Where", "Kind", "Indicator", "Year", "Figure", "Source", "quote"]],
        hide_index=True,
        column_config={
            "Year": st.column_config.NumberColumn(format="%d"),
            "quote": st.column_config.TextColumn("Quote", width="large"),
        },
    )
