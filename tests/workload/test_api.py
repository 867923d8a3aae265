"""GET /laos/{lao_id}/workload and the volume and settings endpoints: numbers, roles,
isolation, refusals that change nothing, the CSV export."""

import csv
import io

import pytest
from sqlalchemy import func, select

from app.audit import AuditEvent
from app.extensions import db
from app.subsystems import CODES
from app.workload.catalog import load_catalog
from tests.conftest import token

KEEP = {"laas-receipt": 4704, "laas-voucher": 768, "laas-month-end": 18}


def _url(world, tail=""):
    return f"/api/v1/laos/{world.a.id}/workload{tail}"


def _get(client, world, who="hr.a", tail=""):
    response = client.get(_url(world, tail), headers=token(client, who))
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _put(client, world, tail, body, who="hr.a"):
    return client.put(_url(world, tail), json=body, headers=token(client, who))


def _assign(client, world, person, subsystem="e-laas", role="primary", share=100):
    response = client.post(f"/api/v1/laos/{world.a.id}/assignments", headers=token(
        client, "hr.a"), json={"user_id": person.id, "subsystem": subsystem, "role": role,
                               "share_percent": share, "effective_from": "2026-11-01",
                               "order_ref": "คำสั่งที่ 9/2569"})
    assert response.status_code == 201, response.get_json()


def _only(volumes):
    """Every catalog activity at 0 except these."""
    every = {a.code: 0 for acts in load_catalog().values() for a in acts}
    return {**every, **volumes}


def _audits():
    return db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action.like("workload.%")))


def test_worked_example_through_the_api(client, factory, world):
    # by hand (see test_wisn.py): AWT 1568 h; e-LAAS 23520 + 19200 + 4320 min = 784 h;
    # CAF 1 / (1 - 0.20) = 1.25; IAF 392 / 1568 = 0.25; required 0.5 x 1.25 + 0.25 = 0.875
    assert _put(client, world, "/volumes", {"volumes": _only(KEEP)}).status_code == 200
    saved = _put(client, world, "/settings", {"cas": {"ประชุม": 12, "อบรม": 8},
                                              "ias_hours": {"e-laas": 392}})
    assert saved.status_code == 200, saved.get_json()
    assert saved.get_json()["awt_hours"] == 1568.0
    factory.evidence(world.officer_a, "e-laas", 2)
    factory.evidence(world.hr_a, "e-laas", 1)
    _assign(client, world, world.officer_a, share=75)
    _assign(client, world, world.hr_a, role="backup", share=25)
    body = _get(client, world)
    assert (body["awt_hours"], body["caf"]) == (1568.0, 1.25)
    laas = body["systems"]["e-laas"]
    assert laas == {"workload_hours": 784.0, "required_staff": 0.875, "assigned_staff": 2,
                    "wisn_ratio": 2.286, "wisn_difference": 1.125, "iaf": 0.25,
                    "assigned_share_percent": 100, "reading": "surplus"}
    people = {p["user_id"]: p for p in body["people"]}
    # 784 x 75% = 588 h (0.375 of 1568); 784 x 25% = 196 h (0.125)
    assert (people[world.officer_a.id]["hours_per_year"],
            people[world.officer_a.id]["load_ratio"]) == (588.0, 0.375)
    assert people[world.hr_a.id]["hours_per_year"] == 196.0
    # officer_a is the only one at level 2 in e-LAAS, but hr_a backs them up: the system does
    # not hang on one person (SPEC 4.4: only competent person AND only assignee)
    assert people[world.officer_a.id]["flags"] == []
    assert people[world.hr_a.id]["flags"] == []
    assert [p["user_id"] for p in body["people"]] == [world.officer_a.id, world.hr_a.id]
    # Gini of [196, 588] = 392 / (2 x 784) = 0.25; max / median = 588 / 392 = 1.5
    assert (body["gini"], body["max_hours"], body["median_hours"],
            body["max_to_median"]) == (0.25, 588.0, 392.0, 1.5)


def test_the_body_keeps_to_api_md(client, world):
    body = _get(client, world)
    assert {"people", "systems", "gini"} <= set(body)
    assert set(body["systems"]) == set(CODES)
    for system in body["systems"].values():
        assert {"workload_hours", "required_staff", "assigned_staff", "wisn_ratio"} <= set(
            system)


def test_an_lao_with_no_assignments(client, world):
    body = _get(client, world)
    assert body["people"] == []
    assert body["suggestions"] == []
    assert body["gini"] is None
    assert body["max_hours"] is None
    assert all(s["assigned_staff"] == 0 for s in body["systems"].values())
    # a small LAO's default e-LAAS volumes need someone; nobody is there
    assert body["systems"]["e-laas"]["required_staff"] > 0
    assert body["systems"]["e-laas"]["wisn_ratio"] == 0.0
    assert body["systems"]["e-laas"]["reading"] == "serious_shortage"


