"""Adaptive placement: the Rasch estimate, the stopping rule, blocks through the API."""

import random
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app.content.models import PlacementBank, Question, QuestionOption
from app.db import utcnow
from app.extensions import db
from app.placement import irt
from app.placement.models import Attempt
from tests.conftest import token

CUTS = {"1": 0.55, "2": 0.70, "3": 0.85}


def test_estimate_is_symmetric_and_moves_with_the_answers():
    nothing = irt.estimate([])
    assert nothing.theta == pytest.approx(0.0, abs=1e-9)
    assert nothing.se == pytest.approx(irt.PRIOR_SD, abs=0.05)
    even = irt.estimate([(0.0, True), (0.0, False)])
    assert even.theta == pytest.approx(0.0, abs=1e-9)
    assert even.se < nothing.se  # two answers say something
    three_right = irt.estimate([(0.0, True)] * 3)
    five_right = irt.estimate([(0.0, True)] * 5)
    assert 0 < three_right.theta < five_right.theta
    assert irt.estimate([(0.0, False)] * 5).theta == pytest.approx(-five_right.theta)


def test_cut_points_give_the_fixed_forms_cut_scores():
    difficulties = [-1.0] * 4 + [0.0] * 4 + [1.0] * 4
    cuts = irt.theta_cuts(difficulties, CUTS)
    assert cuts[1] < cuts[2] < cuts[3]
    for level, share in ((1, 0.55), (2, 0.70), (3, 0.85)):
        assert irt.expected_score(cuts[level], difficulties) == pytest.approx(share, abs=1e-4)


def test_stopping_rule_waits_for_the_minimum_and_stops_at_the_maximum():
    rule = irt.StopRule()
    cuts = {1: 0.26, 2: 1.02, 3: 2.0}
    wrong = [(-1.0, False)] * 3
    assert irt.should_stop(irt.estimate(wrong[:2]), 2, cuts, rule) is False
    assert irt.should_stop(irt.estimate(wrong), 3, cuts, rule) is True  # clearly level 0
    right = [(1.0, True)] * 6
    assert irt.should_stop(irt.estimate(right), 6, cuts, rule) is False  # a level needs 9
    mixed = [(0.5, n % 2 == 0) for n in range(21)]
    assert irt.should_stop(irt.estimate(mixed[:9]), 9, cuts, rule) is False  # near a cut
    assert irt.should_stop(irt.estimate(mixed), 21, cuts, rule) is True  # the maximum


def test_calibration_recovers_difficulties_and_keeps_the_anchor():
    rng = random.Random(4)
    truth = dict(enumerate([-1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 0.2]))
    priors = dict.fromkeys(truth, 0.0)
    priors[7] = 0.7  # an item with too few answers keeps its prior
    answers = []
    for person in range(600):
        theta = rng.gauss(0, 1)
        for item, b in truth.items():
            if item == 7 and person >= 20:
                continue
            answers.append((person, item, rng.random() < irt.p_right(theta, b)))
    result = irt.calibrate(answers, priors, min_answers=50)
    assert result[7] == (0.7, 0)
    moved = [i for i in truth if i != 7]
    assert sum(result[i][0] for i in moved) / len(moved) == pytest.approx(0.0, abs=1e-3)
    for i in moved:  # centred on the same anchor, the order and the spacing come back
        centre = sum(truth[j] for j in moved) / len(moved)
        assert result[i][0] == pytest.approx(truth[i] - centre, abs=0.3)
        assert result[i][1] == 600


def test_blocks_balance_topics_and_skip_near_duplicates():
    cands = [irt.Candidate(i, t, 0.0) for i, t in enumerate("aabbccddeeff")]
    block = irt.choose_block(cands, [], 0.0, 5, random.Random(1), set(), {0: {1}, 1: {0}})
    assert len({c.topic for c in block}) == 5
    both = irt.choose_block(cands, [], 0.0, 12, random.Random(1), set(), {0: {1}, 1: {0}})
    assert not {0, 1} <= {c.key for c in both}  # a pair of twins never goes together


