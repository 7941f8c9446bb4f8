"""On SQLite a reader takes no write lock: pages and reports do not wait for writers."""

from __future__ import annotations

from sqlalchemy import select

from models import Case
from workflows.database import Database


def test_a_reader_does_not_block_a_writer(tmp_path):
    db = Database(f"sqlite:///{tmp_path}/lock.db")
    db.migrate()
    with db.reader() as reading:
        reading.session.scalars(select(Case.id)).all()  # the read transaction stays open
        with db.uow() as writing:
            writing.session.execute(select(Case.id))
            writing.commit()
    db.dispose()


def test_a_writer_holds_the_write_lock_from_its_first_statement(tmp_path):
    import sqlalchemy

    db = Database(f"sqlite:///{tmp_path}/lock.db")
    db.migrate()
    blocked = sqlalchemy.create_engine(f"sqlite:///{tmp_path}/lock.db",
                                       connect_args={"timeout": 0.1})
    with db.uow() as writing:
        writing.session.execute(select(Case.id))  # BEGIN IMMEDIATE holds the write lock
        with blocked.connect() as other:
            try:
                other.exec_driver_sql("BEGIN IMMEDIATE")
                raised = False
            except sqlalchemy.exc.OperationalError:
                raised = True
        assert raised
    blocked.dispose()
    db.dispose()
