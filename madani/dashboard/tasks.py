from django_tasks import task

from . import cube


@task()
def refresh():
    """Rebuild the dashboard's figures (queued by ``cube.request_refresh`` after ledger writes)."""
    return cube.rebuild()
