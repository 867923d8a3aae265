"""workload volumes and settings

Revision ID: c744ded66291
Revises: 24f2e08b5b6f
Create Date: 2026-11-26 14:28:23.466635

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c744ded66291'
down_revision = '7b3e51c0a2d4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('workload_volume',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lao_id', sa.Integer(), nullable=False),
    sa.Column('subsystem', sa.String(length=20), nullable=False),
    sa.Column('activity', sa.String(length=60), nullable=False),
    sa.Column('volume', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('volume >= 0', name=op.f('ck_workload_volume_volume')),
    sa.ForeignKeyConstraint(['lao_id'], ['lao.id'], name=op.f('fk_workload_volume_lao_id_lao')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workload_volume')),
    sa.UniqueConstraint('lao_id', 'activity', name='uq_workload_volume_lao_activity')
    )
    with op.batch_alter_table('workload_volume', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workload_volume_lao_id'), ['lao_id'], unique=False)

    op.create_table('workload_settings',
    sa.Column('lao_id', sa.Integer(), nullable=False),
    sa.Column('working_days', sa.Double(), nullable=False),
    sa.Column('public_holidays', sa.Double(), nullable=False),
    sa.Column('annual_leave', sa.Double(), nullable=False),
    sa.Column('sick_leave', sa.Double(), nullable=False),
    sa.Column('other_leave', sa.Double(), nullable=False),
    sa.Column('hours_per_day', sa.Double(), nullable=False),
    sa.Column('cas', sa.JSON(), nullable=False),
    sa.Column('ias_hours', sa.JSON(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('hours_per_day >= 1 AND hours_per_day <= 24', name=op.f('ck_workload_settings_hours_per_day')),
    sa.CheckConstraint('public_holidays + annual_leave + sick_leave + other_leave < working_days', name=op.f('ck_workload_settings_working_time')),
    sa.CheckConstraint('public_holidays >= 0 AND annual_leave >= 0 AND sick_leave >= 0 AND other_leave >= 0', name=op.f('ck_workload_settings_leave')),
    sa.CheckConstraint('working_days >= 0 AND working_days <= 366', name=op.f('ck_workload_settings_working_days')),
    sa.ForeignKeyConstraint(['lao_id'], ['lao.id'], name=op.f('fk_workload_settings_lao_id_lao')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['app_user.id'], name=op.f('fk_workload_settings_updated_by_id_app_user')),
    sa.PrimaryKeyConstraint('lao_id', name=op.f('pk_workload_settings'))
    )


def downgrade():
    op.drop_table('workload_settings')
    with op.batch_alter_table('workload_volume', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workload_volume_lao_id'))

    op.drop_table('workload_volume')
