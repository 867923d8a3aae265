"""Load the content folders named by the configuration and sync them."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from app.content.files import read_content
from app.content.sync import SyncReport, sync_content


def load_and_sync(app: Flask) -> SyncReport:
    """Validate courses/ and quizzes/ under CONTENT_ROOT, then sync (flushes, never commits)."""
    root = Path(app.config["CONTENT_ROOT"])
    return sync_content(read_content(root / "courses", root / "quizzes"))
