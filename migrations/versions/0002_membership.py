"""Membership: resolutions, applications, memberships (one active per person)

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('resolutions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('collective_code', sa.String(length=14), nullable=False),
    sa.Column('body', sa.String(length=16), nullable=False),
    sa.Column('subject', sa.String(length=16), nullable=False),
    sa.Column('notice_date', sa.Date(), nullable=False),
    sa.Column('meeting_date', sa.Date(), nullable=False),
    sa.Column('members_total', sa.Integer(), nullable=False),
    sa.Column('members_with_capacity', sa.Integer(), nullable=False),
    sa.Column('attended', sa.Integer(), nullable=False),
    sa.Column('votes_for', sa.Integer(), nullable=False),
    sa.Column('adopted', sa.Boolean(), nullable=False),
    sa.Column('evidence_ref', sa.String(length=200), nullable=True),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("body IN ('assembly','representatives')", name=op.f('ck_resolutions_body_known')),
    sa.CheckConstraint("subject IN ('membership','share_plan','distribution','other')", name=op.f('ck_resolutions_subject_known')),
    sa.CheckConstraint('attended <= members_total AND votes_for <= members_total', name=op.f('ck_resolutions_counts_fit')),
    sa.ForeignKeyConstraint(['collective_code'], ['collectives.code'], name=op.f('fk_resolutions_collective_code_collectives')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resolutions'))
    )
    op.create_index(op.f('ix_resolutions_collective_code'), 'resolutions', ['collective_code'], unique=False)
    op.create_table('membership_applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('collective_code', sa.String(length=14), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('basis', sa.String(length=20), nullable=False),
    sa.Column('evidence_ref', sa.String(length=200), nullable=True),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('resolution_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("(status = 'pending') = (resolution_id IS NULL)", name=op.f('ck_membership_applications_decided_by_resolution')),
    sa.CheckConstraint("basis IN ('original','birth','marriage','adoption','policy_migration','other')", name=op.f('ck_membership_applications_basis_known')),
    sa.CheckConstraint("status IN ('pending','confirmed','rejected')", name=op.f('ck_membership_applications_status_known')),
    sa.ForeignKeyConstraint(['collective_code'], ['collectives.code'], name=op.f('fk_membership_applications_collective_code_collectives')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_membership_applications_person_id_persons')),
    sa.ForeignKeyConstraint(['resolution_id'], ['resolutions.id'], name=op.f('fk_membership_applications_resolution_id_resolutions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_membership_applications'))
    )
    op.create_index(op.f('ix_membership_applications_collective_code'), 'membership_applications', ['collective_code'], unique=False)
    op.create_index(op.f('ix_membership_applications_person_id'), 'membership_applications', ['person_id'], unique=False)
    op.create_table('memberships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('collective_code', sa.String(length=14), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('since', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('end_reason', sa.String(length=20), nullable=True),
    sa.Column('basis_text', sa.Text(), nullable=True),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('resolution_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("(status = 'active' AND ended_on IS NULL AND end_reason IS NULL) OR (status = 'ended' AND ended_on IS NOT NULL AND end_reason IS NOT NULL)", name=op.f('ck_memberships_ended_has_reason')),
    sa.CheckConstraint("end_reason IS DISTINCT FROM 'other_legal' OR basis_text IS NOT NULL", name=op.f('ck_memberships_other_legal_has_basis')),
    sa.CheckConstraint("end_reason IS NULL OR end_reason IN ('death','nationality_lost','acquired_other','civil_servant','voluntary_exit','other_legal')", name=op.f('ck_memberships_end_reason_lawful')),
    sa.CheckConstraint("status IN ('active','ended')", name=op.f('ck_memberships_status_known')),
    sa.CheckConstraint('ended_on IS NULL OR ended_on >= since', name=op.f('ck_memberships_ends_after_start')),
    sa.ForeignKeyConstraint(['application_id'], ['membership_applications.id'], name=op.f('fk_memberships_application_id_membership_applications')),
    sa.ForeignKeyConstraint(['collective_code'], ['collectives.code'], name=op.f('fk_memberships_collective_code_collectives')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_memberships_person_id_persons')),
    sa.ForeignKeyConstraint(['resolution_id'], ['resolutions.id'], name=op.f('fk_memberships_resolution_id_resolutions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_memberships'))
    )
    op.create_index(op.f('ix_memberships_collective_code'), 'memberships', ['collective_code'], unique=False)
    op.create_index(op.f('ix_memberships_person_id'), 'memberships', ['person_id'], unique=False)
    op.create_index('uq_memberships_active_person', 'memberships', ['person_id'], unique=True, postgresql_where=sa.text("status = 'active'"))




def downgrade():
    op.drop_index('uq_memberships_active_person', table_name='memberships', postgresql_where=sa.text("status = 'active'"))
    op.drop_index(op.f('ix_memberships_person_id'), table_name='memberships')
    op.drop_index(op.f('ix_memberships_collective_code'), table_name='memberships')
    op.drop_table('memberships')
    op.drop_index(op.f('ix_membership_applications_person_id'), table_name='membership_applications')
    op.drop_index(op.f('ix_membership_applications_collective_code'), table_name='membership_applications')
    op.drop_table('membership_applications')
    op.drop_index(op.f('ix_resolutions_collective_code'), table_name='resolutions')
    op.drop_table('resolutions')

