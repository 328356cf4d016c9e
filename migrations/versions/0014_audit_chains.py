"""Audit chains per actor: one head row per chain instead of one for the registry (RG-03 with concurrent
writers)

Every actor appends to its own hash chain, so writers of different collectives no longer queue on one row
until commit. Entries keep one global order (`seq`, now from a sequence); `chain_seq` numbers an entry inside
its chain. The existing entries form the chain '' (its head is the old single head row).

Revision ID: 0014
Revises: 0008
"""

from alembic import op
import sqlalchemy as sa

revision = "0014"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("audit_log", sa.Column("chain", sa.String(length=64), server_default="", nullable=False))
    op.add_column("audit_log", sa.Column("chain_seq", sa.BigInteger(), nullable=True))
    op.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete")
    op.execute("UPDATE audit_log SET chain_seq = seq")
    op.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete")
    op.alter_column("audit_log", "chain_seq", nullable=False)
    op.create_index("uq_audit_log_chain_seq", "audit_log", ["chain", "chain_seq"], unique=True)
    op.execute("CREATE SEQUENCE audit_log_seq OWNED BY audit_log.seq")
    op.execute("SELECT setval('audit_log_seq', coalesce((SELECT max(seq) FROM audit_log), 0) + 1, false)")
    op.drop_constraint(op.f("ck_audit_head_single_row"), "audit_head", type_="check")
    op.drop_constraint(op.f("pk_audit_head"), "audit_head", type_="primary")
    op.add_column("audit_head", sa.Column("chain", sa.String(length=64), server_default="", nullable=False))
    op.drop_column("audit_head", "id")
    op.create_primary_key(op.f("pk_audit_head"), "audit_head", ["chain"])


def downgrade():
    op.execute("DELETE FROM audit_head WHERE chain <> ''")
    op.drop_constraint(op.f("pk_audit_head"), "audit_head", type_="primary")
    op.add_column("audit_head", sa.Column("id", sa.Integer(), server_default="1", nullable=False))
    op.drop_column("audit_head", "chain")
    op.create_primary_key(op.f("pk_audit_head"), "audit_head", ["id"])
    op.create_check_constraint(op.f("ck_audit_head_single_row"), "audit_head", "id = 1")
    op.alter_column("audit_head", "id", server_default=None)
    op.execute("DROP SEQUENCE audit_log_seq")
    op.drop_index("uq_audit_log_chain_seq", table_name="audit_log")
    op.drop_column("audit_log", "chain_seq")
    op.drop_column("audit_log", "chain")
