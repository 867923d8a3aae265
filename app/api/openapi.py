"""The OpenAPI 3.1 document, built from the same registry that wires the routes."""

from __future__ import annotations

import re
from typing import Any

from flask import jsonify
from flask.typing import ResponseReturnValue

from app.api import OPERATIONS, route
from app.api.validation import INT_MAX, openapi_schema

_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def _path(rule: str) -> tuple[str, list[dict[str, Any]]]:
    params = []
    for conv, name in _PARAM.findall(rule):
        schema: dict[str, Any] = ({"type": "integer", "minimum": 0, "maximum": INT_MAX}
                                  if conv == "int" else {"type": "string"})
        params.append({"name": name, "in": "path", "required": True, "schema": schema})
    return "/api/v1" + _PARAM.sub(r"{\2}", rule), params


def build_document() -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for op in OPERATIONS:
        path, params = _path(op.rule)
        entry: dict[str, Any] = {
            "summary": op.summary,
            "tags": [op.tag],
            "operationId": op.endpoint,
            "responses": {str(code): {"description": text} for code, text in
                          op.responses.items()},
        }
        if params:
            entry["parameters"] = params
        if op.public:
            entry["security"] = []
        if op.multipart:
            schema = {"type": "object", "required": ["file"],
                      "properties": {"file": {"type": "string", "format": "binary"}}}
            entry["requestBody"] = {"required": True,
                                    "content": {"multipart/form-data": {"schema": schema}}}
        elif op.body is not None:
            entry["requestBody"] = {"required": True, "content": {
                "application/json": {"schema": openapi_schema(op.body)}}}
        paths.setdefault(path, {})[op.method.lower()] = entry
    return {
        "openapi": "3.1.0",
        "info": {"title": "LAO staff training and competency platform", "version": "1"},
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
        "security": [{"bearer": []}],
        "paths": paths,
    }


@route("/openapi.json", "GET", "This OpenAPI document", tag="meta", public=True)
def openapi_document() -> ResponseReturnValue:
    return jsonify(build_document())
