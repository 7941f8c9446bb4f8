"""event log head on the case

Revision ID: 82762aa596af
Revises: d19f515e23b8
Create Date: 2026-11-26 08:31:01.889327
"""
from alembic import op
import sqlalchemy as sa


revision = '82762aa596af'
down_revision = 'd19f515e23b8'
branch_labels = None
depends_on = None


GENESIS = "0" * 64


def upgrade() -> None:
    op.add_column("case_instance", sa.Column("event_seq", sa.Integer(), nullable=False,
                                             server_default="0"))
    op.add_column("case_instance", sa.Column("event_hash", sa.String(length=64),
                                             nullable=False, server_default=GENESIS))
    # Anchor the head of every existing log at its last event.
    op.execute("""
        UPDATE case_instance SET
          event_seq = (SELECT max(e.seq) FROM case_event e WHERE e.case_id = case_instance.id),
          event_hash = (SELECT e.hash FROM case_event e WHERE e.case_id = case_instance.id
                        ORDER BY e.seq DESC LIMIT 1)
        WHERE EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = case_instance.id)
    """)


def downgrade() -> None:
    with op.batch_alter_table("case_instance") as batch_op:
        batch_op.drop_column("event_hash")
        batch_op.drop_column("event_seq")
