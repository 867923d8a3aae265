"""POST /api/v1/assistant/ask: the contract's shape, bad input, and the unanswered log."""

import json
import re

import pytest
from sqlalchemy import delete, select

from app.assistant.models import AssistantIndex, UnansweredQuestion
from app.extensions import db
from tests.conftest import token

URL = "/api/v1/assistant/ask"


@pytest.fixture
def officer(client, factory):
    lao = factory.lao()
    user = factory.user(lao, "officer", full_name="นางสาวมาลี ใจดี", username="malee.j",
                        email="malee@example.org")
    return user, token(client, user.username)


def _log(app):
    with app.app_context():
        return list(db.session.scalars(select(UnansweredQuestion)))


def test_an_answer_links_to_the_exact_section_of_a_module(client, officer):
    _user, headers = officer
    response = client.post(URL, headers=headers,
                           json={"question": "e-LAAS ล่มทั้งวัน จะรับเงินภาษียังไง"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["answered"] is True
    assert 1 <= len(body["answers"]) <= 3
    for answer in body["answers"]:
        assert set(answer) >= {"title", "snippet", "link", "score"}
        assert 0 < answer["score"] <= 1
    scores = [a["score"] for a in body["answers"]]
    assert scores == sorted(scores, reverse=True)
    first = body["answers"][0]
    match = re.fullmatch(r"/modules/(\d+)#(s-\d+)", first["link"])
    assert match, first["link"]
    module = client.get(f"/api/v1/modules/{match.group(1)}", headers=headers).get_json()
    assert f'<section id="{match.group(2)}">' in module["body_html"]  # the anchor exists


def test_an_unanswered_question_says_so_offers_help_and_is_logged(app, client, officer):
    user, headers = officer
    body = client.post(URL, headers=headers,
                       json={"question": "ระบบ e-Plan พิมพ์ใบประกาศนียบัตรกีฬาสีไม่ได้"}).get_json()
    assert body["answered"] is False
    assert body["answers"] == []
    assert body["subsystem"] == "e-plan"
    assert [c["subsystem"] for c in body["contacts"]] == ["e-plan"]
    assert "สถ." in body["contacts"][0]["contact_th"]
    [entry] = _log(app)
    assert (entry.lao_id, entry.subsystem) == (user.lao_id, "e-plan")
    assert "กีฬาสี" in entry.question


def test_an_answered_question_is_not_logged(app, client, officer):
    _user, headers = officer
    client.post(URL, headers=headers, json={"question": "ลืมรหัสผ่าน e-GP"})
    assert _log(app) == []


def test_the_log_keeps_no_personal_data_beyond_the_lao(app, client, officer):
    user, headers = officer
    question = ("ดิฉันมาลี ใจดี เลขบัตร 3100600445635 โทร 081-234-5678 "
                "อีเมล malee@example.org อยากได้สูตรแกงเขียวหวาน")
    assert client.post(URL, headers=headers, json={"question": question}).get_json()[
        "answered"] is False
    [entry] = _log(app)
    columns = set(UnansweredQuestion.__table__.columns.keys())
    assert columns == {"id", "asked_at", "question", "normalized", "subsystem", "lao_id"}
    stored = json.dumps([entry.question, entry.normalized], ensure_ascii=False)
    for secret in ("มาลี", "ใจดี", "3100600445635", "081", "5678", "malee", "example.org"):
        assert secret not in stored
    assert "แกงเขียวหวาน" in entry.question
    assert entry.lao_id == user.lao_id


@pytest.mark.parametrize(("body", "problem"), [
    ({}, "is required"),
    ({"question": ""}, "is required"),
    ({"question": "   \n\t "}, "is required"),
    ({"question": 42}, "must be a string"),
    ({"question": ["ลืมรหัสผ่าน"]}, "must be a string"),
    ({"question": "ก" * 10_240}, "at most 500 characters"),
])
def test_bad_questions_are_422_and_change_nothing(app, client, officer, body, problem):
    _user, headers = officer
    response = client.post(URL, headers=headers, json=body)
    assert response.status_code == 422
    assert problem in response.get_json()["details"]["fields"]["question"]
    assert _log(app) == []


def test_500_characters_are_fine_and_whitespace_does_not_count(client, officer):
    _user, headers = officer
    question = "   " + ("ลืมรหัสผ่าน e-LAAS " * 40)[:500] + "   "
    assert client.post(URL, headers=headers, json={"question": question}).status_code == 200


def test_a_body_that_is_not_json_is_400(client, officer):
    _user, headers = officer
    response = client.post(URL, headers={**headers, "Content-Type": "application/json"},
                           data="{not json")
    assert response.status_code == 400


def test_a_script_laden_question_comes_back_as_data_not_markup(app, client, officer):
    _user, headers = officer
    question = '<script>alert("x")</script><img src=x onerror=alert(1)> ฎีกาบันทึกไม่ผ่าน'
    response = client.post(URL, headers=headers, json={"question": question})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["answered"] is True
    for answer in body["answers"]:
        assert "<" not in answer["title"] + answer["snippet"]


def test_signing_in_is_required(client):
    assert client.post(URL, json={"question": "ลืมรหัสผ่าน"}).status_code == 401


def test_without_an_index_nothing_breaks(app, client, officer):
    _user, headers = officer
    with app.app_context():
        db.session.execute(delete(AssistantIndex))
        db.session.commit()
    body = client.post(URL, headers=headers, json={"question": "ลืมรหัสผ่าน e-LAAS"}).get_json()
    assert body["answered"] is False
    assert len(_log(app)) == 1


def test_asking_too_often_is_throttled_per_person(app, client, officer, factory):
    _user, headers = officer
    app.config["ASSISTANT_RATE_LIMIT"] = "3 per minute"
    try:
        codes = [client.post(URL, headers=headers, json={"question": "ลืมรหัสผ่าน"}).status_code
                 for _ in range(4)]
        colleague = token(client, factory.user(factory.lao(), "officer").username)
        other = client.post(URL, headers=colleague, json={"question": "ลืมรหัสผ่าน"})
    finally:
        app.config.pop("ASSISTANT_RATE_LIMIT")
    assert codes == [200, 200, 200, 429]
    assert other.status_code == 200  # a colleague behind the same address is not blocked
