"""Content files: every problem named by file and line; sync idempotent; nothing lost."""

import shutil
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import func, select

from app.content.files import ContentError, read_content
from app.content.models import Module, Question
from app.content.service import load_and_sync
from app.extensions import db
from tests.conftest import make_app

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def tree(tmp_path):
    for name in ("courses", "quizzes"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def _problems(tree):
    with pytest.raises(ContentError) as caught:
        read_content(tree / "courses", tree / "quizzes")
    return [str(p) for p in caught.value.problems]


def test_the_shipped_content_is_valid_and_complete():
    content = read_content(ROOT / "courses", ROOT / "quizzes")
    assert {b.subsystem for b in content.banks} == {"e-plan", "e-laas", "e-gp", "e-bidding",
                                                    "info", "e-office"}
    for bank in content.banks:
        topics = {t[0] for t in content.topics[bank.subsystem]}
        cells = {(q.topic, q.level) for q in bank.questions}
        assert len(bank.questions) >= 60
        assert cells == {(t, lv) for t in topics for lv in (1, 2, 3)}, bank.subsystem
    for course in content.courses:
        lessons = [m for m in course.modules if m.kind == "lesson"]
        if course.audience == "officer":
            assert len(lessons) >= 8
            assert {m.level for m in lessons} == {1, 2, 3}
            topics = {t[0] for t in content.topics[course.subsystem]}
            assert set().union(*(m.topics for m in lessons)) == topics
            assert all(4 <= len(m.check) <= 6 for m in lessons), course.slug
        else:
            assert course.mandatory
            assert len(lessons) >= 3


def test_a_question_without_a_correct_option_is_named_with_file_and_line(tree):
    bank = tree / "quizzes/e-laas/placement.yaml"
    text = bank.read_text("utf-8")
    first = text.index("        correct: true")
    line = text[:first].count("\n") + 1
    bank.write_text(text[:first] + text[first:].replace("        correct: true\n", "", 1),
                    "utf-8")
    problems = _problems(tree)
    assert len(problems) == 1
    path, number, message = problems[0].split(":", 2)
    assert path == "quizzes/e-laas/placement.yaml"
    assert abs(int(number) - line) <= 8  # the line of the question that lost its answer
    assert "exactly one option" in message


def test_unknown_topic_and_bad_level_in_a_module_are_reported(tree):
    module = tree / "courses/e-plan/officer/01-intro-access.md"
    text = module.read_text("utf-8").replace("level: 1\n", "level: 7\n", 1)
    module.write_text(text.replace("topics: [", "topics: [no-such-topic, ", 1), "utf-8")
    problems = _problems(tree)
    assert any("01-intro-access.md" in p and "no-such-topic" in p for p in problems)
    assert any("01-intro-access.md" in p and "level must be 1, 2 or 3" in p for p in problems)


def test_broken_yaml_and_duplicate_ids_are_reported(tree):
    (tree / "quizzes/info/placement.yaml").write_text("subsystem: info\nkind: [oops\n", "utf-8")
    module = tree / "courses/e-gp/officer/02-annual-plan.md"
    module.write_text(module.read_text("utf-8").replace("id: e-gp-officer-02-r1",
                                                        "id: e-gp-officer-01-r1"), "utf-8")
    problems = _problems(tree)
    assert any(p.startswith("quizzes/info/placement.yaml:") and "YAML error" in p
               for p in problems)
    assert any("02-annual-plan.md" in p and "already used" in p for p in problems)


def test_sync_is_idempotent_retires_and_never_deletes(tree, tmp_path):
    app = make_app(f"sqlite:///{tmp_path}/c.sqlite3", CONTENT_ROOT=str(tree))
    with app.app_context():
        upgrade()
        first = load_and_sync(app)
        db.session.commit()
        counts = (db.session.scalar(select(func.count(Question.id))),
                  db.session.scalar(select(func.count(Module.id))))
        again = load_and_sync(app)
        db.session.commit()
        assert (again.questions, again.modules, again.retired) == (first.questions,
                                                                  first.modules, 0)
        assert counts == (db.session.scalar(select(func.count(Question.id))),
                          db.session.scalar(select(func.count(Module.id))))
        bank = tree / "quizzes/e-office/placement.yaml"
        text = bank.read_text("utf-8")
        start = text.index("  - id: e-office-")
        end = text.index("  - id: e-office-", start + 10)
        removed_ref = text[start:end].split()[2]
        bank.write_text(text[:start] + text[end:], "utf-8")
        module = next((tree / "courses/e-office/officer").glob("01-*.md"))
        module.write_text(module.read_text("utf-8") + "\nบรรทัดที่แก้ไขใหม่\n", "utf-8")
        report = load_and_sync(app)
        db.session.commit()
        assert report.retired == 1
        gone = db.session.scalar(select(Question).where(Question.ref == removed_ref))
        assert gone is not None
        assert gone.retired
        edited = db.session.scalar(select(Module).where(Module.slug == "e-office-officer-01"))
        assert "บรรทัดที่แก้ไขใหม่" in edited.body_html
        assert db.session.scalar(select(func.count(Module.id))) == counts[1]
        db.engine.dispose()


def test_cli_refuses_bad_content_and_writes_nothing(tree, tmp_path):
    (tree / "courses/info/topics.yaml").write_text("subsystem: info\ntopics: 3\n", "utf-8")
    app = make_app(f"sqlite:///{tmp_path}/d.sqlite3", CONTENT_ROOT=str(tree))
    with app.app_context():
        upgrade()
        result = app.test_cli_runner().invoke(args=["content", "sync"])
        assert result.exit_code != 0
        assert "courses/info/topics.yaml:1" in result.output
        assert db.session.scalar(select(func.count(Question.id))) == 0
        db.engine.dispose()


def test_missing_header_field_and_two_correct_options_are_reported(tree):
    module = tree / "courses/info/officer/02-basic-population.md"
    if not module.exists():
        module = sorted((tree / "courses/info/officer").glob("02-*.md"))[0]
    text = module.read_text("utf-8").replace("minutes:", "duration:", 1)
    # every option of the module's checks marked correct (one of them already was)
    text = text.replace("      - text:", "      - correct: true\n        text:")
    module.write_text(text, "utf-8")
    problems = _problems(tree)
    name = module.name
    assert any(name in p and "'minutes' is required" in p for p in problems)
    assert any(name in p and "exactly one option" in p for p in problems)


def test_officer_lessons_are_400_to_1200_thai_words():
    import os

    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    from pythainlp.tokenize import word_tokenize

    content = read_content(ROOT / "courses", ROOT / "quizzes")
    counts = {}
    for course in content.courses:
        for module in course.modules:
            if course.audience == "officer" and module.kind == "lesson":
                # the lesson itself: its closing reference list is not reading time
                lesson = module.body_md.split("## แหล่งอ้างอิง")[0]
                words = [w for w in word_tokenize(lesson) if w.strip() and
                         any(ch.isalnum() for ch in w)]
                counts[module.slug] = len(words)
    out_of_range = {slug: n for slug, n in counts.items() if not 400 <= n <= 1200}
    assert len(counts) >= 48
    assert out_of_range == {}
