"""What a first walk through the calendar pages found, kept fixed: the secret address shown
once and never at the top of the page, last year's open duties in "my duties", a way back, the
overdue days counted, the approval queue saying who marked what, the basis of each date in
Thai, settings that keep a refused value at its field."""

from datetime import timedelta

from sqlalchemy import select

from app.calendar.models import CalendarOccurrence, CalendarSettings
from app.dates import today
from app.extensions import db
from tests.conftest import login


def test_the_new_calendar_address_is_shown_once_in_its_box(client, world, assign):
    assign(world.a, world.officer_a, "e-laas")
    login(client, "officer.a")
    page = client.post("/my/calendar/feed", follow_redirects=True).get_data(as_text=True)
    assert page.count("/calendar/feed/") == 1
    box = page.split('id="feed"', 1)[1]
    assert "/calendar/feed/" in box
    assert 'readonly' in box
    assert "/calendar/feed/" not in client.get("/").get_data(as_text=True)  # gone after


def test_my_duties_keep_last_years_open_duty(app, client, world, assign, occurrence):
    assign(world.a, world.officer_a, "e-laas")
    occ = occurrence(world.a, "laas-monthly-report", overdue=True)
    with app.app_context():  # a duty of last fiscal year, still not done
        row = db.session.get(CalendarOccurrence, occ)
        row.due = today() - timedelta(days=400)
        db.session.commit()
    login(client, "officer.a")
    mine = client.get("/my/calendar").get_data(as_text=True)
    assert f"/calendar/{occ}" in mine
    assert "เลยกำหนด 400 วัน" in mine  # how late, counted
    page = client.get(f"/calendar/{occ}").get_data(as_text=True)
    assert 'href="/my/calendar"' in page.split("<h1>", 1)[0]  # a way back above the title


def test_the_approval_queue_says_who_marked_it_and_asks_before_approving(
        client, world, assign, occurrence):
    assign(world.a, world.officer_a, "e-plan")
    occ = occurrence(world.a, "plan-evaluation-to-council")
    login(client, "officer.a")
    client.post(f"/calendar/{occ}/done", data={"reference": "ศธ 1/2569",
                                               "note": "เสนอสภาแล้ว"})
    client.post("/logout")
    login(client, "executive.a")
    queue = client.get("/").get_data(as_text=True).split('id="approval-queue"', 1)[1]
    assert "บันทึกโดย นายทดสอบ" in queue.split("</section>", 1)[0]  # the officer's name
    assert "เสนอสภาแล้ว" in queue
    assert "data-confirm=" in queue.split(f'action="/calendar/{occ}/approve"', 1)[1][:200]


def test_an_executive_is_told_why_they_cannot_approve_their_own(app, client, world, assign,
                                                                 occurrence):
    assign(world.a, world.executive_a, "e-plan")
    occ = occurrence(world.a, "plan-evaluation-to-council")
    login(client, "executive.a")
    client.post(f"/calendar/{occ}/done", data={"reference": "ศธ 2/2569"})
    queue = client.get("/").get_data(as_text=True).split('id="approval-queue"', 1)[1]
    assert f'action="/calendar/{occ}/approve"' not in queue
    assert "ผู้บริหารท่านอื่น" in queue.split("</section>", 1)[0]


def test_pages_give_the_basis_of_each_date_in_thai(client, world, assign, occurrence):
    assign(world.a, world.officer_a, "e-laas")
    occ = occurrence(world.a, "laas-monthly-report")
    login(client, "hr.a")
    settings = client.get(f"/laos/{world.a.id}/calendar/settings").get_data(as_text=True)
    page = client.get(f"/calendar/{occ}").get_data(as_text=True)
    for text in (settings, page):
        assert "(unverified)" not in text
        assert "DOMAIN.md" not in text
    assert "แนวปฏิบัติทั่วไปของ อปท." in page
    assert "ทุกปี วันที่ 31 ธันวาคม" in settings  # e-Plan: a month by its name
    assert ">ธันวาคม</option>" in settings


def test_a_refused_lead_time_stays_at_its_field_and_nothing_is_saved(app, client, world):
    login(client, "hr.a")
    response = client.post(f"/laos/{world.a.id}/calendar/settings",
                           data={"what": "lead", "lead-lead_days": "90"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'class="error-summary"' in page
    assert 'href="#lead-lead_days"' in page
    assert 'value="90"' in page  # what was typed, to correct
    with app.app_context():
        assert db.session.scalar(select(CalendarSettings).where(
            CalendarSettings.lao_id == world.a.id)) is None


def test_no_owner_points_to_the_assignments_and_to_a_pending_approval(client, world):
    login(client, "hr.a")
    from tests.register.test_assignments import _assign, _body

    pending = _assign(client, world, _body(world.officer_a, subsystem="e-gp",
                                           override_reason="ยังไม่มีผู้ผ่านระดับ 2"))
    assert pending.get_json()["status"] == "pending_approval"
    page = client.get(f"/laos/{world.a.id}/calendar").get_data(as_text=True)
    warning = page.split('id="unowned"', 1)[1].split("</div>", 1)[0]
    assert f'href="/laos/{world.a.id}/assignments"' in warning
    assert "รอผู้บริหารอนุมัติ" in warning
    assert "e-GP" in warning


def test_settings_show_the_lao_own_date_beside_the_default(client, world):
    login(client, "hr.a")
    saved = client.post(f"/laos/{world.a.id}/calendar/settings", data={
        "what": "duty", "duty-duty": "laas-monthly-report", "duty-month": "0",
        "duty-day": "5"}, follow_redirects=True).get_data(as_text=True)
    assert "ทุกเดือน วันที่ 5" in saved
    assert "วันที่ อปท. กำหนดเอง (ค่าเริ่มต้น: ทุกเดือน วันที่ 10)" in saved
