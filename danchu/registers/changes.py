"""The change log of register records: one function every service calls (audit.ObjectChange
with before/after snapshots), so no page or command logs on its own."""

from __future__ import annotations

from danchu.audit.log import log_change

from .models import Record


def object_type(record) -> str:
    return f"{record._meta.app_label}.{record._meta.model_name}"


def log_record(action: str, record: Record, before: dict | None = None, after: dict | None = None) -> None:
    """Log a create, update or delete of `record`; `after` defaults to its current snapshot."""
    if after is None and action != "delete":
        after = record.snapshot()
    log_change(action, object_type(record), record.pk, str(record), before, after)
