"""One prebuilt statement that is its own transaction, for the hottest request (autosave).

It runs on the driver's own connection, from a second pool on the same database that skips
the pre-use ping: one round trip, no BEGIN or COMMIT, no ORM session and no SQLAlchemy
statement machinery (together these were two thirds of an answer save's own cost). Errors
come out as SQLAlchemy's, so they are reported like any other (a lost connection: 503, and
the pool drops it, so the next request reconnects)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from app.db import UTCDateTime
from app.db_events import install

_UNPINGED: WeakKeyDictionary[Engine, Engine] = WeakKeyDictionary()


def _unpinged(engine: Engine) -> Engine:
    if engine not in _UNPINGED:
        twin = create_engine(engine.url, pool_pre_ping=False)
        install(twin)
        _UNPINGED[engine] = twin
    return _UNPINGED[engine]


def dispose(engine: Engine) -> None:
    """Close the pooled connections of an engine and of its single-statement twin."""
    twin = _UNPINGED.pop(engine, None)
    if twin is not None:
        twin.dispose()
    engine.dispose()


class SingleStatement:
    """Written once with :name placeholders, per dialect where the SQL differs; datetime
    parameters are stored exactly as the UTCDateTime columns store them."""

    def __init__(self, sql: dict[str, str], datetimes: tuple[str, ...] = ()) -> None:
        self._sql = sql
        self._datetimes = datetimes
        self._prepared: dict[str, tuple[str, Callable[[Any], Any]]] = {}

    def _for(self, engine: Engine) -> tuple[str, Callable[[Any], Any]]:
        name = engine.dialect.name
        if name not in self._prepared:
            sql = self._sql[name]
            if engine.dialect.paramstyle == "pyformat":
                sql = re.sub(r"(?<!:):(\w+)", r"%(\1)s", sql)
            to_db = UTCDateTime().bind_processor(engine.dialect)
            assert to_db is not None
            self._prepared[name] = (sql, to_db)
        return self._prepared[name]

    def rowcount(self, engine: Engine, params: dict[str, Any]) -> int:
        """Run the statement on its own; the number of rows it changed. A pooled connection
        the server dropped (a restart) is found dead here instead of by a ping: the pool is
        emptied and the statement runs once more on a new connection (every statement this
        runs sets values, so running it twice is harmless)."""
        sql, to_db = self._for(engine)
        params = {k: to_db(v) if k in self._datetimes else v for k, v in params.items()}
        twin = _unpinged(engine)
        dbapi_error = twin.dialect.loaded_dbapi.Error
        for retry in (False, True):
            try:
                pooled = twin.raw_connection()
            except dbapi_error as exc:  # no server
                raise DBAPIError.instance(sql, params, exc, dbapi_error,
                                          dialect=twin.dialect) from exc
            connection = pooled.driver_connection
            try:
                return _run(connection, twin.dialect.name != "sqlite", sql, params)
            except dbapi_error as exc:
                lost = twin.dialect.is_disconnect(exc, connection, None)
                if lost:
                    pooled.invalidate(exc)
                    twin.dispose()  # its other connections died with this one
                if not lost or retry:
                    raise DBAPIError.instance(sql, params, exc, dbapi_error,
                                              dialect=twin.dialect,
                                              connection_invalidated=lost) from exc
            finally:
                pooled.close()
        raise AssertionError("unreachable")


def _run(connection: Any, server: bool, sql: str, params: dict[str, Any]) -> int:
    # this pool's connections serve only single statements: they stay in autocommit (SQLite
    # connections here always autocommit), so an error never leaves a transaction open
    if server and not connection.autocommit:
        connection.autocommit = True
    cursor = connection.cursor()
    try:
        cursor.execute(sql, params)
        return int(cursor.rowcount)
    finally:
        cursor.close()
