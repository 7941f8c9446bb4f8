"""case access log: which case an auditor opened or exported, and when

Revision ID: b6d1e8a3c5f2
Revises: f2b8d4e61a07
Create Date: 2026-12-02 16:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = "b6d1e8a3c5f2"
down_revision = "f2b8d4e61a07"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_access",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_access")),
    )
    op.create_index("ix_case_access_at", "case_access", ["at"])
    op.create_index(op.f("ix_case_access_case_id"), "case_access", ["case_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_case_access_case_id"), table_name="case_access")
    op.drop_index("ix_case_access_at", table_name="case_access")
    op.drop_table("case_access")
