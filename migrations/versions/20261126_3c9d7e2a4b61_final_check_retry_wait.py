"""the final check waits after several failed tries in a row

Revision ID: 3c9d7e2a4b61
Revises: 8a3f1c6d2e54
Create Date: 2026-11-26 19:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = '3c9d7e2a4b61'
down_revision = '8a3f1c6d2e54'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('module_progress', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed_in_row', sa.Integer(), server_default='0',
                                      nullable=False))
        batch_op.add_column(sa.Column('last_failed_at', sa.DateTime(timezone=True),
                                      nullable=True))


def downgrade():
    with op.batch_alter_table('module_progress', schema=None) as batch_op:
        batch_op.drop_column('last_failed_at')
        batch_op.drop_column('failed_in_row')
