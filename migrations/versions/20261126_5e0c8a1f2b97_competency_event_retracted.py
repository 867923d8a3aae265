"""evidence withdrawn when its certificate is revoked

Revision ID: 5e0c8a1f2b97
Revises: 9d41c2e7f0b3
Create Date: 2026-11-26 19:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = '5e0c8a1f2b97'
down_revision = '9d41c2e7f0b3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('competency_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retracted_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('competency_event', schema=None) as batch_op:
        batch_op.drop_column('retracted_at')
