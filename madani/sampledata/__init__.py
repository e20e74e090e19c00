"""Sample data: the scenarios of the seed reports, written through the services (``scenarios``), which
tests and the demo reuse.

The demo loader (``manage.py load_demo``: ``madani/core/demo.py`` and each app's ``demo.py``) and the
large generated data set (``manage.py generate``: ``madani/dashboard/generate.py``) are to move here
too; until they do, they stay where they are.
"""
