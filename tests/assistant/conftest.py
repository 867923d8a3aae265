"""The assistant's index is rebuilt from the files once per run and put back before each test
(the suite empties every table but the reference content after each test)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from app.assistant.faq import read_faqs
from app.assistant.services import build_payload, store_index
from app.content.files import read_content
from app.content.glossary import read_glossaries
from app.extensions import db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def payload(app: Flask) -> dict[str, Any]:
    with app.app_context():
        content = read_content(ROOT / "courses", ROOT / "quizzes")
        built = build_payload(read_faqs(ROOT / "courses", content),
                              read_glossaries(ROOT / "courses"))
        built["build"] = "test-build"  # one build id: every test reuses the loaded index
        return built


@pytest.fixture(autouse=True)
def index(app: Flask, payload: dict[str, Any]) -> None:
    with app.app_context():
        store_index(copy.copy(payload))
        db.session.commit()
