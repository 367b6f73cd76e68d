"""Alembic environment: migrations run on the connection runlift hands over (never from a URL
in alembic.ini), so `runlift` and the tests migrate exactly the database they opened."""

from __future__ import annotations

from alembic import context

from runlift.store.tables import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
)
with context.begin_transaction():
    context.run_migrations()
