"""Every web form refuses a post without its CSRF token; names and content render as text."""

import io
import re

import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.conftest import PASSWORD, login, make_app, token


def test_every_web_post_needs_the_csrf_token(app, world):
    strict = make_app(app.config["SQLALCHEMY_DATABASE_URI"], WTF_CSRF_ENABLED=True)
    client = strict.test_client()
    page = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert client.post("/login", data={"username": "root", "password": PASSWORD,
                                       "csrf_token": csrf}).status_code == 302
    ids = {"lao_id": world.a.id, "user_id": world.officer_a.id, "assignment_id": 1,
           "attempt_id": 1, "module_id": 1, "course_id": 1, "job_id": 1, "code": "e-laas",
           "serial": "X", "secret": "x", "grant_id": 1, "transfer_id": 1, "occurrence_id": 1}
    checked = 0
    for rule in strict.url_map.iter_rules():
        if "POST" not in rule.methods or rule.rule.startswith("/api/"):
            continue
        url = rule.rule
        for arg in rule.arguments:
            url = re.sub(rf"<(?:\w+:)?{arg}>", str(ids[arg]), url)
        response = client.post(url, data={"anything": "1"})
        assert response.status_code == 400, f"POST {url}: {response.status_code}"
        checked += 1
    assert checked >= 10


def test_a_script_in_a_staff_name_is_shown_as_text(client, world):
    payload = "<script>alert('x')</script>"
    csv = ("username,national_id,full_name,position,unit,role,email\n"
           f"xss.test,3100600445635,{payload},{payload},{payload},officer,\n").encode()
    boundary, body = encode_multipart({"file": FileStorage(io.BytesIO(csv), "s.csv")})
    assert client.post(f"/api/v1/laos/{world.a.id}/staff/import", headers=token(client, "hr.a"),
                       data=body, content_type=f"multipart/form-data; boundary={boundary}"
                       ).status_code == 200
    login(client, "hr.a")
    for url in (f"/laos/{world.a.id}/staff", f"/laos/{world.a.id}/register",
                f"/laos/{world.a.id}/assignments"):
        text = client.get(url).get_data(as_text=True)
        assert "&lt;script&gt;alert(" in text, url
        assert payload not in text, url


def _nested(depth, inner="1"):
    return "[" * depth + inner + "]" * depth


def test_deep_nesting_is_400_on_public_and_signed_in_endpoints(client, world):
    """2,000 nested arrays used to end in a RecursionError (500) before any sign-in."""
    headers = {"Content-Type": "application/json"}
    signed_in = {**headers, **token(client, "officer.a")}
    for url, extra in (("/api/v1/auth/token", headers), ("/api/v1/assistant/ask", signed_in)):
        for body in (_nested(2000), '{"question": ' + _nested(2000) + "}",
                     '{"username": ' + "{\"a\": " * 2000 + "1" + "}" * 2000 + "}"):
            response = client.post(url, data=body, headers=extra)
            assert response.status_code == 400, (url, body[:20], response.status_code)
            assert set(response.get_json()) == {"error", "message", "details"}
            assert response.get_json()["error"] == "bad_request"


def test_nesting_limit_is_32_levels(client, world):
    headers = {"Content-Type": "application/json", **token(client, "officer.a")}
    deep = client.post("/api/v1/assistant/ask", headers=headers,
                       data='{"question": ' + _nested(32) + "}")
    assert deep.status_code == 400
    assert "32" in deep.get_json()["message"]
    # 32 levels in all (the object is one) is a readable body: the field is just wrong
    fine = client.post("/api/v1/assistant/ask", headers=headers,
                       data='{"question": ' + _nested(31) + "}")
    assert fine.status_code == 422
    assert fine.get_json()["details"]["fields"] == {"question": "must be a string"}


def test_brackets_inside_strings_do_not_count_as_nesting(client, world):
    question = "[" * 100 + "{" * 100 + ' "\\" ' + "ลืมรหัสผ่าน"
    response = client.post("/api/v1/assistant/ask", json={"question": question[:400]},
                           headers=token(client, "officer.a"))
    assert response.status_code == 200


