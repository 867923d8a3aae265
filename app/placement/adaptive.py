"""Adaptive placement: blocks of items chosen for the person's current ability estimate.

A block is sent whole, so answering inside it works offline exactly as the fixed form; the
next block is chosen when the block's answers are on the server (`POST /attempts/{id}/next`).
The measurement itself (EAP, cut points, stopping, selection) is in irt.py, pure.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.content.files import Item
from app.content.lint import twins
from app.content.models import PlacementBank, Question, QuestionOption
from app.errors import N_, Conflict
from app.extensions import db
from app.placement import irt
from app.placement.grading import shuffled
from app.placement.models import Attempt, AttemptItem

RULE = irt.StopRule()


class BlockOpen(Conflict):
    code = "block_unanswered"


@dataclass(frozen=True)
class BankModel:
    items: dict[int, irt.Candidate]  # question id -> topic and difficulty
    levels: dict[int, int]
    cuts: dict[int, float]
    twins: dict[int, set[int]]


_TWINS: dict[tuple[int, ...], dict[int, set[int]]] = {}


def _twins(questions: list[Question]) -> dict[int, set[int]]:
    """Near-duplicate items of the bank (the content lint's measure), cached per set of items:
    two of them never appear in one attempt."""
    key = tuple(sorted(q.id for q in questions))
    if key not in _TWINS:
        items = [Item(q.ref, q.topic, q.level, q.text,
                      [(o.text, o.correct) for o in q.active_options], "") for q in questions]
        _TWINS[key] = {questions[n].id: {questions[m].id for m in others}
                       for n, others in twins(items).items()}
    return _TWINS[key]


def difficulty(question: Question) -> float:
    return question.difficulty if question.difficulty is not None else \
        irt.LEVEL_PRIOR[question.level]


def bank_model(bank: PlacementBank) -> BankModel:
    questions = list(db.session.scalars(
        select(Question).options(selectinload(Question.options))
        .where(Question.subsystem == bank.subsystem, Question.module_id.is_(None),
               Question.retired.is_(False))))
    items = {q.id: irt.Candidate(q.id, q.topic, difficulty(q)) for q in questions}
    cuts = irt.theta_cuts([c.b for c in items.values()], bank.cut_scores)
    return BankModel(items, {q.id: q.level for q in questions}, cuts, _twins(questions))


def _responses(attempt: Attempt, model: BankModel,
               correct: set[int]) -> list[tuple[float, bool]]:
    out = []
    for item in attempt.items:
        b = model.items[item.question_id].b if item.question_id in model.items else \
            difficulty(item.question)
        out.append((b, item.answer_option_id in correct))
    return out


def correct_options(attempt: Attempt) -> set[int]:
    return set(db.session.scalars(select(QuestionOption.id).where(
        QuestionOption.question_id.in_([i.question_id for i in attempt.items]),
        QuestionOption.correct.is_(True))))


def add_block(attempt: Attempt, model: BankModel, theta: float,
              options: dict[int, list[int]]) -> list[AttemptItem]:
    """Choose and append the next block (seeded by the attempt: repeatable)."""
    asked = {i.question_id for i in attempt.items}
    excluded = set(asked)
    for qid in asked:
        excluded |= model.twins.get(qid, set())
    number = max((i.block for i in attempt.items), default=-1) + 1
    rng = random.Random(attempt.seed * 100 + number)  # noqa: S311 - exposure, not a secret
    size = min(RULE.block, RULE.max_items - len(attempt.items))
    chosen = irt.choose_block(list(model.items.values()),
                              [model.items[q].topic for q in asked if q in model.items],
                              irt.selection_point(theta, model.cuts), size, rng, excluded,
                              model.twins)
    start = len(attempt.items)
    added = []
    for n, candidate in enumerate(chosen):
        item = AttemptItem(question_id=candidate.key, position=start + n, block=number,
                           option_order=shuffled(options[candidate.key],
                                                 attempt.seed + start + n))
        attempt.items.append(item)
        added.append(item)
    return added


def next_block(attempt: Attempt, bank: PlacementBank,
               options_of: Callable[[list[int]], dict[int, list[int]]]
               ) -> tuple[list[AttemptItem], bool]:
    """After a block is fully answered: the next block, or done when the level is clear."""
    if not attempt.adaptive or attempt.done:
        return [], True
    current = max((i.block for i in attempt.items), default=0)
    unanswered = [i.question_id for i in attempt.items
                  if i.block == current and i.answer_option_id is None]
    if unanswered:
        raise BlockOpen(N_("answer every question of this set first"),
                        {"unanswered": unanswered})
    model = bank_model(bank)
    responses = _responses(attempt, model, correct_options(attempt))
    est = irt.estimate(responses)
    attempt.theta, attempt.theta_se = round(est.theta, 4), round(est.se, 4)
    right = sum(1 for _b, ok in responses if ok)
    if irt.should_stop(est, len(attempt.items), model.cuts, RULE, right):
        attempt.done = True
        return [], True
    fresh = add_block(attempt, model, est.theta, options_of(
        [qid for qid in model.items if qid not in {i.question_id for i in attempt.items}]))
    if not fresh:  # the bank has nothing left to ask
        attempt.done = True
        return [], True
    return fresh, False


@dataclass(frozen=True)
class AdaptiveResult:
    level: int
    theta: float
    se: float
    confidence: float


def grade_adaptive(attempt: Attempt, bank: PlacementBank) -> AdaptiveResult:
    """The level from the ability estimate over every item sent (an unanswered one counts as
    wrong), held to the fixed form's rule: half of the items at that level or above right."""
    model = bank_model(bank)
    correct = correct_options(attempt)
    est = irt.estimate(_responses(attempt, model, correct))
    answered = [(model.levels.get(i.question_id, i.question.level),
                 i.answer_option_id in correct) for i in attempt.items]
    level = irt.adaptive_level(est.theta, model.cuts, answered)
    return AdaptiveResult(level, round(est.theta, 4), round(est.se, 4),
                          round(irt.level_confidence(est, level, model.cuts), 4))
