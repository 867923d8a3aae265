"""Load the content folders named by the configuration and sync them."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from app.assistant.faq import read_faqs
from app.assistant.services import rebuild_index
from app.content.files import read_content
from app.content.glossary import read_glossaries, read_shared_page
from app.content.sync import SyncReport, sync_content


def load_and_sync(app: Flask) -> SyncReport:
    """Validate courses/ and quizzes/ under CONTENT_ROOT, then sync (flushes, never commits)."""
    root = Path(app.config["CONTENT_ROOT"])
    content = read_content(root / "courses", root / "quizzes")
    faqs = read_faqs(root / "courses", content)  # FAQ problems also stop the sync
    glossaries = read_glossaries(root / "courses")  # and so do glossary problems
    read_shared_page(root / "courses", "executive-register")
    report = sync_content(content)
    rebuild_index(faqs, glossaries)  # the assistant answers from the modules just synced
    return report
