"""What each page shows, as pure functions from query results to tables, texts and figures (no Streamlit)."""
