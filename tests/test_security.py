"""Every web form refuses a post without its CSRF token; names and content render as text."""

import io
import re

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
           "serial": "X", "secret": "x"}
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
