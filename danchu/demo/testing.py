"""Load the demo data once for a test module, then remove exactly what it added.

The `demo_loaded` fixture of the project's conftest.py does this for a module:
marks = mark(); load_demo(); … tests …; remove_since(marks). Rows created outside a test's
transaction stay committed, so the module must clean up after itself; only rows with a primary
key above the marks are removed, so data someone else loaded before is kept.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max

from danchu.accounts.models import Membership
from danchu.analytics import rollup
from danchu.audit.models import ObjectChange
from danchu.units.models import Lineage, Unit
from danchu.values.models import DataValue


def _models() -> list:
    from danchu.registers.models import Keeping
    from danchu.registers.petitions.models import Case, Extension, Petition, Petitioner, Reminder
    from danchu.registers.reception.models import Dialogue, Session, Turn

    # in deletion order: what refers to units and users goes first
    registers = [Petitioner, Extension, Reminder, Petition, Case, Turn, Session, Dialogue, Keeping]
    return [ObjectChange, DataValue, *registers, Membership, Lineage, get_user_model(), Unit]


def mark() -> dict:
    return {m: m.objects.aggregate(top=Max("pk"))["top"] or 0 for m in _models()}


@transaction.atomic
def remove_since(marks: dict) -> None:
    for model in _models():
        added = model.objects.filter(pk__gt=marks[model])
        if model is Unit:
            # parents are protected: remove the deepest units first
            for depth in sorted(set(added.values_list("depth", flat=True)), reverse=True):
                added.filter(depth=depth).delete()
        else:
            added.delete()
    # values were deleted past the write path: sum the rollup again from what is left
    rollup.rebuild()
