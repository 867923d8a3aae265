"""Markdown to safe HTML: markdown-it with raw HTML off, then nh3 as a second wall."""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "hr", "br", "a",
}


def render(text: str) -> str:
    """Safe HTML for a content body: no script, no raw HTML, no javascript: links."""
    html = _md.render(text)
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}},
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer")
