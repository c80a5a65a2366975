"""Import third-party context series (World Bank WDI) beside the quoted figures, never into them.

Two shapes are accepted: the long CSV in the shared reference folder
(country, indicator, year, value, unit, source, source_series_code) and the World Bank's own bulk
download (``API_<series>_DS2_en_csv_v2_*.csv``: four lines of metadata, then one column per year).
Validated rows go to a local Parquet store outside git (the data is not ours to redistribute),
from which every database build loads them.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from tip_stats.settings import settings
from tip_stats.validate import REPORT_COLUMNS, DataValidationError, read_csv_text, validate_frame

WDI_SERIES = {  # World Bank series code -> (our indicator code, unit)
    "SP.POP.TOTL": ("population", "persons (mid-year, de facto)"),
    "SL.UEM.TOTL.NE.ZS": ("unemployment_rate_pct", "% of labour force"),
    "SL.UEM.TOTL.ZS": ("unemployment_rate_ilo_modelled_pct", "% of labour force"),
    "NY.GDP.PCAP.CD": ("gdp_per_capita_usd", "current US$"),
    "NY.GNP.PCAP.CD": ("gni_per_capita_atlas_usd", "current US$"),
    "SL.UEM.1524.FE.ZS": ("youth_unemployment_female_ilo_modelled_pct", "%"),
    "SL.UEM.1524.MA.ZS": ("youth_unemployment_male_ilo_modelled_pct", "%"),
    "SI.POV.NAHC": ("poverty_headcount_national_line_pct", "% of population"),
    "SI.POV.DDAY": ("poverty_headcount_3usd_2021ppp_pct", "% of population"),
}
CONTEXT_COLUMNS = ["country", "indicator", "year", "value", "unit", "source", "source_series_code"]
WIDE_MARKER = '"Data Source"'


def context_model(country_codes: list[str]) -> type[pa.DataFrameModel]:
    class ContextModel(pa.DataFrameModel):
        country: Series[str] = pa.Field(isin=sorted(country_codes))
        indicator: Series[str] = pa.Field(str_matches=r"^[a-z][a-z0-9_]*$")
        year: Series[int] = pa.Field(ge=1950, le=2100)
        value: Series[float]
        unit: Series[str]
        source: Series[str]
        source_series_code: Series[str] = pa.Field(nullable=True)

        class Config:
            coerce = True
            strict = True
            unique = ["country", "indicator", "year"]

    return ContextModel


def _wide_to_long(path: Path, text: str, country_codes: set[str]) -> pd.DataFrame:
    """Reshape a World Bank bulk download into the long shape, keeping catalogue countries only."""
    lines = text.splitlines()
    header_at = next((i for i, line in enumerate(lines) if line.startswith('"Country Name"')), None)
    if header_at is None:
        raise DataValidationError(
            pd.DataFrame(
                [
                    {
                        "file": path.name,
                        "row": "-",
                        "column": "-",
                        "rule": "World Bank file without a 'Country Name' header",
                        "value": "",
                    }
                ],
                columns=REPORT_COLUMNS,
            )
        )
    wide = pd.read_csv(io.StringIO("\n".join(lines[header_at:])), dtype=str)
    wide = wide.loc[:, ~wide.columns.str.startswith("Unnamed")]
    wide = wide[wide["Country Code"].isin(country_codes)]
    years = [c for c in wide.columns if c.strip().isdigit()]
    long = wide.melt(
        id_vars=["Country Code", "Indicator Code"], value_vars=years, var_name="year", value_name="value"
    ).dropna(subset=["value"])
    series = long["Indicator Code"]
    mapped = series.map(lambda code: WDI_SERIES.get(code, (code.lower().replace(".", "_"), "as published")))
    return pd.DataFrame(
        {
            "country": long["Country Code"],
            "indicator": [m[0] for m in mapped],
            "year": long["year"].str.strip(),
            "value": long["value"],
            "unit": [m[1] for m in mapped],
            "source": "World Bank, World Development Indicators (bulk download " + path.name + ")",
            "source_series_code": series,
        }
    ).reset_index(drop=True)


def read_context_file(path: Path, country_codes: list[str]) -> pd.DataFrame:
    """Read and validate one context file of either shape; raise ``DataValidationError`` on any problem."""
    head = path.read_bytes()[:200].decode("utf-8-sig", errors="replace") if path.is_file() else ""
    if head.lstrip().startswith(WIDE_MARKER):
        frame = _wide_to_long(path, path.read_text(encoding="utf-8-sig", errors="replace"), set(country_codes))
        origins = [(path.name, i + 2) for i in range(len(frame))]
    else:
        text_frame, origins, problems = read_csv_text(path)
        if text_frame is None:
            raise DataValidationError(pd.DataFrame(problems, columns=REPORT_COLUMNS))
        frame = text_frame
    valid, problems = validate_frame(context_model(country_codes), frame, origins, path.name)
    if problems or valid is None:
        raise DataValidationError(pd.DataFrame(problems, columns=REPORT_COLUMNS))
    return valid[CONTEXT_COLUMNS]


def context_files(path: Path) -> list[Path]:
    return sorted(path.glob("*.csv")) if path.is_dir() else [path]


def merge_into_store(new: pd.DataFrame, store: Path) -> pd.DataFrame:
    """New rows replace stored rows with the same country, indicator and year; the store is swapped atomically."""
    if store.is_file():
        old = pd.read_parquet(store)
        key = ["country", "indicator", "year"]
        kept = old.merge(new[key], on=key, how="left", indicator=True)
        old = old[(kept["_merge"] == "left_only").to_numpy()]
        new = pd.concat([old, new], ignore_index=True)
    store.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix="context.", suffix=".parquet.tmp", dir=store.parent)
    os.close(handle)
    new.to_parquet(tmp, index=False)
    os.replace(tmp, store)
    return new


def import_context(path: Path, country_codes: list[str], store: Path | None = None) -> pd.DataFrame:
    """Validate every file first; only if all pass is anything written."""
    frames = [read_context_file(file, country_codes) for file in context_files(path)]
    incoming = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=CONTEXT_COLUMNS)
    duplicated = incoming.duplicated(["country", "indicator", "year"], keep=False)
    if duplicated.any():
        rows = incoming[duplicated]
        raise DataValidationError(
            pd.DataFrame(
                [
                    {
                        "file": str(path.name),
                        "row": "-",
                        "column": "country, indicator, year",
                        "rule": "the same country, indicator and year appears in two files",
                        "value": f"{r.country} {r.indicator} {r.year}",
                    }
                    for r in rows.itertuples()
                ],
                columns=REPORT_COLUMNS,
            )
        )
    return merge_into_store(incoming, store or settings().context_store)
