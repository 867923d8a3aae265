"""Another LAO's ids answer 404 on every route that takes an id, web and API alike.

The sweep walks the URL map, so a new route with an id cannot forget the scoping."""

import io

import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.routing import IntegerConverter
from werkzeug.test import encode_multipart

from tests.conftest import login, token

# routes whose contract lets another LAO's staff act, each tested on its own
EXEMPT: dict[str, str] = {}
OUTSIDERS = ("hr.b", "executive.b", "officer.b", "sup_province_b")
# the national curriculum is shared by every LAO: its ids are not LAO data
SHARED_IDS = {"course_id", "module_id"}


def _id_routes(app):
    for rule in app.url_map.iter_rules():
        if rule.arguments and rule.endpoint not in EXEMPT and rule.endpoint != "static":
            int_args = [a for a in rule.arguments
                        if isinstance(rule._converters[a], IntegerConverter)]
            if set(int_args) - SHARED_IDS:
                for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                    yield rule, method


def _url(rule, ids):
    unknown = set(rule.arguments) - set(ids)
    assert not unknown, f"{rule.rule}: add an id of LAO A for {unknown} to this sweep"
    return _fill(rule.rule, ids)


def _fill(template, ids):
    for name, value in ids.items():
        template = template.replace(f"<int:{name}>", str(value)).replace(f"<{name}>",
                                                                          str(value))
    return template


def _role_grant_for(client, world, username):
    """HR of LAO A asks that the person become an executive: a pending role grant."""
    csv = ("username,national_id,full_name,position,unit,role,email\n"
           f"{username},3100600445635,นายทดสอบ ขอบทบาท,,,executive,\n").encode()
    boundary, body = encode_multipart({"file": FileStorage(io.BytesIO(csv), "s.csv")})
    hr = token(client, "hr.a")
    imported = client.post(f"/api/v1/laos/{world.a.id}/staff/import", headers=hr, data=body,
                           content_type=f"multipart/form-data; boundary={boundary}")
    assert imported.get_json()["pending_roles"] == 1, imported.get_json()
    return client.get(f"/api/v1/laos/{world.a.id}/role-grants", headers=hr).get_json()[0]["id"]


def _transfer_into_a(client, factory, world):
    """LAO A's HR asks for a person of a third LAO: a transfer request that LAO A and LAO C
    see, and nobody of LAO B."""
    c = factory.lao("6001", code="6600177")
    factory.user(c, national_id="3100600445643", username="moving.c")
    asked = client.post(f"/api/v1/laos/{world.a.id}/transfers",
                        headers=token(client, "hr.a"),
                        json={"national_id": "3100600445643", "effective_from": "2026-11-01"})
    assert asked.status_code == 201, asked.get_json()
    return asked.get_json()["id"]


def _objects_of(client, world, owner, factory):
    """Ids of LAO A's objects for every id parameter: an attempt, an enrolment, a pending
    assignment, a bulk job, a role grant and a transfer request, each about `owner` (a
    person of LAO A) where it is about a person."""
    person = getattr(world, owner.replace(".", "_"))
    headers = token(client, owner)
    started = client.post("/api/v1/placements/e-plan/attempts", headers=headers).get_json()
    course = client.get("/api/v1/courses", headers=headers).get_json()[0]
    enrolled = client.post(f"/api/v1/courses/{course['id']}/enrollments",
                           headers=headers).get_json()
    pending = client.post(f"/api/v1/laos/{world.a.id}/assignments",
                          headers=token(client, "hr.a"),
                          json={"user_id": person.id, "subsystem": "info", "role": "backup",
                                "share_percent": 10, "effective_from": "2026-11-01",
                                "order_ref": "1/2569", "override_reason": "ทดสอบ"}).get_json()
    login(client, "hr.a")
    job = client.post(f"/laos/{world.a.id}/certificates",
                      data={"course_id": str(course["id"]), "user_id": [str(person.id)]})
    client.post("/logout")
    grant_id = _role_grant_for(client, world, owner)
    occurrence = client.get(f"/api/v1/laos/{world.a.id}/calendar",
                            headers=token(client, "hr.a")).get_json()[0]["id"]
    return {"lao_id": world.a.id, "assignment_id": pending["id"], "user_id": person.id,
            "grant_id": grant_id, "occurrence_id": occurrence,
            "transfer_id": _transfer_into_a(client, factory, world),
            "job_id": int(job.headers["Location"].rsplit("/", 1)[1]),
            "attempt_id": started["attempt_id"], "question_id": started["questions"][0]["id"],
            "enrollment_id": enrolled["enrollment_id"], "course_id": course["id"],
            "module_id": course["modules"][0]["id"], "fmt": "csv"}


def _sweep(app, client, username, ids):
    """Call every id route as `username`; the status codes, route by route."""
    headers = token(client, username)
    login(client, username)
    answers = {}
    for rule, method in _id_routes(app):
        url = _url(rule, ids)
        if rule.rule.startswith("/api/"):
            response = client.open(url, method=method, headers=headers, json={})
        else:
            response = client.open(url, method=method, data={})
        answers[f"{method} {url}"] = response.status_code
    return answers


@pytest.mark.parametrize("who", OUTSIDERS)
def test_every_id_route_hides_lao_a_from_outsiders(app, client, world, who, factory):
    ids = _objects_of(client, world, "officer.a", factory)
    username = getattr(world, who).username if hasattr(world, who) else who
    answers = _sweep(app, client, username, ids)
    assert len(answers) >= 6
    assert {call: code for call, code in answers.items() if code != 404} == {}, who
    grants = client.get(f"/api/v1/laos/{world.a.id}/role-grants",
                        headers=token(client, "hr.a")).get_json()
    assert [g["status"] for g in grants] == ["pending"]  # nothing decided from outside
    moves = client.get(f"/api/v1/laos/{world.a.id}/transfers",
                       headers=token(client, "hr.a")).get_json()
    assert [t["status"] for t in moves] == ["requested"]  # nor released nor cancelled


def test_the_sweep_covers_api_and_web_routes(app):
    rules = {rule.rule for rule, _method in _id_routes(app)}
    assert "/api/v1/laos/<int:lao_id>/staff" in rules
    assert "/laos/<int:lao_id>/staff" in rules
    assert "/users/<int:user_id>/reset-code" in rules
    assert "/api/v1/laos/<int:lao_id>/role-grants" in rules
    assert "/api/v1/role-grants/<int:grant_id>/confirm" in rules
    assert "/role-grants/<int:grant_id>/refuse" in rules
    assert "/api/v1/calendar/<int:occurrence_id>/done" in rules
    assert "/calendar/<int:occurrence_id>/approve" in rules
    assert "/api/v1/laos/<int:lao_id>/transfers" in rules
    assert "/api/v1/transfers/<int:transfer_id>/release" in rules
    assert "/transfers/<int:transfer_id>/cancel" in rules
    assert "/api/v1/users/<int:user_id>/transfer" in rules  # admin only now: no exemption


def test_an_officer_gets_403_or_404_on_everything_of_colleagues(app, client, world,
                                                                factory):
    """Inside one's own LAO, a role without the right answers 403 (or 404 for what is
    another person's own: attempts, enrolments); never a page or a change."""
    answers = _sweep(app, client, "officer.a", _objects_of(client, world, "hr.a", factory))
    assert {call: code for call, code in answers.items() if code not in (403, 404)} == {}
    assert set(answers.values()) == {403, 404}  # both kinds of refusal actually occur
