"""an index for the inbox's unassigned tasks and its counts

Revision ID: 5b1e7d3c9a20
Revises: 1332f81a0ca8
Create Date: 2026-12-02 11:55:00
"""
from alembic import op

revision = "5b1e7d3c9a20"
down_revision = "1332f81a0ca8"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_human_task_lane_open_assignee_due", "human_task",
                    ["lane", "completed_at", "assignee", "due_at"])


def downgrade() -> None:
    op.drop_index("ix_human_task_lane_open_assignee_due", table_name="human_task")
