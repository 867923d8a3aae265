"""two-party transfers (the destination asks, the source or the person releases); an e-mail
address the person confirmed; a role request withdrawn when its person leaves the LAO

Revision ID: 35c2eaa895da
Revises: 2467901fe5f6
Create Date: 2026-12-07 01:08:56

"""
from alembic import op
import sqlalchemy as sa

import app.db

revision = '35c2eaa895da'
down_revision = '2467901fe5f6'
branch_labels = None
depends_on = None

GRANT_STATUS = "status IN ('pending', 'confirmed', 'refused', 'withdrawn')"
DECIDED = "(status IN ('confirmed', 'refused')) = (decided_by_id IS NOT NULL)"
DECIDED_AT = "(status = 'pending') = (decided_at IS NULL)"
OLD_GRANT_STATUS = "status IN ('pending', 'confirmed', 'refused')"
OLD_DECIDED = "(status = 'pending') = (decided_by_id IS NULL)"
OLD_DECIDED_AT = "(decided_by_id IS NULL) = (decided_at IS NULL)"
OPEN = sa.text("status IN ('requested', 'released')")


def upgrade():
    op.create_table('transfer_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('from_lao_id', sa.Integer(), nullable=False),
    sa.Column('to_lao_id', sa.Integer(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), server_default='requested', nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=False),
    sa.Column('released_by_id', sa.Integer(), nullable=True),
    sa.Column('released_at', app.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('cancelled_by_id', sa.Integer(), nullable=True),
    sa.Column('cancelled_at', app.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('done_at', app.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', app.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(status = 'cancelled') = (cancelled_by_id IS NOT NULL)", name=op.f('ck_transfer_request_cancelled')),
    sa.CheckConstraint("(status = 'done') = (done_at IS NOT NULL)", name=op.f('ck_transfer_request_done')),
    sa.CheckConstraint("(status IN ('released', 'done')) = (released_by_id IS NOT NULL)", name=op.f('ck_transfer_request_released')),
    sa.CheckConstraint("status IN ('requested', 'released', 'done', 'cancelled')", name=op.f('ck_transfer_request_status')),
    sa.CheckConstraint('from_lao_id <> to_lao_id', name=op.f('ck_transfer_request_different_lao')),
    sa.ForeignKeyConstraint(['cancelled_by_id'], ['app_user.id'], name=op.f('fk_transfer_request_cancelled_by_id_app_user')),
    sa.ForeignKeyConstraint(['from_lao_id'], ['lao.id'], name=op.f('fk_transfer_request_from_lao_id_lao')),
    sa.ForeignKeyConstraint(['released_by_id'], ['app_user.id'], name=op.f('fk_transfer_request_released_by_id_app_user')),
    sa.ForeignKeyConstraint(['requested_by_id'], ['app_user.id'], name=op.f('fk_transfer_request_requested_by_id_app_user')),
    sa.ForeignKeyConstraint(['to_lao_id'], ['lao.id'], name=op.f('fk_transfer_request_to_lao_id_lao')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_transfer_request_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transfer_request'))
    )
    with op.batch_alter_table('transfer_request', schema=None) as batch_op:
        batch_op.create_index('ix_transfer_request_due', ['status', 'effective_from'], unique=False)
        batch_op.create_index(batch_op.f('ix_transfer_request_from_lao_id'), ['from_lao_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_transfer_request_to_lao_id'), ['to_lao_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_transfer_request_user_id'), ['user_id'], unique=False)
        batch_op.create_index('uq_transfer_request_open', ['user_id', 'to_lao_id'], unique=True, sqlite_where=OPEN, postgresql_where=OPEN)

    # a plain ADD COLUMN: batch mode would copy app_user, which every table points at
    op.add_column('app_user', sa.Column('email_confirmed_at', app.db.UTCDateTime(timezone=True), nullable=True))

    # a grant whose person left is 'withdrawn': decided by nobody, at a moment
    with op.batch_alter_table('role_grant', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_role_grant_status'), type_='check')
        batch_op.drop_constraint(op.f('ck_role_grant_decided'), type_='check')
        batch_op.drop_constraint(op.f('ck_role_grant_decided_at'), type_='check')
        batch_op.create_check_constraint(op.f('ck_role_grant_status'), sa.text(GRANT_STATUS))
        batch_op.create_check_constraint(op.f('ck_role_grant_decided'), sa.text(DECIDED))
        batch_op.create_check_constraint(op.f('ck_role_grant_decided_at'), sa.text(DECIDED_AT))



def downgrade():
    # a withdrawn request reads as refused by nobody, which the old rules cannot hold:
    # it goes, like the transfer requests themselves
    op.execute("DELETE FROM role_grant WHERE status = 'withdrawn'")
    with op.batch_alter_table('role_grant', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_role_grant_status'), type_='check')
        batch_op.drop_constraint(op.f('ck_role_grant_decided'), type_='check')
        batch_op.drop_constraint(op.f('ck_role_grant_decided_at'), type_='check')
        batch_op.create_check_constraint(op.f('ck_role_grant_status'), sa.text(OLD_GRANT_STATUS))
        batch_op.create_check_constraint(op.f('ck_role_grant_decided'), sa.text(OLD_DECIDED))
        batch_op.create_check_constraint(op.f('ck_role_grant_decided_at'), sa.text(OLD_DECIDED_AT))

    op.drop_column('app_user', 'email_confirmed_at')

    with op.batch_alter_table('transfer_request', schema=None) as batch_op:
        batch_op.drop_index('uq_transfer_request_open', sqlite_where=OPEN, postgresql_where=OPEN)
        batch_op.drop_index(batch_op.f('ix_transfer_request_user_id'))
        batch_op.drop_index(batch_op.f('ix_transfer_request_to_lao_id'))
        batch_op.drop_index(batch_op.f('ix_transfer_request_from_lao_id'))
        batch_op.drop_index('ix_transfer_request_due')

    op.drop_table('transfer_request')
