"""The curation assistant behind ``tip-stats extract``: candidate figures from a report a curator has not read yet.

Curators read long reports to find the few sentences that state a figure. This package reads a
report the way they do, one concern per module:

- ``inputs``: text, web pages (main text only) and PDFs (with page numbers);
- ``masking``: numbers that are never figures (notes, dates, ages, cable headers);
- ``layout``: paragraphs, sentences and table rows as offsets into the document;
- ``places``: the document's scope and the country each figure belongs to;
- ``dates``: the year a figure describes, from the sentence or the report's conventions;
- ``readings`` and ``measures``: numbers, units, counted nouns, enumerations and their totals;
- ``breakdowns``: what part of a total a listed number is;
- ``rules``: the catalogue indicator a number belongs to, from ``extract_rules.csv``;
- ``candidates``: the proposed rows; ``output``: CSV and the review page; ``check``: the seed check.

Everything is rule-based and deterministic: no model, no download, and no pandas, so the command
starts quickly. The keyword rules, place names and word lists are data files beside the catalogue.
"""

from tip_stats.extract.candidates import OUTPUT_COLUMNS, candidates_of, extract
from tip_stats.extract.inputs import Document, read_document
from tip_stats.extract.resources import Resources, load_resources
from tip_stats.vocabulary import FIGURE_COLUMNS

__all__ = [
    "FIGURE_COLUMNS",
    "OUTPUT_COLUMNS",
    "Document",
    "Resources",
    "candidates_of",
    "extract",
    "load_resources",
    "read_document",
]
