"""The FAQ files: complete for every system, and every problem named by file and line."""

import shutil
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import func, select

from app.assistant.faq import read_faqs
from app.assistant.models import AssistantIndex
from app.content.files import ContentError, read_content
from app.content.models import Module
from app.content.service import load_and_sync
from app.extensions import db
from app.subsystems import CODES
from tests.conftest import make_app

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def content():
    return read_content(ROOT / "courses", ROOT / "quizzes")


@pytest.fixture
def tree(tmp_path):
    for name in ("courses", "quizzes"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def _problems(tree, content):
    with pytest.raises(ContentError) as caught:
        read_faqs(tree / "courses", content)
    return [str(p) for p in caught.value.problems]


def _edit(tree, system, old, new):
    path = tree / "courses" / system / "faq.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    return text[:text.index(old)].count("\n") + 1  # the line of the edit


def test_every_system_has_fifteen_questions_a_contact_and_valid_links(content):
    faqs = {f.subsystem: f for f in read_faqs(ROOT / "courses", content)}
    assert set(faqs) == set(CODES)
    slugs = {m.slug for c in content.courses for m in c.modules}
    for faq in faqs.values():
        assert len(faq.entries) >= 15, faq.subsystem
        assert faq.contact_th
        assert all(e.module is None or e.module in slugs for e in faq.entries)
        linked = [e for e in faq.entries if e.section is not None]
        assert len(linked) >= len(faq.entries) // 2  # most point at an exact section


def test_a_module_that_does_not_exist_is_named_with_file_and_line(tree, content):
    line = _edit(tree, "e-laas", "module: e-laas-officer-03", "module: e-laas-officer-99")
    problems = _problems(tree, content)
    assert len(problems) == 1
    path, number, message = problems[0].split(":", 2)
    assert path == "courses/e-laas/faq.yaml"
    assert 0 <= line - int(number) <= 12  # the line where that question starts
    assert "e-laas-officer-99" in message


def test_a_section_that_is_not_a_heading_of_the_module_is_refused(tree, content):
    _edit(tree, "info", 'section: "ขั้นตอน"', 'section: "บทสรุป"')
    problems = _problems(tree, content)
    assert len(problems) == 1
    assert "courses/info/faq.yaml" in problems[0]
    assert "บทสรุป" in problems[0]


def test_duplicate_ids_missing_answers_and_unknown_keys_are_all_reported(tree, content):
    _edit(tree, "e-gp", "id: e-gp-faq-new-account", "id: e-gp-faq-forgot-password")
    _edit(tree, "e-office", "    answer: >-", "    answr: >-")
    _edit(tree, "e-plan", "keywords: [ปีงบประมาณ, เริ่มต้น, สิ้นสุด]",
          "keywords: [ปีงบประมาณ, 2570]")
    problems = "\n".join(_problems(tree, content))
    assert "already used" in problems
    assert "'answer' is required" in problems
    assert "unknown key 'answr'" in problems
    assert "courses/e-plan/faq.yaml" in problems
    assert "numbers in quotes" in problems


def test_an_id_of_another_system_and_a_wrong_subsystem_are_refused(tree, content):
    _edit(tree, "e-bidding", "id: e-bidding-faq-steps", "id: e-gp-faq-steps")
    _edit(tree, "info", "subsystem: info", "subsystem: e-plan")
    problems = "\n".join(_problems(tree, content))
    assert "must start with 'e-bidding-faq-'" in problems
    assert "subsystem must be 'info'" in problems


def test_broken_yaml_is_reported_with_its_line(tree, content):
    path = tree / "courses/e-office/faq.yaml"
    path.write_text("subsystem: e-office\nquestions: [oops\n", "utf-8")
    problems = _problems(tree, content)
    assert problems[0].startswith("courses/e-office/faq.yaml:")
    assert "YAML" in problems[0]


def test_a_bad_faq_file_stops_the_whole_sync(tree, tmp_path):
    _edit(tree, "e-laas", "module: e-laas-officer-03", "module: nowhere")
    fresh = make_app(f"sqlite:///{tmp_path}/faq.sqlite3", CONTENT_ROOT=str(tree))
    with fresh.app_context():
        upgrade()
        with pytest.raises(ContentError):
            load_and_sync(fresh)
        db.session.rollback()
        assert db.session.scalar(select(func.count(Module.id))) == 0
        assert db.session.scalar(select(func.count(AssistantIndex.id))) == 0
        db.engine.dispose()
