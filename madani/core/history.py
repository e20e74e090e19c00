"""Readable change history of a record (django-simple-history) for detail pages."""


def history_entries(obj, limit: int = 50):
    """Newest first: who changed what, when, with the changed fields' old and new values."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                field = obj._meta.get_field(change.field)
                changes.append(
                    {"field": field.verbose_name, "old": _display(change.old), "new": _display(change.new)}
                )
        entries.append({"record": record, "changes": changes})
    return entries


def _display(value):
    if isinstance(value, list):  # many-to-many: list of dicts of the through rows
        return ", ".join(str(v) for item in value for k, v in item.items() if k not in ("id",)) or "—"
    if value in (None, ""):
        return "—"
    return value
