"""Small builders for the JSON Schemas of success bodies (route(..., returns=...)): the
document states what a client gets back, and the contract test checks every answer
against it."""

from __future__ import annotations

from typing import Any

INT: dict[str, Any] = {"type": "integer"}
STR: dict[str, Any] = {"type": "string"}
DATE: dict[str, Any] = {"type": "string", "format": "date"}
TIME: dict[str, Any] = {"type": "string", "format": "date-time"}


def enum(*values: str) -> dict[str, Any]:
    return {"type": "string", "enum": list(values)}


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def obj(**properties: dict[str, Any]) -> dict[str, Any]:
    """An object with these fields, all present (more may be added later: API.md)."""
    return {"type": "object", "required": list(properties), "properties": properties}


def array(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": item}


NUMBER: dict[str, Any] = {"type": "number"}
OBJECT: dict[str, Any] = {"type": "object"}
BOOL: dict[str, Any] = {"type": "boolean"}
OPTION = obj(id=INT, text=STR)
QUESTION = obj(id=INT, ref=STR, text=STR, options=array(OPTION))  # never the key
