"""indexes for an inbox sorted by due date and for the paged case list

Revision ID: e4a7c2f19b30
Revises: c3f1a7d25e60
Create Date: 2026-12-02 10:00:00
"""
from alembic import op

revision = "e4a7c2f19b30"
down_revision = "c3f1a7d25e60"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # (lane, completed_at) is a prefix of the new lane index: it would only cost writes.
    op.drop_index("ix_human_task_open", table_name="human_task")
    op.create_index("ix_human_task_lane_open_due", "human_task",
                    ["lane", "completed_at", "due_at"])
    op.create_index("ix_human_task_assignee_open_due", "human_task",
                    ["assignee", "completed_at", "due_at"])
    op.create_index("ix_case_instance_provider_id", "case_instance", ["provider_id"])
    op.create_index("ix_case_instance_process_id", "case_instance", ["process_id"])
    op.create_index("ix_contract_application_id", "contract", ["application_id"])


def downgrade() -> None:
    op.drop_index("ix_contract_application_id", table_name="contract")
    op.drop_index("ix_case_instance_process_id", table_name="case_instance")
    op.drop_index("ix_case_instance_provider_id", table_name="case_instance")
    op.drop_index("ix_human_task_assignee_open_due", table_name="human_task")
    op.drop_index("ix_human_task_lane_open_due", table_name="human_task")
    op.create_index("ix_human_task_open", "human_task", ["lane", "completed_at"])
