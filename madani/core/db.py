"""Database upkeep that Django leaves to the engine."""

from django.db import connection


def refresh_planner_statistics() -> None:
    """SQLite plans queries without statistics until ``ANALYZE`` runs (PostgreSQL's autovacuum keeps its own):
    without them, a list ordered by an indexed name (the organizations') sorts every visible row instead of
    reading the index in order. A full ANALYZE: on a 1,000-row sample (``PRAGMA analysis_limit``) the planner
    still chose the sort. The daily rebuild of the dashboard's figures calls this (``dashboard/cube.py``)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
