"""Fixed 20-item form against the adaptive test, by simulation over the shipped banks
(issue 16): classification accuracy, the costly errors, test length, and the know-nothing
strategies of the placement-validity issue. Difficulties are the authors' level priors until
real answers calibrate them (`flask placement calibrate`)."""

from __future__ import annotations

import time
from pathlib import Path

from app.content.files import read_content
from app.content.lint import read_words, twins
from app.placement import irt
from app.placement.simulate import format_reports, report_for_bank

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 3000


def test_adaptive_against_fixed_form_on_every_bank():
    content = read_content(ROOT / "courses", ROOT / "quizzes")
    words = read_words(ROOT / "quizzes" / "lint-words.yaml")
    started = time.perf_counter()
    reports = []
    for bank in content.banks:
        reports.append(report_for_bank(
            bank.subsystem, bank.questions, [irt.LEVEL_PRIOR[q.level] for q in bank.questions],
            bank.cut_scores, bank.items_per_attempt, words, people=PEOPLE,
            twins=twins(bank.questions)))
    print(f"\n{PEOPLE} simulated people per bank (abilities ~ N(0.3, 1.25) logits), "
          f"stop rule {irt.StopRule()}")
    print(format_reports(reports))
    accuracy = [(r.adaptive.accuracy, r.fixed.accuracy) for r in reports]
    share = [r.adaptive.mean_items / r.fixed.mean_items for r in reports]
    print(f"mean accuracy adaptive {sum(a for a, _ in accuracy) / len(accuracy):.3f} vs fixed "
          f"{sum(f for _, f in accuracy) / len(accuracy):.3f}; adaptive uses "
          f"{sum(share) / len(share):.0%} of the fixed form's items "
          f"({time.perf_counter() - started:.0f} s)")
    for r in reports:  # a know-nothing person stays at level 0, whatever the trick
        assert all(a < 0.05 for _f, a in r.strategies.values()), r.subsystem
