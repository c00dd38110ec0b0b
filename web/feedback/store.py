"""The feedback store: one table, through SQLAlchemy, its schema made by Alembic (migrations/).

The database is PostgreSQL when DATABASE_URL names one (production, with a migration job running
`flask --app app feedback upgrade`), otherwise an embedded SQLite file in the instance folder,
whose schema is created or upgraded on first use, so `flask --app app run` needs nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Column, Date, Engine, Integer, MetaData, String, Table, Text, create_engine, insert, select

from web.feedback.fields import Record

MIGRATIONS = Path(__file__).resolve().parent.parent.parent / "migrations"

metadata = MetaData()
# The same columns as migrations/versions/*: Alembic makes the schema, this describes it to queries.
feedback = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("received_on", Date, nullable=False, index=True),
    Column("answer", String(16), nullable=False),
    Column("rule_ids", Text, nullable=False),
    Column("verdict", String(16)),
    Column("visit_month", String(7)),
    Column("insurance", String(16)),
    Column("age_band", String(8)),
    Column("lang", String(8), nullable=False),
    Column("rules_as_of", Date),
    Column("text", String(500)),
)


def engine_url(url: str) -> str:
    """`postgres://…` and `postgresql://…` as platforms give them, for the driver we ship (psycopg 3)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def alembic_config(connection: object) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


class Store:
    def __init__(self, url: str, migrate_on_first_use: bool) -> None:
        # hide_parameters: an error message never repeats what was about to be stored.
        self.engine: Engine = create_engine(engine_url(url), hide_parameters=True, pool_pre_ping=True)
        self.migrate_on_first_use = migrate_on_first_use
        self.ready = False
        self.lock = threading.Lock()

    def upgrade(self, revision: str = "head") -> None:
        with self.engine.begin() as connection:
            command.upgrade(alembic_config(connection), revision)

    def downgrade(self, revision: str) -> None:
        with self.engine.begin() as connection:
            command.downgrade(alembic_config(connection), revision)

    def ensure_schema(self) -> None:
        if self.ready or not self.migrate_on_first_use:
            return
        with self.lock:
            if not self.ready:
                self.upgrade()
                self.ready = True

    def add(self, record: Record, received_on: date) -> None:
        self.ensure_schema()
        row = {**asdict(record), "rule_ids": " ".join(record.rule_ids), "received_on": received_on}
        with self.engine.begin() as connection:
            connection.execute(insert(feedback).values(**row))

    def since(self, day: date | None) -> Iterator[dict[str, object]]:
        """Every record received on or after `day`, newest first."""
        self.ensure_schema()
        query = select(feedback).order_by(feedback.c.id.desc())
        if day is not None:
            query = query.where(feedback.c.received_on >= day)
        with self.engine.connect() as connection:
            for row in connection.execute(query).mappings():
                yield dict(row)
