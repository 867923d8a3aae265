"""Benchmarks print their figures; they are run by `make bench`, never by `make test`."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

BENCH_PG = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/bench")


def timed(fn: Callable[[], object], runs: int = 5) -> tuple[float, float]:
    """(median, best) seconds over a few runs after one warm-up."""
    fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), min(samples)


def ensure_database(url: str) -> bool:
    """Create the benchmark database on the local PostgreSQL if it is missing."""
    from sqlalchemy import create_engine, text

    base, _slash, name = url.rpartition("/")
    try:
        engine = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                  {"n": name}).scalar()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        return True
    except Exception:
        return False