@pytest.fixture
def adaptive_bank(app):
    with app.app_context():
        db.session.execute(update(PlacementBank).where(PlacementBank.subsystem == "e-laas")
                           .values(mode="adaptive"))
        db.session.commit()
    yield "e-laas"
    with app.app_context():
        db.session.execute(update(PlacementBank).where(PlacementBank.subsystem == "e-laas")
                           .values(mode="fixed"))
        db.session.commit()


def _keys(app, ids):
    with app.app_context():
        return {o.question_id: o.id for o in db.session.scalars(select(QuestionOption).where(
            QuestionOption.question_id.in_(ids), QuestionOption.correct.is_(True)))}


def _answer(client, headers, attempt_id, questions, keys, right):
    for q in questions:
        option = keys[q["id"]] if right(q) else next(
            o["id"] for o in q["options"] if o["id"] != keys[q["id"]])
        assert client.put(f"/api/v1/attempts/{attempt_id}/answers/{q['id']}", headers=headers,
                          json={"option_id": option}).status_code == 204


def test_an_adaptive_attempt_runs_block_by_block_to_a_level(app, client, factory,
                                                            adaptive_bank):
    user = factory.user(factory.lao())
    headers = token(client, user.username)
    start = client.post("/api/v1/placements/e-laas/attempts", headers=headers)
    assert start.status_code == 201
    body = start.get_json()
    assert body["adaptive"] is True
    assert len(body["questions"]) == irt.StopRule().block
    assert "correct" not in str(body)
    attempt_id = body["attempt_id"]
    nxt = f"/api/v1/attempts/{attempt_id}/next"
    refused = client.post(nxt, headers=headers)
    assert refused.status_code == 409
    assert refused.get_json()["error"] == "block_unanswered"
    seen = [q["id"] for q in body["questions"]]
    questions = body["questions"]
    while True:
        keys = _keys(app, [q["id"] for q in questions])
        _answer(client, headers, attempt_id, questions, keys, right=lambda q: True)
        step = client.post(nxt, headers=headers)
        assert step.status_code == 200
        data = step.get_json()
        if data["done"]:
            assert data["questions"] == []
            break
        questions = data["questions"]
        assert not {q["id"] for q in questions} & set(seen)  # never the same item twice
        seen += [q["id"] for q in questions]
    assert irt.StopRule().min_items <= len(seen) <= irt.StopRule().max_items
    state = client.get(f"/api/v1/attempts/{attempt_id}", headers=headers).get_json()
    assert [q["id"] for q in state["questions"]] == seen
    assert state["done"] is True
    result = client.post(f"/api/v1/attempts/{attempt_id}/submit", headers=headers)
    first = result.get_json()
    assert first["level"] == 3
    assert first["items"] == len(seen)
    assert 0.5 < first["level_confidence"] <= 1
    again = client.post(f"/api/v1/attempts/{attempt_id}/submit", headers=headers).get_json()
    assert again == first
    assert client.post(nxt, headers=headers).status_code == 409  # closed


def test_a_know_nothing_examinee_stops_early_at_level_zero(app, client, factory,
                                                          adaptive_bank):
    user = factory.user(factory.lao())
    headers = token(client, user.username)
    body = client.post("/api/v1/placements/e-laas/attempts", headers=headers).get_json()
    keys = _keys(app, [q["id"] for q in body["questions"]])
    _answer(client, headers, body["attempt_id"], body["questions"], keys, right=lambda q: False)
    step = client.post(f"/api/v1/attempts/{body['attempt_id']}/next", headers=headers)
    assert step.get_json() == {"questions": [], "done": True}
    result = client.post(f"/api/v1/attempts/{body['attempt_id']}/submit",
                         headers=headers).get_json()
    assert result["level"] == 0
    assert result["items"] == irt.StopRule().block  # three wrong: clearly level 0, no more asked


