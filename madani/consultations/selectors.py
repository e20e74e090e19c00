"""Consultations and technical support counted per branch: requests from the queue, sessions from
the ledger (every consultation or technical-support session recorded, whether it began as a request
or not)."""

from django.db.models import Count

from madani.activities.models import Activity, Session
from madani.activities.models import Kind as ActivityKind
from madani.branches.models import Branch

from .models import OPEN_STATUSES, Request, RequestKind

REQUEST_COLUMNS = [RequestKind.CONSULTATION, RequestKind.TECHNICAL_SUPPORT, RequestKind.TRAINING_SUGGESTION]
SESSION_COLUMNS = [ActivityKind.CONSULTATION, ActivityKind.TECHNICAL_SUPPORT]


def per_branch(user) -> list[dict]:
    """One row per branch the user works in (then a total, for several): requests by kind, open requests, sessions by kind."""
    requests, still_open, sessions = {}, {}, {}
    for row in Request.objects.visible_to(user).values("branch_id", "kind", "status").annotate(n=Count("pk")).order_by():
        requests[row["branch_id"], row["kind"]] = requests.get((row["branch_id"], row["kind"]), 0) + row["n"]
        if row["status"] in OPEN_STATUSES:
            still_open[row["branch_id"]] = still_open.get(row["branch_id"], 0) + row["n"]
    ledger = Session.objects.filter(activity__in=Activity.objects.visible_to(user), activity__kind__in=SESSION_COLUMNS)
    for row in ledger.values("activity__branch_id", "activity__kind").annotate(n=Count("pk")).order_by():
        sessions[row["activity__branch_id"], row["activity__kind"]] = row["n"]

    rows = []
    for branch in Branch.objects.visible_to(user):
        cells = [requests.get((branch.pk, kind), 0) for kind in REQUEST_COLUMNS]
        cells.append(still_open.get(branch.pk, 0))
        cells += [sessions.get((branch.pk, kind), 0) for kind in SESSION_COLUMNS]
        rows.append({"branch": branch, "cells": cells})
    if len(rows) > 1:
        rows.append({"branch": None, "cells": [sum(column) for column in zip(*(row["cells"] for row in rows))]})
    return rows
