"""The learning path flows: lessons the placement says one may skip are shown as optional (never
moved off-screen), opening a lesson enrols, a passed check leads to the next lesson on the path
in one click; a failed check says which questions were wrong and why, and clears those picks."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.auth.models import User
from app.content.models import Course, QuestionOption
from app.db import utcnow
from app.extensions import db
from app.placement.models import Attempt
from tests.browser.test_hr_import import _sign_in

pytestmark = pytest.mark.browser


def _course(live, slug):
    with live.app.app_context():
        course = db.session.scalar(select(Course).where(Course.slug == slug))
        modules = [(m.id, m.title_th, m.kind) for m in course.modules]
        return course.id, modules


def _placed(live, username, subsystem, path):
    """A placement result whose path is `path` (module ids): the rest may be skipped."""
    with live.app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        now = utcnow()
        db.session.add(Attempt(user_id=user.id, lao_id=user.lao_id, subsystem=subsystem,
                               seed=1, status="submitted", started_at=now - timedelta(minutes=20),
                               expires_at=now + timedelta(minutes=10), finished_at=now,
                               score=0.5, level=1, topics=[], learning_path=path))
        db.session.commit()


def _keys(live, module_id):
    with live.app.app_context():
        rows = db.session.execute(select(QuestionOption.question_id, QuestionOption.id,
                                         QuestionOption.correct)
                                  .join(QuestionOption.question)
                                  .where(QuestionOption.question.has(module_id=module_id)))
        right, wrong = {}, {}
        for qid, oid, correct in rows:
            (right if correct else wrong)[qid] = oid
        return right, wrong


def test_optional_lessons_show_and_a_passed_check_leads_to_the_next_on_the_path(page, live):
    course_id, modules = _course(live, "e-office-officer")
    lessons = [m for m in modules if m[2] == "lesson"]
    first, skipped, second = lessons[0], lessons[1], lessons[2]
    path = [first[0], second[0]] + [m[0] for m in lessons[3:]]
    _placed(live, "officer.2600101", "e-office", path)
    _sign_in(page, live.url, "officer.2600101")
    page.goto(f"{live.url}/courses/{course_id}")

    items = page.locator("ol.modules > li")
    expect(items).to_have_count(len(modules))
    optional = page.locator("ol.modules > li.optional")
    expect(optional).to_have_count(1)
    expect(optional).to_contain_text(skipped[1])
    expect(optional).to_contain_text("ไม่บังคับ")
    box = optional.bounding_box()
    assert box is not None
    assert box["x"] >= 0  # on the page, not moved off-screen by the skip-link style
    expect(optional).to_be_in_viewport()

    page.get_by_role("link", name=f"เริ่มเรียน: {first[1]}").click()  # not enrolled yet
    expect(page.locator("h1")).to_have_text(first[1])
    expect(page.get_by_role("button", name="ตรวจคำตอบ")).to_be_visible()  # enrolled on the way

    right, _wrong = _keys(live, first[0])
    for qid, oid in right.items():
        page.locator(f"input[name='q{qid}'][value='{oid}']").check()
    page.get_by_role("button", name="ตรวจคำตอบ").click()
    expect(page.locator("#check-result")).to_contain_text("ผ่าน")
    page.get_by_role("link", name=f"บทถัดไป: {second[1]}").click()  # the optional one skipped
    expect(page.locator("h1")).to_have_text(second[1])

    page.goto(f"{live.url}/courses/{course_id}")
    expect(page.locator("ol.modules > li.next")).to_contain_text(second[1])
    expect(page.get_by_role("link", name=f"ทำต่อ: {second[1]}")).to_be_visible()


def test_a_failed_check_names_the_wrong_questions_and_clears_only_those(page, live):
    _course_id, modules = _course(live, "e-office-officer")
    module_id = next(m[0] for m in modules if m[2] == "lesson")
    right, wrong = _keys(live, module_id)
    assert len(right) >= 3
    _sign_in(page, live.url, "officer.3600102")
    page.goto(f"{live.url}/modules/{module_id}")
    qids = list(right)
    good, bad = qids[:1], qids[1:]  # one right: not enough to pass
    for qid in good:
        page.locator(f"input[name='q{qid}'][value='{right[qid]}']").check()
    for qid in bad:
        page.locator(f"input[name='q{qid}'][value='{wrong[qid]}']").check()
    page.get_by_role("button", name="ตรวจคำตอบ").click()

    result = page.locator("#check-result")
    expect(result).to_contain_text("ยังไม่ผ่าน")
    expect(result).to_contain_text(f"ถูก 1 จาก {len(qids)} ข้อ")
    with live.app.app_context():
        from app.content.models import Question

        explanation = db.session.get(Question, bad[0]).explanation
    for qid in bad:
        block = page.locator(f"#question-{qid}")
        expect(block.locator(".feedback")).to_contain_text("ตอบผิด")
        expect(block.locator("input:checked")).to_have_count(0)  # the wrong pick is cleared
    expect(page.locator(f"#question-{bad[0]} .feedback")).to_contain_text(explanation[:40])
    right_block = page.locator(f"#question-{good[0]}")
    expect(right_block.locator(".feedback")).to_have_count(0)
    expect(right_block.locator(f"input[value='{right[good[0]]}']")).to_be_checked()
