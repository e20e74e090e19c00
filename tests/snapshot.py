"""The rows a fixture wrote, taken once and written again quickly: the demo is built through the services
once per test session (tens of seconds), and each module that asks for it gets the same rows back in a
second (``conftest.demo_data``).

``rows_written(build)`` runs ``build()`` in a transaction it rolls back and returns, for every table of
the project's models (their history and many-to-many tables included) that ``build`` changed, its
columns and all its rows afterwards. ``write_rows(rows)`` makes those tables hold exactly those rows
again (inside the caller's transaction) and, on PostgreSQL, moves the id sequences past them.
"""

import datetime
import decimal

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction


def _tables() -> dict[str, tuple]:
    """Every model table and its stored columns (a generated column is computed by the database)."""
    existing = set(connection.introspection.table_names())
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and meta.db_table in existing:
            tables[meta.db_table] = tuple(f.column for f in meta.local_concrete_fields if not f.generated)
    return dict(sorted(tables.items()))


def _read(tables) -> dict:
    quote = connection.ops.quote_name
    contents = {}
    with connection.cursor() as cursor:
        for table, columns in tables.items():
            cursor.execute(f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(table)}")
            contents[table] = (columns, sorted(cursor.fetchall(), key=repr))
    return contents


def rows_written(build) -> dict:
    tables = _tables()
    with transaction.atomic():
        before = _read(tables)
        build()
        after = _read(tables)
        transaction.set_rollback(True)
    return {table: after[table] for table in tables if after[table] != before[table]}


def _adapt(value):
    """A value as read back into a parameter the driver takes (SQLite's reads give Python dates and
    times; PostgreSQL's give JSON as Python objects)."""
    if connection.vendor == "postgresql":
        if isinstance(value, dict | list):
            from psycopg.types.json import Jsonb

            return Jsonb(value)
        return value
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, datetime.time):
        return connection.ops.adapt_timefield_value(value)
    if isinstance(value, datetime.date):
        return connection.ops.adapt_datefield_value(value)
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def write_rows(rows: dict) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, (columns, values) in rows.items():
            cursor.execute(f"DELETE FROM {quote(table)}")
            if values:
                names = ", ".join(quote(c) for c in columns)
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})",
                                   [tuple(_adapt(v) for v in row) for row in values])
        if connection.vendor == "postgresql":
            models = [m for m in apps.get_models(include_auto_created=True) if m._meta.db_table in rows]
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
