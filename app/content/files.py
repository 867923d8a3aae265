"""Reading and validating the content files. Pure: no database.

Every problem names the file, the line and what is wrong, and all problems are collected
before anything is written, so a bad file changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from app.subsystems import CODES

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{2,79}$")
TOPIC_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


class LineDict(dict[str, Any]):
    """A YAML mapping that remembers the line it started on."""

    line: int = 0


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict(loader.construct_pairs(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(Exception):
    """One or more content files are invalid; nothing was loaded."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class Item:
    ref: str
    topic: str
    level: int
    text: str
    options: list[tuple[str, bool]]
    explanation: str


@dataclass
class ModuleFile:
    slug: str
    path: str
    title_th: str
    title_en: str
    level: int
    kind: str
    topics: list[str]
    minutes: int
    last_reviewed: date
    body_md: str
    check: list[Item]


@dataclass
class CourseFile:
    slug: str
    subsystem: str
    audience: str
    mandatory: bool
    title_th: str
    title_en: str
    summary_th: str
    changelog: list[dict[str, Any]]
    modules: list[ModuleFile] = field(default_factory=list)


@dataclass
class BankFile:
    subsystem: str
    time_limit_minutes: int
    items_per_attempt: int
    cut_scores: dict[str, float]
    questions: list[Item]
    mode: str = "fixed"  # fixed: one stratified form; adaptive: blocks chosen by ability


@dataclass
class Content:
    topics: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    courses: list[CourseFile] = field(default_factory=list)
    banks: list[BankFile] = field(default_factory=list)


#: every lesson ends with this section, listing the rules it relies on (issue 17)
REFERENCES_HEADING = "## แหล่งอ้างอิง"
#: courses/shared/ holds pages every course links to (not a system)
SHARED_FOLDER = "shared"


class _Reader:
    """Collects problems while reading one tree of content files."""

    def __init__(self, root: Path, strict: bool = True) -> None:
        self.root = root
        self.strict = strict
        self.problems: list[Problem] = []
        self.refs: dict[str, str] = {}

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def problem(self, path: Path, line: int, message: str) -> None:
        self.problems.append(Problem(self.rel(path), line, message))

    def yaml(self, path: Path, text: str | None = None, offset: int = 0) -> Any:
        try:
            source = text if text is not None else path.read_text("utf-8")
            return yaml.load(source, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
        except yaml.MarkedYAMLError as exc:
            line = (exc.problem_mark.line + 1 if exc.problem_mark else 0) + offset
            self.problem(path, line, f"YAML error: {exc.problem}")
        except (OSError, UnicodeDecodeError) as exc:
            self.problem(path, 0, f"cannot read: {exc}")
        return None

    def need(self, path: Path, data: LineDict, key: str, kind: type, offset: int = 0) -> Any:
        value = data.get(key)
        if value is None or (kind is str and not str(value).strip()):
            self.problem(path, data.line + offset, f"'{key}' is required")
            return None
        if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            self.problem(path, data.line + offset, f"'{key}' must be a whole number")
            return None
        if kind is str and not isinstance(value, str):
            self.problem(path, data.line + offset, f"'{key}' must be text")
            return None
        return value

    def item(self, path: Path, raw: Any, topics: set[str], offset: int = 0) -> Item | None:
        if not isinstance(raw, LineDict):
            self.problem(path, offset, "a question must be a mapping")
            return None
        line = raw.line + offset
        ref = self.need(path, raw, "id", str, offset)
        topic = self.need(path, raw, "topic", str, offset)
        level = self.need(path, raw, "level", int, offset)
        text = self.need(path, raw, "text", str, offset)
        explanation = self.need(path, raw, "explanation", str, offset)
        if ref is not None:
            if not ID_RE.match(ref):
                self.problem(path, line, f"id '{ref}' must be lowercase letters, digits, '-'")
            elif ref in self.refs:
                self.problem(path, line, f"id '{ref}' is already used in {self.refs[ref]}")
            else:
                self.refs[ref] = self.rel(path)
        if topic is not None and topic not in topics:
            self.problem(path, line, f"topic '{topic}' is not in topics.yaml")
        if level is not None and level not in (1, 2, 3):
            self.problem(path, line, "level must be 1, 2 or 3")
        options = raw.get("options")
        parsed: list[tuple[str, bool]] = []
        if not isinstance(options, list) or not 2 <= len(options) <= 6:
            self.problem(path, line, "a question needs 2 to 6 options")
        else:
            for option in options:
                if not isinstance(option, LineDict) or not isinstance(option.get("text"), str) \
                        or not option["text"].strip():
                    self.problem(path, line, "every option needs a 'text'")
                    continue
                parsed.append((option["text"].strip(), option.get("correct") is True))
            if sum(1 for _t, ok in parsed if ok) != 1:
                self.problem(path, line, "exactly one option must have 'correct: true'")
        if None in (ref, topic, level, text, explanation):
            return None
        return Item(ref, topic, level, text.strip(), parsed, explanation.strip())


def _split_front_matter(text: str) -> tuple[str, str] | None:
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 4)
    if end < 0:
        return None
    return text[4:end + 1], text[end + 5:]


