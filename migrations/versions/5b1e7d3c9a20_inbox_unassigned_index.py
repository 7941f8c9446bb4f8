"""inbox indexes over the open tasks only: by lane, by assignee, and a lane's unassigned

Revision ID: 5b1e7d3c9a20
Revises: 1332f81a0ca8
Create Date: 2026-12-02 11:55:00
"""
import sqlalchemy as sa
from alembic import op

revision = "5b1e7d3c9a20"
down_revision = "1332f81a0ca8"
branch_labels = None
depends_on = None

OPEN = "completed_at IS NULL"
ASSIGNED = "completed_at IS NULL AND assignee IS NOT NULL"
UNASSIGNED = "completed_at IS NULL AND assignee IS NULL"


def _where(condition: str) -> dict[str, object]:
    return {"sqlite_where": sa.text(condition), "postgresql_where": sa.text(condition)}


def upgrade() -> None:
    # "completed_at IS NULL" in front of due_at kept PostgreSQL from reading a page in
    # order off the index (IS NULL is no equality); partial indexes leave it out.
    op.drop_index("ix_human_task_lane_open_due", table_name="human_task")
    op.drop_index("ix_human_task_assignee_open_due", table_name="human_task")
    # Each holds every column its count reads, so SQLite counts off the index alone.
    op.create_index("ix_human_task_open_lane_due", "human_task",
                    ["lane", "due_at", "id", "completed_at"], **_where(OPEN))
    op.create_index("ix_human_task_open_assignee_due", "human_task",
                    ["assignee", "due_at", "id", "completed_at"], **_where(ASSIGNED))
    op.create_index("ix_human_task_unassigned_lane_due", "human_task",
                    ["lane", "due_at", "id", "assignee", "completed_at"], **_where(UNASSIGNED))


def downgrade() -> None:
    op.drop_index("ix_human_task_unassigned_lane_due", table_name="human_task")
    op.drop_index("ix_human_task_open_assignee_due", table_name="human_task")
    op.drop_index("ix_human_task_open_lane_due", table_name="human_task")
    op.create_index("ix_human_task_lane_open_due", "human_task",
                    ["lane", "completed_at", "due_at"])
    op.create_index("ix_human_task_assignee_open_due", "human_task",
                    ["assignee", "completed_at", "due_at"])