def test_zero_volumes_need_nobody(client, factory, world):
    factory.evidence(world.officer_a, "e-gp", 2)
    _assign(client, world, world.officer_a, subsystem="e-gp")
    zeros = {a.code: 0 for a in load_catalog()["e-gp"]}
    assert _put(client, world, "/volumes", {"volumes": zeros}).status_code == 200
    body = _get(client, world)
    gp = body["systems"]["e-gp"]
    assert (gp["workload_hours"], gp["required_staff"], gp["wisn_ratio"], gp["reading"]) == (
        0.0, 0.0, None, "no_workload")
    assert body["people"][0]["hours_per_year"] == 0.0
    assert body["gini"] is None  # nobody carries any hours


def test_volumes_list_defaults_and_own_values_and_null_resets(client, world):
    rows = {r["activity"]: r for r in _get(client, world, tail="/volumes")}
    receipt = rows["laas-receipt"]
    assert (receipt["default_volume"], receipt["volume"], receipt["overridden"]) == (
        1200, 1200, False)  # size class S
    assert receipt["unit_minutes"] == 5
    saved = _put(client, world, "/volumes", {"volumes": {"laas-receipt": 3000}}).get_json()
    assert next(r for r in saved if r["activity"] == "laas-receipt")["volume"] == 3000
    assert _get(client, world)["systems"]["e-laas"]["workload_hours"] > 862
    reset = _put(client, world, "/volumes", {"volumes": {"laas-receipt": None}}).get_json()
    again = next(r for r in reset if r["activity"] == "laas-receipt")
    assert (again["volume"], again["overridden"]) == (1200, False)


def test_bad_volumes_are_refused_and_nothing_changes(app, client, world):
    response = _put(client, world, "/volumes", {"volumes": {
        "laas-receipt": 3000, "laas-voucher": -1, "office-incoming": "many",
        "no-such-task": 5, "gp-specific": 2.5, "info-lpa": 2_000_000}})
    assert response.status_code == 422
    assert response.get_json()["details"]["fields"] == {
        "no-such-task": "is not an activity of the task catalog",
        "laas-voucher": "must be from 0 to 1000000",
        "office-incoming": "must be a whole number (or null for the default)",
        "gp-specific": "must be a whole number (or null for the default)",
        "info-lpa": "must be from 0 to 1000000",
    }
    rows = {r["activity"]: r for r in _get(client, world, tail="/volumes")}
    assert rows["laas-receipt"]["overridden"] is False  # the good one was not saved either
    assert _put(client, world, "/volumes", {"volumes": [1]}).status_code == 422
    with app.app_context():
        assert _audits() == 0


@pytest.mark.parametrize(("body", "fields"), [
    ({"sick_leave": -3}, {"sick_leave": "must not be negative"}),
    ({"annual_leave": 250}, {"leave": "public holidays and leave (276 days) must be fewer "
                                      "than the working days (260)"}),
    ({"working_days": -1, "hours_per_day": 0},
     {"working_days": "must not be negative", "hours_per_day": "must be from 1 to 24 hours"}),
    ({"hours_per_day": "7"}, {"hours_per_day": "must be a number"}),
    ({"cas": {"ประชุม": 100}}, {"cas": "allowances total 100% and must stay below 100%"}),
    ({"ias_hours": {"e-nope": 5}}, {"ias_hours": "unknown system e-nope"}),
    ({"working_dayz": 250}, {"working_dayz": "is not a setting"}),
])
def test_invalid_settings_are_refused_with_each_problem_and_nothing_changes(
        app, client, world, body, fields):
    before = _get(client, world, tail="/settings")
    response = _put(client, world, "/settings", {"annual_leave": 12, **body})
    assert response.status_code == 422
    error = response.get_json()
    assert error["error"] == "invalid"
    assert error["details"]["fields"] == fields
    assert error["message"].startswith("invalid workload settings: ")
    assert _get(client, world, tail="/settings") == before
    with app.app_context():
        assert _audits() == 0


def test_settings_change_is_kept_audited_and_shown_with_defaults(app, client, world):
    response = _put(client, world, "/settings", {"hours_per_day": 7.5, "annual_leave": 8})
    assert response.status_code == 200
    body = _get(client, world, tail="/settings")
    assert (body["hours_per_day"], body["annual_leave"], body["working_days"]) == (7.5, 8, 260)
    assert body["awt_hours"] == (260 - 34) * 7.5
    assert body["defaults"]["hours_per_day"] == 7
    assert _get(client, world)["awt_hours"] == 1695.0
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(
            AuditEvent.action == "workload.settings"))
        assert event.lao_id == world.a.id
        assert (event.before["hours_per_day"], event.after["hours_per_day"]) == (7, 7.5)


