"""The floor page (one Plotly chart of three points) plus one kind of element the Compare page also shows.

`?add=code`, `?add=dataframe`, `?add=widgets` or `?add=downloads` (or several, joined by `~`): each element
type makes the browser fetch and parse its own JavaScript chunk, so loading these beside the floor says how much
of Compare's extra time each one costs. Used by benchmarks/compare_vs_floor.py.
"""

import pandas as pd
import plotly.express as px
import streamlit as st

added = set(st.query_params.get("add", "").split("~"))
if "widgets" in added:
    with st.sidebar:
        st.selectbox("Indicator", ["victims identified", "tier"])
        st.multiselect("Countries", ["Serbia", "Montenegro", "Kosovo"], default=["Serbia"])
        st.slider("Years", 1990, 2025, (2000, 2025))
        st.toggle("Per 100,000 people")
st.plotly_chart(px.line(x=[2019, 2020, 2021], y=[1, 3, 2], markers=True))
if "dataframe" in added:
    st.dataframe(pd.DataFrame({"year": [2019, 2020, 2021], "value": [1, 3, 2]}), hide_index=True)
if "downloads" in added:
    st.download_button("Download (CSV)", b"year,value\n2019,1\n", file_name="floor.csv", on_click="ignore")
if "code" in added:
    st.code("http://localhost:8501/compare?indicator=victims_identified", language=None, wrap_lines=True)
