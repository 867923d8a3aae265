"""The measurement model of adaptive placement, as pure functions over numbers.

Rasch model: the chance that a person of ability θ answers an item of difficulty b right is
1 / (1 + e^-(θ - b)). Abilities and difficulties are in logits. Written out here (a few dozen
lines) rather than taken from catsim/girth/py-irt: those pull in numpy/scipy for what is a
61-point sum, and the platform's rules (anchoring to the author's levels, cut points from the
fixed form's cut scores, content balancing, near-duplicates) would be glue around them anyway.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

#: ability grid for the posterior: -5..5 logits in steps of 1/6 (61 points)
GRID = [i / 6 for i in range(-30, 31)]
#: the population prior: most staff sit around the middle level
PRIOR_SD = 1.25
#: an item's difficulty before calibration: the author's level 1/2/3 as -1/0/+1 logits
LEVEL_PRIOR = {1: -1.0, 2: 0.0, 3: 1.0}


def p_right(theta: float, b: float) -> float:
    return 1.0 / (1.0 + math.exp(-(theta - b)))


def information(theta: float, b: float) -> float:
    p = p_right(theta, b)
    return p * (1 - p)


def _prior(theta: float) -> float:
    return math.exp(-0.5 * (theta / PRIOR_SD) ** 2)


def posterior(responses: Sequence[tuple[float, bool]]) -> list[float]:
    """Normalised posterior weights over GRID for (difficulty, right) responses."""
    logs = []
    for theta in GRID:
        value = math.log(_prior(theta))
        for b, right in responses:
            p = p_right(theta, b)
            value += math.log(p if right else 1 - p)
        logs.append(value)
    top = max(logs)
    weights = [math.exp(v - top) for v in logs]
    total = sum(weights)
    return [w / total for w in weights]


@dataclass(frozen=True)
class Estimate:
    theta: float  # expected a posteriori
    se: float  # posterior standard deviation
    weights: tuple[float, ...]

    def share_between(self, low: float, high: float) -> float:
        """Posterior probability that the ability lies in [low, high)."""
        return sum(w for t, w in zip(GRID, self.weights, strict=True) if low <= t < high)


def estimate(responses: Sequence[tuple[float, bool]]) -> Estimate:
    """EAP ability and its posterior SD: finite also for all-right or all-wrong answers."""
    weights = posterior(responses)
    mean = sum(t * w for t, w in zip(GRID, weights, strict=True))
    var = sum((t - mean) ** 2 * w for t, w in zip(GRID, weights, strict=True))
    return Estimate(mean, math.sqrt(var), tuple(weights))


def expected_score(theta: float, difficulties: Sequence[float]) -> float:
    return sum(p_right(theta, b) for b in difficulties) / len(difficulties)


def theta_cuts(difficulties: Sequence[float], cut_scores: dict[str, float]) -> dict[int, float]:
    """The ability at which the bank's expected share right equals each level's cut score:
    a level means the same on the adaptive test as on the fixed form (found by bisection)."""
    cuts = {}
    for level in (1, 2, 3):
        target, low, high = cut_scores[str(level)], -8.0, 8.0
        for _ in range(60):
            mid = (low + high) / 2
            if expected_score(mid, difficulties) < target:
                low = mid
            else:
                high = mid
        cuts[level] = round((low + high) / 2, 4)
    return cuts


#: a level must not be plausible from guessing alone: the chance that answering at random gets
#: this many right of this many asked must be under these (the fixed form's guarantee, SPEC 4.1)
GUESS_GUARD = {1: 0.01, 2: 0.001, 3: 0.0001}


def guard_level(right: int, asked: int, options: int = 4) -> int:
    """The highest level whose guessing guard `right` of `asked` passes (0 if none does)."""
    from app.content.lint import tail

    chance = tail(asked, right, 1 / options) if asked else 1.0
    return max((lvl for lvl, limit in GUESS_GUARD.items() if chance < limit), default=0)


def level_of(theta: float, cuts: dict[int, float]) -> int:
    return max((lvl for lvl in (1, 2, 3) if theta >= cuts[lvl]), default=0)


def adaptive_level(theta: float, cuts: dict[int, float],
                   answered: Sequence[tuple[int, bool]]) -> int:
    """The level of the ability estimate, held to the same rule as the fixed form: a level
    needs half of the attempt's items of that level or above right."""
    level = min(level_of(theta, cuts),
                guard_level(sum(1 for _lvl, right in answered if right), len(answered)))
    while level > 0:
        mine = [right for item_level, right in answered if item_level >= level]
        if mine and sum(mine) >= 0.5 * len(mine):
            break
        level -= 1
    return level


def level_confidence(est: Estimate, level: int, cuts: dict[int, float]) -> float:
    """Posterior probability that the person's ability lies within the given level's band."""
    bounds = [-math.inf, cuts[1], cuts[2], cuts[3], math.inf]
    return est.share_between(bounds[level], bounds[level + 1])


