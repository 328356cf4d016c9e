"""Registry of audit chains (RG-03): a removed actor chain, head row and all, is detected

With one chain per actor (0014), deleting every entry of a chain together with its head row left nothing that
`audit verify` could miss. Now a chain's first entry also registers the chain, in the same transaction (a
trigger on audit_log), in `audit_chains`: itself a hash chain (n, chain, first entry's seq, previous hash),
anchored in the single row of `audit_chains_anchor` (the newest
    registration's n and hash). `audit verify` checks
that link chain, its anchor, and that the chains registered and the chains present are the same. The database
refuses DELETE and TRUNCATE of heads and of the anchor, and UPDATE, DELETE and TRUNCATE of registrations.
Existing chains are registered in the order of their first entries.

Revision ID: 0018
Revises: 0014
"""

from alembic import op
import sqlalchemy as sa

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

LINK = "encode(sha256(convert_to(concat_ws('|', {n}, {chain}, {first_seq}, {prev}), 'UTF8')), 'hex')"


def upgrade():
    op.create_table(
        "audit_chains",
        sa.Column("n", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("chain", sa.String(length=64), nullable=False),
        sa.Column("first_seq", sa.BigInteger(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("n", name=op.f("pk_audit_chains")),
        sa.UniqueConstraint("chain", name=op.f("uq_audit_chains_chain")),
    )
    op.create_table(
        "audit_chains_anchor",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("n", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_chains_anchor_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chains_anchor")),
    )
    op.execute(f"""
        DO $$
        DECLARE r record; tip_n bigint := 0; tip varchar(64) := repeat('0', 64); h varchar(64);
        BEGIN
            FOR r IN SELECT chain, seq FROM audit_log WHERE chain_seq = 1 ORDER BY seq LOOP
                tip_n := tip_n + 1;
                h := {LINK.format(n="tip_n", chain="r.chain", first_seq="r.seq", prev="tip")};
                INSERT INTO audit_chains VALUES (tip_n, r.chain, r.seq, tip, h);
                tip := h;
            END LOOP;
            IF tip_n > 0 THEN
                INSERT INTO audit_chains_anchor VALUES (1, tip_n, tip);
            END IF;
        END $$""")
    op.execute(f"""
        CREATE FUNCTION audit_chain_opened() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE tip_n bigint; tip varchar(64); h varchar(64);
        BEGIN
            -- the anchor row is created by the first registration; its row lock serialises registrations only
            INSERT INTO audit_chains_anchor AS a (id, n, hash) VALUES (1, 1, repeat('0', 64))
            ON CONFLICT (id) DO UPDATE SET n = a.n + 1 RETURNING n, hash INTO tip_n, tip;
            h := {LINK.format(n="tip_n", chain="NEW.chain", first_seq="NEW.seq", prev="tip")};
            INSERT INTO audit_chains (n, chain, first_seq, prev_hash, hash) VALUES (tip_n, NEW.chain, NEW.seq,
                tip, h);
            UPDATE audit_chains_anchor SET hash = h WHERE id = 1;
            RETURN NULL;
        END $$""")
    op.execute("""CREATE TRIGGER audit_log_chain_opened AFTER INSERT ON audit_log FOR EACH ROW
                  WHEN (NEW.chain_seq = 1) EXECUTE FUNCTION audit_chain_opened()""")
    op.execute("""
        CREATE FUNCTION audit_chain_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% keeps every audit chain (RG-03): % refused', TG_TABLE_NAME, TG_OP;
        END $$""")
    op.execute("""CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
                  FOR EACH ROW EXECUTE FUNCTION audit_chain_guard()""")
    op.execute("""CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
                  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_guard()""")
    op.execute("""CREATE TRIGGER audit_chains_anchor_no_delete BEFORE DELETE ON audit_chains_anchor
                  FOR EACH ROW EXECUTE FUNCTION audit_chain_guard()""")
    op.execute("""CREATE TRIGGER audit_chains_anchor_no_truncate BEFORE TRUNCATE ON audit_chains_anchor
                  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_guard()""")
    op.execute("""CREATE TRIGGER audit_chains_no_update_delete BEFORE UPDATE OR DELETE ON audit_chains
                  FOR EACH ROW EXECUTE FUNCTION audit_chain_guard()""")
    op.execute("""CREATE TRIGGER audit_chains_no_truncate BEFORE TRUNCATE ON audit_chains
                  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_guard()""")


def downgrade():
    op.execute("DROP TRIGGER audit_chains_no_truncate ON audit_chains")
    op.execute("DROP TRIGGER audit_chains_no_update_delete ON audit_chains")
    op.execute("DROP TRIGGER audit_chains_anchor_no_truncate ON audit_chains_anchor")
    op.execute("DROP TRIGGER audit_chains_anchor_no_delete ON audit_chains_anchor")
    op.execute("DROP TRIGGER audit_head_no_truncate ON audit_head")
    op.execute("DROP TRIGGER audit_head_no_delete ON audit_head")
    op.execute("DROP FUNCTION audit_chain_guard()")
    op.execute("DROP TRIGGER audit_log_chain_opened ON audit_log")
    op.execute("DROP FUNCTION audit_chain_opened()")
    op.drop_table("audit_chains_anchor")
    op.drop_table("audit_chains")
