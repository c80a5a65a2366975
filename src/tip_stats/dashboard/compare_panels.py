"""The Compare page's parts: sidebar controls, per-capita rates, the chart, what sits under it, context."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tip_stats import charts, export, queries, rates
from tip_stats.dashboard import ui
from tip_stats.dashboard.cached import memo, run
from tip_stats.dashboard.content import compare


def settle(specs, indicator, authorities: dict, contexts: list[str]) -> dict:
    """The page state, with a unit and an authority that exist for the chosen indicator."""
    if st.session_state["compare_unit"] not in list(indicator["units"]):
        st.session_state["compare_unit"] = list(indicator["units"])[0]
    if st.session_state["compare_authority"] not in authorities:
        st.session_state["compare_authority"] = compare.ALL_AUTHORITIES
    values = ui.current_values(specs, "compare")
    return values | {"per_capita": bool(values["per_capita"]) and countable(indicator, contexts)}


def countable(indicator, contexts: list[str]) -> bool:
    return indicator["unit"] in rates.RATE_UNITS and "population" in contexts


def sidebar(specs, options, names, indicator, authorities: dict, contexts: list[str]) -> None:
    """The controls, drawn after the chart: the chart need not wait for the widgets' browser modules."""
    by_name = {spec.name: spec for spec in specs}
    units = list(indicator["units"])
    if not ui.presenting():
        with st.sidebar:
            ui.draw_controls(
                [
                    ui.Control(by_name["indicator"], "Indicator", compare.indicator_labels(options).get),
                    ui.Control(by_name["country"], "Countries", names.get),
                    ui.Control(by_name["time"], "Years"),
                ],
                "compare",
            )
            if len(units) > 1:
                st.radio("Currency (amounts are not converted)", units, key="compare_unit", horizontal=True)
            st.selectbox(
                "Authorities (who counted)",
                list(authorities),
                format_func=authorities.get,
                key="compare_authority",
                help="Figures from different authorities are never merged.",
            )
            ui.draw_controls(
                [
                    ui.Control(by_name["per_capita"], "Per 100,000 people", disabled=not countable(indicator, contexts),
                               help="Divides each count by the World Bank population of that country and year."),
                    ui.Control(by_name["context"], "Context panel (World Bank)"),
                ],
                "compare",
            )  # fmt: skip
            st.radio("Camera button saves", ui.IMAGE_FORMATS, key="compare_image", horizontal=True,
                     format_func=str.upper)  # fmt: skip


def apply_rates(points: pd.DataFrame, values: dict, indicator, countries: list[str], years) -> tuple:
    if not values["per_capita"]:
        return points, points.iloc[0:0], False
    population = run(queries.context_series, "population", countries, *years)
    points, dropped = rates.per_100k(points, population)
    return points, dropped, True


def figure(points: pd.DataFrame, indicator, values: dict, query: str, per_capita: bool):
    shown = list(dict.fromkeys(points["country_name"]))
    title = charts.chart_title(indicator["label"], shown, list(points["reference_year"].astype(int)), per_capita)
    y_title = "per 100,000 people" if per_capita else values["unit"]
    height = 680 if ui.presenting() else 520
    fig = memo(
        charts.compare_chart, ("compare", query, ui.presenting(), ui.theme()), points, title, y_title,
        charts.source_line(points, per_capita), height=height, theme=ui.theme(),
    )  # fmt: skip
    return fig, title


def periods_panel(periods: pd.DataFrame, indicator, values: dict) -> None:
    """Figures covering part of a year or several years: their own chart and table, never annual points."""
    if periods.empty:
        return
    st.markdown("**Figures for part of a year or for several years**")
    fig = memo(
        charts.period_chart, ("periods", values["indicator"], tuple(periods["figure_id"]), ui.theme()), periods,
        f"{indicator['label']}: figures covering a period", values["unit"], charts.source_line(periods),
        theme=ui.theme(),
    )  # fmt: skip
    ui.show_chart(fig, "compare_periods", f"{values['indicator']}-periods", charts.alt_text(periods, "period figures"))
    st.dataframe(compare.plotted_table(periods), hide_index=True, column_config=ui.figure_columns())


def below_chart(points: pd.DataFrame, event, fig, values: dict, query: str) -> None:
    """The clicked figure's quote, the table of plotted figures, disagreements, and the downloads."""
    chosen = compare.selected_figure(points, event)
    if chosen is not None:
        ui.show_details(compare.figure_details(chosen))
    else:
        st.caption("Click or tap a point to read its value, source, authority and quote here.")
    st.dataframe(compare.plotted_table(points), hide_index=True, column_config=ui.figure_columns())
    every_authority = run(queries.disagreements, [values["indicator"]], values["country"], *values["time"])
    disagreements = compare.disagreement_table(every_authority[every_authority["unit"] == values["unit"]])
    if len(disagreements):
        st.markdown("**Where authorities disagree** (each authority's own figure; nothing is averaged)")
        st.dataframe(disagreements, hide_index=True, column_config=ui.figure_columns())
    left, middle, right = st.columns(3)
    left.download_button("Download these figures (CSV)", export.csv_bytes(points), f"{values['indicator']}.csv",
                         "text/csv", on_click="ignore", key="compare_csv")  # fmt: skip
    with middle:
        ui.zip_button(points, "With README and sources (ZIP)", f"{values['indicator']}.zip", "compare_zip", query)
    right.download_button(
        "Download chart (interactive HTML)",
        lambda: ui.chart_html(fig),
        f"{values['indicator']}.html",
        "text/html",
        on_click="ignore",
        key="compare_html",
    )
    if values["per_capita"]:
        for caveat in run(queries.context_caveats, "population", values["country"]).itertuples():
            st.caption(f"Population caveat ({caveat.country}): {caveat.note}")


def context_panel(values: dict, contexts: list[str], names: dict, countries: list[str], years) -> None:
    if values["context"] == "none":
        if not contexts and not ui.presenting():
            st.caption("No context data loaded. Run `tip-stats import-context PATH` with the World Bank files.")
        return
    context = run(queries.context_series, values["context"], countries, *years)
    caveats = run(queries.context_caveats, values["context"], countries)
    if context.empty:
        st.info("No World Bank context data for these countries and years.")
        return
    meta = run(queries.context_indicators).set_index("indicator").loc[values["context"]]
    fig = memo(
        charts.context_chart, ("context", values["context"], tuple(countries), *years, ui.theme()), context, names,
        f"Context: World Bank · {values['context']}", meta["unit"],
        f"Context: World Bank, World Development Indicators ({meta['series_code']}). Not a quoted figure.",
        breaks=caveats[caveats["kind"] == "break"], theme=ui.theme(),
    )  # fmt: skip
    ui.show_chart(fig, "context_chart", values["context"], f"Context chart: World Bank {values['context']}.")
    for caveat in caveats.itertuples():
        st.caption(f"Caveat ({names.get(caveat.country, caveat.country)}): {caveat.note}")