@pytest.mark.parametrize("body", [
    b"\xff\xfe{not json", b'{"username": "a", "password": ', b"[" * 2000, b"{" * 2000,
    b'{"username": ' + b"9" * 5000 + b"}", b"", b"null", b'"just a string"',
])
def test_unparseable_bodies_are_400_never_500(client, body):
    response = client.post("/api/v1/auth/token", data=body,
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 400, (body[:20], response.status_code)
    assert response.get_json()["error"] == "bad_request"


def test_deep_nesting_to_a_view_reading_json_itself_is_not_500(client, world):
    """Views that call request.get_json themselves (an answer's autosave) read through the
    same depth check: the body counts as missing, never a crash."""
    headers = {"Content-Type": "application/json", **token(client, "officer.a")}
    started = client.post("/api/v1/placements/e-plan/attempts", headers=headers).get_json()
    url = (f"/api/v1/attempts/{started['attempt_id']}/answers/"
           f"{started['questions'][0]['id']}")
    response = client.put(url, data=_nested(2000), headers=headers)
    assert 400 <= response.status_code < 500


def test_production_tells_browsers_to_use_https_for_a_year(app, monkeypatch):
    monkeypatch.delenv("HSTS_MAX_AGE", raising=False)
    production = make_app(app.config["SQLALCHEMY_DATABASE_URI"], APP_ENV="production")
    response = production.test_client().get("/login")  # plain http: a proxy ended TLS
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    api = production.test_client().get("/api/v1/openapi.json")
    assert api.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_hsts_max_age_is_configurable(app, monkeypatch):
    monkeypatch.setenv("HSTS_MAX_AGE", "600")
    production = make_app(app.config["SQLALCHEMY_DATABASE_URI"], APP_ENV="production")
    assert production.test_client().get("/login").headers[
        "Strict-Transport-Security"] == "max-age=600"
    monkeypatch.setenv("HSTS_MAX_AGE", "0")  # an operator who must turn it off can
    off = make_app(app.config["SQLALCHEMY_DATABASE_URI"], APP_ENV="production")
    assert "Strict-Transport-Security" not in off.test_client().get("/login").headers


def test_no_hsts_in_development_or_tests_unless_configured(app, client, monkeypatch):
    monkeypatch.delenv("HSTS_MAX_AGE", raising=False)
    assert "Strict-Transport-Security" not in client.get("/login").headers
    assert "Strict-Transport-Security" not in client.get(
        "/login", base_url="https://lao.test").headers
    development = make_app(app.config["SQLALCHEMY_DATABASE_URI"], APP_ENV="development")
    assert "Strict-Transport-Security" not in development.test_client().get("/login").headers
    monkeypatch.setenv("HSTS_MAX_AGE", "300")
    staging = make_app(app.config["SQLALCHEMY_DATABASE_URI"], APP_ENV="development")
    assert staging.test_client().get("/login").headers[
        "Strict-Transport-Security"] == "max-age=300"


# -- separation of duties: no approval path accepts the one who asked as approver --------

def _override(client, world, who):
    response = client.post(f"/api/v1/laos/{world.a.id}/assignments", headers=token(client, who),
                           json={"user_id": world.officer_a.id, "subsystem": "e-laas",
                                 "role": "primary", "share_percent": 50,
                                 "effective_from": "2026-11-01", "order_ref": "1/2569",
                                 "override_reason": "ยังไม่มีผู้ผ่านระดับ 2"})
    assert response.get_json()["status"] == "pending_approval"
    return response.get_json()["id"]


def _make_executive(app, user_id):
    """An admin makes the person an executive (the one way besides a confirmed grant)."""
    from app.auth.models import User
    from app.extensions import db

    with app.app_context():
        db.session.get(User, user_id).role = "executive"
        db.session.commit()


def test_an_override_is_never_approved_by_the_one_who_asked(app, client, world):
    mine = _override(client, world, world.admin.username)
    refused = client.post(f"/api/v1/assignments/{mine}/approve",
                          headers=token(client, world.admin.username))
    assert refused.status_code == 403
    # the executive of the LAO, a second person, may
    assert client.post(f"/api/v1/assignments/{mine}/approve",
                       headers=token(client, "executive.a")).status_code == 200


def test_hr_made_executive_later_cannot_approve_its_own_override(app, client, world):
    asked = _override(client, world, "hr.a")
    _make_executive(app, world.hr_a.id)
    assert client.post(f"/api/v1/assignments/{asked}/approve",
                       headers=token(client, "hr.a")).status_code == 403
    login(client, "hr.a")
    client.post(f"/assignments/{asked}/approve", data={"version": "1"})
    listed = client.get(f"/api/v1/laos/{world.a.id}/assignments",
                        headers=token(client, "executive.a")).get_json()
    assert [a["status"] for a in listed] == ["pending_approval"]


def test_a_cohort_is_never_approved_by_the_one_who_asked(app, client, world):
    from app.certification.models import BulkJob
    from app.extensions import db

    course = client.get("/api/v1/courses", headers=token(client, "hr.a")).get_json()[0]
    login(client, "hr.a")
    asked = client.post(f"/laos/{world.a.id}/certificates",
                        data={"course_id": str(course["id"]), "user_id": [
                            str(world.officer_a.id)]})
    job_id = int(asked.headers["Location"].rsplit("/", 1)[1])
    client.post("/logout")
    _make_executive(app, world.hr_a.id)
    login(client, "hr.a")
    client.post(f"/bulk-jobs/{job_id}/approve")
    with app.app_context():
        assert db.session.get(BulkJob, job_id).status == "awaiting"
    client.post("/logout")
    login(client, "executive.a")
    client.post(f"/bulk-jobs/{job_id}/approve")
    with app.app_context():
        assert db.session.get(BulkJob, job_id).status in ("queued", "done")


def test_a_role_grant_is_never_decided_by_the_one_who_asked(app, client, world):
    from app.auth.models import User
    from app.extensions import db
    from app.org.grants import request_role
    from app.org.models import RoleGrant

    with app.app_context():
        grant = request_role(db.session.get(User, world.hr_a.id),
                             db.session.get(User, world.officer_a.id), "executive")
        db.session.commit()
        grant_id = grant.id
    _make_executive(app, world.hr_a.id)
    for verdict in ("confirm", "refuse"):
        assert client.post(f"/api/v1/role-grants/{grant_id}/{verdict}",
                           headers=token(client, "hr.a")).status_code == 403
    with app.app_context():
        assert db.session.get(RoleGrant, grant_id).status == "pending"
