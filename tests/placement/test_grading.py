"""Pure placement logic: stratified draw, shuffles, cut scores, mastery."""

from collections import Counter

import pytest

from app.placement.grading import BankItem, draw_form, grade, level_for, shuffled

CUTS = {"1": 0.55, "2": 0.70, "3": 0.85}


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
    (0.0, 0), (0.54, 0), (0.55, 1), (0.69, 1), (0.70, 2), (0.84, 2), (0.85, 3), (1.0, 3)])
def test_level_boundaries(score, level):
    assert level_for(score, CUTS) == level


def test_grade_counts_unanswered_as_wrong_and_reports_topics():
    answers = ([("a", 1, True)] * 5 + [("a", 2, True)] * 2 + [("a", 3, False)]
               + [("b", 1, False)] * 2)
    result = grade(answers, CUTS, ["b", "a"])
    assert result.score == 0.7
    assert result.level == 2
    assert result.topics == [{"topic": "b", "mastery": 0.0}, {"topic": "a", "mastery": 0.875}]


def test_a_high_level_needs_right_answers_on_items_of_that_level():
    # 17 of 20 right (0.85) but only 1 of the 4 level-3 items: level 3 is not reached
    answers = ([("a", 1, True)] * 8 + [("a", 2, True)] * 8 + [("a", 3, True)]
               + [("a", 3, False)] * 3)
    assert grade(answers, CUTS, ["a"]).level == 2
    # the same score with 2 of 4 level-3 items right is level 3
    answers = ([("a", 1, True)] * 7 + [("a", 1, False)] + [("a", 2, True)] * 8
               + [("a", 3, True)] * 2 + [("a", 3, False)] * 2)
    assert grade(answers, CUTS, ["a"]).level == 3


def test_easy_items_alone_never_give_level_two():
    # every level-1 item right, every harder one wrong: 12 of 20 would pass a plain 0.55 cut
    answers = [("a", 1, True)] * 12 + [("a", 2, False)] * 4 + [("a", 3, False)] * 4
    assert grade(answers, CUTS, ["a"]).level == 1
    # 14 of 20 right (0.70) with the level-2 and level-3 items mostly wrong stays at level 1
    answers = [("a", 1, True)] * 12 + [("a", 2, True)] * 2 + [("a", 2, False)] * 2 \
        + [("a", 3, False)] * 4
    assert grade(answers, CUTS, ["a"]).level == 1


def test_topic_counts_in_a_form_are_balanced():
    counts = Counter(i.topic for i in draw_form(_bank(), 20, 3))
    assert max(counts.values()) - min(counts.values()) <= 1
