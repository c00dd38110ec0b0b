"""Alembic environment: the app (web/feedback/store.py) hands over an open connection; run
`flask --app app feedback upgrade|downgrade`, which knows the database URL, rather than the
alembic command."""

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:
    raise SystemExit("Run the migrations with `flask --app app feedback upgrade` (it knows the database URL).")
context.configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
