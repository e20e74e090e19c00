from django_tasks import task

from . import cube


@task()
def refresh():
    """Rebuild the dashboard's figures (queued by ``cube.ledger_changed`` after ledger writes)."""
    return cube.rebuild()
