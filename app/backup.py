"""Online backup and checked restore of the embedded SQLite database.

PostgreSQL is backed up with its own tools:
    pg_dump --format=custom --file=lao.dump "$DATABASE_URL"
    pg_restore --clean --if-exists --dbname="$DATABASE_URL" lao.dump
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import Engine

from app.single_statement import dispose


def _sqlite_path(engine: Engine) -> str:
    if engine.dialect.name != "sqlite" or not engine.url.database:
        raise ValueError("backup/restore here is for SQLite; for PostgreSQL use pg_dump "
                         "and pg_restore (see app/backup.py)")
    return engine.url.database


def backup_sqlite(engine: Engine, target: Path) -> int:
    """Copy the live database page by page (readers and writers may continue)."""
    source = sqlite3.connect(_sqlite_path(engine))
    target.parent.mkdir(parents=True, exist_ok=True)
    destination = sqlite3.connect(target)
    with destination:
        source.backup(destination)
    destination.close()
    source.close()
    return target.stat().st_size


def restore_sqlite(engine: Engine, backup: Path) -> None:
    """Check the backup is one of ours and intact, then copy it over the live database."""
    live = _sqlite_path(engine)
    try:
        check = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        ok = check.execute("PRAGMA integrity_check").fetchone()[0]
        version = check.execute("SELECT version_num FROM alembic_version").fetchone()
        check.close()
    except sqlite3.DatabaseError as exc:
        raise ValueError(f"{backup} is not a readable SQLite backup: {exc}") from exc
    if ok != "ok" or version is None:
        raise ValueError(f"{backup} failed the integrity check or has no schema version")
    dispose(engine)  # no pooled connection (of either pool) keeps the old file open
    source = sqlite3.connect(backup)
    destination = sqlite3.connect(live)
    with destination:
        source.backup(destination)
    destination.close()
    source.close()
