"""Load test (make load, not in CI): gunicorn with 2 workers on loopback, 50 concurrent
users replaying a realistic mix — 70% answer saves, 20% page views, 10% register and
dashboards — with the bare route measured the same way in the same run.
Prints requests per second, p50/p95/p99 and errors. Target: p95 < 150 ms, 0 errors."""

from __future__ import annotations

import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
USERS = int(os.environ.get("LOAD_USERS", "50"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "20"))
PROCESSES = 4  # 50 users spread over a few client processes (2 cores in all)
LAOS = ["2600101", "3600102", "5600401", "4520101", "6520301", "4360101", "6360501",
        "3920101", "6920801"]


def _request(conn: http.client.HTTPConnection, method: str, path: str,
             headers: dict[str, str], body: object = None) -> tuple[int, bytes]:
    conn.request(method, path, body=json.dumps(body) if body is not None else None,
                 headers=headers)
    response = conn.getresponse()
    return response.status, response.read()


def _sign_in(args: tuple[int, int, str]) -> dict[str, object]:
    """Before the clock starts: one person signs in (argon2 is slow on purpose), opens a quiz
    and reads who they are. Sign-ins are not part of the measured mix."""
    port, n, password = args
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    json_headers = {"Content-Type": "application/json"}
    lao = LAOS[n % len(LAOS)]
    who = f"hr.{lao}" if n % 5 == 0 else (f"officer.{lao}" if n % 2 else f"exec.{lao}")
    status, raw = _request(conn, "POST", "/api/v1/auth/token", json_headers,
                           {"username": who, "password": password})
    if status != 200:
        raise RuntimeError(f"sign-in of {who} failed: {status} {raw[:200]!r}")
    headers = {**json_headers, "Authorization": "Bearer " + json.loads(raw)["token"]}
    _s, raw = _request(conn, "POST", "/api/v1/placements/e-office/attempts", headers)
    attempt = json.loads(raw)
    me = json.loads(_request(conn, "GET", "/api/v1/me", headers)[1])
    return {"headers": headers, "attempt": attempt, "me": me}


def _user(args: tuple[int, int, dict[str, object], bool]) -> tuple[list[float], int]:
    """One simulated person: the mix (or the bare route) until time is up."""
    port, n, person, bare = args
    rng = random.Random(n)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers: dict[str, str] = person["headers"]  # type: ignore[assignment]
    attempt: dict[str, object] = person["attempt"]  # type: ignore[assignment]
    me: dict[str, object] = person["me"]  # type: ignore[assignment]
    times, errors, deadline = [], 0, time.perf_counter() + SECONDS
    while time.perf_counter() < deadline:
        roll = rng.random()
        if bare:
            call = ("GET", "/bench-bare", None)
        elif roll < 0.7 and "questions" in attempt:
            q = rng.choice(attempt["questions"])
            call = ("PUT", f"/api/v1/attempts/{attempt['attempt_id']}/answers/{q['id']}",
                    {"option_id": rng.choice(q["options"])["id"]})
        elif roll < 0.9:
            call = ("GET", rng.choice(["/api/v1/courses", f"/api/v1/attempts/"
                                       f"{attempt.get('attempt_id', 0)}", "/api/v1/me"]), None)
        else:
            call = ("GET", f"/api/v1/laos/{me['lao_id']}/register"
                    if me["role"] in ("hr", "executive") else "/api/v1/subsystems", None)
        start = time.perf_counter()
        status, _body = _request(conn, call[0], call[1], headers, call[2])
        times.append(time.perf_counter() - start)
        errors += status >= 500 or (status >= 400 and status != 409)
    return times, errors


def _batch(users: list[tuple[int, int, dict[str, object], bool]]
           ) -> list[tuple[list[float], int]]:
    """A client process runs its share of the users at the same time, in threads."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(len(users)) as threads:
        return list(threads.map(_user, users))


def _run(pool: object, port: int, people: list[dict[str, object]],
         bare: bool) -> list[tuple[list[float], int]]:
    users = [(port, n, people[n], bare) for n in range(USERS)]
    batches = [users[i::PROCESSES] for i in range(PROCESSES)]
    return [r for batch in pool.map(_batch, batches) for r in batch]  # type: ignore[attr-defined]


def _report(name: str, results: list[tuple[list[float], int]]) -> None:
    times = sorted(t for ts, _e in results for t in ts)
    errors = sum(e for _t, e in results)
    q = statistics.quantiles(times, n=100)
    print(f"{name:<12} {len(times) / SECONDS:>8.0f} req/s  p50 {q[49] * 1000:6.1f} ms  "
          f"p95 {q[94] * 1000:6.1f} ms  p99 {q[98] * 1000:6.1f} ms  errors {errors}")


def main() -> None:
    from app.org.demo import DEMO_PASSWORD

    url = os.environ.get("LOAD_DATABASE_URL") or \
        f"sqlite:///{tempfile.mkdtemp(prefix='load-')}/load.sqlite3"
    env = {**os.environ, "APP_ENV": "development", "DATABASE_URL": url, "SECRET_KEY": "load",
           "LOGIN_ADDRESS_LIMIT": "100000 per minute", "PLACEMENT_COOLDOWN_HOURS": "0"}
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    for args in (["db", "upgrade"], ["content", "sync"], ["demo"]):
        subprocess.run(flask + args, cwd=ROOT, env=env, check=True, capture_output=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}",
         "tests.bench.wsgi:app"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    try:
        time.sleep(2)
        print(f"{USERS} users, {SECONDS:.0f} s each run, gunicorn 2 workers, {url.split(':')[0]}")
        with Pool(PROCESSES) as pool:
            people = pool.map(_sign_in, [(port, n, DEMO_PASSWORD) for n in range(USERS)])
            _report("bare route", _run(pool, port, people, True))
            _report("mix", _run(pool, port, people, False))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
