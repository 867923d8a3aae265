"""Property-based fuzzing of the whole JSON API from its own OpenAPI document (schemathesis):
no 500, every error body in the contract's shape, nothing of another LAO in any answer."""

import json

import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.conftest import token

SETTINGS = settings(max_examples=15, deadline=None, database=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))


def _check(response, operation):
    assert response.status_code < 500, (operation, response.status_code, response.text[:300])
    if response.status_code >= 400 and "json" in response.headers.get("content-type", [""])[0]:
        body = json.loads(response.content or b"{}")
        assert set(body) >= {"error", "message", "details"}, (operation, body)
    assert "6920101" not in response.text, operation  # LAO B never reaches LAO A's HR


def test_every_api_operation_survives_generated_input(app, client, world):
    # identity: the WSGI transport hands over brotli bytes as they come
    headers = {**token(client, "hr.a"), "Accept-Encoding": "identity"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 30
    covered = {f"{op.method.upper()} {op.path}" for op in operations}
    assert {"GET /api/v1/laos/{lao_id}/role-grants", "POST /api/v1/role-grants/{grant_id}/confirm",
            "POST /api/v1/role-grants/{grant_id}/refuse"} <= covered
    for operation in operations:
        _fuzz(operation, headers)


def _fuzz(operation, headers):
    name = f"{operation.method.upper()} {operation.path}"

    @SETTINGS
    @given(case=operation.as_strategy())
    def run(case):
        _check(case.call(headers=headers), name)

    run()
