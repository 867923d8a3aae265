"""Configuration, read from the environment once at start-up."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

ONE_YEAR = 365 * 24 * 3600
DEV_SECRET = "dev-only-insecure-key-change-me"  # noqa: S105 - refused outside development


class ConfigError(RuntimeError):
    """The environment does not describe a runnable configuration."""


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def load_config(instance_path: str, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Build the Flask config dict from the environment, with optional overrides for tests."""
    env = os.environ
    overrides = overrides or {}
    app_env = overrides.get("APP_ENV") or env.get("APP_ENV", "production")
    secret = overrides.get("SECRET_KEY") or env.get("SECRET_KEY")
    if not secret:
        if app_env not in {"development", "testing"}:
            raise ConfigError(
                "SECRET_KEY is not set. Set it in the environment "
                "(or APP_ENV=development for a local run)."
            )
        secret = DEV_SECRET
    public_url = overrides.get("PUBLIC_URL") or env.get("PUBLIC_URL")
    if not public_url and app_env not in {"development", "testing"}:
        raise ConfigError(
            "PUBLIC_URL is not set. Set it to the address people use, e.g. "
            "https://lao-competency.example.go.th (reset e-mails and certificate QR codes "
            "link there; a request's Host header is never trusted for them).")
    default_db = "sqlite:///" + str(Path(instance_path) / "lao.sqlite3")
    redis_url = env.get("REDIS_URL") or None
    cfg: dict[str, Any] = {
        "APP_ENV": app_env,
        "SECRET_KEY": secret,
        "PUBLIC_URL": public_url or None,
        "TRUSTED_PROXIES": int(env.get("TRUSTED_PROXIES", "0")),
        # a separate key so national-ID hashes survive a session-key rotation
        "NATIONAL_ID_KEY": env.get("NATIONAL_ID_KEY") or secret,
        "SQLALCHEMY_DATABASE_URI": env.get("DATABASE_URL") or default_db,
        "REDIS_URL": redis_url,
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        # failures per (address, username): one person's typos touch nobody else; and a
        # much higher ceiling per address, which a whole office never reaches
        "LOGIN_PAIR_LIMIT": env.get("LOGIN_PAIR_LIMIT", "10 per 15 minutes"),
        "LOGIN_ADDRESS_LIMIT": env.get("LOGIN_ADDRESS_LIMIT", "1000 per 15 minutes"),
        "RESET_PAIR_LIMIT": env.get("RESET_PAIR_LIMIT", "10 per 15 minutes"),
        "RESET_ADDRESS_LIMIT": env.get("RESET_ADDRESS_LIMIT", "200 per 15 minutes"),
        # transfer requests per asking LAO, found or not: a national ID must not become a
        # way to look people up (an LAO receives a few transfers a month)
        "TRANSFER_REQUEST_LIMIT": env.get("TRANSFER_REQUEST_LIMIT", "30 per day"),
        "LOCKOUT_THRESHOLD": int(env.get("LOCKOUT_THRESHOLD", "5")),
        "LOCKOUT_MINUTES": int(env.get("LOCKOUT_MINUTES", "15")),
        "DEFAULT_IDLE_MINUTES": 60,
        "TOKEN_HOURS": int(env.get("TOKEN_HOURS", "12")),
        "RESET_LINK_MINUTES": int(env.get("RESET_LINK_MINUTES", "60")),
        "RESET_CODE_HOURS": int(env.get("RESET_CODE_HOURS", "72")),
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024 + 64 * 1024,  # form overhead above the 2 MB file
        "IMPORT_MAX_BYTES": 2 * 1024 * 1024,
        "MAIL_SERVER": env.get("MAIL_SERVER") or None,
        "MAIL_PORT": int(env.get("MAIL_PORT", "587")),
        "MAIL_USERNAME": env.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": env.get("MAIL_PASSWORD") or None,
        "MAIL_USE_TLS": _bool(env.get("MAIL_USE_TLS"), True),
        "MAIL_FROM": env.get("MAIL_FROM", "no-reply@lao-competency.local"),
        "BABEL_DEFAULT_LOCALE": "th",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Bangkok",
        "LANGUAGES": ["th", "en"],
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": app_env == "production",
        # production is served over HTTPS (often behind a proxy that ends TLS, where the app
        # cannot see it): tell browsers never to use plain HTTP; 0 sends no header
        "HSTS_MAX_AGE": int(env.get("HSTS_MAX_AGE")
                            or (ONE_YEAR if app_env == "production" else 0)),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=12),
        "WTF_CSRF_TIME_LIMIT": None,  # the idle timeout already bounds a session
        "TESTING": app_env == "testing",
        "PLACEMENT_COOLDOWN_HOURS": float(env.get("PLACEMENT_COOLDOWN_HOURS", "24")),
        "COMPETENCY_VALID_DAYS": int(env.get("COMPETENCY_VALID_DAYS", "365")),
        # an executive's mandatory courses are due this many days after automatic enrolment
        "MANDATORY_DUE_DAYS": int(env.get("MANDATORY_DUE_DAYS", "90")),
        "CERTIFICATE_VALID_YEARS": int(env.get("CERTIFICATE_VALID_YEARS", "2")),
        "MODULE_PASS_SHARE": float(env.get("MODULE_PASS_SHARE", "0.75")),
        "FINAL_CHECK_TRIES": int(env.get("FINAL_CHECK_TRIES", "3")),
        "FINAL_CHECK_WAIT_MINUTES": float(env.get("FINAL_CHECK_WAIT_MINUTES", "60")),
        "CONTENT_ROOT": env.get("CONTENT_ROOT") or str(Path(__file__).resolve().parent.parent),
    }
    cfg.update(overrides)
    # a server database may restart under us: test each pooled connection before use; an
    # SQLite file cannot go away, so the ping would only cost time on every request
    cfg.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {
        "pool_pre_ping": not cfg["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")})
    return cfg
