"""The OpenAPI 3.1 document, built from the same registry that wires the routes and the
same body shapes the server validates with, so the two cannot drift."""

from __future__ import annotations

import re
from typing import Any

from flask import jsonify
from flask.typing import ResponseReturnValue

from app.api import OPERATIONS, Operation, route
from app.api.validation import INT_MAX, field_schema, openapi_schema

_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["error", "message", "details"],
    "properties": {"error": {"type": "string"}, "message": {"type": "string"},
                   "details": {"type": "object"}},
}
_ERROR_REF = {"$ref": "#/components/schemas/Error"}
# answers every operation of a kind can give, whatever its own list says
_AUTH = {401: "no bearer token, or a bad or expired one"}
_BODY = {400: "malformed body: not JSON, not an object, or nested deeper than 32 levels",
         413: "body too large",
         422: "invalid: details.fields names every bad field"}
_BINARY = {"type": "string", "format": "binary"}


def _path(rule: str) -> tuple[str, list[dict[str, Any]]]:
    params = []
    for conv, name in _PARAM.findall(rule):
        schema: dict[str, Any] = ({"type": "integer", "minimum": 0, "maximum": INT_MAX}
                                  if conv == "int" else {"type": "string"})
        params.append({"name": name, "in": "path", "required": True, "schema": schema})
    return "/api/v1" + _PARAM.sub(r"{\2}", rule), params


def _codes(op: Operation, has_params: bool) -> dict[int, str]:
    codes = dict(op.responses)
    for extra in (_AUTH if not op.public else {},
                  _BODY if op.body is not None or op.multipart else {},
                  {404: "not found"} if has_params else {}):
        for code, text in extra.items():
            codes.setdefault(code, text)
    if op.query:
        codes.setdefault(422, "invalid query parameters")
    return codes


def _response(op: Operation, code: int, text: str) -> dict[str, Any]:
    if code == 204:
        return {"description": text}
    if code >= 400:
        answer: dict[str, Any] = {"description": text,
                                  "content": {"application/json": {"schema": _ERROR_REF}}}
        if code == 429:
            answer["headers"] = {"Retry-After": {"schema": {"type": "integer"},
                                                 "description": "seconds to wait"}}
        return answer
    schema = op.returns if op.returns is not None else (
        {} if op.media == "application/json" else _BINARY)
    return {"description": text, "content": {op.media: {"schema": schema}}}


def _operation(op: Operation) -> tuple[str, dict[str, Any]]:
    path, params = _path(op.rule)
    entry: dict[str, Any] = {
        "summary": op.summary,
        "tags": [op.tag],
        "operationId": op.endpoint,
        "responses": {str(code): _response(op, code, text)
                      for code, text in sorted(_codes(op, bool(params)).items())},
    }
    for name, spec in (op.query or {}).items():
        schema = field_schema((spec[0], True, *spec[2:]))
        if not spec[1]:  # ?to= with nothing after it reads as no `to` at all
            schema = {"anyOf": [schema, {"type": "string", "maxLength": 0}]}
        params.append({"name": name, "in": "query", "required": bool(spec[1]),
                       "schema": schema})
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
        entry["requestBody"] = {"required": op.body_required, "content": {
            "application/json": {"schema": openapi_schema(op.body)}}}
    return path, entry


def build_document() -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for op in OPERATIONS:
        path, entry = _operation(op)
        paths.setdefault(path, {})[op.method.lower()] = entry
    return {
        "openapi": "3.1.0",
        "info": {"title": "LAO staff training and competency platform", "version": "1",
                 "description": "Errors answer {error, message, details}. Another LAO's "
                                "objects answer 404, like missing ones. A method a path "
                                "does not have answers 405 with an Allow header."},
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
                       "schemas": {"Error": ERROR_SCHEMA}},
        "security": [{"bearer": []}],
        "paths": paths,
    }


@route("/openapi.json", "GET", "This OpenAPI document", tag="meta", public=True)
def openapi_document() -> ResponseReturnValue:
    return jsonify(build_document())
