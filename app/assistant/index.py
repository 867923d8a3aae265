"""Documents, the stored payload, and ranking a question against it. Pure: no database.

A document is one FAQ entry or one '## ' section of one module. Its search terms are counted
once, at content sync, and stored; answering a question only segments the question."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from app.assistant.bm25 import Bm25, counts
from app.assistant.faq import FaqFile
from app.assistant.sections import split_sections
from app.assistant.text import SYSTEM_PREFIX, clean, named_systems, terms, topic_terms
from app.content.glossary import Term

PAYLOAD_FORMAT = 1
# a question counts as answered when the best document reaches this share of the highest
# score the question could get (see Bm25.ceiling); set with the held-out questions in
# tests/assistant/test_accuracy.py, which also holds questions that must stay unanswered
THRESHOLD = 0.22
FLOOR = 0.12  # further answers shown below the first one must reach this
FOLLOWER = 0.6  # ... and this share of the first one's score: no filler from other topics
OTHER_FOLLOWER = 0.8  # more for another system than the one named, or the first answer's
OTHER_SYSTEM = 0.7  # a question that names a system prefers that system's pages
FAQ_PRIOR = 1.15  # an FAQ entry is a written answer: prefer it to a lesson section on a tie
# a word found in more than about a third of the documents (ใช้, ระบบ, ข้อมูล) is no evidence
# that a document is about the question, nor is a system's name; the best document must share
# two rarer words with it (or the only one the question has): off-topic questions share one
EVIDENCE_IDF = 1.0
MAX_TERMS = 60
SNIPPET_CHARS = 260


@dataclass
class Document:
    kind: str  # "faq", "section" or "glossary"
    ref: str  # the FAQ id, or "<module slug>#s-<n>"
    subsystem: str
    title: str
    paragraphs: list[str]
    module_id: int | None = None
    module_slug: str | None = None
    section: int | None = None
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class ModuleText:
    id: int
    slug: str
    subsystem: str
    title_th: str
    body_html: str


def faq_documents(faqs: list[FaqFile], module_ids: dict[str, int]) -> list[Document]:
    """One document per FAQ entry: the question and keywords weigh double."""
    docs = []
    for faq in faqs:
        for entry in faq.entries:
            weighted = counts(terms(entry.question), 2) + counts(
                terms(" ".join(entry.keywords)), 2) + counts(terms(entry.answer))
            weighted[SYSTEM_PREFIX + entry.subsystem] += 1
            docs.append(Document("faq", entry.ref, entry.subsystem, entry.question,
                                 [entry.answer], module_ids.get(entry.module or ""),
                                 entry.module, entry.section, dict(weighted)))
    return docs


def glossary_documents(glossaries: dict[str, list[Term]]) -> list[Document]:
    """One document per glossary term: the term in Thai and English weighs double."""
    docs = []
    for subsystem, terms_of in glossaries.items():
        for term in terms_of:
            weighted = counts(terms(f"{term.th} {term.en}"), 2) + counts(terms(term.meaning_th))
            weighted[SYSTEM_PREFIX + subsystem] += 1
            docs.append(Document("glossary", term.ref, subsystem, f"{term.th} ({term.en})",
                                 [term.meaning_th], counts=dict(weighted)))
    return docs


def section_documents(modules: list[ModuleText]) -> list[Document]:
    """One document per module section: the module's title weighs double."""
    docs = []
    for module in modules:
        title_counts = counts(terms(module.title_th), 2)
        for section in split_sections(module.body_html):
            weighted = title_counts + counts(terms(section.heading)) + counts(
                terms(section.text))
            weighted[SYSTEM_PREFIX + module.subsystem] += 1
            title = f"{module.title_th} › {section.heading}" if section.heading else \
                module.title_th
            ref = f"{module.slug}#s-{section.number}" if section.number else module.slug
            docs.append(Document("section", ref, module.subsystem, title, section.paragraphs,
                                 module.id, module.slug, section.number, dict(weighted)))
    return docs


