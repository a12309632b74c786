"""What the register commands share: a unit's records as the list format, scoped to a user."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import CommandError

from danchu.accounts.permissions import Role, can
from danchu.cli import get_unit

from .kinds import Register
from .listing import find


def records_for(
    register: Register,
    unit_code: str,
    at: dt.date,
    overdue: bool,
    user,
    search: str = "",
    reveal: bool = True,
) -> list[dict]:
    """The list rows of a unit's subtree; with `user`, only inside their scope. `reveal=False`
    (exports) never shows a denouncer's identity, even to a handler."""
    unit = get_unit(unit_code, at)
    if user is not None and not can(user, Role.VIEW, unit):
        raise CommandError(f"Người dùng '{user.get_username()}' không có quyền xem {unit.name} ({unit.code})")
    qs = find(register, user, unit, search=search, at=at, overdue=overdue)
    viewer = user if reveal else None
    return [
        register.as_row(r, viewer, at=at, why="danchu register list") for r in qs.order_by("unit__path", "pk")
    ]
