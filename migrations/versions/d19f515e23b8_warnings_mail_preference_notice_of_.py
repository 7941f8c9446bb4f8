"""warnings, mail preference, notice of default

Revision ID: d19f515e23b8
Revises: 1d23666f950b
Create Date: 2026-11-26 08:03:19.862399
"""
from alembic import op
import sqlalchemy as sa


revision = 'd19f515e23b8'
down_revision = '1d23666f950b'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("application", sa.Column("notice_of_default_on", sa.Date(), nullable=True))
    op.add_column("human_task", sa.Column("warned_due_soon_at", sa.DateTime(timezone=True),
                                          nullable=True))
    op.add_column("human_task", sa.Column("warned_overdue_at", sa.DateTime(timezone=True),
                                          nullable=True))
    op.add_column("user_account", sa.Column("warning_mail", sa.Boolean(), nullable=False,
                                            server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table("user_account") as batch_op:
        batch_op.drop_column("warning_mail")
    with op.batch_alter_table("human_task") as batch_op:
        batch_op.drop_column("warned_overdue_at")
        batch_op.drop_column("warned_due_soon_at")
    with op.batch_alter_table("application") as batch_op:
        batch_op.drop_column("notice_of_default_on")
