"""Migrations: one head, empty -> head -> base -> head works, and they match the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from app.extensions import db
from tests.conftest import make_app


def test_migrations_have_a_single_head(app):
    with app.app_context():
        config = app.extensions["migrate"].migrate.get_config()
        assert len(ScriptDirectory.from_config(config).get_heads()) == 1


def test_migrated_schema_matches_the_models(app):
    # the session database was built by the migrations alone
    with app.app_context(), db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={
            "compare_type": True}), db.metadata)
    assert diff == []


def test_upgrade_downgrade_upgrade_on_an_empty_database(tmp_path):
    fresh = make_app(f"sqlite:///{tmp_path}/fresh.sqlite3")
    with fresh.app_context():
        upgrade()
        assert "app_user" in inspect(db.engine).get_table_names()
        downgrade(revision="base")
        assert inspect(db.engine).get_table_names() == ["alembic_version"]
        upgrade()
        assert "audit_event" in inspect(db.engine).get_table_names()
        db.engine.dispose()
