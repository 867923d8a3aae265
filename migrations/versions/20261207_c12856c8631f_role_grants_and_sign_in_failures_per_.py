"""role grants wait for a second party; failed sign-ins counted per username, known or not

Revision ID: c12856c8631f
Revises: 1d3d5fc3f1e5
Create Date: 2026-12-07 00:46:10

"""
from alembic import op
import sqlalchemy as sa


revision = 'c12856c8631f'
down_revision = '1d3d5fc3f1e5'
branch_labels = None
depends_on = None

PENDING = sa.text("status = 'pending'")


def upgrade():
    op.create_table('sign_in_failure',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), server_default='0', nullable=False),
    sa.Column('last_failed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_sign_in_failure'))
    )
    with op.batch_alter_table('sign_in_failure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_failure_last_failed_at'), ['last_failed_at'], unique=False)

    op.create_table('role_grant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lao_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=10), server_default='pending', nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(status = 'pending') = (decided_by_id IS NULL)", name=op.f('ck_role_grant_decided')),
    sa.CheckConstraint("role IN ('hr', 'executive')", name=op.f('ck_role_grant_role')),
    sa.CheckConstraint("status IN ('pending', 'confirmed', 'refused')", name=op.f('ck_role_grant_status')),
    sa.CheckConstraint('(decided_by_id IS NULL) = (decided_at IS NULL)', name=op.f('ck_role_grant_decided_at')),
    sa.CheckConstraint('decided_by_id <> user_id AND decided_by_id <> requested_by_id', name=op.f('ck_role_grant_second_party')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['app_user.id'], name=op.f('fk_role_grant_decided_by_id_app_user')),
    sa.ForeignKeyConstraint(['lao_id'], ['lao.id'], name=op.f('fk_role_grant_lao_id_lao')),
    sa.ForeignKeyConstraint(['requested_by_id'], ['app_user.id'], name=op.f('fk_role_grant_requested_by_id_app_user')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_role_grant_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_role_grant'))
    )
    with op.batch_alter_table('role_grant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_role_grant_lao_id'), ['lao_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_role_grant_user_id'), ['user_id'], unique=False)
        batch_op.create_index('uq_role_grant_pending', ['user_id'], unique=True, sqlite_where=PENDING, postgresql_where=PENDING)

    # the lockout moved to sign_in_failure; a plain DROP COLUMN (SQLite 3.35+) instead of
    # batch mode, which would copy app_user, the table every other table points at
    op.drop_column('app_user', 'locked_until')
    op.drop_column('app_user', 'failed_logins')


def downgrade():
    op.add_column('app_user', sa.Column('failed_logins', sa.Integer(), server_default='0', nullable=False))
    op.add_column('app_user', sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table('role_grant', schema=None) as batch_op:
        batch_op.drop_index('uq_role_grant_pending', sqlite_where=PENDING, postgresql_where=PENDING)
        batch_op.drop_index(batch_op.f('ix_role_grant_user_id'))
        batch_op.drop_index(batch_op.f('ix_role_grant_lao_id'))
    op.drop_table('role_grant')

    with op.batch_alter_table('sign_in_failure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_failure_last_failed_at'))
    op.drop_table('sign_in_failure')
