"""The pages, one module each: a short ``render()`` over the pure functions in ``dashboard.content``.

Not named ``pages/``: Streamlit would list a folder of that name beside the main script as pages of its own.
"""
