"""extension weeks come from the event log, not a column

Revision ID: b7c41e0a9d12
Revises: 45239cd1c07e
Create Date: 2026-11-26 09:30:00
"""
from alembic import op
import sqlalchemy as sa

revision = "b7c41e0a9d12"
down_revision = "45239cd1c07e"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Native DROP COLUMN (SQLite 3.35+, PostgreSQL): a batch copy of the table would trip
    # over the foreign keys that point at it.
    op.drop_column("application", "decision_extension_weeks")


def downgrade() -> None:
    op.add_column("application", sa.Column("decision_extension_weeks", sa.Integer(),
                                           nullable=False, server_default="0"))
