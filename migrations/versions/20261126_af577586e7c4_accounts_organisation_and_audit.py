"""accounts, organisation and audit

Revision ID: af577586e7c4
Revises: (none)
Create Date: 2026-11-26 14:05:39.915505

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'af577586e7c4'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('province',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=2), nullable=False),
    sa.Column('name_th', sa.String(length=100), nullable=False),
    sa.Column('name_en', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_province')),
    sa.UniqueConstraint('code', name=op.f('uq_province_code'))
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.String(length=500), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('district',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=4), nullable=False),
    sa.Column('province_id', sa.Integer(), nullable=False),
    sa.Column('name_th', sa.String(length=100), nullable=False),
    sa.Column('name_en', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['province_id'], ['province.id'], name=op.f('fk_district_province_id_province')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_district')),
    sa.UniqueConstraint('code', name=op.f('uq_district_code'))
    )
    with op.batch_alter_table('district', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_district_province_id'), ['province_id'], unique=False)

    op.create_table('lao',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=7), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('type', sa.String(length=30), nullable=False),
    sa.Column('size_class', sa.String(length=1), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("size_class IN ('S', 'M', 'L')", name=op.f('ck_lao_size_class')),
    sa.CheckConstraint("type IN ('pao', 'city', 'town', 'subdistrict_municipality', 'sao')", name=op.f('ck_lao_type')),
    sa.CheckConstraint('length(code) = 7', name=op.f('ck_lao_code_length')),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_lao_district_id_district')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lao')),
    sa.UniqueConstraint('code', name=op.f('uq_lao_code'))
    )
    with op.batch_alter_table('lao', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lao_district_id'), ['district_id'], unique=False)

    op.create_table('unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lao_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['lao_id'], ['lao.id'], name=op.f('fk_unit_lao_id_lao')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit')),
    sa.UniqueConstraint('lao_id', 'name', name=op.f('uq_unit_lao_id'))
    )
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_lao_id'), ['lao_id'], unique=False)

    op.create_table('app_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=60), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=10), server_default='active', nullable=False),
    sa.Column('lao_id', sa.Integer(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.String(length=200), nullable=True),
    sa.Column('national_id_hash', sa.String(length=64), nullable=True),
    sa.Column('national_id_last4', sa.String(length=4), nullable=True),
    sa.Column('scope_level', sa.String(length=10), nullable=True),
    sa.Column('scope_area_id', sa.Integer(), nullable=True),
    sa.Column('password_hash', sa.String(length=255), nullable=True),
    sa.Column('failed_logins', sa.Integer(), server_default='0', nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('session_epoch', sa.Integer(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(role = 'supervisor') = (scope_level IS NOT NULL)", name=op.f('ck_app_user_supervisor_scope')),
    sa.CheckConstraint("(role IN ('officer', 'hr', 'executive')) = (lao_id IS NOT NULL)", name=op.f('ck_app_user_lao_role')),
    sa.CheckConstraint("role IN ('officer', 'hr', 'executive', 'supervisor', 'admin')", name=op.f('ck_app_user_role')),
    sa.CheckConstraint("scope_level IS NULL OR scope_level = 'country' OR scope_area_id IS NOT NULL", name=op.f('ck_app_user_scope_area')),
    sa.CheckConstraint("scope_level IS NULL OR scope_level IN ('district', 'province', 'country')", name=op.f('ck_app_user_scope_level')),
    sa.CheckConstraint("status IN ('active', 'inactive')", name=op.f('ck_app_user_status')),
    sa.ForeignKeyConstraint(['lao_id'], ['lao.id'], name=op.f('fk_app_user_lao_id_lao')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_app_user_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('national_id_hash', name=op.f('uq_app_user_national_id_hash')),
    sa.UniqueConstraint('username', name=op.f('uq_app_user_username'))
    )
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_app_user_lao_id'), ['lao_id'], unique=False)

    op.create_table('api_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_api_token_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_token')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_token_token_hash'))
    )
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_token_user_id'), ['user_id'], unique=False)

    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('lao_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('target_type', sa.String(length=40), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=True),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['app_user.id'], name=op.f('fk_audit_event_actor_id_app_user')),
    sa.ForeignKeyConstraint(['lao_id'], ['lao.id'], name=op.f('fk_audit_event_lao_id_lao')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_lao_id'), ['lao_id'], unique=False)

    op.create_table('password_reset',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('secret_hash', sa.String(length=64), nullable=False),
    sa.Column('issued_by_id', sa.Integer(), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('failed_attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('link', 'code')", name=op.f('ck_password_reset_kind')),
    sa.ForeignKeyConstraint(['issued_by_id'], ['app_user.id'], name=op.f('fk_password_reset_issued_by_id_app_user')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_password_reset_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_password_reset')),
    sa.UniqueConstraint('secret_hash', name=op.f('uq_password_reset_secret_hash'))
    )
    with op.batch_alter_table('password_reset', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_password_reset_user_id'), ['user_id'], unique=False)

    op.create_table('staff_transfer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('from_lao_id', sa.Integer(), nullable=False),
    sa.Column('to_lao_id', sa.Integer(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('from_lao_id <> to_lao_id', name=op.f('ck_staff_transfer_different_lao')),
    sa.ForeignKeyConstraint(['by_id'], ['app_user.id'], name=op.f('fk_staff_transfer_by_id_app_user')),
    sa.ForeignKeyConstraint(['from_lao_id'], ['lao.id'], name=op.f('fk_staff_transfer_from_lao_id_lao')),
    sa.ForeignKeyConstraint(['to_lao_id'], ['lao.id'], name=op.f('fk_staff_transfer_to_lao_id_lao')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_staff_transfer_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_transfer'))
    )
    with op.batch_alter_table('staff_transfer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_transfer_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('staff_transfer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_transfer_user_id'))

    op.drop_table('staff_transfer')
    with op.batch_alter_table('password_reset', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_password_reset_user_id'))

    op.drop_table('password_reset')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_lao_id'))
        batch_op.drop_index(batch_op.f('ix_audit_event_at'))

    op.drop_table('audit_event')
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_token_user_id'))

    op.drop_table('api_token')
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_app_user_lao_id'))

    op.drop_table('app_user')
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_lao_id'))

    op.drop_table('unit')
    with op.batch_alter_table('lao', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lao_district_id'))

    op.drop_table('lao')
    with op.batch_alter_table('district', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_district_province_id'))

    op.drop_table('district')
    op.drop_table('setting')
    op.drop_table('province')
