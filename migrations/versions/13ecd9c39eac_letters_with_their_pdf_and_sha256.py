"""letters with their PDF and sha256

Revision ID: 13ecd9c39eac
Revises: 5b1e7d3c9a20
Create Date: 2026-12-02 11:51:19
"""
from alembic import op
import sqlalchemy as sa

revision = "13ecd9c39eac"
down_revision = "5b1e7d3c9a20"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "letter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=240), nullable=False),
        sa.Column("recipient", sa.String(length=200), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("filename", sa.String(length=120), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case_instance.id"],
                                name=op.f("fk_letter_case_id_case_instance")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter")),
        sa.UniqueConstraint("key", name=op.f("uq_letter_key")),
    )
    op.create_index(op.f("ix_letter_case_id"), "letter", ["case_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_letter_case_id"), table_name="letter")
    op.drop_table("letter")
