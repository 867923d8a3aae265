"""Signing in on the web and the API: lockout per account, generous per address, idle timeout."""

from datetime import timedelta

from sqlalchemy import select

from app.auth.models import SignInFailure, User
from app.db import utcnow
from app.extensions import db
from app.settings import IDLE_TIMEOUT, set_value
from tests.conftest import PASSWORD, login, token


def test_login_with_right_password_opens_home(client, factory):
    user = factory.user(factory.lao(), "officer", full_name="นางสาวสุภาพร ใจดี")
    response = login(client, user.username)
    assert response.status_code == 302
    assert "นางสาวสุภาพร ใจดี" in client.get("/").get_data(as_text=True)


def test_wrong_password_shows_thai_error(client, factory):
    user = factory.user(factory.lao())
    response = login(client, user.username, "wrong-pass-999")
    assert response.status_code == 401
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302  # still signed out


def test_five_failures_lock_the_account_even_for_the_right_password(client, factory):
    user = factory.user(factory.lao())
    for _ in range(5):
        assert login(client, user.username, "wrong-pass-999").status_code == 401
    response = login(client, user.username, PASSWORD)
    assert response.status_code == 401
    assert "ล็อก" in response.get_data(as_text=True)
    api = client.post("/api/v1/auth/token", json={"username": user.username,
                                                  "password": PASSWORD})
    assert api.status_code == 429
    assert api.get_json()["error"] == "locked"
    assert api.get_json()["details"]["retry_after"] > 0


def test_lockout_ends_after_its_time(app, client, factory):
    user = factory.user(factory.lao())
    for _ in range(5):
        login(client, user.username, "wrong-pass-999")
    assert login(client, user.username).status_code == 401  # locked
    with app.app_context():
        for row in db.session.scalars(select(SignInFailure)):
            row.locked_until = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert login(client, user.username).status_code == 302


def test_an_unknown_name_locks_exactly_like_a_real_one(client, factory):
    """Issue 21: a real account answered 429 'locked' after 5 failures while an unknown
    name answered 401 forever, which told which usernames exist."""
    real = factory.user(factory.lao()).username
    answers = {}
    for name in (real, "nobody.here"):
        for _ in range(5):
            first = client.post("/api/v1/auth/token", json={"username": name,
                                                            "password": "wrong-pass-999"})
            assert first.status_code == 401
        api = client.post("/api/v1/auth/token", json={"username": name, "password": PASSWORD})
        web = login(client, name)
        body = api.get_json()
        answers[name] = (api.status_code, body["error"], body["message"],
                         web.status_code, "ล็อก" in web.get_data(as_text=True))
    assert answers[real] == answers["nobody.here"] == (
        429, "locked", answers[real][2], 401, True)


def test_a_name_is_matched_as_typed_in_any_case(client, factory):
    user = factory.user(factory.lao(), username="malee.s")
    for _ in range(5):
        login(client, "  MALEE.S ", "wrong-pass-999")
    assert login(client, user.username).status_code == 401


def test_success_resets_the_failure_count(client, factory):
    user = factory.user(factory.lao())
    for _ in range(4):
        login(client, user.username, "wrong-pass-999")
    assert login(client, user.username).status_code == 302
    client.post("/logout")
    for _ in range(4):
        login(client, user.username, "wrong-pass-999")
    assert login(client, user.username).status_code == 302


def test_a_whole_office_on_one_address_is_not_locked_out(client, factory):
    lao = factory.lao()
    staff = [factory.user(lao) for _ in range(50)]
    for person in staff:  # everyone mistypes once at 8:30, then gets in
        assert login(client, person.username, "typo-typo-1").status_code == 401
        assert login(client, person.username).status_code == 302
        client.post("/logout")


def test_one_persons_typos_never_lock_colleagues_out(client, factory):
    """Issue 21: 200 failures from one address made everyone's right password answer 429
    for 15 minutes. Now failures count per (address, username) below a far higher
    ceiling: the colleagues sharing the office's address still get in."""
    lao = factory.lao()
    guessed = [factory.user(lao).username for _ in range(20)]
    for name in [*guessed, *(f"ghost{i}" for i in range(20))]:
        for _ in range(5):
            assert client.post("/api/v1/auth/token", json={
                "username": name, "password": "nope-nope-1"}).status_code == 401
    colleague = factory.user(lao).username
    assert client.post("/api/v1/auth/token", json={"username": colleague,
                                                   "password": PASSWORD}).status_code == 200
    assert login(client, colleague).status_code == 302


def test_one_name_from_one_address_is_throttled_without_touching_others(app, client,
                                                                        factory):
    app.config.update(LOGIN_PAIR_LIMIT="3 per 15 minutes", LOCKOUT_THRESHOLD=50)
    try:
        lao = factory.lao()
        name, other = factory.user(lao).username, factory.user(lao).username
        codes = [client.post("/api/v1/auth/token", json={
            "username": name, "password": "nope-nope-1"}).status_code for _ in range(4)]
        assert codes == [401, 401, 401, 429]
        assert client.post("/api/v1/auth/token", json={
            "username": other, "password": "nope-nope-1"}).status_code == 401
        assert login(client, other).status_code == 302
    finally:
        app.config.update(LOGIN_PAIR_LIMIT="10 per 15 minutes", LOCKOUT_THRESHOLD=5)


