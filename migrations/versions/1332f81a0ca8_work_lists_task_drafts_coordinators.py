"""work lists, task drafts, coordinators, response mail preference

Revision ID: 1332f81a0ca8
Revises: e4a7c2f19b30
Create Date: 2026-12-02 05:16:12
"""
from alembic import op
import sqlalchemy as sa

revision = "1332f81a0ca8"
down_revision = "e4a7c2f19b30"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "task_draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"],
                                name=op.f("fk_task_draft_user_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_draft")),
        sa.UniqueConstraint("task_id", "user_id", name=op.f("uq_task_draft_task_id")),
    )
    op.create_index(op.f("ix_task_draft_task_id"), "task_draft", ["task_id"], unique=False)
    op.create_table(
        "work_list",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("filters", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"],
                                name=op.f("fk_work_list_user_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_list")),
        sa.UniqueConstraint("user_id", "name", name=op.f("uq_work_list_user_id")),
    )
    op.add_column("user_role", sa.Column("coordinator", sa.Boolean(), nullable=False,
                                         server_default=sa.false()))
    op.add_column("user_account", sa.Column("response_mail", sa.Boolean(), nullable=False,
                                            server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table("user_account") as batch_op:
        batch_op.drop_column("response_mail")
    with op.batch_alter_table("user_role") as batch_op:
        batch_op.drop_column("coordinator")
    op.drop_table("work_list")
    op.drop_index(op.f("ix_task_draft_task_id"), table_name="task_draft")
    op.drop_table("task_draft")
