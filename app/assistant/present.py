"""Answers as the API and the pages show them: links to the exact module section."""

from __future__ import annotations

from typing import Any

from flask import url_for

from app.assistant.index import Hit
from app.assistant.services import Reply
from app.content.markdown import section_id


def link(hit: Hit) -> str:
    """Where an answer leads: a module section, a module, or the FAQ entry itself."""
    doc = hit.document
    if doc.kind == "glossary":
        return url_for("learning.glossary", subsystem=doc.subsystem, _anchor=doc.ref)
    if doc.module_id is not None:
        anchor = section_id(doc.section) if doc.section is not None else None
        return url_for("learning.module", module_id=doc.module_id, _anchor=anchor)
    return url_for("assistant.faq", subsystem=doc.subsystem, _anchor=doc.ref)


def answer_dict(hit: Hit) -> dict[str, Any]:
    doc = hit.document
    return {"title": doc.title, "snippet": hit.snippet, "link": link(hit), "score": hit.score,
            "kind": doc.kind if doc.kind in ("faq", "glossary") else "module",
            "subsystem": doc.subsystem,
            "ref": doc.ref}


def reply_dict(reply: Reply) -> dict[str, Any]:
    """The API body: the contract's answered and answers, plus the help contacts."""
    return {
        "answered": reply.ranking.answered,
        "answers": [answer_dict(hit) for hit in reply.ranking.hits],
        "subsystem": reply.ranking.subsystem,
        "contacts": [{"subsystem": code, "contact_th": text}
                     for code, text in reply.contacts.items()],
    }
