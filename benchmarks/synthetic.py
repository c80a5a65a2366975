"""Generate a synthetic curated dataset of N figures with the real schema, for benchmarks only.

Countries and indicators are the shipped catalogues. Each synthetic source has a synthetic document
that contains its figures' quotes, so the full validation (value in quote, quote in document) runs.
Values are made up and never leave the benchmark folder.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import numpy as np
import pandas as pd

REPO_ROOT = Path(__file__).resolve().parents[1]


SHIPPED = REPO_ROOT / "data" / "indicators"
COUNT_INDICATORS = [
    "victims_identified",
    "victims_rescued",
    "trafficking_arrests",
    "convictions_persons",
    "prosecutions_defendants",
    "potential_victims_referred",
    "children_working",
]
COUNTRIES = ["SRB", "MNE", "XKX", "MKD", "ALB"]
FIGURES_PER_SOURCE = 200


def generate(n: int, out: Path, seed: int = 7) -> Path:
    """Write countries, indicators, sources, figures and documents for ``n`` figures into ``out``."""
    rng = np.random.default_rng(seed)
    data, docs = out / "indicators", out / "documents"
    shutil.rmtree(out, ignore_errors=True)
    data.mkdir(parents=True)
    docs.mkdir()
    for name in ["countries.csv", "indicators.csv"]:
        shutil.copy(SHIPPED / name, data / name)

    ids = np.arange(n)
    source_of = ids // FIGURES_PER_SOURCE
    country = np.array(COUNTRIES)[rng.integers(0, len(COUNTRIES), n)]
    indicator = np.array(COUNT_INDICATORS)[rng.integers(0, len(COUNT_INDICATORS), n)]
    year = rng.integers(2000, 2025, n)
    value = rng.integers(0, 5000, n)
    quote = pd.Series(
        [f"In {y} the authorities reported {v} people in case {i}." for y, v, i in zip(year, value, ids, strict=True)]
    )
    figures = pd.DataFrame(
        {
            "figure_id": "syn-" + pd.Series(ids).astype(str),
            "country": country,
            "indicator": indicator,
            "reference_year": year,
            "period_start": "",
            "period_end": "",
            "value": value,
            "value_high": "",
            "unit": "persons",
            "qualifier": "exact",
            "breakdown_type": "total",
            "breakdown": "",
            "source_id": "syn_" + pd.Series(source_of).astype(str),
            "quote": quote,
            "quote_lang": "en",
            "quote_en": "",
            "notes": "",
            "supersedes": "",
        }
    )
    figures.to_csv(data / "figures.csv", index=False)

    sources = pd.DataFrame({"source_id": [f"syn_{s}" for s in range(source_of.max() + 1)]})
    sources["publisher"] = "Synthetic Publisher"
    sources["authority"] = "Synthetic Authority"
    sources["title"] = "Synthetic report " + sources.index.astype(str)
    sources["published"] = [f"{2001 + s % 24}-06-30" for s in range(len(sources))]
    sources["document"] = sources["source_id"] + ".txt"
    sources["url"] = ""
    sources["notes"] = ""
    sources.to_csv(data / "sources.csv", index=False)
    for source_id, group in figures.groupby("source_id"):
        (docs / f"{source_id}.txt").write_text("Synthetic report. " + " ".join(group["quote"]), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    generate(args.n, args.out)


if __name__ == "__main__":
    main()
