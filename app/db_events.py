"""Per-connection settings: SQLite gets WAL, foreign keys and real transactions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine


def install(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
        # let SQLAlchemy, not pysqlite, decide when transactions begin (savepoints work)
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        # with WAL, NORMAL survives an app crash; only an OS crash or power cut on the
        # server may lose the last commits (production runs on PostgreSQL)
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # IMMEDIATE: take the write lock up front, so two writers queue (busy_timeout)
        # instead of failing with "database is locked" when a read turns into a write
        conn.exec_driver_sql("BEGIN IMMEDIATE")