def test_next_on_another_persons_attempt_is_404_and_a_fixed_form_is_done(client, factory,
                                                                         adaptive_bank):
    lao = factory.lao()
    owner, other = factory.user(lao), factory.user(lao)
    body = client.post("/api/v1/placements/e-laas/attempts",
                       headers=token(client, owner.username)).get_json()
    assert client.post(f"/api/v1/attempts/{body['attempt_id']}/next",
                       headers=token(client, other.username)).status_code == 404
    fixed = client.post("/api/v1/placements/e-plan/attempts",
                        headers=token(client, other.username)).get_json()
    assert fixed["adaptive"] is False
    assert client.post(f"/api/v1/attempts/{fixed['attempt_id']}/next",
                       headers=token(client, other.username)).get_json() == {
        "questions": [], "done": True}


def test_expiry_grades_an_adaptive_attempt_on_its_saved_answers(app, client, factory,
                                                                adaptive_bank):
    user = factory.user(factory.lao())
    headers = token(client, user.username)
    body = client.post("/api/v1/placements/e-laas/attempts", headers=headers).get_json()
    keys = _keys(app, [q["id"] for q in body["questions"]])
    _answer(client, headers, body["attempt_id"], body["questions"][:2], keys,
            right=lambda q: True)
    with app.app_context():
        db.session.execute(update(Attempt).where(Attempt.id == body["attempt_id"]).values(
            expires_at=utcnow() - timedelta(hours=1)))
        db.session.commit()
    state = client.get(f"/api/v1/attempts/{body['attempt_id']}", headers=headers).get_json()
    assert state["status"] == "expired"
    assert len(state["answers"]) == 2
    result = client.post(f"/api/v1/attempts/{body['attempt_id']}/submit",
                         headers=headers).get_json()
    assert result["score"] == round(2 / len(body["questions"]), 4)  # unanswered count as wrong
    assert client.post(f"/api/v1/attempts/{body['attempt_id']}/next",
                       headers=headers).status_code == 409


def test_open_fixed_form_attempts_finish_as_they_started(app, client, factory, adaptive_bank):
    user = factory.user(factory.lao())
    headers = token(client, user.username)
    with app.app_context():
        db.session.execute(update(PlacementBank).where(PlacementBank.subsystem == "e-laas")
                           .values(mode="fixed"))
        db.session.commit()
    fixed = client.post("/api/v1/placements/e-laas/attempts", headers=headers).get_json()
    assert len(fixed["questions"]) == 20
    with app.app_context():
        db.session.execute(update(PlacementBank).where(PlacementBank.subsystem == "e-laas")
                           .values(mode="adaptive"))
        db.session.commit()
    resumed = client.post("/api/v1/placements/e-laas/attempts", headers=headers)
    assert resumed.status_code == 200
    assert resumed.get_json()["adaptive"] is False
    assert len(resumed.get_json()["questions"]) == 20
    with app.app_context():
        assert db.session.get(Attempt, fixed["attempt_id"]).adaptive is False
        assert db.session.scalar(select(Question.id).limit(1)) is not None


def test_a_level_guessing_could_explain_is_not_given():
    # 6 of 10 right happens by guessing in about 2 % of attempts: not enough for level 1
    assert irt.guard_level(6, 10) == 0
    assert irt.guard_level(7, 10) == 1  # 0.35 %
    assert irt.guard_level(11, 20) == 1
    assert irt.guard_level(13, 20) == 2  # 0.018 %
    cuts = {1: 0.26, 2: 1.02, 3: 2.0}
    lucky = [(1, True)] * 6 + [(1, False)] * 4
    assert irt.adaptive_level(0.5, cuts, lucky) == 0
    wide = {1: -0.5, 2: 3.0, 3: 4.5}  # a wide level-1 band: the estimate settles it at once
    est = irt.estimate([(0.0, True)] * 6 + [(0.0, False)] * 4)
    assert irt.should_stop(est, 10, wide, irt.StopRule()) is True
    # ... but 6 right of 10 could be guessing: the guard asks for more items first
    assert irt.should_stop(est, 10, wide, irt.StopRule(), right=6) is False
    assert irt.should_stop(est, 10, wide, irt.StopRule(), right=7) is True
