"""A module's rendered HTML split into its sections as plain text. Pure.

The renderer (app/content/markdown.py) wraps every '## ' heading and what follows it in
<section id="s-N">; reading the same HTML back guarantees that an answer's link points at the
section the words came from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_SECTION_ID = re.compile(r"^s-(\d+)$")
_BLOCKS = {"p", "li", "td", "th", "pre", "h3", "h4", "blockquote"}


@dataclass
class Section:
    number: int | None  # None for the text before the first heading
    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


class _Splitter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections = [Section(None)]
        self.buffer: list[str] = []
        self.in_heading = False

    def _flush(self) -> None:
        text = " ".join("".join(self.buffer).split())
        self.buffer = []
        if not text:
            return
        if self.in_heading:
            self.sections[-1].heading = text
        else:
            self.sections[-1].paragraphs.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            match = _SECTION_ID.match(dict(attrs).get("id") or "")
            if match:
                self._flush()
                self.sections.append(Section(int(match.group(1))))
        elif tag == "h2" and self._opens_section():
            self._flush()
            self.in_heading = True
        elif tag in _BLOCKS or tag in ("h2", "br"):
            self._flush()  # an h2 quoted inside a section is text of that section

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS or tag == "h2":
            self._flush()
            self.in_heading = False

    def _opens_section(self) -> bool:
        current = self.sections[-1]
        return current.number is not None and not current.heading and not current.paragraphs

    def handle_data(self, data: str) -> None:
        self.buffer.append(data)


def split_sections(html: str) -> list[Section]:
    """The sections of a module body in order; the untitled lead-in only if it has text."""
    splitter = _Splitter()
    splitter.feed(html)
    splitter.close()
    splitter._flush()
    return [s for s in splitter.sections if s.number is not None or s.paragraphs]
