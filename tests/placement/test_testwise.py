"""A test-wise newcomer who knows nothing plays each trick through the API on every shipped
bank (issue 15): always the longest option, the shortest, the one repeating most words of the
question, the most careful-sounding one, always the first shown. Every play ends at level 0."""

from pathlib import Path

import pytest
from sqlalchemy import update

from app.content.lint import content_words, read_words, visible_length
from app.content.models import PlacementBank
from app.extensions import db
from app.placement import services
from app.subsystems import CODES
from tests.conftest import token

WORDS = read_words(Path(__file__).resolve().parents[2] / "quizzes" / "lint-words.yaml")


def _tone(text):
    return sum(text.count(w) for w in WORDS.careful) - sum(text.count(w) for w in WORDS.careless)


PICK = {  # each returns the index of the option the trick chooses (the first one on a tie)
    "longest": lambda q, opts: max(range(len(opts)), key=lambda i: visible_length(opts[i])),
    "shortest": lambda q, opts: min(range(len(opts)), key=lambda i: visible_length(opts[i])),
    "stem_words": lambda q, opts: max(range(len(opts)), key=lambda i: len(
        content_words(opts[i]) & content_words(q))),
    "careful": lambda q, opts: max(range(len(opts)), key=lambda i: _tone(opts[i])),
    "first_shown": lambda q, opts: 0,
}


def _play(client, headers, code, trick):
    body = client.post(f"/api/v1/placements/{code}/attempts", headers=headers).get_json()
    questions = body["questions"]
    while True:
        for q in questions:
            texts = [o["text"] for o in q["options"]]
            choice = q["options"][PICK[trick](q["text"], texts)]["id"]
            saved = client.put(f"/api/v1/attempts/{body['attempt_id']}/answers/{q['id']}",
                               headers=headers, json={"option_id": choice})
            assert saved.status_code == 204
        step = client.post(f"/api/v1/attempts/{body['attempt_id']}/next",
                           headers=headers).get_json()
        if step["done"]:
            break
        questions = step["questions"]
    return client.post(f"/api/v1/attempts/{body['attempt_id']}/submit",
                       headers=headers).get_json()


@pytest.mark.parametrize("mode", ["fixed", "adaptive"])
@pytest.mark.parametrize("code", CODES)
def test_every_trick_gets_level_zero(app, client, factory, monkeypatch, code, mode):
    with app.app_context():
        db.session.execute(update(PlacementBank).where(PlacementBank.subsystem == code)
                           .values(mode=mode))
        db.session.commit()
    lao = factory.lao()
    seeds = iter(range(1000, 2000, 37))  # the same forms on every run: a result, not luck
    monkeypatch.setattr(services.secrets, "randbelow", lambda _n: next(seeds))
    results = {}
    for trick in PICK:
        person = factory.user(lao)
        results[trick] = _play(client, token(client, person.username), code, trick)
    assert {t: r["level"] for t, r in results.items()} == dict.fromkeys(PICK, 0)
    if mode == "fixed":  # and far from the level-1 cut of 0.55 on a 20-item form
        assert all(r["score"] <= 0.45 for r in results.values()), {
            t: r["score"] for t, r in results.items()}
