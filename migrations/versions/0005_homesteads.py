"""Homestead applications, rights, caps, basic farmland layer

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('homestead_rights',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('household_code', sa.String(length=18), nullable=False),
    sa.Column('collective_code', sa.String(length=14), nullable=False),
    sa.Column('parcel_id', sa.Integer(), nullable=False),
    sa.Column('unit_code', sa.String(length=28), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('registered_on', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('end_reason', sa.String(length=32), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("(status = 'ended') = (ended_on IS NOT NULL)", name=op.f('ck_homestead_rights_ended_has_date')),
    sa.CheckConstraint("status IN ('active','ended')", name=op.f('ck_homestead_rights_status_known')),
    sa.CheckConstraint("unit_code ~ '^[0-9]{12}JC[0-9]{5}(F[0-9]{8}|W00000000)$'", name=op.f('ck_homestead_rights_unit_code_format')),
    sa.ForeignKeyConstraint(['collective_code'], ['collectives.code'], name=op.f('fk_homestead_rights_collective_code_collectives')),
    sa.ForeignKeyConstraint(['household_code'], ['households.code'], name=op.f('fk_homestead_rights_household_code_households')),
    sa.ForeignKeyConstraint(['parcel_id'], ['parcels.id'], name=op.f('fk_homestead_rights_parcel_id_parcels')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_homestead_rights')),
    sa.UniqueConstraint('unit_code', name=op.f('uq_homestead_rights_unit_code'))
    )
    op.create_index(op.f('ix_homestead_rights_collective_code'), 'homestead_rights', ['collective_code'], unique=False)
    op.create_index(op.f('ix_homestead_rights_household_code'), 'homestead_rights', ['household_code'], unique=False)
    op.create_index('uq_homestead_rights_active_household', 'homestead_rights', ['household_code'], unique=True, postgresql_where=sa.text("status = 'active'"))


def downgrade():
    op.drop_index('uq_homestead_rights_active_household', table_name='homestead_rights', postgresql_where=sa.text("status = 'active'"))
    op.drop_index(op.f('ix_homestead_rights_household_code'), table_name='homestead_rights')
    op.drop_index(op.f('ix_homestead_rights_collective_code'), table_name='homestead_rights')
    op.drop_table('homestead_rights')
