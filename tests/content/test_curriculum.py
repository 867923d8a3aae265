"""Curriculum rules (issue 17): exact regulation titles, a reference list ending every lesson,
a glossary per system, the shared register page for executives."""

import shutil
from pathlib import Path

import pytest
import yaml

from app.content.files import ContentError, read_content
from app.content.glossary import read_glossaries
from app.content.lint import unknown_titles
from app.subsystems import CODES
from tests.conftest import login

ROOT = Path(__file__).resolve().parents[2]
TITLES = yaml.safe_load((ROOT / "courses" / "regulations.yaml").read_text("utf-8"))["titles"]


def _texts(content):
    for course in content.courses:
        for module in course.modules:
            yield module.path, module.body_md
            for item in module.check:
                yield item.ref, " ".join([item.text, item.explanation,
                                          *(t for t, _ in item.options)])
    for bank in content.banks:
        for item in bank.questions:
            yield item.ref, " ".join([item.text, item.explanation,
                                      *(t for t, _ in item.options)])


def test_every_named_law_or_rule_has_an_exact_known_title():
    content = read_content(ROOT / "courses", ROOT / "quizzes")
    wrong = [(where, found) for where, text in _texts(content)
             for found in unknown_titles(text, TITLES)]
    assert wrong == []


def test_a_wrong_or_shortened_title_is_caught():
    made_up = "ตามระเบียบกระทรวงมหาดไทยว่าด้วยการเงิน การบัญชี และงบประมาณของ อปท. ข้อ 5"
    no_year = ("ระเบียบกระทรวงมหาดไทยว่าด้วยการรับเงิน การเบิกจ่ายเงิน การฝากเงิน "
               "การเก็บรักษาเงินขององค์กรปกครองส่วนท้องถิ่น")
    right = ("ระเบียบกระทรวงมหาดไทยว่าด้วยการรับเงิน การเบิกจ่ายเงิน การฝากเงิน การเก็บรักษาเงิน"
             " และการตรวจเงินขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2547 และที่แก้ไขเพิ่มเติม")
    assert len(unknown_titles(made_up, TITLES)) == 1
    assert len(unknown_titles(no_year, TITLES)) == 1
    assert unknown_titles(right, TITLES) == []
    assert unknown_titles("พระราชบัญญัติการจัดซื้อจัดจ้าง พ.ศ. 2560", TITLES) != []


def test_a_lesson_without_its_reference_list_is_refused(tmp_path):
    for name in ("courses", "quizzes"):
        shutil.copytree(ROOT / name, tmp_path / name)
    lesson = sorted((tmp_path / "courses" / "e-plan" / "officer").glob("0*.md"))[0]
    text = lesson.read_text("utf-8")
    lesson.write_text(text[:text.index("## แหล่งอ้างอิง")], "utf-8")
    with pytest.raises(ContentError) as caught:
        read_content(tmp_path / "courses", tmp_path / "quizzes")
    assert any(lesson.name in str(p) and "แหล่งอ้างอิง" in str(p) for p in caught.value.problems)


def test_every_system_has_a_glossary_of_its_terms():
    glossaries = read_glossaries(ROOT / "courses")
    assert set(glossaries) == set(CODES)
    for code, terms in glossaries.items():
        assert len(terms) >= 15, code
        assert all(t.th and t.en and t.meaning_th for t in terms)


def test_a_duplicate_glossary_term_is_refused_with_its_line(tmp_path):
    shutil.copytree(ROOT / "courses", tmp_path / "courses")
    path = tmp_path / "courses" / "e-laas" / "glossary.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["terms"].append(dict(data["terms"][0]))
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    with pytest.raises(ContentError) as caught:
        read_glossaries(tmp_path / "courses")
    assert any("glossary.yaml" in str(p) and "twice" in str(p) for p in caught.value.problems)


def test_executive_courses_share_one_register_page_and_have_their_sign_off_points():
    content = read_content(ROOT / "courses", ROOT / "quizzes")
    for course in (c for c in content.courses if c.audience == "executive"):
        slugs = [m.slug for m in course.modules]
        assert f"{course.subsystem}-executive-sign-off" in slugs, course.slug
        assert not any("register" in Path(m.path).name for m in course.modules), course.slug


def _thai_term(code):
    return next(t for t in read_glossaries(ROOT / "courses")[code]
                if any("\u0e01" <= ch <= "\u0e2e" for ch in t.th))


def test_glossary_and_register_pages(client, world):
    login(client, "officer.a")
    page = client.get("/glossary/e-laas")
    assert page.status_code == 200
    term = _thai_term("e-laas")
    assert f'id="{term.ref}"' in page.get_data(as_text=True)
    found = client.get("/glossary/e-laas", query_string={"q": term.en})
    assert f'id="{term.ref}"' in found.get_data(as_text=True)
    none = client.get("/glossary/e-laas", query_string={"q": "zzzz-no-such-word"})
    assert f'id="{term.ref}"' not in none.get_data(as_text=True)
    assert client.get("/glossary/nope").status_code == 404
    shared = client.get("/help/register")
    assert shared.status_code == 200
    assert "ทะเบียนสมรรถนะ" in shared.get_data(as_text=True)
