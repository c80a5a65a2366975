"""benchmarks/RESULTS.md is written by several scripts; each owns its own ``## `` sections and keeps the others."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().with_name("RESULTS.md")


def split_sections(text: str) -> tuple[str, dict[str, str]]:
    """The text before the first ``## `` heading, and each section by its heading line."""
    head, sections, current = [], {}, None
    for line in text.splitlines():
        if line.startswith("## "):
            current = line
            sections[current] = []
        (sections[current] if current else head).append(line)
    return "\n".join(head), {heading: "\n".join(lines).strip() for heading, lines in sections.items()}


def write_section(heading: str, body: list[str], path: Path = RESULTS) -> Path:
    """Replace the section whose heading starts with ``heading`` (or append it), leaving the rest as it was."""
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Benchmark results\n"
    head, sections = split_sections(text)
    new = "\n".join([f"## {heading}", "", *body]).strip()
    kept = [section for title, section in sections.items() if not title.startswith(f"## {heading}")]
    path.write_text("\n\n".join([head.strip(), *kept, new]) + "\n", encoding="utf-8")
    return path


def sections_starting(prefixes: tuple[str, ...], path: Path = RESULTS) -> list[str]:
    """Sections other scripts own, for a script that rewrites the whole file to carry over."""
    if not path.is_file():
        return []
    _, sections = split_sections(path.read_text(encoding="utf-8"))
    return [section for title, section in sections.items() if title[3:].startswith(prefixes)]
