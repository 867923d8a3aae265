"""Roll-ups: scope boundaries, figures computed by hand, constant query count."""

from sqlalchemy import select

from app.content.models import Course, Module
from app.db import utcnow
from app.extensions import db
from app.learning.models import Enrollment, ModuleProgress
from app.register.models import Assignment
from tests.conftest import login, token


def _rollup(client, who, level, area):
    return client.get(f"/api/v1/rollups/{level}/{area}", headers=token(client, who))


def test_district_supervisor_sees_only_their_district(client, factory, world):
    neighbour = factory.lao("6002", code="6600201")  # same province, next district
    sup = world.sup_district_a.username
    body = _rollup(client, sup, "district", world.a.district_id).get_json()
    assert [r["lao_id"] for r in body["laos"]] == [world.a.id]
    assert _rollup(client, sup, "district", neighbour.district_id).status_code == 404
    assert _rollup(client, sup, "province", world.a.province_id).status_code == 404
    assert _rollup(client, sup, "country", "th").status_code == 404


def test_province_supervisor_sees_all_its_districts_only(client, factory, world):
    neighbour = factory.lao("6002", code="6600201")
    elsewhere = factory.supervisor("province", world.a.province_id)
    body = _rollup(client, elsewhere.username, "province", world.a.province_id).get_json()
    assert {r["lao_id"] for r in body["laos"]} == {world.a.id, neighbour.id}
    assert {g["id"] for g in body["groups"]} == {world.a.district_id, neighbour.district_id}
    assert _rollup(client, elsewhere.username, "district", neighbour.district_id
                   ).status_code == 200
    assert _rollup(client, elsewhere.username, "province", world.b.province_id
                   ).status_code == 404
    assert _rollup(client, elsewhere.username, "district", world.b.district_id
                   ).status_code == 404


def test_lao_roles_get_403_and_country_sees_everything(client, world):
    for who in ("hr.a", "executive.a", "officer.a"):
        assert _rollup(client, who, "district", world.a.district_id).status_code == 403
    body = _rollup(client, world.sup_country.username, "country", "th").get_json()
    assert body["totals"]["laos"] == 2
    assert {g["name"] for g in body["groups"]} == {"นครสวรรค์", "ตรัง"}
    assert _rollup(client, world.sup_country.username, "region", "1").status_code == 404


def _assign(app, lao_id, user_id, subsystem, role="primary", status="active"):
    from datetime import date

    with app.app_context():
        db.session.add(Assignment(lao_id=lao_id, user_id=user_id, subsystem=subsystem,
                                  role=role, share_percent=50, effective_from=date(2026, 11, 1),
                                  order_ref="1/2569", status=status, created_by_id=user_id))
        db.session.commit()


def _pass_mandatory(app, user_id, count):
    now = utcnow()
    with app.app_context():
        modules = list(db.session.scalars(select(Module).join(Course).where(
            Course.mandatory.is_(True)).order_by(Module.id).limit(count)))
        enrollments = {}
        for module in modules:
            if module.course_id not in enrollments:
                enrollment = Enrollment(user_id=user_id, course_id=module.course_id,
                                        status="in_progress")
                db.session.add(enrollment)
                db.session.flush()
                enrollments[module.course_id] = enrollment
            db.session.add(ModuleProgress(enrollment_id=enrollments[module.course_id].id,
                                          module_id=module.id, passed_at=now, best_score=1.0))
        db.session.commit()
        return db.session.scalar(select(db.func.count(Module.id)).join(Course).where(
            Course.mandatory.is_(True), Module.retired.is_(False)))


def test_figures_match_a_hand_computation(app, client, factory, world):
    # LAO A: officer competent (2) on e-laas and e-gp, primary on both -> 2 of 6 covered.
    # hr competent on e-laas only, primary on info while at level 1 -> info not covered.
    factory.evidence(world.officer_a, "e-laas", 2)
    factory.evidence(world.officer_a, "e-gp", 3)
    factory.evidence(world.officer_a, "e-gp", 2, source="course")  # still one person
    factory.evidence(world.hr_a, "e-laas", 2)
    factory.evidence(world.hr_a, "info", 1)
    factory.evidence(world.executive_a, "e-gp", 2, valid_days=365, age_days=400)  # expired
    _assign(app, world.a.id, world.officer_a.id, "e-laas")
    _assign(app, world.a.id, world.officer_a.id, "e-gp")
    _assign(app, world.a.id, world.hr_a.id, "info")
    _assign(app, world.a.id, world.hr_a.id, "e-plan", status="pending_approval")
    # one executive in LAO A, 5 mandatory modules passed out of all of them
    total = _pass_mandatory(app, world.executive_a.id, 5)
    body = _rollup(client, world.sup_country.username, "country", "th").get_json()
    row = next(r for r in body["laos"] if r["lao_id"] == world.a.id)
    assert row["coverage_ratio"] == round(2 / 6, 4)
    assert row["mandatory_compliance"] == round(5 / total, 4)
    # e-laas has two competent people; the five other systems have fewer than two
    assert row["flags"] == 5
    other = next(r for r in body["laos"] if r["lao_id"] == world.b.id)
    assert (other["coverage_ratio"], other["mandatory_compliance"], other["flags"]) == (0, 0, 6)
    assert body["totals"]["coverage_ratio"] == round((2 / 6) / 2, 4)
    # the district's and the province's roll-ups (read through their LAOs) say the same
    figures = ("coverage_ratio", "mandatory_compliance", "flags")
    for level, area in (("district", world.a.district_id),
                        ("province", world.a.province_id)):
        narrow = _rollup(client, world.sup_country.username, level, area).get_json()
        mine = next(r for r in narrow["laos"] if r["lao_id"] == world.a.id)
        assert [mine[f] for f in figures] == [row[f] for f in figures]


