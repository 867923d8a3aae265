"""The OpenAPI document is true: schemathesis, run as a client developer would
(`st run .../openapi.json --checks all`), against the served app on a fresh database, with
an HR officer's token and then an officer's, finds nothing. Real ids are offered for every
id parameter (tests/contract_server.py), so operations are reached beyond their 404.

A few operations refuse some schema-valid requests for a rule no JSON Schema can state
(a check digit, a date relative to today, a secret code); each is listed below with its
reason, and only for the statuses named."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.api.openapi import build_document
from tests.contract_server import config_toml, served

# operationId -> (statuses a schema-valid request may still get, why)
SEMANTIC = {
    "auth_reset_with_code": (["400", "422"], "a wrong code is 400; a weak password is 422"),
    "org_create_lao": (["422"], "digits 2-5 of the code are the district's DOPA code"),
    "org_request_transfer": (["422"], "the national ID's check digit"),
    "org_transfer": (["422"], "a move dated in the future; a person not on any LAO's staff"),
    "org_import_staff": (["400", "422"], "the file's rows and cells"),
    "register_create_assignment": (
        ["422"], "the date within a year of today; the person on this LAO's staff"),
    "learning_check": (["422"], "the answers name questions and options of that module"),
    "placement_save_answer": (["422"], "the option belongs to that question of the attempt"),
    "workload_put_settings": (
        ["422"], "leave and holidays fewer than the working days; shares up to 100%"),
    "calendar_lao_calendar": (["422"], "from before to, three years apart at most"),
    "calendar_my_calendar": (["422"], "from before to, three years apart at most"),
    "assistant_ask": (["422"], "500 characters at most once the spaces around are gone"),
}
POSITIVE = ["2xx", "3xx", "401", "403", "404", "409", "429"]
EXAMPLES = 12  # per operation and phase: the whole run stays within a few minutes


def _config(ids: dict[str, list[object]]) -> str:
    lines = [config_toml(ids)]
    for operation_id, (statuses, _why) in SEMANTIC.items():
        lines.append(f'[[operations]]\ninclude-operation-id = "{operation_id}"\n'
                     "checks.positive_data_acceptance.expected-statuses = "
                     f"{POSITIVE + statuses!r}\n".replace("'", '"'))
    return "\n".join(lines)


def _schemathesis() -> str:
    found = shutil.which("st", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail("schemathesis is not installed (pip install -e '.[dev]')")
    return found


def test_every_allowance_names_an_operation_of_the_document(app):
    with app.app_context():
        ids = {op["operationId"] for path in build_document()["paths"].values()
               for op in path.values()}
    assert set(SEMANTIC) <= ids


def test_schemathesis_finds_nothing_with_an_hr_and_an_officer_token(tmp_path):
    with served(tmp_path / "contract.sqlite3") as live:
        config = tmp_path / "schemathesis.toml"
        config.write_text(_config(live.ids), encoding="utf-8")
        outputs = {who: _run(tmp_path, config, live.url, bearer)
                   for who, bearer in live.tokens.items()}
    for who, (code, out) in outputs.items():
        assert code == 0, f"as {who}:\n{out[-12000:]}"
        tested = int(out.split("Tested: ", 1)[1].split()[0])
        assert tested >= 50, out[-3000:]  # every operation, not a filtered few


def _run(tmp_path: Path, config: Path, url: str, bearer: str) -> tuple[int, str]:
    run = subprocess.run(
        [_schemathesis(), "--config-file", str(config), "run", f"{url}/api/v1/openapi.json",
         "--checks", "all", "--header", f"Authorization: {bearer}",
         "--max-examples", str(EXAMPLES), "--seed", "20261207", "--workers", "1",
         "--no-color", "--output-truncate", "false"],
        cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False)
    return run.returncode, run.stdout + run.stderr[-2000:]
