"""Compare over time: one indicator, several countries and authorities, every point one click from its quote."""

import streamlit as st

from tip_stats import charts, queries
from tip_stats.dashboard import compare_panels, ui
from tip_stats.dashboard.cached import run
from tip_stats.dashboard.content import compare
from tip_stats.settings import settings


def render() -> None:
    options, names = run(queries.indicator_options), ui.country_names()
    contexts = list(run(queries.context_indicators)["indicator"])
    specs = compare.specs(options, list(names), contexts, settings().years)
    values = ui.url_values(specs, "compare")
    indicator = options.set_index("code").loc[values["indicator"]]
    authorities = compare.authority_choices(run(queries.authorities, values["indicator"]))
    values = compare_panels.controls(specs, options, names, indicator, authorities, contexts)
    query = ui.mirror_to_url(values, specs)
    countries, years = values["country"], values["time"]
    points = run(
        queries.chart_points, values["indicator"], compare.chart_countries(values["indicator"], countries),
        *years, unit=values["unit"], authority=compare.query_authority(values["authority"]),
    )  # fmt: skip
    points = compare.order_countries(compare.label_predecessors(points), countries)
    points, dropped, per_capita = compare_panels.apply_rates(points, values, indicator, countries, years)
    st.subheader(indicator["label"])
    st.caption(f"{indicator['definition']} Unit: {values['unit']}. {authorities.get(values['authority'], '')}.")
    for notice in compare.notices(points, countries, names, years):
        st.info(notice)
    for row in dropped.itertuples():
        st.info(f"{row.country_name} {row.reference_year}: no World Bank population that year, so no rate is shown.")
    annual, periods = compare.split_periods(points)
    if len(annual):
        fig, title = compare_panels.figure(annual, indicator, values, query, per_capita)
        event = ui.show_chart(
            fig, "compare_chart", values["indicator"], charts.alt_text(annual, title),
            st.session_state.get("compare_image", "png"), clickable=not ui.presenting(),
        )  # fmt: skip
        if not ui.presenting():
            compare_panels.below_chart(annual, event, fig, values, query)
    if not ui.presenting():
        compare_panels.periods_panel(periods, indicator, values)
    compare_panels.context_panel(values, contexts, names, countries, years)
    if not ui.presenting():
        ui.share_box(query, values, specs)
        ui.cite_box(points, query, indicator["label"])