def make_payload(docs: list[Document], faqs: list[FaqFile]) -> dict[str, Any]:
    """The JSON stored in the database for one build."""
    return {"format": PAYLOAD_FORMAT,
            "contacts": {faq.subsystem: faq.contact_th for faq in faqs},
            "documents": [asdict(d) for d in docs]}


@dataclass
class Hit:
    document: Document
    score: float  # 0..1: the share of the best score this question could get
    snippet: str


@dataclass
class Ranking:
    answered: bool
    hits: list[Hit]  # best first; empty when not answered
    subsystem: str | None  # the system the question is most likely about
    terms: list[str]


def _snippet(doc: Document, words: list[str]) -> str:
    if doc.kind in ("faq", "glossary"):
        return doc.paragraphs[0]  # the written answer, whole (1,200 characters at most)
    # the paragraph sharing the most question words; the first one on a tie
    useful = [w for w in words if not w.startswith(SYSTEM_PREFIX)]
    text = max(doc.paragraphs or [""], key=lambda p: sum(1 for w in useful if w in clean(p)))
    return text if len(text) <= SNIPPET_CHARS else text[:SNIPPET_CHARS].rstrip() + "…"


class SearchIndex:
    """A loaded build: documents, their BM25 statistics and the help contacts."""

    def __init__(self, payload: dict[str, Any]) -> None:
        self.contacts: dict[str, str] = dict(payload.get("contacts", {}))
        self.documents = [Document(**d) for d in payload.get("documents", [])]
        self.bm25 = Bm25(d.counts for d in self.documents)
        for doc in self.documents:
            doc.counts = {}  # the statistics live in the BM25 postings now

    def faq(self, subsystem: str) -> list[Document]:
        return [d for d in self.documents if d.kind == "faq" and d.subsystem == subsystem]

    def _evidence(self, number: int, question: str) -> bool:
        content = {w for w in topic_terms(question) if self.bm25.idf(w) >= EVIDENCE_IDF}
        return len(self.bm25.shared(number, content, EVIDENCE_IDF)) >= min(2, len(content))

    def rank(self, question: str, limit: int = 3) -> Ranking:
        """The best documents for a question, and whether the first one answers it."""
        words = terms(question)[:MAX_TERMS]
        named = named_systems(words)
        ceiling = self.bm25.ceiling(words)
        raw = self.bm25.scores(words)
        scored = []
        for number, score in raw.items():
            doc = self.documents[number]
            if named and doc.subsystem not in named:
                score *= OTHER_SYSTEM
            if doc.kind == "faq":
                score *= FAQ_PRIOR
            scored.append((min(score / ceiling, 1.0), number))
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        guess = named[0] if named else (
            self.documents[scored[0][1]].subsystem if scored and scored[0][0] >= FLOOR
            else None)
        answered = bool(scored) and scored[0][0] >= THRESHOLD and self._evidence(
            scored[0][1], question)
        hits: list[Hit] = []
        covered: set[tuple[int | None, int | None]] = set()
        for score, number in scored if answered else []:
            if len(hits) == limit or (hits and score < max(FLOOR, FOLLOWER * hits[0].score)):
                break
            doc = self.documents[number]
            if hits and doc.subsystem not in (named or [hits[0].document.subsystem]) \
                    and score < OTHER_FOLLOWER * hits[0].score:
                continue
            if doc.kind == "section" and (doc.module_id, doc.section) in covered:
                continue  # an FAQ entry above already points at this section
            if doc.section is not None:
                covered.add((doc.module_id, doc.section))
            hits.append(Hit(doc, round(score, 3), _snippet(doc, words)))
        return Ranking(answered, hits, guess, words)


def normalized_key(words: list[str]) -> str:
    """The search terms of a question as one string: the same question asked in slightly
    different words (particles, word order of the system name) groups together."""
    return " ".join(dict.fromkeys(words))[:500]
