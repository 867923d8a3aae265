"""The JSON API under /api/v1: bearer-token auth, the route registry and the OpenAPI document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, g, request

from app.auth.models import User
from app.db import utcnow
from app.errors import N_, Unauthorized

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@dataclass
class Operation:
    rule: str
    method: str
    summary: str
    public: bool
    body: dict[str, Any] | None
    responses: dict[int, str]
    tag: str
    endpoint: str = ""
    multipart: bool = False
    returns: dict[str, Any] | None = None  # JSON Schema of the success body
    media: str = "application/json"  # of the success body
    query: dict[str, tuple[Any, ...]] | None = None  # query parameters, as body fields
    body_required: bool = True  # False: the view also takes no body at all


OPERATIONS: list[Operation] = []


# endpoints the before-request check leaves alone: public ones, and hot paths that check the
# token inside their own statement and call authenticate() when that statement refuses
_NOT_CHECKED_BEFORE: set[str] = set()


def route(rule: str, method: str, summary: str, *, tag: str, public: bool = False,
          body: dict[str, Any] | None = None, multipart: bool = False,
          responses: dict[int, str] | None = None,
          checks_token_itself: bool = False, returns: dict[str, Any] | None = None,
          media: str = "application/json",
          query: dict[str, tuple[Any, ...]] | None = None,
          body_required: bool = True) -> Callable[[Callable[..., Any]], Any]:
    """Register an API view and describe it for the OpenAPI document in one place: the
    body shape is what app.api.validation.parse checks, `returns` the success body's
    schema; the answers every operation shares (401, 400, 413, 422) are added by the
    document itself (app.api.openapi)."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        endpoint = f"{view.__module__.split('.')[1]}_{view.__name__}"
        OPERATIONS.append(Operation(rule, method, summary, public, body,
                                    responses or {200: "OK"}, tag, endpoint, multipart,
                                    returns, media, query, body_required))
        if public or checks_token_itself:
            _NOT_CHECKED_BEFORE.add(f"api.{endpoint}")
        bp.add_url_rule(rule, endpoint, view, methods=[method])
        return view

    return decorator


def actor() -> User:
    """The user the request's bearer token belongs to (loaded on first use)."""
    if "api_user" not in g:
        from app.extensions import db

        g.api_user = db.session.get(User, g.api_user_id)
    return g.api_user  # type: ignore[no-any-return]


def actor_id() -> int:
    """The id of the signed-in user, without loading the whole row (hot paths)."""
    return int(g.api_user_id)


def bearer_token() -> str | None:
    """The bearer token of the request, if it carries one."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def authenticate() -> None:
    """Who is calling: a valid token of an active account, or 401."""
    token = bearer_token()
    if token is None:
        raise Unauthorized(N_("missing bearer token"))
    from app.auth.services import user_id_for_token

    user_id = user_id_for_token(token, utcnow())
    if user_id is None:
        raise Unauthorized(N_("invalid or expired token"))
    g.api_user_id = user_id


@bp.before_request
def _authenticate() -> None:
    if request.endpoint not in _NOT_CHECKED_BEFORE:
        authenticate()


def register_modules() -> None:
    """Import the feature API modules so their routes join the blueprint."""
    from app.api import (
        docs,  # noqa: F401
        openapi,  # noqa: F401
    )
    from app.assistant import api as assistant_api  # noqa: F401
    from app.auth import api as auth_api  # noqa: F401
    from app.certification import api as certification_api  # noqa: F401
    from app.dashboards import api as dashboards_api  # noqa: F401
    from app.learning import api as learning_api  # noqa: F401
    from app.org import api as org_api  # noqa: F401
    from app.placement import api as placement_api  # noqa: F401
    from app.register import api as register_api  # noqa: F401
    from app.workload import api as workload_api  # noqa: F401