@dataclass(frozen=True)
class StopRule:
    """When an adaptive attempt stops. Chosen by simulation (`make bench`; the README has the
    figures): blocks of 3, stopping at 75 % posterior on one level band, the adaptive test
    classifies better than the 20-item fixed form on every bank with under 60 % of its items,
    and makes about a third of its costliest error (a level given to someone who has none).
    Small blocks let a clear "level 0" stop early; a level of 1 or more always rests on at
    least 9 items, and on more if guessing could explain it (GUESS_GUARD)."""

    min_items: int = 9  # before a level of 1 or more is given
    min_items_zero: int = 3  # before "level 0" is given: no evidence is granted by it
    max_items: int = 21
    block: int = 3
    #: stop when the posterior puts this much on one level band
    sure: float = 0.75


def selection_point(theta: float, cuts: dict[int, float]) -> float:
    """Where the next items should measure best: the cut point nearest the current estimate
    (a classification test needs to know which side of a cut a person is, not their exact
    ability; in simulation this beat choosing at the estimate itself)."""
    return min(cuts.values(), key=lambda cut: abs(cut - theta))


def should_stop(est: Estimate, asked: int, cuts: dict[int, float], rule: StopRule,
                right: int | None = None) -> bool:
    """Classification stop: the level is clear, within the minimum and maximum length. A level
    the estimate gives but guessing could explain (`right` of `asked`) asks for more items."""
    if asked >= rule.max_items:
        return True
    level = level_of(est.theta, cuts)
    if asked < (rule.min_items if level >= 1 else rule.min_items_zero):
        return False
    if right is not None and guard_level(right, asked) < level:
        return False
    return level_confidence(est, level, cuts) >= rule.sure


@dataclass(frozen=True)
class Candidate:
    key: int  # question id
    topic: str
    b: float


def choose_block(candidates: Sequence[Candidate], asked_topics: Sequence[str], theta: float,
                 size: int, rng: random.Random, excluded: set[int],
                 twins: dict[int, set[int]], top_k: int = 3) -> list[Candidate]:
    """The next block: one topic at a time, the least asked topic first (content balance);
    within it one of the `top_k` most informative items at random (exposure control); never an
    item asked before or a near-duplicate of one in the attempt."""
    counts: dict[str, int] = {}
    for c in candidates:
        counts.setdefault(c.topic, 0)
    for t in asked_topics:
        if t in counts:
            counts[t] += 1
    taken = set(excluded)
    block: list[Candidate] = []
    while len(block) < size:
        free = [c for c in candidates if c.key not in taken]
        if not free:
            break
        open_topics = {c.topic for c in free}
        least = min(counts[t] for t in open_topics)
        topics = sorted(t for t in open_topics if counts[t] == least)
        topic = rng.choice(topics)
        pool = sorted((c for c in free if c.topic == topic),
                      key=lambda c: -information(theta, c.b))[:top_k]
        pick = rng.choice(pool)
        block.append(pick)
        taken.add(pick.key)
        taken |= twins.get(pick.key, set())
        counts[topic] += 1
    return block


def calibrate(responses: Sequence[tuple[int, int, bool]], priors: dict[int, float],
              min_answers: int = 50, iterations: int = 20,
              prior_sd: float = 1.0) -> dict[int, tuple[float, int]]:
    """Item difficulties from (person, item, right) answers: alternate EAP abilities and a
    Newton step per item towards its maximum a posteriori difficulty (prior: the author's
    level, `prior_sd` wide). Anchored: the calibrated items keep the mean of their priors, so
    levels keep their meaning. An item with fewer than `min_answers` answers keeps its prior.
    Returns item -> (difficulty, answers used)."""
    by_person: dict[int, list[tuple[int, bool]]] = {}
    by_item: dict[int, list[tuple[int, bool]]] = {}
    for person, item, right in responses:
        by_person.setdefault(person, []).append((item, right))
        by_item.setdefault(item, []).append((person, right))
    b = dict(priors)
    movable = [i for i, answers in by_item.items() if i in b and len(answers) >= min_answers]
    for _ in range(iterations):
        theta = {p: estimate([(b[i], r) for i, r in answers if i in b]).theta
                 for p, answers in by_person.items()}
        for item in movable:
            grad = -(b[item] - priors[item]) / prior_sd**2
            hess = -1 / prior_sd**2
            for person, right in by_item[item]:
                p = p_right(theta[person], b[item])
                grad += p - (1.0 if right else 0.0)  # d logL / db
                hess -= p * (1 - p)
            b[item] -= grad / hess
        if movable:
            shift = sum(b[i] - priors[i] for i in movable) / len(movable)
            for item in movable:
                b[item] -= shift
    return {i: (round(b[i], 4), len(by_item.get(i, [])) if i in movable else 0) for i in priors}
