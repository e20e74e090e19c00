"""Sample data, shared by the demo and the tests, written through the services as users write:

- ``scenarios``: the seed reports' scenarios (seed 000's workshops, seed 001's coaching) as functions a
  test or the demo calls with the records they happen among;
- ``demo``: the demo loader (``manage.py load_demo``), ``demo/core.py`` and one ``demo/<app>.py`` per app;
- ``files``: small valid files (PDF, Word, WAV) made on the spot;
- ``generate``: the large generated ledger for benchmarks and load tests (``manage.py generate``).

Not an app: no models, nothing in ``INSTALLED_APPS``.
"""
