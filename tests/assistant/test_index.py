"""The index is built at content sync, stored in the database and loaded once per build."""

from sqlalchemy import func, select

from app.assistant import services
from app.assistant.models import AssistantIndex
from app.content.models import Module
from app.content.service import load_and_sync
from app.extensions import db


def test_content_sync_builds_a_new_version_and_keeps_only_it(app):
    with app.app_context():
        before = services.index_status()
        load_and_sync(app)
        db.session.commit()
        version, _built, documents = services.index_status()
        assert version == before[0] + 1
        assert db.session.scalar(select(func.count(AssistantIndex.id))) == 1
        index = services.current_index()
        assert len(index.documents) == documents
        faqs = [d for d in index.documents if d.kind == "faq"]
        assert len(faqs) >= 6 * 15
        assert set(index.contacts) == {d.subsystem for d in faqs}


def test_every_section_of_every_module_is_a_document(app):
    with app.app_context():
        index = services.current_index()
        module = db.session.scalar(select(Module).where(Module.slug == "e-laas-officer-10"))
        sections = [d for d in index.documents
                    if d.kind == "section" and d.module_id == module.id]
        assert [d.section for d in sections] == list(
            range(1, module.body_html.count("<h2>") + 1))
        assert sections[2].title == f"{module.title_th} › ขั้นตอน"


def test_the_loaded_index_is_reused_until_a_new_build(app):
    with app.app_context():
        first = services.current_index()
        assert services.current_index() is first  # nothing rebuilt per question
        load_and_sync(app)
        db.session.commit()
        assert services.current_index() is not first


def test_retired_modules_are_not_indexed(app):
    with app.app_context():
        module = db.session.scalar(select(Module).where(Module.slug == "e-gp-officer-09"))
        module.retired = True
        try:
            payload = services.build_payload([])
        finally:
            db.session.rollback()
        assert all(d["module_id"] != module.id for d in payload["documents"])
        assert payload["documents"]
