"""Item analysis over real answers: how hard each item is, whether it separates those who know
from those who do not, and which options people choose (SPEC 4.1, API.md "Item analysis").

The database does the counting in a constant number of queries whatever the number of answers:
one for the sums per item, one for the option counts, one for the items themselves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import selectinload

from app.content.models import Module, Question
from app.extensions import db

#: flags are raised only over at least this many answers; fewer say too little
MIN_RESPONSES = 30
TOO_EASY = 0.90  # nearly everyone right: the item tells nobody apart
TOO_HARD = 0.20  # below what four-option guessing gives: the key or the teaching is off
LOW_DISCRIMINATION = 0.20  # corrected item-total correlation under this separates little
DEAD_DISTRACTOR = 0.05  # a wrong option almost nobody picks is not a real mistake

# one row per answer: the group (an attempt, or a try of a module check), item, option, right
_PLACEMENT = """
SELECT ai.attempt_id AS g1, 0 AS g2, ai.question_id AS qid, ai.answer_option_id AS opt,
       CASE WHEN o.correct THEN 1 ELSE 0 END AS x
FROM attempt_item ai
JOIN attempt a ON a.id = ai.attempt_id
LEFT JOIN question_option o ON o.id = ai.answer_option_id
WHERE a.subsystem = :scope AND a.status IN ('submitted', 'expired')
"""
_COURSE = """
SELECT r.progress_id AS g1, r.try_no AS g2, r.question_id AS qid, r.option_id AS opt,
       CASE WHEN r.correct THEN 1 ELSE 0 END AS x
FROM check_response r
JOIN module_progress p ON p.id = r.progress_id
JOIN module m ON m.id = p.module_id
WHERE m.course_id = :scope
"""
# x is the item (0/1); y the share right on the rest of the same attempt or try, so the item
# is not correlated with itself (the "corrected" item-total correlation)
_SUMS = """
WITH r AS ({responses}),
t AS (SELECT g1, g2, SUM(x) AS total, COUNT(*) AS n FROM r GROUP BY g1, g2),
s AS (SELECT r.qid, r.x, CASE WHEN t.n > 1 THEN (t.total - r.x) * 1.0 / (t.n - 1) END AS y
      FROM r JOIN t ON t.g1 = r.g1 AND t.g2 = r.g2)
SELECT qid, COUNT(*) AS n, SUM(x) AS sx, COUNT(y) AS m,
       SUM(CASE WHEN y IS NOT NULL THEN x ELSE 0 END) AS mx,
       SUM(y) AS sy, SUM(y * y) AS syy, SUM(x * y) AS sxy
FROM s GROUP BY qid
"""
_OPTIONS = "WITH r AS ({responses}) SELECT qid, opt, COUNT(*) FROM r GROUP BY qid, opt"


@dataclass
class ItemStat:
    question_id: int
    ref: str
    topic: str
    level: int
    text: str
    difficulty_logit: float | None
    responses: int = 0
    facility: float | None = None
    discrimination: float | None = None
    options: list[dict[str, Any]] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"ref": self.ref, "topic": self.topic, "level": self.level, "text": self.text,
                "responses": self.responses, "facility": self.facility,
                "discrimination": self.discrimination,
                "difficulty_logit": self.difficulty_logit, "options": self.options,
                "flags": self.flags}


def correlation(n: int, sx: float, sy: float, syy: float, sxy: float) -> float | None:
    """Pearson's r of a 0/1 item x with a score y from sums (x*x = x); None when either
    does not vary."""
    if n < 2:
        return None
    vx = n * sx - sx * sx
    vy = n * syy - sy * sy
    if vx <= 1e-12 or vy <= 1e-12:
        return None
    return max(-1.0, min(1.0, (n * sxy - sx * sy) / math.sqrt(vx * vy)))


def flags_for(stat: ItemStat) -> list[str]:
    if stat.responses < MIN_RESPONSES or stat.facility is None:
        return []
    flags = []
    if stat.facility > TOO_EASY:
        flags.append("too_easy")
    if stat.facility < TOO_HARD:
        flags.append("too_hard")
    if stat.discrimination is not None:
        if stat.discrimination < 0:
            flags.append("negative_discrimination")
        elif stat.discrimination < LOW_DISCRIMINATION:
            flags.append("low_discrimination")
    key_share = next((o["share"] for o in stat.options if o["correct"]), 0.0)
    wrong = [o["share"] for o in stat.options if not o["correct"]]
    if any(share < DEAD_DISTRACTOR for share in wrong):
        flags.append("dead_distractor")
    if any(share > key_share for share in wrong):
        flags.append("distractor_beats_key")
    return flags


def prior_logit(level: int) -> float:
    """The author's level as a Rasch difficulty before any calibration: 1/2/3 → −1/0/+1."""
    return float(level - 2)


