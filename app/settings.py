"""Platform settings an admin can change at run time (key/value)."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db

IDLE_TIMEOUT = "idle_timeout_minutes"


class Setting(db.Model):
    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(String(500))


def get_int(key: str, default: int) -> int:
    """Read an integer setting, falling back to the default."""
    row = db.session.get(Setting, key)
    try:
        return int(row.value) if row else default
    except ValueError:
        return default


def set_value(key: str, value: str) -> None:
    """Create or update a setting (flushes, never commits)."""
    row = db.session.get(Setting, key)
    if row is None:
        db.session.add(Setting(key=key, value=value))
    else:
        row.value = value
    db.session.flush()
