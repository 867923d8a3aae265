"""competency_latest: newest evidence per person, system and source

Revision ID: 7b3e51c0a2d4
Revises: 24f2e08b5b6f
Create Date: 2026-11-26 14:45:00

"""
from alembic import op
import sqlalchemy as sa


revision = '7b3e51c0a2d4'
down_revision = '24f2e08b5b6f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('competency_latest',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('subsystem', sa.String(length=20), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('achieved_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.CheckConstraint("source IN ('placement', 'course', 'certificate')", name=op.f('ck_competency_latest_source')),
    sa.ForeignKeyConstraint(['event_id'], ['competency_event.id'], name=op.f('fk_competency_latest_event_id_competency_event')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_competency_latest_user_id_app_user')),
    sa.PrimaryKeyConstraint('user_id', 'subsystem', 'source', name=op.f('pk_competency_latest'))
    )
    with op.batch_alter_table('competency_latest', schema=None) as batch_op:
        batch_op.create_index('ix_competency_latest_subsystem_expires', ['subsystem', 'expires_at'], unique=False)
    # derived from the existing history: the newest event per person, system and source
    op.execute("""
        INSERT INTO competency_latest
            (user_id, subsystem, source, level, achieved_at, expires_at, event_id)
        SELECT user_id, subsystem, source, level, achieved_at, expires_at, id FROM (
            SELECT competency_event.*, row_number() OVER (
                PARTITION BY user_id, subsystem, source
                ORDER BY achieved_at DESC, id DESC) AS rn
            FROM competency_event) AS ranked
        WHERE rn = 1
    """)


def downgrade():
    with op.batch_alter_table('competency_latest', schema=None) as batch_op:
        batch_op.drop_index('ix_competency_latest_subsystem_expires')
    op.drop_table('competency_latest')
