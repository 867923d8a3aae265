"""Pure placement logic: stratified draw, shuffles, cut scores, mastery."""

from collections import Counter

import pytest

from app.placement.grading import BankItem, draw_form, grade, level_for, shuffled

CUTS = {"1": 0.40, "2": 0.65, "3": 0.85}


def _bank():
    return [BankItem(i, topic, level) for i, (topic, level) in enumerate(
        (t, lv) for t in ("a", "b", "c", "d", "e", "f") for lv in (1, 2, 3) for _ in range(4))]


def test_draw_covers_every_topic_and_level_cell():
    form = draw_form(_bank(), 20, seed=11)
    assert len(form) == 20
    assert len({i.question_id for i in form}) == 20
    assert {(i.topic, i.level) for i in form} == {(t, lv) for t in "abcdef" for lv in (1, 2, 3)}


def test_draw_is_repeatable_by_seed_and_differs_between_seeds():
    assert draw_form(_bank(), 20, 5) == draw_form(_bank(), 20, 5)
    assert draw_form(_bank(), 20, 5) != draw_form(_bank(), 20, 6)


def test_draw_from_a_small_bank_takes_everything():
    assert len(draw_form(_bank()[:7], 20, 1)) == 7


def test_shuffle_keeps_every_option():
    assert sorted(shuffled([1, 2, 3, 4], 9)) == [1, 2, 3, 4]


@pytest.mark.parametrize(("score", "level"), [
    (0.0, 0), (0.39, 0), (0.40, 1), (0.64, 1), (0.65, 2), (0.84, 2), (0.85, 3), (1.0, 3)])
def test_level_boundaries(score, level):
    assert level_for(score, CUTS) == level


def test_grade_counts_unanswered_as_wrong_and_reports_topics():
    answers = [("a", True)] * 3 + [("a", False)] + [("b", False)] * 2
    result = grade(answers, CUTS, ["b", "a"])
    assert result.score == 0.5
    assert result.level == 1
    assert result.topics == [{"topic": "b", "mastery": 0.0}, {"topic": "a", "mastery": 0.75}]


def test_topic_counts_in_a_form_are_balanced():
    counts = Counter(i.topic for i in draw_form(_bank(), 20, 3))
    assert max(counts.values()) - min(counts.values()) <= 1
