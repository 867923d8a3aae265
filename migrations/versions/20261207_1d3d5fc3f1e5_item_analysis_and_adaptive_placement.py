"""answers of module checks kept for item analysis; Rasch difficulty per question; adaptive
placement attempts (ability estimate, blocks)

Revision ID: 1d3d5fc3f1e5
Revises: 3c9d7e2a4b61
Create Date: 2026-12-07 00:44:28.841100

"""
from alembic import op
import sqlalchemy as sa


revision = '1d3d5fc3f1e5'
down_revision = '3c9d7e2a4b61'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('check_response',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('progress_id', sa.Integer(), nullable=False),
    sa.Column('try_no', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('option_id', sa.Integer(), nullable=True),
    sa.Column('correct', sa.Boolean(), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['option_id'], ['question_option.id'], name=op.f('fk_check_response_option_id_question_option')),
    sa.ForeignKeyConstraint(['progress_id'], ['module_progress.id'], name=op.f('fk_check_response_progress_id_module_progress')),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_check_response_question_id_question')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_check_response'))
    )
    with op.batch_alter_table('check_response', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_check_response_question_id'), ['question_id'], unique=False)
        batch_op.create_index('ix_check_response_try', ['progress_id', 'try_no'], unique=False)

    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('adaptive', sa.Boolean(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('theta', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('theta_se', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('level_confidence', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('done', sa.Boolean(), server_default='0', nullable=False))

    with op.batch_alter_table('attempt_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('block', sa.Integer(), server_default='0', nullable=False))

    with op.batch_alter_table('placement_bank', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mode', sa.String(length=10), server_default='fixed', nullable=False))

    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.add_column(sa.Column('difficulty', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('calibrated_n', sa.Integer(), server_default='0', nullable=False))



def downgrade():
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_column('calibrated_n')
        batch_op.drop_column('difficulty')

    with op.batch_alter_table('placement_bank', schema=None) as batch_op:
        batch_op.drop_column('mode')

    with op.batch_alter_table('attempt_item', schema=None) as batch_op:
        batch_op.drop_column('block')

    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_column('done')
        batch_op.drop_column('level_confidence')
        batch_op.drop_column('theta_se')
        batch_op.drop_column('theta')
        batch_op.drop_column('adaptive')

    with op.batch_alter_table('check_response', schema=None) as batch_op:
        batch_op.drop_index('ix_check_response_try')
        batch_op.drop_index(batch_op.f('ix_check_response_question_id'))

    op.drop_table('check_response')
