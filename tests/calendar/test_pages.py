"""Pages: the LAO's month view and list, the home page's duties and approval queue, one
occurrence with its form, Thai dates in Buddhist Era, a layout for a phone."""

from tests.conftest import login


def test_hr_sees_the_month_the_list_and_who_owns_what(client, world, assign, occurrence):
    assign(world.a, world.officer_a, "e-laas")
    occurrence(world.a, "laas-monthly-report", overdue=True)
    login(client, "hr.a")
    page = client.get(f"/laos/{world.a.id}/calendar").get_data(as_text=True)
    assert 'class="cal-month"' in page
    assert "พ.ศ. 25" in page  # Buddhist Era
    assert 'id="overdue"' in page  # overdue highlighted
    assert 'class="chip overdue"' in page or "li class=\"overdue\"" in page
    assert 'id="unowned"' in page  # e-Plan, e-GP and Info have no owner
    listing = client.get(f"/laos/{world.a.id}/calendar?view=list").get_data(as_text=True)
    assert "จัดทำรายงานการเงินประจำเดือนเสนอผู้บริหาร" in listing
    assert "นายทดสอบ" in listing  # the owner's name
    assert "calendar.css" in listing
    assert client.get(f"/laos/{world.a.id}/calendar/settings").status_code == 200


def test_officers_see_their_duties_on_home_and_not_the_lao_calendar(client, world, assign,
                                                                    occurrence):
    assign(world.a, world.officer_a, "e-laas")
    occ = occurrence(world.a, "laas-monthly-report", overdue=True)
    login(client, "officer.a")
    home = client.get("/").get_data(as_text=True)
    assert 'id="my-duties"' in home
    assert f"/calendar/{occ}" in home
    assert 'class="overdue"' in home
    assert client.get(f"/laos/{world.a.id}/calendar").status_code == 403
    page = client.get(f"/calendar/{occ}").get_data(as_text=True)
    assert 'name="reference"' in page
    done = client.post(f"/calendar/{occ}/done", data={"reference": "กค 0402/77"},
                       follow_redirects=True).get_data(as_text=True)
    assert "กค 0402/77" in done
    mine = client.get("/my/calendar").get_data(as_text=True)
    assert "ทำแล้ว" in mine
    made = client.post("/my/calendar/feed", follow_redirects=True).get_data(as_text=True)
    assert "/calendar/feed/" in made


def test_an_empty_reference_on_the_page_changes_nothing(app, client, world, assign,
                                                        occurrence):
    assign(world.a, world.officer_a, "e-laas")
    occ = occurrence(world.a, "laas-monthly-report")
    login(client, "officer.a")
    response = client.post(f"/calendar/{occ}/done",
                           data={"reference": "  ", "note": "ส่งให้ปลัดแล้ว รอเลขที่"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'class="error-summary"' in page  # the problem listed at the top, linked
    assert 'href="#reference"' in page
    assert "ส่งให้ปลัดแล้ว รอเลขที่" in page  # what was typed is kept
    assert 'name="reference"' in page  # still open: the form is still there
    with app.app_context():
        from app.calendar.models import CalendarOccurrence
        from app.extensions import db

        row = db.session.get(CalendarOccurrence, occ)
        assert (row.status, row.reference, row.note) == ("open", None, None)


def test_the_executive_approves_from_the_home_page(client, world, assign, occurrence):
    assign(world.a, world.officer_a, "e-plan")
    occ = occurrence(world.a, "plan-evaluation-to-council")
    login(client, "officer.a")
    client.post(f"/calendar/{occ}/done", data={"reference": "ศธ 1/2569"})
    client.post("/logout")
    login(client, "executive.a")
    home = client.get("/").get_data(as_text=True)
    assert 'id="approval-queue"' in home
    assert f'action="/calendar/{occ}/approve"' in home
    client.post(f"/calendar/{occ}/approve", data={"next": "/"})
    assert 'id="approval-queue"' not in client.get("/").get_data(as_text=True)


def test_the_month_view_gives_way_to_a_list_on_a_phone(client):
    answer = client.get("/static/calendar/calendar.css")
    css = answer.get_data(as_text=True)
    answer.close()
    assert "@media (max-width: 700px)" in css
    assert ".cal-month { display: none; }" in css


def test_the_page_offers_only_what_the_reader_may_do(client, world, assign, occurrence):
    assign(world.a, world.officer_a, "e-laas")
    occ = occurrence(world.a, "laas-monthly-report")
    login(client, "executive.a")  # neither owner nor backup nor HR: reads, cannot mark
    page = client.get(f"/calendar/{occ}").get_data(as_text=True)
    assert 'name="reference"' not in page
    client.post("/logout")
    login(client, "officer.a")
    assert 'name="reference"' in client.get(f"/calendar/{occ}").get_data(as_text=True)
    client.post(f"/calendar/{occ}/done", data={"reference": "กค 1/2570"})
    page = client.get(f"/calendar/{occ}").get_data(as_text=True)
    assert f'action="/calendar/{occ}/undo"' in page  # the one who marked it, within a day
    client.post("/logout")
    login(client, "executive.a")
    assert f'action="/calendar/{occ}/undo"' not in client.get(f"/calendar/{occ}").get_data(
        as_text=True)


def test_an_owner_with_nothing_due_soon_still_finds_their_duties(client, world, assign):
    assign(world.a, world.officer_a, "info")  # Info: once a year, not within the lead time
    login(client, "officer.a")
    home = client.get("/").get_data(as_text=True)
    assert 'id="my-duties"' in home
    assert "/my/calendar" in home.split('id="my-duties"', 1)[1]
    client.post("/logout")
    login(client, "hr.a")  # holds nothing
    assert 'id="my-duties"' not in client.get("/").get_data(as_text=True)
