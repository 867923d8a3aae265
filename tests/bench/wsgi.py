"""The app plus a bare route, for load benchmarks (gunicorn tests.bench.wsgi:app)."""

from app import create_app

app = create_app()
app.add_url_rule("/bench-bare", "bench_bare", lambda: "ok")
