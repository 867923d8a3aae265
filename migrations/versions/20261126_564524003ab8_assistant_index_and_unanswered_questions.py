"""assistant index and unanswered questions

Revision ID: 564524003ab8
Revises: c744ded66291
Create Date: 2026-11-26 14:28:48.744627

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '564524003ab8'
down_revision = 'c744ded66291'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('assistant_index',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('build', sa.String(length=32), nullable=False),
    sa.Column('built_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('documents', sa.Integer(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assistant_index')),
    sa.UniqueConstraint('build', name=op.f('uq_assistant_index_build')),
    sa.UniqueConstraint('version', name=op.f('uq_assistant_index_version'))
    )
    op.create_table('assistant_unanswered',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('asked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('question', sa.String(length=500), nullable=False),
    sa.Column('normalized', sa.String(length=500), nullable=False),
    sa.Column('subsystem', sa.String(length=20), nullable=True),
    sa.Column('lao_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("subsystem IS NULL OR subsystem IN ('e-plan', 'e-laas', 'e-gp', 'e-bidding', 'info', 'e-office')", name=op.f('ck_assistant_unanswered_subsystem')),
    sa.ForeignKeyConstraint(['lao_id'], ['lao.id'], name=op.f('fk_assistant_unanswered_lao_id_lao')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assistant_unanswered'))
    )
    with op.batch_alter_table('assistant_unanswered', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assistant_unanswered_asked_at'), ['asked_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_assistant_unanswered_lao_id'), ['lao_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assistant_unanswered_normalized'), ['normalized'], unique=False)



def downgrade():
    with op.batch_alter_table('assistant_unanswered', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assistant_unanswered_normalized'))
        batch_op.drop_index(batch_op.f('ix_assistant_unanswered_lao_id'))
        batch_op.drop_index(batch_op.f('ix_assistant_unanswered_asked_at'))

    op.drop_table('assistant_unanswered')
    op.drop_table('assistant_index')
