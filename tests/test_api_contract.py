"""The API keeps to API.md: OpenAPI covers every route, error bodies have one shape."""

from tests.conftest import token


def test_openapi_lists_every_api_route(app, client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.1")
    documented = {(path, method) for path, ops in doc["paths"].items() for method in ops}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1"):
            continue
        path = rule.rule
        for arg in rule.arguments:
            path = path.replace(f"<int:{arg}>", f"{{{arg}}}").replace(f"<{arg}>", f"{{{arg}}}")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (path, method.lower()) in documented, f"{method} {path} not in openapi.json"


def test_openapi_describes_request_bodies(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    token_op = doc["paths"]["/api/v1/auth/token"]["post"]
    schema = token_op["requestBody"]["content"]["application/json"]["schema"]
    assert schema["required"] == ["username", "password"]
    assert token_op["security"] == []
    upload = doc["paths"]["/api/v1/laos/{lao_id}/staff/import"]["post"]["requestBody"]
    assert "multipart/form-data" in upload["content"]


def test_malformed_json_is_400_with_the_error_body(client, world):
    response = client.post("/api/v1/laos", data="{not json",
                           headers={**token(client, world.admin.username),
                                    "Content-Type": "application/json"})
    assert response.status_code == 400
    assert set(response.get_json()) == {"error", "message", "details"}


def test_wrong_types_are_422_naming_each_field(client):
    response = client.post("/api/v1/auth/token", json={"username": 5, "password": ["x"]})
    assert response.status_code == 422
    assert response.get_json()["details"]["fields"] == {"username": "must be a string",
                                                       "password": "must be a string"}


def test_unknown_api_route_is_json_404(client, world):
    response = client.get("/api/v1/nothing-here", headers=token(client, "officer.a"))
    assert response.status_code == 404
    assert response.get_json()["error"] == "not_found"


def test_supervisor_writes_nothing(client, world):
    headers = token(client, world.sup_country.username)
    assert client.post("/api/v1/laos", headers=headers, json={
        "code": "6600105", "name": "x", "type": "sao", "size_class": "S",
        "district_id": world.a.district_id}).status_code == 403
    assert client.post(f"/api/v1/users/{world.officer_a.id}/reset-code", headers=headers
                       ).status_code == 403
    assert client.post(f"/api/v1/laos/{world.a.id}/staff/import", headers=headers,
                       data={}).status_code == 403


def test_text_the_database_cannot_store_is_422_not_500(client, world):
    headers = token(client, world.admin.username)
    for bad in ('"abc\\u0000def"', '"\\ud800"'):
        body = ('{"code": "6600109", "name": ' + bad + ', "type": "sao", "size_class": "S", '
                f'"district_id": {world.a.district_id}}}')
        response = client.post("/api/v1/laos", data=body, headers={
            **headers, "Content-Type": "application/json"})
        assert response.status_code == 422, bad
        assert "name" in response.get_json()["details"]["fields"]
