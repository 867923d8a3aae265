"""Simulated examinees through a bank: the fixed form against the adaptive test.

Examinees of known ability answer by the Rasch model with the bank's difficulties; the
know-nothing strategies answer each item right with the chance the content lint gives them
for that item (ties shared). Pure: a bank is a list of items with difficulty, topic, level.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from app.content.files import Item
from app.content.lint import STRATEGIES, Words
from app.placement import irt
from app.placement.grading import BankItem, draw_form, grade


@dataclass(frozen=True)
class SimItem:
    key: int
    topic: str
    level: int
    b: float


@dataclass
class Outcome:
    level: int
    items: int


# an examinee: the chance they answer a given item right
Answerer = Callable[[SimItem], float]


def rasch_answerer(theta: float) -> Answerer:
    return lambda item: irt.p_right(theta, item.b)


def run_fixed(bank: Sequence[SimItem], count: int, cut_scores: dict[str, float],
              answerer: Answerer, rng: random.Random) -> Outcome:
    form = draw_form([BankItem(i.key, i.topic, i.level) for i in bank], count,
                     rng.randrange(2**31))
    by_key = {i.key: i for i in bank}
    answers = [(f.topic, f.level, rng.random() < answerer(by_key[f.question_id])) for f in form]
    return Outcome(grade(answers, cut_scores, []).level, len(form))


def run_adaptive(bank: Sequence[SimItem], cuts: dict[int, float], rule: irt.StopRule,
                 answerer: Answerer, rng: random.Random,
                 twins: dict[int, set[int]] | None = None) -> Outcome:
    candidates = [irt.Candidate(i.key, i.topic, i.b) for i in bank]
    by_key = {i.key: i for i in bank}
    asked: list[SimItem] = []
    answers: list[tuple[float, bool]] = []
    est = irt.estimate([])
    while True:
        block = irt.choose_block(candidates, [a.topic for a in asked],
                                 irt.selection_point(est.theta, cuts),
                                 min(rule.block, rule.max_items - len(asked)), rng,
                                 {a.key for a in asked}, twins or {})
        if not block:
            break
        for c in block:
            item = by_key[c.key]
            asked.append(item)
            answers.append((item.b, rng.random() < answerer(item)))
        est = irt.estimate(answers)
        if irt.should_stop(est, len(asked), cuts, rule, sum(1 for _b, r in answers if r)):
            break
    level = irt.adaptive_level(est.theta, cuts, [(a.level, r) for a, (_b, r) in
                                              zip(asked, answers, strict=True)])
    return Outcome(level, len(asked))


@dataclass
class Summary:
    design: str
    accuracy: float
    false_pass_0: float  # true level 0 given level >= 1
    false_pass_1: float  # true level <= 1 given level >= 2
    mean_items: float
    p95_items: float
    extra: dict[str, float] = field(default_factory=dict)


def summarise(design: str, truths: Sequence[int], outcomes: Sequence[Outcome]) -> Summary:
    pairs = list(zip(truths, outcomes, strict=True))
    zero = [o for t, o in pairs if t == 0]
    upto1 = [o for t, o in pairs if t <= 1]
    lengths = sorted(o.items for o in outcomes)
    return Summary(
        design,
        sum(1 for t, o in pairs if t == o.level) / len(pairs),
        sum(1 for o in zero if o.level >= 1) / len(zero) if zero else 0.0,
        sum(1 for o in upto1 if o.level >= 2) / len(upto1) if upto1 else 0.0,
        statistics.fmean(lengths),
        lengths[min(len(lengths) - 1, int(0.95 * len(lengths)))])


def compare(bank: Sequence[SimItem], cut_scores: dict[str, float], form_length: int,
            people: int, seed: int = 1, rule: irt.StopRule | None = None,
            twins: dict[int, set[int]] | None = None) -> tuple[Summary, Summary]:
    """The same simulated people (abilities from the prior) through both designs."""
    rule = rule or irt.StopRule()
    rng = random.Random(seed)  # noqa: S311 - a repeatable simulation
    cuts = irt.theta_cuts([i.b for i in bank], cut_scores)
    thetas = [rng.gauss(0.3, irt.PRIOR_SD) for _ in range(people)]
    truths = [irt.level_of(t, cuts) for t in thetas]
    fixed = [run_fixed(bank, form_length, cut_scores, rasch_answerer(t), rng) for t in thetas]
    adaptive = [run_adaptive(bank, cuts, rule, rasch_answerer(t), rng, twins) for t in thetas]
    return summarise("fixed", truths, fixed), summarise("adaptive", truths, adaptive)


def know_nothing(bank: Sequence[SimItem], cut_scores: dict[str, float], form_length: int,
                 chance: dict[int, float], runs: int, seed: int = 2,
                 rule: irt.StopRule | None = None,
                 twins: dict[int, set[int]] | None = None) -> tuple[float, float]:
    """Share of runs in which a know-nothing strategy (chance right per item) reaches level 1
    or more: on the fixed form, and on the adaptive test."""
    rule = rule or irt.StopRule()
    rng = random.Random(seed)  # noqa: S311
    cuts = irt.theta_cuts([i.b for i in bank], cut_scores)

    def answerer(item: SimItem) -> float:
        return chance.get(item.key, 0.25)

    fixed = sum(run_fixed(bank, form_length, cut_scores, answerer, rng).level >= 1
                for _ in range(runs))
    adaptive = sum(run_adaptive(bank, cuts, rule, answerer, rng, twins).level >= 1
                   for _ in range(runs))
    return fixed / runs, adaptive / runs


@dataclass
class BankReport:
    subsystem: str
    fixed: Summary
    adaptive: Summary
    strategies: dict[str, tuple[float, float]]  # strategy -> (fixed, adaptive) share level >= 1


def strategy_chances(questions: Sequence[Item], words: Words) -> dict[str, dict[int, float]]:
    """Per know-nothing strategy, the chance it answers each item right (from the lint);
    "random" answers every item right one time in four."""
    out: dict[str, dict[int, float]] = {"random": {}}
    for name in ("longest", "shortest", "stem_words", "careful"):
        fn = STRATEGIES[name]
        out[name] = {n: fn(q, words) for n, q in enumerate(questions)}
    return out


def report_for_bank(subsystem: str, questions: Sequence[Item], difficulties: Sequence[float],
                    cut_scores: dict[str, float], form_length: int, words: Words,
                    people: int = 2000, runs: int = 500,
                    twins: dict[int, set[int]] | None = None) -> BankReport:
    """Fixed form against adaptive test on one bank, and the know-nothing strategies on both.
    `questions` are content-file items (topic, level, options) in the order of `difficulties`."""
    pairs = zip(questions, difficulties, strict=True)
    bank = [SimItem(n, q.topic, q.level, b) for n, (q, b) in enumerate(pairs)]
    fixed, adaptive = compare(bank, cut_scores, form_length, people, twins=twins)
    strategies = {name: know_nothing(bank, cut_scores, form_length, chance, runs, twins=twins)
                  for name, chance in strategy_chances(questions, words).items()}
    return BankReport(subsystem, fixed, adaptive, strategies)


def format_reports(reports: Sequence[BankReport]) -> str:
    lines = [f"{'bank':10} {'design':9} {'accuracy':>8} {'0->1+':>7} {'1->2+':>7} "
             f"{'mean n':>7} {'p95 n':>6}"]
    for r in reports:
        for s in (r.fixed, r.adaptive):
            lines.append(f"{r.subsystem:10} {s.design:9} {s.accuracy:>8.3f} "
                         f"{s.false_pass_0:>7.3f} {s.false_pass_1:>7.3f} {s.mean_items:>7.1f} "
                         f"{s.p95_items:>6}")
        lines.append(f"{'':10} adaptive uses {r.adaptive.mean_items / r.fixed.mean_items:.0%} "
                     f"of the fixed form's items")
        lines.append(f"{'':10} know-nothing reaching level 1+ (fixed / adaptive): " + ", ".join(
            f"{name} {f:.3f}/{a:.3f}" for name, (f, a) in r.strategies.items()))
    return "\n".join(lines)
