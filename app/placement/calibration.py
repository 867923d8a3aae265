"""Operator commands over the database: calibrate a bank from real answers, simulate it."""

from __future__ import annotations

from pathlib import Path

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.content.files import Item
from app.content.lint import read_words, twins
from app.content.models import PlacementBank, Question, QuestionOption
from app.extensions import db
from app.placement import irt
from app.placement.adaptive import difficulty
from app.placement.models import Attempt, AttemptItem
from app.placement.simulate import BankReport, report_for_bank


def _banks(code: str | None) -> list[PlacementBank]:
    query = select(PlacementBank).order_by(PlacementBank.subsystem)
    if code:
        query = query.where(PlacementBank.subsystem == code)
    banks = list(db.session.scalars(query))
    if code and not banks:
        raise ValueError(f"no placement bank '{code}'")
    return banks


def _questions(subsystem: str) -> list[Question]:
    return list(db.session.scalars(
        select(Question).options(selectinload(Question.options))
        .where(Question.subsystem == subsystem, Question.module_id.is_(None),
               Question.retired.is_(False)).order_by(Question.position)))


def calibrate_bank(code: str | None, min_answers: int = 50) -> list[str]:
    """Rasch difficulties from every finished attempt of each bank (unanswered = wrong);
    an item with fewer than `min_answers` answers goes back to its prior. Flushes."""
    lines = []
    for bank in _banks(code):
        questions = _questions(bank.subsystem)
        priors = {q.id: irt.LEVEL_PRIOR[q.level] for q in questions}
        rows = db.session.execute(
            select(AttemptItem.attempt_id, AttemptItem.question_id, QuestionOption.correct)
            .join(Attempt, Attempt.id == AttemptItem.attempt_id)
            .outerjoin(QuestionOption, QuestionOption.id == AttemptItem.answer_option_id)
            .where(Attempt.subsystem == bank.subsystem,
                   Attempt.status.in_(("submitted", "expired")),
                   AttemptItem.question_id.in_(list(priors))))
        answers = [(a, q, bool(ok)) for a, q, ok in rows]
        result = irt.calibrate(answers, priors, min_answers=min_answers)
        moved = 0
        lines.append(f"{bank.subsystem}: {len(answers)} answers from "
                     f"{len({a for a, _q, _ok in answers})} attempts")
        for q in questions:
            new, used = result[q.id]
            old = difficulty(q)
            q.difficulty, q.calibrated_n = (new, used) if used else (None, 0)
            if used and abs(new - old) >= 0.05:
                moved += 1
                lines.append(f"  {q.ref:32} level {q.level}  {old:+.2f} -> {new:+.2f}  "
                             f"({used} answers)")
        kept = sum(1 for q in questions if not result[q.id][1])
        lines.append(f"  {moved} moved by 0.05 logit or more; {kept} kept their prior "
                     f"(fewer than {min_answers} answers)")
    db.session.flush()
    return lines


def simulate_banks(code: str | None, people: int = 2000) -> list[BankReport]:
    """Each bank with its current difficulties through `simulate.report_for_bank`."""
    words = read_words(Path(current_app.config["CONTENT_ROOT"]) / "quizzes" / "lint-words.yaml")
    reports = []
    for bank in _banks(code):
        questions = _questions(bank.subsystem)
        items = [Item(q.ref, q.topic, q.level, q.text,
                      [(o.text, o.correct) for o in q.active_options], "") for q in questions]
        reports.append(report_for_bank(bank.subsystem, items, [difficulty(q) for q in questions],
                                       bank.cut_scores, bank.items_per_attempt, words,
                                       people=people, twins=twins(items)))
    return reports
