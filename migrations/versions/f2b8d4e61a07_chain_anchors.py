"""chain anchors: heads of the case logs kept apart from the case rows, append-only

Revision ID: f2b8d4e61a07
Revises: a9e3b5d71c44
Create Date: 2026-12-02 15:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = "f2b8d4e61a07"
down_revision = "a9e3b5d71c44"
branch_labels = None
depends_on = None

REFUSE = "chain_anchor is append-only"
POSTGRES_FUNCTION = f"""
CREATE FUNCTION chain_anchor_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{REFUSE}';
END;
$$ LANGUAGE plpgsql
"""


def upgrade() -> None:
    op.create_table(
        "chain_anchor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("anchored_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_anchor")),
    )
    op.create_index("ix_chain_anchor_case_id_seq", "chain_anchor", ["case_id", "seq"])
    op.create_index(op.f("ix_chain_anchor_anchored_at"), "chain_anchor", ["anchored_at"])
    # A trigger only slows down whoever can drop it; the exported anchor file is the
    # defence against that, this guards against a mistaken UPDATE or DELETE.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRES_FUNCTION)
        op.execute("CREATE TRIGGER chain_anchor_append_only BEFORE UPDATE OR DELETE ON "
                   "chain_anchor FOR EACH ROW EXECUTE FUNCTION chain_anchor_append_only()")
    else:
        for action in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER chain_anchor_no_{action.lower()} BEFORE {action} ON "
                       f"chain_anchor BEGIN SELECT RAISE(ABORT, '{REFUSE}'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER chain_anchor_append_only ON chain_anchor")
        op.execute("DROP FUNCTION chain_anchor_append_only()")
    else:
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER chain_anchor_no_{action}")
    op.drop_index(op.f("ix_chain_anchor_anchored_at"), table_name="chain_anchor")
    op.drop_index("ix_chain_anchor_case_id_seq", table_name="chain_anchor")
    op.drop_table("chain_anchor")
