"""Business verbs of the assistant: build the index at sync, answer, log the unanswered."""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, distinct, func, select

from app import audit
from app.assistant.faq import FaqFile
from app.assistant.index import (
    PAYLOAD_FORMAT,
    ModuleText,
    Ranking,
    SearchIndex,
    faq_documents,
    glossary_documents,
    make_payload,
    normalized_key,
    section_documents,
)
from app.assistant.models import AssistantIndex, UnansweredQuestion
from app.assistant.text import MAX_QUESTION_CHARS, scrub, terms, tidy_question
from app.auth.models import User
from app.content.glossary import Term
from app.content.models import Course, Module
from app.errors import N_, Invalid
from app.extensions import db

# titles, often written glued to the name (นางสาวมาลี): the name is scrubbed, never the title
_TITLES = ("นางสาว", "นาง", "นาย", "น.ส.", "ดร.", "mr.", "mrs.", "ms.", "dr.")
_cache: dict[str, SearchIndex] = {}  # build id -> loaded index; one entry per process
_cache_lock = threading.Lock()


@dataclass
class Reply:
    question: str
    ranking: Ranking
    # help contacts, when the question was not answered: its system's, or every system's
    contacts: dict[str, str]


@dataclass
class Gap:
    """A question people asked that nothing answered, with how often and how widely."""

    normalized: str
    example: str
    asked: int
    laos: int
    subsystem: str | None
    last_asked: datetime


def rebuild_index(faqs: list[FaqFile],
                  glossaries: dict[str, list[Term]] | None = None) -> AssistantIndex:
    """Index the synced modules, the FAQ files and the glossaries as the newest version
    (flushes)."""
    return store_index(build_payload(faqs, glossaries))


def build_payload(faqs: list[FaqFile],
                  glossaries: dict[str, list[Term]] | None = None) -> dict[str, Any]:
    """The documents of the current (not retired) modules, the FAQ files and the glossary
    terms, ready to store."""
    rows = db.session.execute(
        select(Module.id, Module.slug, Course.subsystem, Module.title_th, Module.body_html)
        .join(Course, Module.course_id == Course.id).where(Module.retired.is_(False))
        .order_by(Course.subsystem, Course.slug, Module.position))
    modules = [ModuleText(*row) for row in rows]
    docs = faq_documents(faqs, {m.slug: m.id for m in modules}) + section_documents(modules) \
        + glossary_documents(glossaries or {})
    return make_payload(docs, faqs)


def store_index(payload: dict[str, Any]) -> AssistantIndex:
    """Store a built payload as the newest version, replacing older ones (flushes)."""
    build = payload.setdefault("build", uuid.uuid4().hex)
    version = (db.session.scalar(select(func.max(AssistantIndex.version))) or 0) + 1
    db.session.execute(delete(AssistantIndex))
    row = AssistantIndex(version=version, build=build, documents=len(payload["documents"]),
                         payload=payload)
    db.session.add(row)
    db.session.flush()
    return row


def current_index() -> SearchIndex | None:
    """The newest build, loaded once per process and kept until a new build appears."""
    row = db.session.execute(select(AssistantIndex.id, AssistantIndex.build)
                             .order_by(AssistantIndex.version.desc()).limit(1)).first()
    if row is None:
        return None
    loaded = _cache.get(row.build)
    if loaded is not None:
        return loaded
    payload = db.session.scalar(select(AssistantIndex.payload).where(
        AssistantIndex.id == row.id))
    if not payload or payload.get("format") != PAYLOAD_FORMAT:
        return None  # built by an older release: the next content sync replaces it
    loaded = SearchIndex(payload)
    with _cache_lock:
        _cache.clear()
        _cache[row.build] = loaded
    return loaded


def index_status() -> tuple[int, datetime, int] | None:
    """Version, build time and document count of the newest build, if any."""
    row = db.session.execute(select(AssistantIndex.version, AssistantIndex.built_at,
                                    AssistantIndex.documents)
                             .order_by(AssistantIndex.version.desc()).limit(1)).first()
    return (row.version, row.built_at, row.documents) if row else None


def check_question(question: str) -> str:
    """The question tidied, or 422 when it is empty or longer than the limit."""
    text = tidy_question(question)
    if not text:
        raise Invalid(N_("the question is empty"), {"fields": {"question": "is required"}})
    if len(text) > MAX_QUESTION_CHARS:
        raise Invalid(N_("the question is too long"), {"fields": {
            "question": f"must be at most {MAX_QUESTION_CHARS} characters"}})
    return text


def answer(actor: User, question: str) -> Reply:
    """Answer from the newest index; log the question when nothing answers it (flushes)."""
    text = check_question(question)
    index = current_index()
    ranking = index.rank(text) if index else Ranking(False, [], None, terms(text))
    if ranking.answered:
        return Reply(text, ranking, {})
    log_unanswered(actor, text, ranking.subsystem)
    contacts = index.contacts if index else {}
    if ranking.subsystem in contacts:
        contacts = {ranking.subsystem: contacts[ranking.subsystem]}
    return Reply(text, ranking, dict(contacts))


def _names_of(actor: User) -> list[str]:
    """The asker's name, its parts without titles, username and e-mail: to scrub from text."""
    names = {actor.username or "", actor.email or "", actor.full_name or ""}
    for part in (actor.full_name or "").split():
        title = next((t for t in _TITLES if part.lower().startswith(t)), "")
        names.add(part[len(title):])
    return [n for n in names if len(n) >= 2]


def log_unanswered(actor: User, question: str, subsystem: str | None) -> UnansweredQuestion:
    """Keep an unanswered question for the FAQ editors: the LAO, never the person (flushes)."""
    text = scrub(question, _names_of(actor))[:500]
    entry = UnansweredQuestion(question=text, normalized=normalized_key(terms(text)) or text,
                               subsystem=subsystem, lao_id=actor.lao_id)
    db.session.add(entry)
    db.session.flush()
    return entry


def unanswered_ranking(subsystem: str | None = None, limit: int = 100) -> list[Gap]:
    """Unanswered questions grouped by their terms, the most asked first."""
    asked = func.count(UnansweredQuestion.id)
    stmt = (select(UnansweredQuestion.normalized, func.min(UnansweredQuestion.question), asked,
                   func.count(distinct(UnansweredQuestion.lao_id)),
                   func.max(UnansweredQuestion.subsystem), func.max(UnansweredQuestion.asked_at))
            .group_by(UnansweredQuestion.normalized)
            .order_by(asked.desc(), func.max(UnansweredQuestion.asked_at).desc()).limit(limit))
    if subsystem is not None:
        stmt = stmt.where(UnansweredQuestion.subsystem == subsystem)
    return [Gap(*row) for row in db.session.execute(stmt)]


def dismiss_unanswered(actor: User, normalized: str) -> int:
    """Remove a group of unanswered questions once the FAQ covers it (flushes, audited)."""
    rows = list(db.session.scalars(select(UnansweredQuestion).where(
        UnansweredQuestion.normalized == normalized)))
    if rows:
        audit.record(actor, "assistant.dismiss", rows[0], lao_id=None,
                     before={"normalized": normalized, "asked": len(rows)})
        for row in rows:
            db.session.delete(row)
        db.session.flush()
    return len(rows)