def _read_topics(reader: _Reader, folder: Path) -> list[tuple[str, str, str]]:
    path = folder / "topics.yaml"
    if not path.exists():
        reader.problem(path, 0, "missing topics.yaml")
        return []
    data = reader.yaml(path)
    if not isinstance(data, LineDict) or not isinstance(data.get("topics"), list):
        reader.problem(path, 1, "expected 'subsystem' and a list 'topics'")
        return []
    if data.get("subsystem") != folder.name:
        reader.problem(path, data.line, f"subsystem must be '{folder.name}'")
    topics = []
    for raw in data["topics"]:
        code = raw.get("code") if isinstance(raw, LineDict) else None
        if not isinstance(code, str) or not TOPIC_RE.match(code):
            reader.problem(path, getattr(raw, "line", 0), "topic 'code' must be lowercase ascii")
            continue
        names = [reader.need(path, raw, "name_th", str), reader.need(path, raw, "name_en", str)]
        topics.append((code, str(names[0] or ""), str(names[1] or "")))
    return topics


def _last_heading(body: str) -> str | None:
    headings = [line.strip() for line in body.splitlines() if line.startswith("## ")]
    return headings[-1] if headings else None


def _read_module(reader: _Reader, path: Path, course: CourseFile,
                 topics: set[str]) -> ModuleFile | None:
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError:
        reader.problem(path, 0, "the file is not UTF-8")
        return None
    split = _split_front_matter(text)
    if split is None:
        reader.problem(path, 1, "a module starts with a YAML header between '---' lines")
        return None
    header_text, body = split
    head = reader.yaml(path, header_text, offset=1)
    if not isinstance(head, LineDict):
        return None
    off = 1
    slug = reader.need(path, head, "id", str, off)
    values = {k: reader.need(path, head, k, str, off) for k in ("title_th", "title_en", "kind")}
    level = reader.need(path, head, "level", int, off)
    minutes = reader.need(path, head, "minutes", int, off)
    reviewed = head.get("last_reviewed")
    if not isinstance(reviewed, date):
        reader.problem(path, head.line + off, "'last_reviewed' must be a date YYYY-MM-DD")
    mod_topics = head.get("topics")
    if not isinstance(mod_topics, list) or not mod_topics:
        reader.problem(path, head.line + off, "'topics' must be a non-empty list")
        mod_topics = []
    for t in mod_topics:
        if t not in topics:
            reader.problem(path, head.line + off, f"topic '{t}' is not in topics.yaml")
    if slug and not (slug.startswith(course.slug + "-") and ID_RE.match(slug)):
        reader.problem(path, head.line + off, f"id must start with '{course.slug}-'")
    if values["kind"] not in (None, "lesson", "final"):
        reader.problem(path, head.line + off, "kind must be 'lesson' or 'final'")
    if level is not None and level not in (1, 2, 3):
        reader.problem(path, head.line + off, "level must be 1, 2 or 3")
    if not body.strip():
        reader.problem(path, len(header_text.splitlines()) + 2, "the module has no body")
    elif reader.strict and _last_heading(body) != REFERENCES_HEADING:
        reader.problem(path, len(header_text.splitlines()) + 2,
                       f"the lesson must end with a section '{REFERENCES_HEADING}' listing "
                       "the rules it relies on, by exact title, and the date they were checked")
    check_raw = head.get("check")
    if not isinstance(check_raw, list) or not check_raw:
        reader.problem(path, head.line + off, "'check' must list the module's check items")
        check_raw = []
    check = [i for i in (reader.item(path, raw, topics, off) for raw in check_raw) if i]
    if None in (slug, level, minutes, *values.values()) or not isinstance(reviewed, date):
        return None
    return ModuleFile(slug, reader.rel(path), values["title_th"], values["title_en"], level,
                      values["kind"], list(mod_topics), minutes, reviewed, body, check)


