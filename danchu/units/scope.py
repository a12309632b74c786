"""Scoping in one place: `restrict(user, role)` on every queryset whose rows belong to a unit.

NetBox's `RestrictedQuerySet` idea: a page, an API endpoint or an export asks the queryset for
the rows the user may see, so no list can leak. A row belongs to the unit at `unit_path`
(a path field, "path" for units themselves); a user sees the rows under the roots of their
memberships where they hold at least the role.

Which roots a user holds is the accounts app's answer. It registers it here at start-up
(`register_roots`): the units layer never imports the apps above it. Without an answer
nothing is visible, so a missing registration fails closed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Self

from django.db import models
from django.db.models import Q

# (user, role) → the paths of the subtrees the user holds `role` or more on
RootsOf = Callable[[Any, str], list[str]]
_roots_of: list[RootsOf] = []

VIEW = "view"  # the lowest role; accounts.models.Role.VIEW


def register_roots(roots_of: RootsOf) -> None:
    _roots_of[:] = [roots_of]


def scope_q(user, role: str = VIEW, field: str = "path") -> Q:
    """A filter on the path field `field` that keeps the subtrees where `user` holds `role`.

    `None` is a trusted caller (a command acting as the system): everything. A superuser sees
    everything; an anonymous or inactive user, or one without memberships, nothing."""
    if user is None or (getattr(user, "is_superuser", False) and getattr(user, "is_active", True)):
        return Q()
    nothing = Q(pk__in=[])
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", True) or not _roots_of:
        return nothing
    q = nothing
    for path in _roots_of[0](user, role):
        q |= Q(**{f"{field}__startswith": path})
    return q


class ScopedQuerySet(models.QuerySet):
    """A queryset of rows that belong to a unit; subclasses name the path (`unit_path`) and,
    for `get_scoped_or_404`, the unit itself (`unit_field`, "" for units)."""

    unit_path = "unit__path"
    unit_field = "unit"

    def restrict(self, user, role: str = VIEW) -> Self:
        """The rows inside the subtrees where `user` holds `role` (see `scope_q`)."""
        return self.filter(scope_q(user, role, self.unit_path))

    @classmethod
    def unit_of(cls, obj: models.Model):
        """The unit `obj` belongs to, whose role decides what the user may do with it."""
        return getattr(obj, cls.unit_field) if cls.unit_field else obj
