"""Courses and modules as the API and pages show them: never the answer key."""

from __future__ import annotations

from typing import Any

from app.content.models import Module
from app.learning.services import CatalogueEntry


def course_dict(course: CatalogueEntry) -> dict[str, Any]:
    return {
        "id": course.id, "slug": course.slug, "subsystem": course.subsystem,
        "title": course.title_th, "title_en": course.title_en, "audience": course.audience,
        "mandatory": course.mandatory,
        "modules": [{"id": m.id, "title": m.title_th, "title_en": m.title_en, "level": m.level,
                     "kind": m.kind} for m in course.modules],
    }


def module_dict(module: Module) -> dict[str, Any]:
    return {
        "id": module.id, "course_id": module.course_id, "title": module.title_th,
        "title_en": module.title_en, "level": module.level, "kind": module.kind,
        "topics": module.topics, "minutes": module.minutes,
        "last_reviewed": module.last_reviewed.isoformat(), "body_html": module.body_html,
        "check": [{"id": q.id, "ref": q.ref, "text": q.text,
                   "options": [{"id": o.id, "text": o.text} for o in q.active_options]}
                  for q in module.questions],
    }
