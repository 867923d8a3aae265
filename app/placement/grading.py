"""Drawing a stratified form and scoring it. Pure functions of plain values."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class BankItem:
    question_id: int
    topic: str
    level: int


def draw_form(items: list[BankItem], count: int, seed: int) -> list[BankItem]:
    """Pick `count` items so every (topic, level) cell is represented before any repeats."""
    rng = random.Random(seed)  # noqa: S311 - a repeatable shuffle, not a secret
    cells: dict[tuple[str, int], list[BankItem]] = defaultdict(list)
    for item in items:
        cells[(item.topic, item.level)].append(item)
    order = sorted(cells)
    rng.shuffle(order)
    for key in order:
        rng.shuffle(cells[key])
    chosen: list[BankItem] = []
    while len(chosen) < min(count, len(items)):
        for key in order:
            if cells[key] and len(chosen) < count:
                chosen.append(cells[key].pop())
    rng.shuffle(chosen)
    return chosen


def shuffled(values: list[int], seed: int) -> list[int]:
    rng = random.Random(seed)  # noqa: S311
    copy = list(values)
    rng.shuffle(copy)
    return copy


@dataclass(frozen=True)
class Result:
    score: float
    level: int
    topics: list[dict[str, float | str]]


#: a level needs this share correct of the attempt's items at that level or above, so a
#: high score made of easy items alone does not reach a high level
LEVEL_ITEMS_NEEDED = 0.5


def level_for(score: float, cut_scores: dict[str, float],
              by_level: dict[int, tuple[int, int]] | None = None) -> int:
    """The highest level whose cut score is reached, and whose own items (level L or above;
    `by_level` maps a level to (correct, asked)) are at least half right; 0 below the first."""
    level = 0
    for lvl in (1, 2, 3):
        if score + 1e-9 < cut_scores[str(lvl)]:
            break
        if by_level is not None:
            right = sum(c for item_level, (c, _n) in by_level.items() if item_level >= lvl)
            asked = sum(n for item_level, (_c, n) in by_level.items() if item_level >= lvl)
            if asked == 0 or right < LEVEL_ITEMS_NEEDED * asked - 1e-9:
                break
        level = lvl
    return level


def grade(answers: list[tuple[str, int, bool]], cut_scores: dict[str, float],
          topic_order: list[str]) -> Result:
    """Score (share correct, unanswered counts as wrong), level and per-topic mastery.
    Each answer is (topic, item level, correct)."""
    if not answers:
        return Result(0.0, 0, [])
    per_topic: dict[str, list[bool]] = defaultdict(list)
    by_level: dict[int, tuple[int, int]] = {}
    for topic, item_level, correct in answers:
        per_topic[topic].append(correct)
        right, asked = by_level.get(item_level, (0, 0))
        by_level[item_level] = (right + int(correct), asked + 1)
    score = sum(1 for _t, _lv, ok in answers if ok) / len(answers)
    ordered = [t for t in topic_order if t in per_topic] + sorted(
        t for t in per_topic if t not in topic_order)
    topics: list[dict[str, float | str]] = [
        {"topic": t, "mastery": round(sum(per_topic[t]) / len(per_topic[t]), 4)}
        for t in ordered]
    return Result(round(score, 4), level_for(score, cut_scores, by_level), topics)


def mastered_topics(topics: list[dict[str, float | str]], threshold: float) -> set[str]:
    return {str(t["topic"]) for t in topics if float(t["mastery"]) + 1e-9 >= threshold}
