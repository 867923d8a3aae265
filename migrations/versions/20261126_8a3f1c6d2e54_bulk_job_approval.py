"""a cohort's certificates asked for by HR wait for an executive's approval

Revision ID: 8a3f1c6d2e54
Revises: 5e0c8a1f2b97
Create Date: 2026-11-26 19:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '8a3f1c6d2e54'
down_revision = '5e0c8a1f2b97'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('bulk_job', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_bulk_job_status'), type_='check')
        batch_op.create_check_constraint(
            'status', "status IN ('awaiting', 'queued', 'running', 'done', 'failed')")
        batch_op.add_column(sa.Column('approved_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_bulk_job_approved_by_id_app_user'),
                                    'app_user', ['approved_by_id'], ['id'])


def downgrade():
    op.execute("UPDATE bulk_job SET status = 'failed' WHERE status = 'awaiting'")
    with op.batch_alter_table('bulk_job', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_bulk_job_approved_by_id_app_user'),
                                 type_='foreignkey')
        batch_op.drop_column('approved_at')
        batch_op.drop_column('approved_by_id')
        batch_op.drop_constraint(batch_op.f('ck_bulk_job_status'), type_='check')
        batch_op.create_check_constraint(
            'status', "status IN ('queued', 'running', 'done', 'failed')")
