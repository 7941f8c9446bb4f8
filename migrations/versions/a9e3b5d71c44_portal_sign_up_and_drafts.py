"""portal sign-up (confirmation, organisation admin, account tokens) and draft applications

Revision ID: a9e3b5d71c44
Revises: 13ecd9c39eac
Create Date: 2026-12-02 12:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = "a9e3b5d71c44"
down_revision = "13ecd9c39eac"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("provider") as batch:
        batch.add_column(sa.Column("address", sa.String(length=300), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("contact_person", sa.String(length=200), nullable=False,
                                   server_default=""))
    with op.batch_alter_table("user_account") as batch:
        batch.add_column(sa.Column("pending_confirmation", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column("org_admin", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
    with op.batch_alter_table("application") as batch:
        batch.add_column(sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("answers", sa.Text(), nullable=False, server_default="{}"))
    with op.batch_alter_table("window_subsegment") as batch:
        batch.add_column(sa.Column("closed_reason", sa.Text(), nullable=False,
                                   server_default=""))
    op.create_table(
        "account_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["provider_id"], ["provider.id"],
                                name=op.f("fk_account_token_provider_id_provider")),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"],
                                name=op.f("fk_account_token_user_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_token")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_account_token_token_sha256")),
    )
    op.create_index(op.f("ix_account_token_provider_id"), "account_token", ["provider_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_account_token_provider_id"), table_name="account_token")
    op.drop_table("account_token")
    with op.batch_alter_table("window_subsegment") as batch:
        batch.drop_column("closed_reason")
    with op.batch_alter_table("application") as batch:
        batch.drop_column("answers")
        batch.drop_column("submitted_at")
    with op.batch_alter_table("user_account") as batch:
        batch.drop_column("org_admin")
        batch.drop_column("pending_confirmation")
    with op.batch_alter_table("provider") as batch:
        batch.drop_column("contact_person")
        batch.drop_column("address")