def _read_course(reader: _Reader, folder: Path, subsystem: str,
                 topics: set[str]) -> CourseFile | None:
    path = folder / "course.yaml"
    data = reader.yaml(path)
    if not isinstance(data, LineDict):
        if data is not None:
            reader.problem(path, 1, "course.yaml must be a mapping")
        return None
    slug = reader.need(path, data, "id", str)
    audience = data.get("audience")
    if audience not in ("officer", "executive"):
        reader.problem(path, data.line, "audience must be 'officer' or 'executive'")
    if data.get("subsystem") != subsystem:
        reader.problem(path, data.line, f"subsystem must be '{subsystem}'")
    titles = [reader.need(path, data, k, str) for k in ("title_th", "title_en")]
    changelog = data.get("changelog") or []
    if not isinstance(changelog, list):
        reader.problem(path, data.line, "changelog must be a list of {date, note}")
        changelog = []
    if slug is None or None in titles or audience not in ("officer", "executive"):
        return None
    course = CourseFile(slug, subsystem, audience, data.get("mandatory") is True, titles[0],
                        titles[1], str(data.get("summary_th") or ""),
                        [{"date": str(c.get("date")), "note": str(c.get("note"))}
                         for c in changelog if isinstance(c, dict)])
    for module_path in sorted(folder.glob("*.md")):
        module = _read_module(reader, module_path, course, topics)
        if module:
            course.modules.append(module)
    if not course.modules:
        reader.problem(path, 1, "the course has no module files")
    elif course.modules[-1].kind != "final" or \
            any(m.kind == "final" for m in course.modules[:-1]):
        reader.problem(path, 1, "the last module, and only it, must be of kind 'final'")
    return course


def _read_bank(reader: _Reader, path: Path, subsystem: str, topics: set[str]) -> BankFile | None:
    data = reader.yaml(path)
    if not isinstance(data, LineDict):
        return None
    if data.get("subsystem") != subsystem or data.get("kind") != "placement":
        reader.problem(path, data.line, f"expected subsystem '{subsystem}' and kind 'placement'")
    minutes = reader.need(path, data, "time_limit_minutes", int)
    per_attempt = reader.need(path, data, "items_per_attempt", int)
    cuts = data.get("cut_scores")
    cut_scores: dict[str, float] = {}
    if not isinstance(cuts, dict) or sorted(cuts) != [1, 2, 3] or not all(
            isinstance(v, int | float) and 0 < v <= 1 for v in cuts.values()) or not (
            cuts[1] < cuts[2] < cuts[3]):
        reader.problem(path, data.line, "cut_scores must map 1, 2, 3 to rising shares in (0, 1]")
    else:
        cut_scores = {str(k): float(v) for k, v in cuts.items()}
    questions = [q for q in (reader.item(path, raw, topics) for raw in data.get("questions") or [])
                 if q]
    if per_attempt is not None and per_attempt > len(questions):
        reader.problem(path, data.line, "items_per_attempt is larger than the bank")
    mode = data.get("mode", "fixed")
    if mode not in ("fixed", "adaptive"):
        reader.problem(path, data.line, "mode must be 'fixed' or 'adaptive'")
    if minutes is None or per_attempt is None or not cut_scores:
        return None
    return BankFile(subsystem, minutes, per_attempt, cut_scores, questions, str(mode))


def read_content(courses_root: Path, quizzes_root: Path, strict: bool = True) -> Content:
    """Read and validate every content file; raises ContentError listing every problem.
    `strict=False` reads content written before the reference-section rule (a test fixture)."""
    reader = _Reader(courses_root, strict)
    content = Content()
    for subsystem in CODES:
        folder = courses_root / subsystem
        if not folder.is_dir():
            continue
        topics = _read_topics(reader, folder)
        content.topics[subsystem] = topics
        codes = {t[0] for t in topics}
        for course_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
            course = _read_course(reader, course_dir, subsystem, codes)
            if course:
                content.courses.append(course)
        bank_path = quizzes_root / subsystem / "placement.yaml"
        if bank_path.exists():
            bank = _read_bank(reader, bank_path, subsystem, codes)
            if bank:
                content.banks.append(bank)
    for path in sorted(p for p in courses_root.iterdir() if p.is_dir()):
        if path.name not in CODES and path.name != SHARED_FOLDER:
            reader.problem(path, 0, f"unknown system folder '{path.name}'")
    if reader.problems:
        raise ContentError(reader.problems)
    return content
