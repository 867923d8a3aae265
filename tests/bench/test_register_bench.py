"""The register of one LAO at 30, 300 and 3,000 staff: queries must not grow with the staff
count. Printed beside a bare Flask route served by the same app in the same run."""

import pytest
from sqlalchemy import func, select

from app.auth.models import User
from app.extensions import db
from app.org.synth import synthesize
from tests.bench.conftest import timed
from tests.conftest import PASSWORD


@pytest.fixture(scope="module")
def sized(app):
    app.add_url_rule("/bench-bare", "bench_bare", lambda: "ok")
    laos = {}
    with app.app_context():
        for size in (30, 300, 3000):
            synthesize(1, size, seed=size)
            db.session.commit()
            lao_id = db.session.scalar(select(User.lao_id).group_by(User.lao_id).having(
                func.count(User.id) == size).limit(1))
            laos[size] = lao_id
        admin = User(username="bench-admin", full_name="bench", role="admin")
        from app.auth.passwords import hash_password

        admin.password_hash = hash_password(PASSWORD)
        db.session.add(admin)
        db.session.commit()
    return laos


def test_register_queries_and_time_by_staff_count(app, client, sized, count_queries):
    from tests.conftest import token

    headers = token(client, "bench-admin")
    bare, _ = timed(lambda: client.get("/bench-bare"))
    print(f"\nbare Flask route: {bare * 1000:.2f} ms")
    print(f"{'staff':>6} {'queries':>8} {'median ms':>10} {'x bare':>7}")
    counts = []
    for size, lao_id in sized.items():
        url = f"/api/v1/laos/{lao_id}/register"
        with count_queries() as seen:
            assert client.get(url, headers=headers).status_code == 200
        median, _best = timed(lambda url=url: client.get(url, headers=headers), runs=3)
        counts.append(len(seen))
        print(f"{size:>6} {len(seen):>8} {median * 1000:>10.1f} {median / bare:>7.0f}")
    assert len(set(counts)) == 1, counts
