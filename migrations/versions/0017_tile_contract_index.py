"""Vector tiles: a partial covering index of the parcels' current contract (contract_parcels with valid_to
NULL),
so the tile query finds each parcel's contract by an index-only look-up instead of the exclusion constraint's
GiST index (issue 17: a z14 tile holds ~3,500 parcels).

Revision ID: 0017
Revises: 0014
"""

from alembic import op
import sqlalchemy as sa

revision = "0017"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_contract_parcels_current_parcel",
        "contract_parcels",
        ["parcel_id"],
        unique=False,
        postgresql_include=["contract_id"],
        postgresql_where=sa.text("valid_to IS NULL"),
    )


def downgrade():
    op.drop_index(
        "ix_contract_parcels_current_parcel",
        table_name="contract_parcels",
        postgresql_where=sa.text("valid_to IS NULL"),
    )
