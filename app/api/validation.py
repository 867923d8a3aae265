"""Reading a JSON body against a small declared shape; every problem is reported at once."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from flask import current_app, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.routing import IntegerConverter

from app.errors import N_, BadRequest, Invalid

# shape: field -> (kind, required); kinds: str, int, date, object, enum:<a|b|c>
Shape = dict[str, tuple[str, bool]]
INT_MAX = 2**31 - 1  # every id and number the API takes fits a 32-bit column
MAX_DEPTH = 32  # no body the API takes nests deeper than a few levels


def _for_text_and_bytes(pattern: str) -> dict[type, Any]:
    return {str: re.compile(pattern), bytes: re.compile(pattern.encode())}


# strings first (a bracket inside one is text), then everything but brackets goes; the
# rest shrinks by one level per pass of removing innermost pairs, all at C speed
_STRINGS = _for_text_and_bytes(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKETS = _for_text_and_bytes(r"[^\[\]{}]+")
_INNERMOST = _for_text_and_bytes(r"\[\]|\{\}")
_OPENER_RUN = _for_text_and_bytes(r"[\[{]+")


class TooDeep(ValueError):
    """A JSON text nested deeper than MAX_DEPTH (a ValueError: unparseable, like bad JSON)."""


def too_deep(text: str | bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether arrays and objects nest deeper than `limit`, found without parsing (the
    parser recurses once per level: 1,000 levels end in a RecursionError)."""
    kind = type(text)
    brackets: Any = _NOT_BRACKETS[kind].sub(kind(), _STRINGS[kind].sub(kind(), text))
    for levels in range(limit + 1):
        if not brackets:
            return False
        # after `levels` passes every bracket left holds `levels` more inside it, so a run
        # of openers, matched or not (bad JSON is still descended into), adds its length
        longest = max((len(run) for run in _OPENER_RUN[kind].findall(brackets)), default=0)
        if levels + longest > limit:
            return True
        shorter = _INNERMOST[kind].sub(kind(), brackets)
        if len(shorter) == len(brackets):
            return False  # only unmatched brackets, none of them deep: the parser says why
        brackets = shorter
    return True


class BoundedJSONProvider(DefaultJSONProvider):
    """Every JSON the app reads (request bodies above all) is checked for depth first."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        if isinstance(s, bytearray):
            s = bytes(s)
        if too_deep(s):
            raise TooDeep(f"nested deeper than {MAX_DEPTH} levels")
        return super().loads(s, **kwargs)


class BoundedIntConverter(IntegerConverter):
    """<int:...> in URLs, refusing numbers no row can have (404, never a 500)."""

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", INT_MAX)
        super().__init__(map, *args, **kwargs)


def json_body() -> dict[str, Any]:
    """The request's JSON object, or 400 for anything else: no body, bad JSON, too deep."""
    if not request.is_json:
        raise BadRequest(N_("the body must be a JSON object"))
    try:
        data = current_app.json.loads(request.get_data(cache=True))
    except TooDeep as exc:
        raise BadRequest(N_("the body nests deeper than 32 levels")) from exc
    except ValueError as exc:  # bad JSON, bad UTF-8, a number too long to read
        raise BadRequest(N_("the body is not valid JSON")) from exc
    if not isinstance(data, dict):
        raise BadRequest(N_("the body must be a JSON object"))
    return data


def _coerce(kind: str, value: Any) -> tuple[Any, str | None]:
    if kind == "str":
        if not isinstance(value, str):
            return None, "must be a string"
        if "\x00" in value:
            return None, "must not contain NUL characters"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate from a \ud800-style JSON escape
            return None, "must be valid text"
        return value, None
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return None, "must be an integer"
        if not -INT_MAX <= value <= INT_MAX:
            return None, "is out of range"
        return value, None
    if kind == "date":
        if not isinstance(value, str):
            return None, "must be a date YYYY-MM-DD"
        try:
            return date.fromisoformat(value), None
        except ValueError:
            return None, "must be a date YYYY-MM-DD"
    if kind == "object":
        if not isinstance(value, dict):
            return None, "must be an object"
        return value, None
    if kind.startswith("enum:"):
        allowed = kind[5:].split("|")
        if value not in allowed:
            return None, "must be one of " + ", ".join(allowed)
        return value, None
    raise ValueError(kind)


def parse(shape: Shape) -> dict[str, Any]:
    """The body's fields converted to their kinds, or 422 listing every bad field."""
    data = json_body()
    out: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name, (kind, required) in shape.items():
        if name not in data or data[name] is None:
            if required:
                problems[name] = "is required"
            continue
        value, problem = _coerce(kind, data[name])
        if problem:
            problems[name] = problem
        else:
            out[name] = value
    if problems:
        raise Invalid(N_("invalid fields"), {"fields": problems})
    return out


def openapi_schema(shape: Shape) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for name, (kind, _required) in shape.items():
        if kind == "int":
            props[name] = {"type": "integer", "minimum": -INT_MAX, "maximum": INT_MAX}
        elif kind == "date":
            props[name] = {"type": "string", "format": "date"}
        elif kind == "object":
            props[name] = {"type": "object"}
        elif kind.startswith("enum:"):
            props[name] = {"type": "string", "enum": kind[5:].split("|")}
        else:
            props[name] = {"type": "string"}
    required = [n for n, (_k, req) in shape.items() if req]
    return {"type": "object", "properties": props, "required": required}
