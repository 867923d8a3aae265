"""content, placement attempts, enrolments, competency evidence

Revision ID: dd2e9414ead1
Revises: af577586e7c4
Create Date: 2026-11-26 14:12:40.255283

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'dd2e9414ead1'
down_revision = 'af577586e7c4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('course',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=60), nullable=False),
    sa.Column('subsystem', sa.String(length=20), nullable=False),
    sa.Column('audience', sa.String(length=20), nullable=False),
    sa.Column('mandatory', sa.Boolean(), nullable=False),
    sa.Column('title_th', sa.String(length=300), nullable=False),
    sa.Column('title_en', sa.String(length=300), nullable=False),
    sa.Column('summary_th', sa.Text(), nullable=False),
    sa.Column('changelog', sa.JSON(), nullable=False),
    sa.CheckConstraint("audience IN ('officer', 'executive')", name=op.f('ck_course_audience')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course')),
    sa.UniqueConstraint('slug', name=op.f('uq_course_slug'))
    )
    with op.batch_alter_table('course', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_subsystem'), ['subsystem'], unique=False)

    op.create_table('placement_bank',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subsystem', sa.String(length=20), nullable=False),
    sa.Column('time_limit_minutes', sa.Integer(), nullable=False),
    sa.Column('items_per_attempt', sa.Integer(), nullable=False),
    sa.Column('cut_scores', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_placement_bank')),
    sa.UniqueConstraint('subsystem', name=op.f('uq_placement_bank_subsystem'))
    )
    op.create_table('topic',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subsystem', sa.String(length=20), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name_th', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_topic')),
    sa.UniqueConstraint('subsystem', 'code', name=op.f('uq_topic_subsystem'))
    )
    op.create_table('module',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title_th', sa.String(length=300), nullable=False),
    sa.Column('title_en', sa.String(length=300), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('last_reviewed', sa.Date(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('source_path', sa.String(length=300), nullable=False),
    sa.Column('retired', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("kind IN ('lesson', 'final')", name=op.f('ck_module_kind')),
    sa.CheckConstraint('level BETWEEN 1 AND 3', name=op.f('ck_module_level')),
    sa.ForeignKeyConstraint(['course_id'], ['course.id'], name=op.f('fk_module_course_id_course')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_module')),
    sa.UniqueConstraint('slug', name=op.f('uq_module_slug'))
    )
    with op.batch_alter_table('module', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_module_course_id'), ['course_id'], unique=False)

    op.create_table('question',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=80), nullable=False),
    sa.Column('subsystem', sa.String(length=20), nullable=False),
    sa.Column('module_id', sa.Integer(), nullable=True),
    sa.Column('topic', sa.String(length=40), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('retired', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint('level BETWEEN 1 AND 3', name=op.f('ck_question_level')),
    sa.ForeignKeyConstraint(['module_id'], ['module.id'], name=op.f('fk_question_module_id_module')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question')),
    sa.UniqueConstraint('ref', name=op.f('uq_question_ref'))
    )
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_module_id'), ['module_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_question_subsystem'), ['subsystem'], unique=False)

    op.create_table('question_option',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('correct', sa.Boolean(), nullable=False),
    sa.Column('retired', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_question_option_question_id_question')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_option')),
    sa.UniqueConstraint('question_id', 'position', name=op.f('uq_question_option_question_id'))
    )
    with op.batch_alter_table('question_option', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_option_question_id'), ['question_id'], unique=False)

    op.create_table('attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('lao_id', sa.Integer(), nullable=True),
    sa.Column('subsystem', sa.String(length=20), nullable=False),
    sa.Column('seed', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('level', sa.Integer(), nullable=True),
    sa.Column('topics', sa.JSON(), nullable=True),
    sa.Column('learning_path', sa.JSON(), nullable=True),
    sa.CheckConstraint("(status = 'open') = (finished_at IS NULL)", name=op.f('ck_attempt_finished')),
    sa.CheckConstraint("status IN ('open', 'submitted', 'expired')", name=op.f('ck_attempt_status')),
    sa.CheckConstraint('level IS NULL OR level BETWEEN 0 AND 3', name=op.f('ck_attempt_level')),
    sa.ForeignKeyConstraint(['lao_id'], ['lao.id'], name=op.f('fk_attempt_lao_id_lao')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_attempt_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attempt'))
    )
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attempt_lao_id'), ['lao_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attempt_user_id'), ['user_id'], unique=False)
        batch_op.create_index('uq_attempt_open', ['user_id', 'subsystem'], unique=True, sqlite_where=sa.text("status = 'open'"), postgresql_where=sa.text("status = 'open'"))

    op.create_table('competency_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('subsystem', sa.String(length=20), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('achieved_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('evidence_ref', sa.String(length=60), nullable=False),
    sa.CheckConstraint("source IN ('placement', 'course', 'certificate')", name=op.f('ck_competency_event_source')),
    sa.CheckConstraint('level BETWEEN 0 AND 3', name=op.f('ck_competency_event_level')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_competency_event_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_competency_event'))
    )
    with op.batch_alter_table('competency_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_competency_event_user_id'), ['user_id'], unique=False)

    op.create_table('enrollment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("(completed_at IS NULL) = (status = 'in_progress')", name=op.f('ck_enrollment_completed')),
    sa.CheckConstraint("status IN ('in_progress', 'completed')", name=op.f('ck_enrollment_status')),
    sa.ForeignKeyConstraint(['course_id'], ['course.id'], name=op.f('fk_enrollment_course_id_course')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_enrollment_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enrollment')),
    sa.UniqueConstraint('user_id', 'course_id', name=op.f('uq_enrollment_user_id'))
    )
    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enrollment_course_id'), ['course_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_enrollment_user_id'), ['user_id'], unique=False)

    op.create_table('attempt_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('option_order', sa.JSON(), nullable=False),
    sa.Column('answer_option_id', sa.Integer(), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['answer_option_id'], ['question_option.id'], name=op.f('fk_attempt_item_answer_option_id_question_option')),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempt.id'], name=op.f('fk_attempt_item_attempt_id_attempt')),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_attempt_item_question_id_question')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attempt_item'))
    )
    with op.batch_alter_table('attempt_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attempt_item_attempt_id'), ['attempt_id'], unique=False)

    op.create_table('module_progress',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('enrollment_id', sa.Integer(), nullable=False),
    sa.Column('module_id', sa.Integer(), nullable=False),
    sa.Column('opened_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('passed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('best_score', sa.Float(), nullable=False),
    sa.Column('tries', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['enrollment_id'], ['enrollment.id'], name=op.f('fk_module_progress_enrollment_id_enrollment')),
    sa.ForeignKeyConstraint(['module_id'], ['module.id'], name=op.f('fk_module_progress_module_id_module')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_module_progress')),
    sa.UniqueConstraint('enrollment_id', 'module_id', name=op.f('uq_module_progress_enrollment_id'))
    )
    with op.batch_alter_table('module_progress', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_module_progress_enrollment_id'), ['enrollment_id'], unique=False)


def downgrade():
    with op.batch_alter_table('module_progress', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_module_progress_enrollment_id'))

    op.drop_table('module_progress')
    with op.batch_alter_table('attempt_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attempt_item_attempt_id'))

    op.drop_table('attempt_item')
    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enrollment_user_id'))
        batch_op.drop_index(batch_op.f('ix_enrollment_course_id'))

    op.drop_table('enrollment')
    with op.batch_alter_table('competency_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_competency_event_user_id'))

    op.drop_table('competency_event')
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_index('uq_attempt_open', sqlite_where=sa.text("status = 'open'"), postgresql_where=sa.text("status = 'open'"))
        batch_op.drop_index(batch_op.f('ix_attempt_user_id'))
        batch_op.drop_index(batch_op.f('ix_attempt_lao_id'))

    op.drop_table('attempt')
    with op.batch_alter_table('question_option', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_option_question_id'))

    op.drop_table('question_option')
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_subsystem'))
        batch_op.drop_index(batch_op.f('ix_question_module_id'))

    op.drop_table('question')
    with op.batch_alter_table('module', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_module_course_id'))

    op.drop_table('module')
    op.drop_table('topic')
    op.drop_table('placement_bank')
    with op.batch_alter_table('course', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_subsystem'))

    op.drop_table('course')
