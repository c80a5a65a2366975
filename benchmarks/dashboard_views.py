"""The dashboard's pages and random views of them, as people reach them through shared links (no locust here)."""

from __future__ import annotations

import os
import random

COUNTRIES = ["SRB", "MNE", "XKX"]
INDICATORS = ["victims_identified", "tip_tier", "potential_victims_referred", "victims_rescued", "victim_price"]
PAGE_WEIGHTS = {"compare": 5, "": 2, "explorer": 2, "sources": 1, "coverage": 1}
if os.environ.get("LOAD_FLOOR"):  # the floor app: one page, one Plotly chart, nothing to echo
    PAGE_WEIGHTS = {"": 1}


def random_view(rng: random.Random, page: str) -> tuple[str, dict[str, str]]:
    """A query string for ``page`` like the ones people share, and the parameters the page must echo back."""
    countries = "~".join(rng.sample(COUNTRIES, rng.randint(1, 3)))
    first = rng.randint(1995, 2018)
    years = f"{first}..{rng.randint(first + 3, 2025)}"
    if page == "compare":
        wanted = {"indicator": rng.choice(INDICATORS), "country": countries, "time": years}
        per_capita = "&per_capita=1" if rng.random() < 0.2 else ""
        return "&".join(f"{k}={v}" for k, v in wanted.items()) + per_capita, wanted
    if page == "explorer":
        wanted = {"country": countries, "time": years}
        return "&".join(f"{k}={v}" for k, v in wanted.items()), wanted
    return "", {}
