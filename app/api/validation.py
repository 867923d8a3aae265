"""Reading a JSON body against a small declared shape; every problem is reported at once."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from flask import current_app, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.routing import IntegerConverter

from app.errors import N_, BadRequest, Invalid

# shape: field -> (kind, required) or (kind, required, rules); kinds: str, int, number, date,
# object, object:int / object:number (values of that kind; ? allows null), enum:<a|b|c>;
# rules: min_length, max_length, not_blank, pattern (the whole value), minimum, maximum;
# key_pattern, keys, value_minimum, value_maximum for objects. The server checks them here
# and the OpenAPI document states them (field_schema). "schema" adds JSON Schema that a
# service checks itself, with its own per-entry messages (a test holds the two together).
Shape = dict[str, tuple[Any, ...]]
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
    """<int:...> in URLs: a number no row can have reads as id 0, which no row has either,
    so it answers 404 like any missing id (never a 500 from the database's integer
    overflow; nor a 405, which werkzeug gives when a converter refuses on a path that has
    another method)."""

    def to_python(self, value: str) -> Any:
        number = super().to_python(value)
        return number if number <= INT_MAX else 0


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


_NUL = re.compile("\x00")
# an id, an option or a question in an object's keys: digits only, no sign, no spaces
ID_KEY = "[1-9][0-9]{0,9}"


def _text(value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, str):
        return None, "must be a string"
    if _NUL.search(value):
        return None, "must not contain NUL characters"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a \ud800-style JSON escape
        return None, "must be valid text"
    return value, None


def _integer(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 79.0 is an integer to JSON Schema, as to JavaScript
    if isinstance(value, bool) or not isinstance(value, int):
        return None, "must be an integer"
    if not -INT_MAX <= value <= INT_MAX:
        return None, "is out of range"
    return value, None


def _object_of(kind: str, value: Any) -> tuple[Any, str | None]:
    """object:<value kind>[?]: values of one kind (? also null)."""
    if not isinstance(value, dict):
        return None, "must be an object"
    inner, nullable = kind[7:].rstrip("?"), kind.endswith("?")
    out: dict[str, Any] = {}
    for key, item in value.items():
        if item is None and nullable:
            out[key] = None
            continue
        out[key], problem = _coerce(inner, item)
        if problem:
            return None, f"values must be {'integers' if inner == 'int' else 'numbers'}"
    return out, None


def _keys(rules: dict[str, Any]) -> list[str] | None:
    keys = rules.get("keys")
    return sorted(keys()) if callable(keys) else keys


def _coerce(kind: str, value: Any) -> tuple[Any, str | None]:
    if kind == "str":
        return _text(value)
    if kind == "int":
        return _integer(value)
    if kind == "number":
        if isinstance(value, float) and value == value and abs(value) != float("inf"):
            return value, None
        if isinstance(value, bool) or not isinstance(value, int):
            return None, "must be a number"
        return _integer(value)
    if kind == "date":
        if not isinstance(value, str):
            return None, "must be a date YYYY-MM-DD"
        try:
            if not re.fullmatch("[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
                raise ValueError(value)
            return date.fromisoformat(value), None
        except ValueError:
            return None, "must be a date YYYY-MM-DD"
    if kind == "object":
        if not isinstance(value, dict):
            return None, "must be an object"
        return value, None
    if kind.startswith("object:"):
        return _object_of(kind, value)
    if kind.startswith("enum:"):
        allowed = kind[5:].split("|")
        if value not in allowed:
            return None, "must be one of " + ", ".join(allowed)
        return value, None
    raise ValueError(kind)


def _rules(value: Any, rules: dict[str, Any]) -> str | None:
    """The constraints a field declares beyond its kind (the document states the same)."""
    if isinstance(value, dict):
        keys = _keys(rules)
        for key, item in value.items():
            if "key_pattern" in rules and not re.fullmatch(rules["key_pattern"], key):
                return "has a key of the wrong format"
            if keys is not None and key not in keys:
                return f"has an unknown key {key[:40]}"
            if item is not None and "value_minimum" in rules and item < rules["value_minimum"]:
                return f"values must be at least {rules['value_minimum']}"
            if item is not None and "value_maximum" in rules and item > rules["value_maximum"]:
                return f"values must be at most {rules['value_maximum']}"
        return None
    if "min_length" in rules and len(value) < rules["min_length"]:
        return f"must be at least {rules['min_length']} characters"
    if "max_length" in rules and len(value) > rules["max_length"]:
        return f"must be at most {rules['max_length']} characters"
    if rules.get("not_blank") and not value.strip():
        return "is required"  # spaces are no answer
    if "pattern" in rules and not re.fullmatch(rules["pattern"], value):
        return rules.get("pattern_says", "has the wrong format")
    if "minimum" in rules and value < rules["minimum"]:
        return f"must be at least {rules['minimum']}"
    if "maximum" in rules and value > rules["maximum"]:
        return f"must be at most {rules['maximum']}"
    return None


def parse(shape: Shape) -> dict[str, Any]:
    """The body's fields converted to their kinds, or 422 listing every bad field (an
    unknown field too: a typo must not pass as an omission)."""
    data = json_body()
    out: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name in data.keys() - shape.keys():
        problems[name] = "is not a field of this request"
    for name, spec in shape.items():
        kind, required = spec[0], spec[1]
        if name not in data or data[name] is None:
            if required:
                problems[name] = "is required"
            continue
        value, problem = _coerce(kind, data[name])
        problem = problem or _rules(value, spec[2] if len(spec) > 2 else {})
        if problem:
            problems[name] = problem
        else:
            out[name] = value
    if problems:
        raise Invalid(N_("invalid fields"), {"fields": problems})
    return out


_TEXT = "^[^\\u0000]*$"  # no NUL, as the server refuses it


def _kind_schema(kind: str) -> dict[str, Any]:
    if kind in ("int", "number"):
        return {"type": "integer" if kind == "int" else "number",
                "minimum": -INT_MAX, "maximum": INT_MAX}
    if kind == "date":
        return {"type": "string", "format": "date"}
    if kind == "object":
        return {"type": "object"}
    if kind.startswith("object:"):
        inner = _kind_schema(kind[7:].rstrip("?"))
        if kind.endswith("?"):
            inner = {"anyOf": [inner, {"type": "null"}]}
        return {"type": "object", "additionalProperties": inner}
    if kind.startswith("enum:"):
        return {"type": "string", "enum": kind[5:].split("|")}
    return {"type": "string"}


def field_schema(spec: tuple[Any, ...]) -> dict[str, Any]:
    """One field as JSON Schema: its kind and every rule the server checks."""
    schema = _kind_schema(spec[0])
    rules: dict[str, Any] = spec[2] if len(spec) > 2 else {}
    if "key_pattern" in rules:
        schema["propertyNames"] = {"pattern": f"^(?:{rules['key_pattern']})$"}
    if _keys(rules) is not None:
        schema["propertyNames"] = {"enum": _keys(rules)}
    values = schema.get("additionalProperties", {})
    values = values["anyOf"][0] if "anyOf" in values else values
    for rule, keyword in (("value_minimum", "minimum"), ("value_maximum", "maximum")):
        if rule in rules:
            values[keyword] = rules[rule]
    patterns = []
    if spec[0] == "str":
        patterns.append(_TEXT)
    if rules.get("not_blank"):
        patterns.append("\\S")
    if "pattern" in rules:
        patterns.append(f"^(?:{rules['pattern']})$")
    schema.update(rules["schema"]() if callable(rules.get("schema")) else rules.get("schema", {}))
    for rule, keyword in (("min_length", "minLength"), ("max_length", "maxLength"),
                          ("minimum", "minimum"), ("maximum", "maximum")):
        if rule in rules:
            schema[keyword] = rules[rule]
    if len(patterns) == 1:
        schema["pattern"] = patterns[0]
    elif patterns:
        schema["allOf"] = [{"pattern": p} for p in patterns]
    if not spec[1]:  # an optional field may also be sent as null
        schema = {"anyOf": [schema, {"type": "null"}]}
    return schema


def openapi_schema(shape: Shape) -> dict[str, Any]:
    return {"type": "object", "properties": {n: field_schema(s) for n, s in shape.items()},
            "required": [n for n, s in shape.items() if s[1]], "additionalProperties": False}
