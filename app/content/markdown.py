"""Markdown to safe HTML: markdown-it with raw HTML off, then nh3 as a second wall."""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "hr", "br", "a", "section",
}


def section_id(number: int) -> str:
    """The anchor of a module's n-th '## ' section (1-based): /modules/<id>#s-<n>."""
    return f"s-{number}"


def _sectioned(tokens: list[Token]) -> list[Token]:
    # each top-level h2 and what follows it becomes <section id="s-N"> so the assistant can
    # link to it; the h2 itself stays a bare <h2>
    out: list[Token] = []
    number = 0
    for token in tokens:
        if token.type == "heading_open" and token.tag == "h2" and token.level == 0:
            close = "</section>\n" if number else ""
            number += 1
            out.append(Token("html_block", "", 0,
                             content=f'{close}<section id="{section_id(number)}">\n'))
        out.append(token)
    if number:
        out.append(Token("html_block", "", 0, content="</section>\n"))
    return out


def render(text: str) -> str:
    """Safe HTML for a content body: no script, no raw HTML, no javascript: links."""
    html = _md.renderer.render(_sectioned(_md.parse(text)), _md.options, {})
    return nh3.clean(html, tags=ALLOWED_TAGS,
                     attributes={"a": {"href", "title"}, "section": {"id"}},
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer")
