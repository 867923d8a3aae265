"""The workload page: tables, charts, suggestions, HR's forms; refusals change nothing."""

import re

from tests.conftest import login, token
from tests.workload.test_api import _assign, _only


def _page(client, world, who="hr.a", status=200):
    login(client, who)
    response = client.get(f"/laos/{world.a.id}/workload")
    assert response.status_code == status
    return response.get_data(as_text=True)


def _settings(client, world, who="hr.a"):
    return client.get(f"/api/v1/laos/{world.a.id}/workload/settings",
                      headers=token(client, who)).get_json()


def test_page_shows_systems_people_charts_and_suggestions(client, factory, world):
    client.put(f"/api/v1/laos/{world.a.id}/workload/volumes", headers=token(client, "hr.a"),
               json={"volumes": _only({"office-incoming": 30000, "laas-voucher": 700})})
    factory.evidence(world.officer_a, "e-office", 2)
    factory.evidence(world.officer_a, "e-laas", 2)
    factory.evidence(world.executive_a, "e-office", 3)
    _assign(client, world, world.officer_a, subsystem="e-office")
    _assign(client, world, world.officer_a, subsystem="e-laas", share=50)
    page = _page(client, world)
    for anchor in ('id="system-table"', 'id="people-table"', 'id="suggestions"',
                   'id="system-e-office"', f'id="person-{world.officer_a.id}"',
                   'id="volumes"', 'id="settings"', "<svg"):
        assert anchor in page
    assert 'class="over"' in page  # the overloaded person's row is marked
    # e-Office 2500 h + e-LAAS 291.7 x 50% = 2645.8 h for officer_a; the executive can help
    suggestions = page.split('id="suggestions"')[1].split("</section>")[0]
    assert "2,646" in suggestions
    executive = factory.get_user(world.executive_a.id)
    assert executive.full_name in suggestions
    assert "style=" not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)


def test_executive_reads_without_the_forms_and_officer_is_refused(app, world):
    page = _page(app.test_client(), world, "executive.a")
    assert 'id="system-table"' in page
    assert 'id="volumes"' not in page
    assert 'id="settings"' not in page
    _page(app.test_client(), world, "officer.a", 403)
    _page(app.test_client(), world, "hr.b", 404)


def test_csv_from_the_page(client, world):
    login(client, "executive.a")
    response = client.get(f"/laos/{world.a.id}/workload.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.get_data().decode("utf-8").startswith("\ufeffระบบ")


def test_hr_saves_volumes_and_a_blank_or_default_box_follows_the_default(client, world):
    login(client, "hr.a")
    response = client.post(f"/laos/{world.a.id}/workload/volumes",
                           data={"v-laas-receipt": "3,000", "v-laas-voucher": "700",
                                 "v-office-incoming": ""})
    assert response.status_code == 302
    rows = {r["activity"]: r for r in client.get(
        f"/api/v1/laos/{world.a.id}/workload/volumes", headers=token(client, "hr.a")
    ).get_json()}
    assert (rows["laas-receipt"]["volume"], rows["laas-receipt"]["overridden"]) == (3000, True)
    assert rows["laas-voucher"]["overridden"] is False  # 700 is the default for size S
    assert rows["office-incoming"]["overridden"] is False


def test_bad_volume_on_the_form_is_shown_and_nothing_is_saved(client, world):
    login(client, "hr.a")
    response = client.post(f"/laos/{world.a.id}/workload/volumes",
                           data={"v-laas-receipt": "3000", "v-laas-voucher": "-4",
                                 "v-info-lpa": "lots"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert page.count('<p class="error">') == 2
    assert 'value="lots"' in page  # what was typed is kept for correcting
    rows = {r["activity"]: r for r in client.get(
        f"/api/v1/laos/{world.a.id}/workload/volumes", headers=token(client, "hr.a")
    ).get_json()}
    assert rows["laas-receipt"]["overridden"] is False


def _settings_form(**changes):
    form = {"working_days": "260", "public_holidays": "19", "annual_leave": "10",
            "sick_leave": "5", "other_leave": "2", "hours_per_day": "7",
            "cas_name_0": "ประชุม", "cas_percent_0": "5", "ias_e-gp": ""}
    form.update(changes)
    return form


def test_hr_saves_settings_from_the_form(client, world):
    login(client, "hr.a")
    response = client.post(f"/laos/{world.a.id}/workload/settings",
                           data=_settings_form(hours_per_day="7.5", **{"ias_e-gp": "40"}))
    assert response.status_code == 302
    saved = _settings(client, world)
    assert (saved["hours_per_day"], saved["cas"], saved["ias_hours"]) == (
        7.5, {"ประชุม": 5.0}, {"e-gp": 40.0})


def test_invalid_settings_on_the_form_list_every_problem_and_change_nothing(client, world):
    before = _settings(client, world)
    login(client, "hr.a")
    response = client.post(f"/laos/{world.a.id}/workload/settings", data=_settings_form(
        sick_leave="-1", hours_per_day="25", annual_leave="abc"))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    alert = re.search(r'<div class="flash error" role="alert"><ul>(.*?)</ul>', page).group(1)
    assert alert.count("<li>") == 3
    assert 'value="abc"' in page
    response = client.post(f"/laos/{world.a.id}/workload/settings",
                           data=_settings_form(annual_leave="300"))
    assert response.status_code == 422
    assert "(326" in response.get_data(as_text=True)  # 19 + 300 + 5 + 2 days named
    assert _settings(client, world) == before


def test_executive_cannot_post_the_forms(client, world):
    login(client, "executive.a")
    assert client.post(f"/laos/{world.a.id}/workload/settings",
                       data=_settings_form()).status_code == 403
    assert client.post(f"/laos/{world.a.id}/workload/volumes",
                       data={"v-info-lpa": "3"}).status_code == 403


def test_every_allowance_is_on_the_form_and_a_blanked_row_is_removed(client, world):
    five = {f"งานสนับสนุน {i}": 1 + i for i in range(5)}
    client.put(f"/api/v1/laos/{world.a.id}/workload/settings", headers=token(client, "hr.a"),
               json={"cas": five})
    login(client, "hr.a")
    page = client.get(f"/laos/{world.a.id}/workload").get_data(as_text=True)
    assert all(f'value="{name}"' in page for name in five)
    assert 'name="cas_name_6"' in page  # two blank rows after the five
    form = _settings_form(**{f"cas_name_{i}": name for i, name in enumerate(five)},
                          **{f"cas_percent_{i}": str(v) for i, v in enumerate(five.values())},
                          cas_name_6="", cas_percent_6="")
    form["cas_name_2"], form["cas_percent_2"] = "", ""
    assert client.post(f"/laos/{world.a.id}/workload/settings", data=form).status_code == 302
    assert _settings(client, world)["cas"] == {k: float(v) for k, v in five.items()
                                               if k != "งานสนับสนุน 2"}
