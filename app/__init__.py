"""Application factory: wiring only (config, extensions, blueprints, CLI, errors)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from app.config import load_config


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    app.config.update(load_config(app.instance_path, overrides))
    from app.api.validation import BoundedIntConverter, BoundedJSONProvider

    app.url_map.converters["int"] = BoundedIntConverter  # ids past 32 bits answer 404
    # every JSON read (request bodies, however a view asks for them) is depth-checked first:
    # 1,000 nested arrays would otherwise end the request in a RecursionError
    app.json = BoundedJSONProvider(app)
    # Thai text as UTF-8 (3 bytes a letter) instead of \u escapes (6): half the bytes on a
    # slow line; keys in the order the code writes them, which also encodes faster
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    if app.config["TRUSTED_PROXIES"]:
        # behind a load balancer every request comes from its address: take the client's
        # address and scheme from the proxies' X-Forwarded-* headers (only that many hops),
        # or one office's failed sign-ins would throttle the whole country
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///" + app.instance_path):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)  # the default database's home

    from app import models  # noqa: F401  (every table registers with the metadata)
    from app.auth import passwords
    from app.extensions import babel, csrf, db, limiter, login_manager, migrate
    from app.i18n import select_locale

    passwords.configure(fast=app.config.get("FAST_PASSWORD_HASH", False))
    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"))
    login_manager.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)

    from app.db_events import install as install_db_events

    with app.app_context():
        install_db_events(db.engine)

    from app.api import bp as api_bp
    from app.api import register_modules
    from app.assistant.views import bp as assistant_bp
    from app.auth.views import bp as auth_bp
    from app.calendar import api as calendar_api  # noqa: F401  (its routes join the API)
    from app.calendar.views import bp as calendar_bp
    from app.certification.views import bp as certification_bp
    from app.content.views import bp as content_bp
    from app.dashboards.views import bp as dashboards_bp
    from app.learning.views import bp as learning_bp
    from app.main import bp as main_bp
    from app.org.views import bp as org_bp
    from app.placement.views import bp as placement_bp
    from app.privacy.views import bp as privacy_bp
    from app.register.views import bp as register_bp
    from app.workload.views import bp as workload_bp

    register_modules()
    csrf.exempt(api_bp)  # bearer tokens only, no cookies: nothing to forge
    app.register_blueprint(certification_bp)
    app.register_blueprint(dashboards_bp)
    app.register_blueprint(privacy_bp)
    app.register_blueprint(workload_bp)
    app.register_blueprint(assistant_bp)
    app.register_blueprint(content_bp)
    app.register_blueprint(calendar_bp)
    for blueprint in (main_bp, auth_bp, org_bp, placement_bp, learning_bp, register_bp,
                      api_bp):
        app.register_blueprint(blueprint)

    from app.cli import register_cli
    from app.errors import register_error_handlers
    from app.web import install_web_hooks

    register_error_handlers(app)
    install_web_hooks(app)
    register_cli(app)
    return app
