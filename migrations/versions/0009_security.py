"""Security: a per-user session version (sign-out and deactivation end sessions server-side) and the
sign-in failures the throttle counts (SEC-05).

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("users", sa.Column("session_version", sa.Integer(), server_default="0", nullable=False))
    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_failures")),
    )
    op.create_index("ix_sign_in_failures_username_at", "sign_in_failures", ["username", "at"], unique=False)
    op.create_index("ix_sign_in_failures_address_at", "sign_in_failures", ["address", "at"], unique=False)


def downgrade():
    op.drop_index("ix_sign_in_failures_address_at", table_name="sign_in_failures")
    op.drop_index("ix_sign_in_failures_username_at", table_name="sign_in_failures")
    op.drop_table("sign_in_failures")
    op.drop_column("users", "session_version")
