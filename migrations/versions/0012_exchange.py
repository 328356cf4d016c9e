"""Exchange: the job table of package imports (queued → checking → importing → done | refused | failed).

Revision ID: 0012
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "exchange_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("progress", sa.Float(), nullable=False),
        sa.Column("dry_run", sa.Boolean(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("scope", sa.String(length=14), nullable=True),
        sa.Column("package_name", sa.String(length=255), nullable=False),
        sa.Column("upload_path", sa.Text(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("report", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "status IN ('queued','checking','importing','done','refused','failed')",
            name=op.f("ck_exchange_jobs_status_known"),
        ),
        sa.CheckConstraint(
            "progress >= 0 AND progress <= 1", name=op.f("ck_exchange_jobs_progress_fraction")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_jobs")),
    )
    op.create_index(
        "ix_exchange_jobs_queued",
        "exchange_jobs",
        ["id"],
        unique=False,
        postgresql_where=sa.text("status = 'queued'"),
    )
    op.create_index(
        "uq_exchange_jobs_imported_sha256",
        "exchange_jobs",
        ["sha256"],
        unique=True,
        postgresql_where=sa.text("status = 'done' AND NOT dry_run"),
    )


def downgrade():
    op.drop_index(
        "uq_exchange_jobs_imported_sha256",
        table_name="exchange_jobs",
        postgresql_where=sa.text("status = 'done' AND NOT dry_run"),
    )
    op.drop_index(
        "ix_exchange_jobs_queued", table_name="exchange_jobs", postgresql_where=sa.text("status = 'queued'")
    )
    op.drop_table("exchange_jobs")
