"""Reading a report as text: plain text, a web page (main text only) or a PDF (page by page).

The rest of the extractor works on one string. A PDF keeps the offset where each page starts, so a
candidate can name the page a curator should open; a web page keeps its title, which often is the
only place the country is named. The HTML parser (selectolax) and the PDF reader (pypdf) are
imported only when such a file is read, so reading text stays quick to start.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

# Elements that hold no report text: navigation, scripts, forms, page furniture.
HTML_NOISE = "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, button, select"
HTML_MAIN = ("main", "article", "[role=main]", "#content", ".content")
HTML_BLOCKS = re.compile(r"^(?:p|div|li|h[1-6]|tr|table|section|article|main|br|blockquote|pre|dd|dt|caption)$")


@dataclass
class Document:
    """A report's text and what is known about it besides the text."""

    text: str
    title: str = ""
    url: str = ""
    published: str = ""
    kind: str = "txt"
    page_starts: list[int] = field(default_factory=list)  # offset of each PDF page, in order

    def page_of(self, offset: int) -> int | None:
        """The 1-based PDF page holding ``offset``; None for text and web pages."""
        if not self.page_starts:
            return None
        return bisect.bisect_right(self.page_starts, offset)

    @property
    def published_year(self) -> int | None:
        match = re.match(r"(\d{4})", self.published or "")
        return int(match.group(1)) if match else None


def read_document(path: Path, url: str = "", published: str = "") -> Document:
    """The document at ``path``, read according to its suffix (.pdf, .html/.htm, anything else as text)."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        document = read_pdf(path)
    elif suffix in {".html", ".htm", ".xhtml"}:
        document = html_document(path.read_text(encoding="utf-8", errors="replace"))
    else:
        document = Document(path.read_text(encoding="utf-8", errors="replace"))
    document.url, document.published = url or document.url, published or document.published
    return document


def html_document(markup: str) -> Document:
    """The main text of a web page as paragraphs, one block element per line, without menus or scripts."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(markup)
    title_node = tree.css_first("title")
    title = " ".join(title_node.text().split()) if title_node else ""
    for node in tree.css(HTML_NOISE):
        node.decompose()
    root = next((main for selector in HTML_MAIN if (main := tree.css_first(selector))), None) or tree.body
    lines: list[str] = []
    if root is not None:
        _collect_lines(root, lines)
    text = "\n\n".join(line for line in (" ".join(part.split()) for part in lines) if line)
    heading = tree.css_first("h1")
    first = " ".join(heading.text().split()) if heading else title
    if first and not text.startswith(first):
        text = f"{first}\n\n{text}"
    return Document(text, title=title, kind="html")


def _collect_lines(node, lines: list[str]) -> None:
    """Walk the tree, starting a new line at every block element so paragraphs stay apart."""
    current: list[str] = []
    for child in node.iter(include_text=True):
        if child.tag == "-text":
            current.append(child.text(deep=False))
        elif HTML_BLOCKS.match(child.tag or ""):
            lines.append(" ".join(current))
            current = []
            _collect_lines(child, lines)
        else:
            current.append(child.text(deep=True, separator=" "))
    lines.append(" ".join(current))


def read_pdf(path: Path) -> Document:
    """The text of every page, pages separated by a blank line, with the offset where each page starts."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(str(path))
        texts = [(page.extract_text() or "").strip("\n") for page in reader.pages]
    except (PyPdfError, OSError) as err:  # a damaged or encrypted file: say so instead of a traceback
        raise ValueError(f"cannot read the PDF {path.name}: {err}") from err
    parts, starts, offset = [], [], 0
    for text in texts:
        starts.append(offset)
        parts.append(text)
        offset += len(text) + 2
    metadata = reader.metadata
    title = str(metadata.title) if metadata and metadata.title else ""
    return Document("\n\n".join(parts), title=title, kind="pdf", page_starts=starts)
