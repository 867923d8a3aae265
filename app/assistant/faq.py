"""Reading and validating the FAQ files, courses/<system>/faq.yaml. Pure: no database.

Like the course files, every problem names the file, the line and what is wrong, and a bad
file stops the whole sync before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.assistant.sections import split_sections

# the content reader: YAML with line numbers and the file:line problem list, shared so FAQ
# problems read exactly like course problems
from app.content.files import ID_RE, Content, ContentError, LineDict, _Reader
from app.content.markdown import render
from app.subsystems import CODES

FILE_KEYS = {"subsystem", "contact_th", "questions"}
ENTRY_KEYS = {"id", "question", "answer", "keywords", "module", "section"}
MAX_QUESTION, MAX_ANSWER, MAX_CONTACT = 200, 1200, 300


@dataclass
class FaqEntry:
    ref: str
    subsystem: str
    question: str
    answer: str
    keywords: list[str] = field(default_factory=list)
    module: str | None = None
    section: int | None = None  # the number of the module's '## ' section it points to


@dataclass
class FaqFile:
    subsystem: str
    path: str
    contact_th: str
    entries: list[FaqEntry]


def module_headings(content: Content) -> dict[str, list[str]]:
    """Every module's '## ' headings in order (section n is at index n-1)."""
    headings: dict[str, list[str]] = {}
    for course in content.courses:
        for module in course.modules:
            sections = split_sections(render(module.body_md))
            headings[module.slug] = [s.heading for s in sections if s.number is not None]
    return headings


def _text(reader: _Reader, path: Path, raw: LineDict, key: str, limit: int,
          line: int) -> str | None:
    value = reader.need(path, raw, key, str)
    if value is None:
        return None
    value = " ".join(value.split())
    if len(value) > limit:
        reader.problem(path, line, f"'{key}' is longer than {limit} characters")
    return value


def _unknown_keys(reader: _Reader, path: Path, raw: LineDict, allowed: set[str]) -> None:
    for key in sorted(set(raw) - allowed, key=str):
        reader.problem(path, raw.line, f"unknown key '{key}' (allowed: "
                       f"{', '.join(sorted(allowed))})")


def _target(reader: _Reader, path: Path, raw: LineDict,
            headings: dict[str, list[str]]) -> tuple[str | None, int | None]:
    module, section = raw.get("module"), raw.get("section")
    if module is None:
        if section is not None:
            reader.problem(path, raw.line, "'section' needs a 'module'")
        return None, None
    if not isinstance(module, str) or module not in headings:
        reader.problem(path, raw.line, f"module '{module}' is not a module id in courses/")
        return None, None
    if section is None:
        return module, None
    names = headings[module]
    if not isinstance(section, str) or section.strip() not in names:
        reader.problem(path, raw.line, f"section '{section}' is not a '## ' heading of "
                       f"{module} (it has: {', '.join(names)})")
        return module, None
    return module, names.index(section.strip()) + 1


def _entry(reader: _Reader, path: Path, raw: Any, subsystem: str,
           headings: dict[str, list[str]], seen: dict[str, str]) -> FaqEntry | None:
    if not isinstance(raw, LineDict):
        reader.problem(path, getattr(raw, "line", 0), "a question must be a mapping")
        return None
    _unknown_keys(reader, path, raw, ENTRY_KEYS)
    ref = reader.need(path, raw, "id", str)
    if ref is not None:
        if not ID_RE.match(ref) or not ref.startswith(f"{subsystem}-faq-"):
            reader.problem(path, raw.line, f"id '{ref}' must start with '{subsystem}-faq-' "
                           "and use lowercase letters, digits and '-'")
        elif ref in seen:
            reader.problem(path, raw.line, f"id '{ref}' is already used in {seen[ref]}")
        else:
            seen[ref] = reader.rel(path)
    question = _text(reader, path, raw, "question", MAX_QUESTION, raw.line)
    answer = _text(reader, path, raw, "answer", MAX_ANSWER, raw.line)
    keywords = raw.get("keywords") or []
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        reader.problem(path, raw.line, "'keywords' must be a list of words (put numbers in quotes)")
        keywords = []
    module, section = _target(reader, path, raw, headings)
    if ref is None or question is None or answer is None:
        return None
    return FaqEntry(ref, subsystem, question, answer, [k.strip() for k in keywords],
                    module, section)


def _read_file(reader: _Reader, path: Path, subsystem: str, headings: dict[str, list[str]],
               seen: dict[str, str]) -> FaqFile | None:
    data = reader.yaml(path)
    if data is None:
        return None
    if not isinstance(data, LineDict):
        reader.problem(path, 1, "faq.yaml must be a mapping with subsystem, contact_th, "
                       "questions")
        return None
    _unknown_keys(reader, path, data, FILE_KEYS)
    if data.get("subsystem") != subsystem:
        reader.problem(path, data.line, f"subsystem must be '{subsystem}'")
    contact = _text(reader, path, data, "contact_th", MAX_CONTACT, data.line)
    questions = data.get("questions")
    if not isinstance(questions, list) or not questions:
        reader.problem(path, data.line, "'questions' must be a non-empty list")
        questions = []
    entries = [e for e in (_entry(reader, path, raw, subsystem, headings, seen)
                           for raw in questions) if e]
    if contact is None:
        return None
    return FaqFile(subsystem, reader.rel(path), contact, entries)


def read_faqs(courses_root: Path, content: Content) -> list[FaqFile]:
    """Read and validate every courses/<system>/faq.yaml; raises ContentError listing all."""
    reader = _Reader(courses_root)
    headings = module_headings(content)
    seen: dict[str, str] = {}
    files = []
    for subsystem in CODES:
        path = courses_root / subsystem / "faq.yaml"
        if path.exists():
            faq = _read_file(reader, path, subsystem, headings, seen)
            if faq:
                files.append(faq)
    if reader.problems:
        raise ContentError(reader.problems)
    return files
