"""Overview: headline figures for Serbia, Montenegro and Kosovo, with the region as labelled context."""

import streamlit as st

from tip_stats import charts, queries
from tip_stats.dashboard import ui
from tip_stats.dashboard.cached import memo, run
from tip_stats.dashboard.content import overview
from tip_stats.dashboard.content.text import escape_markdown
from tip_stats.vocabulary import FOCUS_COUNTRIES


def small_chart(country: str, indicator: str, label: str, theme: str):
    points = run(queries.chart_points, indicator, [country], authority="default")
    return charts.compare_chart(points, label, points["unit"].iloc[0], charts.source_line(points), height=300,
                                theme=theme)  # fmt: skip


def country_card(country: str, name: str, latest, compare_page) -> None:
    st.subheader(name)
    table = memo(overview.headline_table, (country,), latest, country)
    if table.empty:
        st.info(f"No figure for {name} in the documents yet.")
    for row in table.head(overview.HEADLINES).itertuples():
        st.markdown(f"**{escape_markdown(row.Figure)}** · {escape_markdown(row.Indicator)}, {int(row.Year)}  \n"
                    f":gray[{escape_markdown(row.Source)}]")  # fmt: skip
        st.page_link(compare_page, label="Compare over time", icon=":material/show_chart:", help=row.Indicator,
                     query_params=overview.compare_link(country, row.code))  # fmt: skip
    if len(table):
        with st.expander(f"All {len(table)} latest figures"):
            st.dataframe(table.drop(columns="code"), hide_index=True,
                         column_config={"Year": st.column_config.NumberColumn(format="%d")})  # fmt: skip
    for row in run(queries.multi_year_indicators, country).head(overview.SMALL_CHARTS).itertuples():
        fig = memo(small_chart, (country, row.indicator, ui.theme()), country, row.indicator, row.indicator_label,
                   ui.theme())  # fmt: skip
        ui.show_chart(fig, f"small_{country}_{row.indicator}", row.indicator, charts.alt_text(
            run(queries.chart_points, row.indicator, [country], authority="default"), row.indicator_label))  # fmt: skip


def render(compare_page) -> None:
    st.title("Trafficking, child labour and economic figures: Serbia, Montenegro, Kosovo")
    st.caption("Every number below is quoted from a published report, with its year, qualifier and who counted it. "
               "Gaps are gaps: nothing is estimated or filled in.")  # fmt: skip
    names, latest = ui.country_names(), run(queries.latest_figures)
    for column, country in zip(st.columns(len(FOCUS_COUNTRIES)), FOCUS_COUNTRIES, strict=True):
        with column, st.container(border=True):
            country_card(country, names[country], latest, compare_page)
    st.subheader("Context: the region, predecessor states and other countries")
    st.caption("These figures describe the Balkans, South-East Europe, the former Yugoslavia or other countries. "
               "They are shown as context and never merged into a country's series.")  # fmt: skip
    context = overview.context_table(latest)
    if context.empty:
        st.info("No regional or predecessor-state figures in the documents.")
    else:
        st.dataframe(context, hide_index=True, column_config={"Year": st.column_config.NumberColumn(format="%d"),
                     "quote": st.column_config.TextColumn("Quote", width="large")})  # fmt: skip
