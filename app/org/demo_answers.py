"""Simulated answers of the demo staff, so item analysis shows realistic figures on `make run`.

Each demo staff member (not the named demo accounts) took every placement quiz twice, more than
a year ago (no cooldown, no competency evidence: the register is not touched), and the officers
tried the lesson checks of one officer course. Answers follow a Rasch model from each item's
level with a little guessing, wrong answers spread unevenly over the distractors, so some items
come out too easy, too hard or with an option nobody picks, as real banks do.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import selectinload

from app.auth.models import User
from app.content.models import Course, Module, PlacementBank, Question
from app.extensions import db
from app.learning.models import CheckResponse, Enrollment, ModuleProgress
from app.org.demo_results import POSITION_SYSTEMS
from app.placement import irt
from app.placement.grading import BankItem, draw_form, grade, mastered_topics
from app.placement.models import Attempt, AttemptItem
from app.placement.services import learning_path

GUESS = 0.2
ATTEMPTS_EACH = 2


def _staff() -> list[User]:
    named = ("exec.", "hr.", "officer.")
    return [u for u in db.session.scalars(select(User).where(
        User.lao_id.is_not(None), User.status == "active").order_by(User.id))
        if not u.username.startswith(named)]


class _Truth:
    """Per item: a true difficulty around its level's prior and uneven distractor appeal."""

    def __init__(self, question: Question) -> None:
        rng = random.Random(question.ref)  # noqa: S311 - repeatable demo data
        self.b = irt.LEVEL_PRIOR[question.level] + rng.gauss(0, 0.6)
        self.key = next(o.id for o in question.active_options if o.correct)
        self.wrong = [o.id for o in question.active_options if not o.correct]
        self.appeal = [rng.choice((0.4, 0.7, 1.0, 1.4)) for _ in self.wrong]
        if rng.random() < 0.1:  # now and then a distractor nobody would pick
            self.appeal[0] = 0.02

    def answer(self, theta: float, rng: random.Random) -> int:
        if rng.random() < GUESS + (1 - GUESS) * irt.p_right(theta, self.b):
            return self.key
        return rng.choices(self.wrong, weights=self.appeal)[0]


def _ability(person: User, code: str, rng: random.Random) -> float:
    runs_it = code in POSITION_SYSTEMS.get(person.position or "", ())
    return rng.gauss(0.8 if runs_it else -0.6, 1.0)


def load_answers(now: datetime) -> int:
    """Simulated finished attempts and check tries for the demo staff, once; returns attempts."""
    staff = _staff()
    if not staff or db.session.scalar(select(Attempt.id).where(
            Attempt.user_id == staff[0].id, Attempt.finished_at < now - timedelta(days=300))
            .limit(1)) is not None:
        return 0
    count = 0
    for bank in db.session.scalars(select(PlacementBank).order_by(PlacementBank.subsystem)):
        count += _bank_attempts(bank, staff, now)
    _check_tries(staff, now)
    db.session.flush()
    return count


def _bank_attempts(bank: PlacementBank, staff: list[User], now: datetime) -> int:
    questions = list(db.session.scalars(
        select(Question).options(selectinload(Question.options))
        .where(Question.subsystem == bank.subsystem, Question.module_id.is_(None),
               Question.retired.is_(False))))
    truth = {q.id: _Truth(q) for q in questions}
    pool = [BankItem(q.id, q.topic, q.level) for q in questions]
    rng = random.Random(f"answers-{bank.subsystem}")  # noqa: S311
    items: list[dict[str, object]] = []
    paths: dict[frozenset[str], list[int]] = {}  # the learning path of each mastered set
    count = 0
    for person in staff:
        theta = _ability(person, bank.subsystem, rng)
        for n in range(ATTEMPTS_EACH):
            started = now - timedelta(days=400 + 120 * n + rng.randrange(60))
            seed = rng.randrange(2**31)
            form = draw_form(pool, bank.items_per_attempt, seed)
            chosen = {f.question_id: truth[f.question_id].answer(theta + 0.3 * n, rng)
                      for f in form}
            levels = {q.id: (q.topic, q.level) for q in questions}
            result = grade([(levels[f.question_id][0], levels[f.question_id][1],
                             chosen[f.question_id] == truth[f.question_id].key) for f in form],
                           bank.cut_scores, [])
            mastered = frozenset(mastered_topics(result.topics, bank.cut_scores["2"]))
            if mastered not in paths:
                paths[mastered] = learning_path(bank.subsystem, set(mastered))
            attempt = Attempt(user_id=person.id, lao_id=person.lao_id, subsystem=bank.subsystem,
                              seed=seed, status="submitted", started_at=started,
                              expires_at=started + timedelta(minutes=bank.time_limit_minutes),
                              finished_at=started + timedelta(minutes=18), score=result.score,
                              level=result.level, topics=result.topics,
                              learning_path=paths[mastered])
            db.session.add(attempt)
            db.session.flush()
            items += [{"attempt_id": attempt.id, "question_id": f.question_id, "position": p,
                       "option_order": [truth[f.question_id].key, *truth[f.question_id].wrong],
                       "answer_option_id": chosen[f.question_id],
                       "answered_at": started + timedelta(minutes=p), "block": 0}
                      for p, f in enumerate(form)]
            count += 1
    db.session.execute(insert(AttemptItem), items)
    return count


def _check_tries(staff: list[User], now: datetime) -> None:
    """Officers try the lesson checks of the officer course of a system they run."""
    courses = {c.subsystem: c for c in db.session.scalars(
        select(Course).where(Course.audience == "officer"))}
    rng = random.Random("answers-checks")  # noqa: S311
    responses: list[dict[str, object]] = []
    for person in staff:
        systems = POSITION_SYSTEMS.get(person.position or "", ())
        if person.role != "officer" or not systems or systems[0] not in courses:
            continue
        course = courses[systems[0]]
        theta = _ability(person, course.subsystem, rng) + 0.5  # they read the lesson first
        enrollment = Enrollment(user_id=person.id, course_id=course.id, status="in_progress",
                                started_at=now - timedelta(days=200))
        db.session.add(enrollment)
        db.session.flush()
        modules = list(db.session.scalars(select(Module).where(
            Module.course_id == course.id, Module.retired.is_(False), Module.kind == "lesson")
            .order_by(Module.position)))
        for module in modules[:rng.randint(2, len(modules))]:
            truth = [(q.id, _Truth(q)) for q in module.questions]
            picks = [(qid, t.answer(theta, rng), t.key) for qid, t in truth]
            score = sum(1 for _q, o, k in picks if o == k) / len(picks) if picks else 0.0
            at = now - timedelta(days=rng.randrange(30, 200))
            progress = ModuleProgress(enrollment_id=enrollment.id, module_id=module.id,
                                      opened_at=at, tries=1, best_score=round(score, 4),
                                      passed_at=at if score >= 0.75 else None)
            db.session.add(progress)
            db.session.flush()
            responses += [{"progress_id": progress.id, "try_no": 1, "question_id": qid,
                           "option_id": option, "correct": option == key, "answered_at": at}
                          for qid, option, key in picks]
    if responses:
        db.session.execute(insert(CheckResponse), responses)
