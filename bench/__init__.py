"""Madani benchmarks: `make bench` (or `python -m bench [name ...]`). Never part of `make test`.

Every module here that defines ``run()`` is a benchmark; ``run()`` returns its figures as lines of the form
``name: value unit (target: …)`` and raises ``BenchmarkError`` when the thing it measures misbehaves.
"""


class BenchmarkError(Exception):
    """The benchmark could not measure what it claims to (wrong status, wrong page…)."""
