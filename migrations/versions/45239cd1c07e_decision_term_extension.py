"""decision term extension

Revision ID: 45239cd1c07e
Revises: 82762aa596af
Create Date: 2026-11-26 08:34:59.174441
"""
from alembic import op
import sqlalchemy as sa


revision = '45239cd1c07e'
down_revision = '82762aa596af'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("application", sa.Column("decision_extension_weeks", sa.Integer(),
                                           nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("application") as batch_op:
        batch_op.drop_column("decision_extension_weeks")
