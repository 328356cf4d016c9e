"""Certificates: one table for every kind of certificate (RG-02); the registers accept certificate entries
(RG-01).

Revision ID: 0008
Revises: 0007
"""
import re

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

# (table, check constraint on its entry kind): the registers that get a 'certificate' entry kind.
REGISTERS = (("contract_register", "ck_contract_register_kind_known"),
             ("homestead_register_entries", "ck_homestead_register_entries_kind_known"))


def upgrade():
    op.create_table('certificates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('right_id', sa.Integer(), nullable=False),
    sa.Column('right_ref', sa.String(length=32), nullable=False),
    sa.Column('collective_code', sa.String(length=14), nullable=False),
    sa.Column('serial', sa.String(length=80), nullable=False),
    sa.Column('origin', sa.String(length=12), nullable=False),
    sa.Column('origin_reason', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('issued_by', sa.String(length=64), nullable=False),
    sa.Column('verification_code', sa.String(length=16), nullable=False),
    sa.Column('content', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('replaces_id', sa.Integer(), nullable=True),
    sa.Column('voided_on', sa.Date(), nullable=True),
    sa.Column('void_reason', sa.Text(), nullable=True),
    sa.Column('voided_by', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("kind IN ('land_contract','homestead')", name=op.f('ck_certificates_kind_known')),
    sa.CheckConstraint("origin IN ('issue','reissue','replacement')", name=op.f('ck_certificates_origin_known')),
    sa.CheckConstraint("status IN ('issued','reissued','replaced','cancelled')",
                       name=op.f('ck_certificates_status_known')),
    sa.CheckConstraint("(status = 'issued') = (voided_on IS NULL)", name=op.f('ck_certificates_void_has_date')),
    sa.CheckConstraint("(status = 'issued') = (void_reason IS NULL)", name=op.f('ck_certificates_void_has_reason')),
    sa.CheckConstraint("(origin = 'issue') = (replaces_id IS NULL)",
                       name=op.f('ck_certificates_successor_names_predecessor')),
    sa.CheckConstraint("(origin = 'issue') = (origin_reason IS NULL)",
                       name=op.f('ck_certificates_reissue_has_reason')),
    sa.CheckConstraint("verification_code ~ '^[0-9A-Z]{8,16}$'",
                       name=op.f('ck_certificates_verification_code_format')),
    sa.ForeignKeyConstraint(['collective_code'], ['collectives.code'],
                            name=op.f('fk_certificates_collective_code_collectives')),
    sa.ForeignKeyConstraint(['replaces_id'], ['certificates.id'], name=op.f('fk_certificates_replaces_id_certificates')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificates')),
    sa.UniqueConstraint('serial', name=op.f('uq_certificates_serial')),
    sa.UniqueConstraint('replaces_id', name=op.f('uq_certificates_replaces_id'))
    )
    op.create_index(op.f('ix_certificates_number'), 'certificates', ['number'], unique=False)
    op.create_index(op.f('ix_certificates_right_ref'), 'certificates', ['right_ref'], unique=False)
    op.create_index(op.f('ix_certificates_collective_code'), 'certificates', ['collective_code'], unique=False)
    op.create_index('uq_certificates_in_force_right', 'certificates', ['kind', 'right_id'], unique=True,
                    postgresql_where=sa.text("status = 'issued'"))
    for table, constraint in _registers():
        _set_register_kinds(table, constraint, _register_kinds(constraint) | {"certificate"})


def downgrade():
    for table, constraint in _registers():
        # Register entries are append-only (RG-01): certificate entries stay; only new ones are refused again.
        _set_register_kinds(table, constraint, _register_kinds(constraint) - {"certificate"}, validate=False)
    op.drop_index('uq_certificates_in_force_right', table_name='certificates',
                  postgresql_where=sa.text("status = 'issued'"))
    op.drop_index(op.f('ix_certificates_collective_code'), table_name='certificates')
    op.drop_index(op.f('ix_certificates_right_ref'), table_name='certificates')
    op.drop_index(op.f('ix_certificates_number'), table_name='certificates')
    op.drop_table('certificates')


def _registers():
    """The registers this database has: an area whose register is not migrated yet gets none to widen."""
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    return [(table, constraint) for table, constraint in REGISTERS if table in existing]


def _register_kinds(constraint: str) -> set[str]:
    """The kinds a register's check allows now, read from the database (the owning area may add kinds)."""
    definition = op.get_bind().execute(
        sa.text("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = :name"),
        {"name": constraint}).scalar_one()
    return set(re.findall(r"'([a-z_]+)'", definition))


def _set_register_kinds(table: str, constraint: str, kinds: set[str], validate: bool = True) -> None:
    listed = ",".join(f"'{k}'" for k in sorted(kinds))
    op.drop_constraint(op.f(constraint), table, type_="check")
    op.execute(f"ALTER TABLE {table} ADD CONSTRAINT {constraint} CHECK (kind IN ({listed}))"
               + ("" if validate else " NOT VALID"))
