"""National scale on PostgreSQL: 7,850 LAOs x 30 staff; roll-ups and one register page.
Targets: national < 1 s, province < 100 ms, district < 30 ms."""

import os

import pytest
from flask_migrate import upgrade
from sqlalchemy import func, select

from app.auth.models import User
from app.content.service import load_and_sync
from app.dashboards.report import rollup_report
from app.db import utcnow
from app.extensions import db
from app.org.geography import sync_geography
from app.org.models import District, Lao
from app.org.synth import synthesize
from app.register.register import build_register
from tests.bench.conftest import BENCH_PG, ensure_database, timed
from tests.conftest import make_app

LAOS = int(os.environ.get("BENCH_LAOS", "7850"))


@pytest.fixture(scope="module")
def national():
    if not ensure_database(BENCH_PG):
        pytest.skip("PostgreSQL is not reachable for the national benchmark")
    app = make_app(BENCH_PG)
    with app.app_context():
        upgrade()
        if db.session.scalar(select(func.count(Lao.id))) < LAOS:
            import time

            sync_geography()
            load_and_sync(app)
            db.session.commit()
            start = time.perf_counter()
            counts = synthesize(LAOS, 30)
            db.session.commit()
            print(f"\nsynth {counts} in {time.perf_counter() - start:.1f} s")
            db.session.execute(db.text("ANALYZE"))
            db.session.commit()
    return app


def test_rollup_times_at_national_scale(national):
    from sqlalchemy import event

    with national.app_context():
        admin = User(username="bench-admin", full_name="bench", role="admin")
        sample = db.session.scalar(select(Lao).order_by(Lao.id).limit(1))
        district = db.session.get(District, sample.district_id)
        now = utcnow()
        cases = {
            "national": ("country", "th"),
            "province": ("province", str(district.province_id)),
            "district": ("district", str(district.id)),
        }
        print(f"\n{'roll-up':<10} {'LAOs':>6} {'median ms':>10} {'best ms':>8} {'queries':>8}")
        for name, (level, area) in cases.items():
            def run(level=level, area=area):
                return rollup_report(admin, level, area, now, sort="coverage", descending=False)

            seen = []

            def listener(*args, seen=seen):
                seen.append(args[2])

            event.listen(db.engine, "before_cursor_execute", listener)
            report = run()
            event.remove(db.engine, "before_cursor_execute", listener)
            median, best = timed(run)
            print(f"{name:<10} {report.totals['laos']:>6} {median * 1000:>10.1f} "
                  f"{best * 1000:>8.1f} {len(seen):>8}")
        median, _best = timed(lambda: build_register(sample, now))
        print(f"register of one LAO ({sample.code}): {median * 1000:.1f} ms")