def _stats(questions: list[Question], responses_sql: str, scope: int | str) -> list[ItemStat]:
    sums = {row.qid: row for row in db.session.execute(
        text(_SUMS.format(responses=responses_sql)), {"scope": scope})}
    chosen: dict[int, dict[int | None, int]] = {}
    for qid, opt, count in db.session.execute(
            text(_OPTIONS.format(responses=responses_sql)), {"scope": scope}):
        chosen.setdefault(qid, {})[opt] = count
    out = []
    for q in questions:
        row = sums.get(q.id)
        stat = ItemStat(q.id, q.ref, q.topic, q.level, q.text,
                        q.difficulty if q.difficulty is not None else prior_logit(q.level))
        if row is not None and row.n:
            stat.responses = int(row.n)
            stat.facility = round(float(row.sx) / row.n, 4)
            r = correlation(int(row.m), float(row.mx), float(row.sy or 0),
                            float(row.syy or 0), float(row.sxy or 0))
            stat.discrimination = None if r is None else round(r, 4)
        counts = chosen.get(q.id, {})
        stat.options = [{"text": o.text, "correct": o.correct,
                         "share": round(counts.get(o.id, 0) / stat.responses, 4)
                         if stat.responses else 0.0} for o in q.active_options]
        stat.flags = flags_for(stat)
        out.append(stat)
    return out


def placement_stats(subsystem: str) -> list[ItemStat]:
    """Every active item of a placement bank, over the answers of finished attempts."""
    questions = list(db.session.scalars(
        select(Question).options(selectinload(Question.options))
        .where(Question.subsystem == subsystem, Question.module_id.is_(None),
               Question.retired.is_(False)).order_by(Question.position)))
    return _stats(questions, _PLACEMENT, subsystem)


def course_stats(course_id: int) -> list[ItemStat]:
    """Every active item of a course's module checks, over every try."""
    questions = list(db.session.scalars(
        select(Question).options(selectinload(Question.options))
        .join(Module, Module.id == Question.module_id)
        .where(Module.course_id == course_id, Question.retired.is_(False),
               Module.retired.is_(False))
        .order_by(Module.position, Question.position)))
    return _stats(questions, _COURSE, course_id)


SORT_KEYS = ("position", "facility", "discrimination", "responses", "flags", "level")


def sorted_stats(stats: list[ItemStat], key: str) -> list[ItemStat]:
    """Sorted for the page: hardest or least discriminating first; missing figures last."""
    if key == "facility":
        return sorted(stats, key=lambda s: (s.facility is None, s.facility or 0))
    if key == "discrimination":
        return sorted(stats, key=lambda s: (s.discrimination is None, s.discrimination or 0))
    if key == "responses":
        return sorted(stats, key=lambda s: -s.responses)
    if key == "flags":
        return sorted(stats, key=lambda s: -len(s.flags))
    if key == "level":
        return sorted(stats, key=lambda s: s.level)
    return stats
