"""One module per page, each a short ``render()`` over the pure functions in ``dashboard.content``."""
