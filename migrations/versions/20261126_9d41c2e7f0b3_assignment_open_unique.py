"""one open assignment per person and system in an LAO

Revision ID: 9d41c2e7f0b3
Revises: 564524003ab8
Create Date: 2026-11-26 15:05:00

"""
from alembic import op
import sqlalchemy as sa


revision = '9d41c2e7f0b3'
down_revision = '564524003ab8'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.create_index('uq_assignment_open', ['lao_id', 'user_id', 'subsystem'], unique=True, sqlite_where=sa.text("status IN ('active', 'pending_approval')"), postgresql_where=sa.text("status IN ('active', 'pending_approval')"))


def downgrade():
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.drop_index('uq_assignment_open', sqlite_where=sa.text("status IN ('active', 'pending_approval')"), postgresql_where=sa.text("status IN ('active', 'pending_approval')"))
