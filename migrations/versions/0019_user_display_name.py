"""Users get a display name (a police station's 派出所 name on its confirmation slips)

Revision ID: 0019
Revises: 0014
"""

from alembic import op
import sqlalchemy as sa

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("users", sa.Column("display_name", sa.String(length=100), nullable=True))


def downgrade():
    op.drop_column("users", "display_name")
