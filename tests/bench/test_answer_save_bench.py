"""Answer saves per second under loopback load against gunicorn (2 and 4 workers), beside a
bare Flask route of the same app in the same run. Target: at least 50% of the bare route."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from multiprocessing import Pool
from pathlib import Path

import pytest

from tests.bench.conftest import BENCH_PG, ensure_database

ROOT = Path(__file__).resolve().parents[2]
DURATION = 8.0
CLIENTS = 8


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _hammer(args):
    """One client: keep-alive requests for DURATION seconds; returns (count, errors). The
    requests are built before the clock starts, so the client's own work is the same for
    both routes."""
    import http.client

    port, requests, headers = args
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    done, errors, deadline = 0, 0, time.perf_counter() + DURATION
    while time.perf_counter() < deadline:
        method, path, body = requests[done % len(requests)]
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        done += 1
        errors += response.status >= 400
    return done, errors


LOAD_PG = BENCH_PG.rsplit("/", 1)[0] + "/bench_load"


@pytest.fixture(scope="module", params=["postgresql", "sqlite"])
def database(request, tmp_path_factory):
    """A migrated database with content and demo data, and the environment to serve it."""
    if request.param == "postgresql":
        if not ensure_database(LOAD_PG):
            pytest.skip("PostgreSQL is not reachable")
        url = LOAD_PG
        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        with engine.begin() as conn:  # a fresh schema each run
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('load') / 'load.sqlite3'}"
    env = {**os.environ, "APP_ENV": "development", "DATABASE_URL": url,
           "SECRET_KEY": "bench", "LOGIN_ADDRESS_LIMIT": "100000 per minute"}
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    for args in (["db", "upgrade"], ["content", "sync"], ["demo"]):
        subprocess.run(flask + args, cwd=ROOT, env=env, check=True, capture_output=True)
    return env, request.param


# 2 workers as in `make load`; 4 as the README's production command
@pytest.fixture(params=[2, 4])
def server(request, database):
    env, kind = database
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", str(request.param), "-b",
         f"127.0.0.1:{port}", "tests.bench.wsgi:app"], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield port, kind, request.param
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=10)


def _api(port, method, path, body=None, headers=None):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request(method, path, body=json.dumps(body) if body else None,
                 headers={"Content-Type": "application/json", **(headers or {})})
    response = conn.getresponse()
    return json.loads(response.read() or b"{}")


def test_answer_saves_per_second_against_bare_route(server):
    from app.org.demo import DEMO_PASSWORD

    server, kind, workers = server
    jobs = []
    for n in range(CLIENTS):
        user = ["officer", "hr", "exec"][n % 3] + "." + ["2600101", "3600102", "5600401",
                                                          "4520101"][n % 4]
        token = _api(server, "POST", "/api/v1/auth/token",
                     {"username": user, "password": DEMO_PASSWORD})["token"]
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        attempt = _api(server, "POST", "/api/v1/placements/e-laas/attempts", headers=headers)
        path = f"/api/v1/attempts/{attempt['attempt_id']}/answers"
        jobs.append((server, [("PUT", f"{path}/{q['id']}",
                               json.dumps({"option_id": q["options"][0]["id"]}).encode())
                              for q in attempt["questions"]], headers))
    with Pool(CLIENTS) as pool:
        bare = pool.map(_hammer, [(server, [("GET", "/bench-bare", None)], {})] * CLIENTS)
        saves = pool.map(_hammer, jobs)
    bare_rps = sum(d for d, _e in bare) / DURATION
    save_rps = sum(d for d, _e in saves) / DURATION
    errors = sum(e for _d, e in saves)
    print(f"\nbare route: {bare_rps:.0f} req/s; answer saves: {save_rps:.0f} req/s "
          f"({save_rps / bare_rps:.0%} of bare), errors: {errors} "
          f"[gunicorn {workers} workers, {kind}, {CLIENTS} clients, {DURATION:.0f} s]")
    assert errors == 0
