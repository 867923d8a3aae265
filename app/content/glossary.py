"""Glossaries per system (courses/<system>/glossary.yaml) and the shared pages in
courses/shared/: read from the files, validated like the rest of the content."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.content.files import ContentError, LineDict, _Reader, _split_front_matter
from app.subsystems import CODES


@dataclass(frozen=True)
class Term:
    ref: str  # anchor on the glossary page: <system>-term-<n>
    th: str
    en: str
    meaning_th: str


def read_glossaries(courses_root: Path) -> dict[str, list[Term]]:
    """Every system's glossary; raises ContentError naming file, line and problem."""
    reader = _Reader(courses_root)
    out: dict[str, list[Term]] = {}
    for code in CODES:
        path = courses_root / code / "glossary.yaml"
        if not path.exists():
            continue
        data = reader.yaml(path)
        if not isinstance(data, LineDict) or not isinstance(data.get("terms"), list):
            reader.problem(path, 1, "expected 'subsystem' and a list 'terms'")
            continue
        if data.get("subsystem") != code:
            reader.problem(path, data.line, f"subsystem must be '{code}'")
        seen: set[str] = set()
        terms = []
        for n, raw in enumerate(data["terms"], start=1):
            if not isinstance(raw, LineDict):
                reader.problem(path, 0, "a term must be a mapping of th, en, meaning_th")
                continue
            values = [reader.need(path, raw, k, str) for k in ("th", "en", "meaning_th")]
            if None in values:
                continue
            th, en, meaning = (str(v).strip() for v in values)
            if th in seen:
                reader.problem(path, raw.line, f"'{th}' is listed twice")
            seen.add(th)
            terms.append(Term(f"{code}-term-{n}", th, en, meaning))
        out[code] = terms
    if reader.problems:
        raise ContentError(reader.problems)
    return out


@cache
def _glossaries(root: str, stamp: tuple[float, ...]) -> dict[str, list[Term]]:
    return read_glossaries(Path(root))


def glossaries(courses_root: Path) -> dict[str, list[Term]]:
    """The glossaries, read again only when a file changed (pages ask on every request)."""
    stamp = tuple(os.path.getmtime(p) for p in sorted(courses_root.glob("*/glossary.yaml")))
    return _glossaries(str(courses_root), stamp)


@dataclass(frozen=True)
class Page:
    title_th: str
    title_en: str
    body_md: str


def read_shared_page(courses_root: Path, name: str) -> Page:
    """A page of courses/shared/ (a YAML header with titles, then Markdown)."""
    path = courses_root / "shared" / f"{name}.md"
    reader = _Reader(courses_root)
    split = _split_front_matter(path.read_text("utf-8"))
    head = reader.yaml(path, split[0], offset=1) if split else None
    if split is None or not isinstance(head, LineDict):
        raise ContentError(reader.problems or [])
    return Page(str(head.get("title_th", "")), str(head.get("title_en", "")), split[1])