def test_the_register_and_the_rollup_agree_on_levels(app, client, factory, world):
    factory.evidence(world.officer_a, "e-office", 1, source="placement")
    factory.evidence(world.officer_a, "e-office", 2, source="course")
    factory.evidence(world.officer_a, "e-office", 3, source="placement", valid_days=10)
    _assign(app, world.a.id, world.officer_a.id, "e-office")
    register = client.get(f"/api/v1/laos/{world.a.id}/register",
                          headers=token(client, "hr.a")).get_json()
    cell = next(s for s in register["staff"] if s["user_id"] == world.officer_a.id)[
        "cells"]["e-office"]
    assert cell["level"] == 3  # newest placement (3) beats the course (2)
    body = _rollup(client, world.sup_country.username, "country", "th").get_json()
    assert next(r for r in body["laos"] if r["lao_id"] == world.a.id)["coverage_ratio"] == \
        round(1 / 6, 4)


def _add_laos(factory, count, start):
    for i in range(start, start + count):
        lao = factory.lao("6001", code=f"7{i:06d}")
        person = factory.user(lao, "executive")
        factory.evidence(person, "e-laas", 2)


def test_query_count_does_not_grow_with_laos(client, factory, world, count_queries):
    headers = token(client, world.sup_country.username)

    def measure():
        with count_queries() as seen:
            body = client.get("/api/v1/rollups/country/th", headers=headers).get_json()
        return len(seen), body["totals"]["laos"]

    _add_laos(factory, 3, 0)
    small = measure()
    _add_laos(factory, 45, 3)
    large = measure()
    assert (small[1], large[1]) == (5, 50)
    assert small[0] == large[0]


def test_supervisor_page_sorts_and_exports(client, world):
    login(client, world.sup_country.username)
    page = client.get("/rollups/country/th?sort=name&dir=asc")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert world.a.code in text
    assert "<svg" in text
    csv_data = client.get("/rollups/country/th/export.csv").data.decode("utf-8-sig")
    assert csv_data.splitlines()[0].startswith("รหัส อปท.")
    assert len(csv_data.splitlines()) == 3
    assert client.get("/rollups/country/th/export.pdf").data[:4] == b"%PDF"
    assert ">กลาง (M)</option>" in text  # sizes named, not a bare "M"
    assert 'value="M"' in text
    client.post("/logout")
    login(client, "hr.a")
    assert client.get("/rollups/country/th").status_code == 403


def test_help_first_leaves_out_an_lao_that_needs_nothing(app, client, factory, world):
    from app.subsystems import CODES

    for code in CODES:  # LAO A: a competent primary on every system, its executive trained
        factory.evidence(world.officer_a, code, 2)
        _assign(app, world.a.id, world.officer_a.id, code)
    _pass_mandatory(app, world.executive_a.id, 10_000)
    login(client, world.sup_country.username)
    page = client.get("/rollups/country/th").get_data(as_text=True)
    help_first = page.split("<ol>", 1)[1].split("</ol>", 1)[0]
    with app.app_context():
        from app.org.models import Lao

        name_a = db.session.get(Lao, world.a.id).name
        name_b = db.session.get(Lao, world.b.id).name
    assert name_b in help_first
    assert name_a not in help_first
    assert "ทั้งประเทศ</h1>" in page  # no dangling separator after the area


def test_someone_who_left_no_longer_counts_as_competent(app, client, factory, world):
    factory.evidence(world.officer_a, "e-laas", 2)
    factory.evidence(world.hr_a, "e-laas", 2)

    def flags():
        rows = _rollup(client, world.sup_country.username, "country", "th").get_json()["laos"]
        return next(r for r in rows if r["lao_id"] == world.a.id)["flags"]

    assert flags() == 5  # e-LAAS has two competent people
    login(client, "hr.a")
    assert client.post(f"/users/{world.officer_a.id}/deactivate").status_code == 302
    assert flags() == 6  # one of them left: e-LAAS hangs on one person again


def test_the_printed_rollup_names_its_area(app, client, world):
    from app.dashboards.exports import area_title
    from app.dashboards.report import rollup_report
    from app.db import utcnow

    with app.app_context():
        from app.auth.models import User

        admin = db.session.get(User, world.admin.id)
        province = rollup_report(admin, "province", str(world.a.province_id), utcnow(),
                                 sort="name", descending=False)
        district = rollup_report(admin, "district", str(world.a.district_id), utcnow(),
                                 sort="name", descending=False)
        country = rollup_report(admin, "country", "th", utcnow(), sort="name",
                                descending=False)
        first = province.rows[0]
        assert area_title(province) == f"จังหวัด{first.province}"
        assert area_title(district) == f"อำเภอ{first.district} จังหวัด{first.province}"
        assert area_title(country) == "ทั้งประเทศ"


def test_a_supervisor_home_leads_to_the_rollups(client, world):
    login(client, world.sup_country.username)
    home = client.get("/").get_data(as_text=True)
    assert 'class="button primary" href="/rollups"' in home
