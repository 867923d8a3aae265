"""reporting calendar: occurrences of the duties file per LAO, reminders sent (once per
occurrence and stage), LAO lead times and own dates, secret feed addresses

Revision ID: 2467901fe5f6
Revises: c12856c8631f
Create Date: 2026-12-07 01:06:27

"""
from alembic import op
import sqlalchemy as sa


revision = '2467901fe5f6'
down_revision = 'c12856c8631f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('calendar_duty_date',
    sa.Column('lao_id', sa.Integer(), nullable=False),
    sa.Column('duty', sa.String(length=60), nullable=False),
    sa.Column('month', sa.Integer(), nullable=True),
    sa.Column('day', sa.Integer(), nullable=False),
    sa.CheckConstraint('day BETWEEN 1 AND 31', name=op.f('ck_calendar_duty_date_day')),
    sa.CheckConstraint('month IS NULL OR month BETWEEN 1 AND 12', name=op.f('ck_calendar_duty_date_month')),
    sa.ForeignKeyConstraint(['lao_id'], ['lao.id'], name=op.f('fk_calendar_duty_date_lao_id_lao')),
    sa.PrimaryKeyConstraint('lao_id', 'duty', name=op.f('pk_calendar_duty_date'))
    )
    op.create_table('calendar_settings',
    sa.Column('lao_id', sa.Integer(), nullable=False),
    sa.Column('lead_days', sa.Integer(), server_default='15', nullable=False),
    sa.CheckConstraint('lead_days BETWEEN 1 AND 60', name=op.f('ck_calendar_settings_lead_days')),
    sa.ForeignKeyConstraint(['lao_id'], ['lao.id'], name=op.f('fk_calendar_settings_lao_id_lao')),
    sa.PrimaryKeyConstraint('lao_id', name=op.f('pk_calendar_settings'))
    )
    op.create_table('calendar_feed',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=10), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("scope IN ('mine', 'lao')", name=op.f('ck_calendar_feed_scope')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_calendar_feed_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_feed')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_calendar_feed_token_hash')),
    sa.UniqueConstraint('user_id', 'scope', name='uq_calendar_feed_user_id')
    )
    op.create_table('calendar_occurrence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lao_id', sa.Integer(), nullable=False),
    sa.Column('duty', sa.String(length=60), nullable=False),
    sa.Column('subsystem', sa.String(length=20), nullable=False),
    sa.Column('due', sa.Date(), nullable=False),
    sa.Column('needs_approval', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('reference', sa.String(length=100), nullable=True),
    sa.Column('note', sa.String(length=1000), nullable=True),
    sa.Column('marked_by_id', sa.Integer(), nullable=True),
    sa.Column('marked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(status = 'done') = (completed_on IS NOT NULL)", name=op.f('ck_calendar_occurrence_completed')),
    sa.CheckConstraint("(status = 'open') = (marked_at IS NULL)", name=op.f('ck_calendar_occurrence_marked')),
    sa.CheckConstraint("(status = 'open') = (reference IS NULL)", name=op.f('ck_calendar_occurrence_reference')),
    sa.CheckConstraint("status IN ('open', 'submitted', 'done')", name=op.f('ck_calendar_occurrence_status')),
    sa.CheckConstraint('approved_by_id IS NULL OR approved_by_id <> marked_by_id', name=op.f('ck_calendar_occurrence_four_eyes')),
    sa.ForeignKeyConstraint(['approved_by_id'], ['app_user.id'], name=op.f('fk_calendar_occurrence_approved_by_id_app_user')),
    sa.ForeignKeyConstraint(['lao_id'], ['lao.id'], name=op.f('fk_calendar_occurrence_lao_id_lao')),
    sa.ForeignKeyConstraint(['marked_by_id'], ['app_user.id'], name=op.f('fk_calendar_occurrence_marked_by_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_occurrence')),
    sa.UniqueConstraint('lao_id', 'duty', 'due', name='uq_calendar_occurrence_lao_duty_due')
    )
    with op.batch_alter_table('calendar_occurrence', schema=None) as batch_op:
        batch_op.create_index('ix_calendar_occurrence_lao_due', ['lao_id', 'due'], unique=False)

    op.create_table('calendar_reminder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('occurrence_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=10), nullable=False),
    sa.Column('recipients', sa.Integer(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("stage IN ('upcoming', 'overdue')", name=op.f('ck_calendar_reminder_stage')),
    sa.ForeignKeyConstraint(['occurrence_id'], ['calendar_occurrence.id'], name=op.f('fk_calendar_reminder_occurrence_id_calendar_occurrence'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_reminder')),
    sa.UniqueConstraint('occurrence_id', 'stage', name='uq_calendar_reminder_occurrence_stage')
    )


def downgrade():
    op.drop_table('calendar_reminder')
    with op.batch_alter_table('calendar_occurrence', schema=None) as batch_op:
        batch_op.drop_index('ix_calendar_occurrence_lao_due')

    op.drop_table('calendar_occurrence')
    op.drop_table('calendar_feed')
    op.drop_table('calendar_settings')
    op.drop_table('calendar_duty_date')