def test_the_address_ceiling_still_stops_a_guesser_of_many_names(app, client, factory):
    app.config["LOGIN_ADDRESS_LIMIT"] = "3 per 15 minutes"
    try:
        lao = factory.lao()
        names = [factory.user(lao).username for _ in range(4)]
        codes = [client.post("/api/v1/auth/token",
                             json={"username": n, "password": "nope-nope-1"}).status_code
                 for n in names]
        assert codes == [401, 401, 401, 429]
    finally:
        app.config["LOGIN_ADDRESS_LIMIT"] = "1000 per 15 minutes"


def test_deactivated_users_token_stops_working(app, client, factory):
    user = factory.user(factory.lao())
    headers = token(client, user.username)
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    with app.app_context():
        db.session.get(User, user.id).status = "inactive"
        db.session.commit()
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    assert client.post("/api/v1/auth/token", json={"username": user.username,
                                                   "password": PASSWORD}).status_code == 401


def test_deactivated_user_is_signed_out_of_the_web(app, client, factory):
    user = factory.user(factory.lao())
    login(client, user.username)
    with app.app_context():
        row = db.session.get(User, user.id)
        row.status = "inactive"
        row.session_epoch += 1
        db.session.commit()
    assert client.get("/").status_code == 302


def test_me_answers_who_i_am(client, factory):
    lao = factory.lao()
    user = factory.user(lao, "hr")
    body = client.get("/api/v1/me", headers=token(client, user.username)).get_json()
    assert body == {"id": user.id, "username": user.username, "full_name": body["full_name"],
                    "role": "hr", "lao_id": lao.id}


def test_bad_or_missing_token_is_401(client):
    assert client.get("/api/v1/me").status_code == 401
    bad = client.get("/api/v1/me", headers={"Authorization": "Bearer nonsense"})
    assert bad.status_code == 401
    assert bad.get_json()["error"] == "unauthorized"


def test_expired_token_is_401(app, client, factory):
    from app.auth.models import ApiToken

    user = factory.user(factory.lao())
    headers = token(client, user.username)
    with app.app_context():
        for row in db.session.query(ApiToken).all():
            row.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_idle_session_is_signed_out_after_the_admins_timeout(app, client, factory):
    user = factory.user(factory.lao())
    with app.app_context():
        set_value(IDLE_TIMEOUT, "30")
        db.session.commit()
    login(client, user.username)
    assert client.get("/").status_code == 200
    with client.session_transaction() as sess:
        sess["seen"] = sess["seen"] - 29 * 60
    assert client.get("/").status_code == 200  # 29 minutes idle: still in
    with client.session_transaction() as sess:
        sess["seen"] = sess["seen"] - 31 * 60
    response = client.get("/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    assert client.get("/").status_code == 302


def test_admin_sets_the_idle_timeout_and_bad_values_are_refused(client, factory):
    admin = factory.user(None, "admin")
    login(client, admin.username)
    bad = client.post("/admin/settings", data={"idle_minutes": "0"})
    assert bad.status_code == 200
    assert client.get("/admin/settings").get_data(as_text=True).count('value="60"') == 1
    assert client.post("/admin/settings", data={"idle_minutes": "90"}).status_code == 302
    assert 'value="90"' in client.get("/admin/settings").get_data(as_text=True)


def test_only_admins_change_settings(client, factory):
    hr = factory.user(factory.lao(), "hr")
    login(client, hr.username)
    assert client.post("/admin/settings", data={"idle_minutes": "5"}).status_code == 403


def test_next_redirect_stays_on_this_site(client, factory):
    user = factory.user(factory.lao())
    response = client.post("/login?next=https://evil.example/x",
                           data={"username": user.username, "password": PASSWORD})
    assert response.headers["Location"] in ("/", "http://lao.test/")


def test_behind_a_load_balancer_each_office_is_counted_by_its_own_address(app, factory):
    """With TRUSTED_PROXIES set, the client address comes from X-Forwarded-For: one office
    that keeps failing is throttled, another office behind the same balancer is not."""
    from tests.conftest import make_app

    behind = make_app(app.config["SQLALCHEMY_DATABASE_URI"], TRUSTED_PROXIES=1,
                      LOGIN_ADDRESS_LIMIT="3 per 15 minutes")
    lao = factory.lao()
    names = [factory.user(lao).username for _ in range(5)]
    client = behind.test_client()

    def sign_in(name, office):
        return client.post("/api/v1/auth/token", headers={"X-Forwarded-For": office},
                           json={"username": name, "password": "nope-nope-1"}).status_code

    assert [sign_in(n, "203.0.113.7") for n in names[:4]] == [401, 401, 401, 429]
    assert sign_in(names[4], "198.51.100.20") == 401
