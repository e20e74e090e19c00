"""Sample data: the scenarios of the seed reports, written through the services (``scenarios``), which
tests and the demo reuse; the large generated ledger for benchmarks and load tests (``generate``,
run by ``manage.py generate``).

The demo loader (``manage.py load_demo``: ``madani/core/demo.py`` and each app's ``demo.py``) is to
move here too; until it does, it stays where it is.
"""
