"""Writing validated content into the database: idempotent, never losing progress.

Modules and questions are matched by their stable ids; ones that left the files are retired,
never deleted, because progress and attempts refer to them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.content.files import BankFile, Content, CourseFile, Item
from app.content.markdown import render
from app.content.models import Course, Module, PlacementBank, Question, QuestionOption, Topic
from app.extensions import db


@dataclass
class SyncReport:
    courses: int = 0
    modules: int = 0
    questions: int = 0
    retired: int = 0


def _sync_options(question: Question, options: list[tuple[str, bool]]) -> None:
    existing = {o.position: o for o in question.options}
    for position, (text, correct) in enumerate(options):
        option = existing.pop(position, None)
        if option is None:
            option = QuestionOption(position=position)
            question.options.append(option)
        option.text, option.correct, option.retired = text, correct, False
    for extra in existing.values():  # fewer options now: retire the tail, answers keep the id
        extra.correct, extra.retired = False, True


def _sync_items(items: list[Item], subsystem: str, module_id: int | None,
                known: dict[str, Question], report: SyncReport) -> set[str]:
    for position, item in enumerate(items):
        question = known.get(item.ref)
        if question is None:
            question = Question(ref=item.ref)
            db.session.add(question)
            known[item.ref] = question
        question.subsystem, question.module_id = subsystem, module_id
        question.topic, question.level, question.text = item.topic, item.level, item.text
        question.explanation, question.position = item.explanation, position
        question.retired = False
        _sync_options(question, item.options)
        report.questions += 1
    return {item.ref for item in items}


def _sync_course(source: CourseFile, known: dict[str, Question], report: SyncReport) -> set[str]:
    course = db.session.scalar(select(Course).where(Course.slug == source.slug))
    if course is None:
        course = Course(slug=source.slug)
        db.session.add(course)
    course.subsystem, course.audience, course.mandatory = (
        source.subsystem, source.audience, source.mandatory)
    course.title_th, course.title_en = source.title_th, source.title_en
    course.summary_th, course.changelog = source.summary_th, source.changelog
    db.session.flush()
    modules = {m.slug: m for m in db.session.scalars(
        select(Module).where(Module.course_id == course.id))}
    refs: set[str] = set()
    for position, src in enumerate(source.modules):
        module = modules.pop(src.slug, None) or db.session.scalar(
            select(Module).where(Module.slug == src.slug))
        if module is None:
            module = Module(slug=src.slug)
            db.session.add(module)
        module.course_id, module.position = course.id, position
        module.title_th, module.title_en, module.level, module.kind = (
            src.title_th, src.title_en, src.level, src.kind)
        module.topics, module.minutes, module.last_reviewed = src.topics, src.minutes, \
            src.last_reviewed
        module.body_html, module.source_path, module.retired = render(src.body_md), src.path, False
        db.session.flush()
        refs |= _sync_items(src.check, source.subsystem, module.id, known, report)
        report.modules += 1
    for gone in modules.values():
        gone.retired = True
        report.retired += 1
    report.courses += 1
    return refs


def _sync_bank(source: BankFile, known: dict[str, Question], report: SyncReport) -> set[str]:
    bank = db.session.scalar(select(PlacementBank).where(
        PlacementBank.subsystem == source.subsystem))
    if bank is None:
        bank = PlacementBank(subsystem=source.subsystem)
        db.session.add(bank)
    bank.time_limit_minutes, bank.items_per_attempt = (source.time_limit_minutes,
                                                       source.items_per_attempt)
    bank.cut_scores, bank.mode = source.cut_scores, source.mode
    return _sync_items(source.questions, source.subsystem, None, known, report)


def sync_content(content: Content) -> SyncReport:
    """Bring the database in line with the files (flushes, never commits)."""
    report = SyncReport()
    for subsystem, topics in content.topics.items():
        existing = {t.code: t for t in db.session.scalars(
            select(Topic).where(Topic.subsystem == subsystem))}
        for position, (code, name_th, name_en) in enumerate(topics):
            topic = existing.get(code) or Topic(subsystem=subsystem, code=code)
            topic.name_th, topic.name_en, topic.position = name_th, name_en, position
            db.session.add(topic)
    known = {q.ref: q for q in db.session.scalars(select(Question))}
    present: set[str] = set()
    for course in content.courses:
        present |= _sync_course(course, known, report)
    for bank in content.banks:
        present |= _sync_bank(bank, known, report)
    for ref, question in known.items():
        if ref not in present and not question.retired:
            question.retired = True
            report.retired += 1
    db.session.flush()
    return report