@pytest.mark.parametrize("who", ["hr.a", "executive.a", "sup_district_a", "sup_country",
                                 "root"])
def test_readers_see_the_analysis(client, world, who):
    username = getattr(world, who).username if hasattr(world, who) else who
    for tail in ("", "/volumes", "/settings", ".csv"):
        assert client.get(_url(world, tail), headers=token(client, username)
                          ).status_code == 200


@pytest.mark.parametrize(("who", "status"), [
    ("officer.a", 403), ("hr.b", 404), ("executive.b", 404), ("officer.b", 404),
    ("sup_province_b", 404)])
def test_officers_and_other_laos_do_not(client, world, who, status):
    username = getattr(world, who).username if hasattr(world, who) else who
    for tail in ("", "/volumes", "/settings", ".csv"):
        assert client.get(_url(world, tail), headers=token(client, username)
                          ).status_code == status


def test_without_a_token_it_is_401(client, world):
    assert client.get(_url(world)).status_code == 401


@pytest.mark.parametrize(("who", "status"), [
    ("executive.a", 403), ("officer.a", 403), ("sup_country", 403), ("sup_district_a", 403),
    ("hr.b", 404), ("sup_province_b", 404), ("root", 200), ("hr.a", 200)])
def test_only_hr_of_the_lao_or_an_admin_changes_volumes_and_settings(client, world, who,
                                                                       status):
    username = getattr(world, who).username if hasattr(world, who) else who
    assert _put(client, world, "/settings", {"sick_leave": 4}, who=username
                ).status_code == status
    assert _put(client, world, "/volumes", {"volumes": {"info-lpa": 2}}, who=username
                ).status_code == status


def test_overloaded_person_gets_a_suggestion_naming_a_competent_colleague(client, factory,
                                                                          world):
    # e-Office 30000 letters x 5 min = 2500 h for officer_a alone: 932 h over 1568
    assert _put(client, world, "/volumes", {"volumes": _only({"office-incoming": 30000})}
                ).status_code == 200
    factory.evidence(world.officer_a, "e-office", 2)
    factory.evidence(world.executive_a, "e-office", 3)
    factory.evidence(world.hr_a, "e-office", 1)
    _assign(client, world, world.officer_a, subsystem="e-office")
    body = _get(client, world)
    person = body["people"][0]
    assert (person["user_id"], person["flags"]) == (world.officer_a.id, ["overloaded"])
    assert person["load_ratio"] == pytest.approx(2500 / 1568, abs=1e-3)
    assert body["suggestions"] == [{
        "user_id": world.officer_a.id, "subsystem": "e-office",
        "candidate_id": world.executive_a.id, "hours_per_year": 932.0,
        "share_percent": 37.3, "trainable": []}]


def test_csv_export_has_systems_people_and_fairness(client, factory, world):
    factory.evidence(world.officer_a, "e-laas", 2)
    _assign(client, world, world.officer_a)
    response = client.get(_url(world, ".csv"), headers=token(client, "executive.a"))
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data().decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][0] == "ระบบ"
    assert len(rows[1:7]) == 6
    laas = next(r for r in rows if r and r[0] == "e-LAAS")
    assert laas[3] == "1"  # one person assigned
    person = next(r for r in rows if len(r) == 6 and r[4] == "e-laas")
    assert person[0].startswith("นายทดสอบ")
    assert float(person[2]) > 0
    assert any(r and r[0] == "ค่าสัมประสิทธิ์จีนี (Gini)" and r[1] == "0.000" for r in rows)


def test_csv_cells_cannot_run_as_formulas(client, factory, world):
    sneaky = factory.user(world.a, "officer", full_name="=HYPERLINK(\"http://x\")")
    factory.evidence(sneaky, "info", 2)
    _assign(client, world, sneaky, subsystem="info")
    text = client.get(_url(world, ".csv"), headers=token(client, "hr.a")).get_data(
        as_text=True)
    assert "'=HYPERLINK" in text
    assert "\n=HYPERLINK" not in text
    assert ",=HYPERLINK" not in text


def test_a_system_that_hangs_on_one_person_is_flagged(client, factory, world):
    factory.evidence(world.officer_a, "e-laas", 2)
    _assign(client, world, world.officer_a, share=100)
    people = {p["user_id"]: p for p in _get(client, world)["people"]}
    assert people[world.officer_a.id]["flags"] == ["only_competent"]

