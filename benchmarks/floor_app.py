"""The floor for page timings: the least a Streamlit page with one Plotly chart of three points costs."""

import plotly.express as px
import streamlit as st

st.plotly_chart(px.line(x=[2019, 2020, 2021], y=[1, 3, 2], markers=True))
