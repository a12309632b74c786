"""Scoping in one place: pages, API and exports ask these functions and nothing else."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from danchu.units.models import Unit

from .models import ROLE_RANK, Membership, Role

__all__ = ["Role", "can", "can_manage_catalog", "scope_units", "scope_q", "roots"]


def _memberships(user) -> list[Membership]:
    cache = getattr(user, "_danchu_memberships", None)
    if cache is None:
        cache = list(Membership.objects.filter(user=user).select_related("unit"))
        try:
            user._danchu_memberships = cache
        except AttributeError:
            pass
    return cache


def roots(user, role: str = Role.VIEW) -> list[Unit]:
    """Top units of the subtrees where `user` holds at least `role`."""
    need = ROLE_RANK[Role(role)]
    return [m.unit for m in _memberships(user) if ROLE_RANK[Role(m.role)] >= need]


def can(user, role: str, unit: Unit) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(unit.path.startswith(root.path) for root in roots(user, role))


def scope_q(user, role: str = Role.VIEW, field: str = "path") -> Q:
    """A filter on a unit path field (e.g. "unit__path") that keeps the user's subtrees."""
    if user is not None and getattr(user, "is_superuser", False):
        return Q()
    q = Q(pk__in=[])
    if user is None or not getattr(user, "is_authenticated", False):
        return q
    for root in roots(user, role):
        q |= Q(**{f"{field}__startswith": root.path})
    return q


def scope_units(user, role: str = Role.VIEW, queryset: QuerySet | None = None) -> QuerySet:
    qs = queryset if queryset is not None else Unit.objects.all()
    return qs.filter(scope_q(user, role))


def can_manage_catalog(user) -> bool:
    """The catalogue (elements, forms, rules) is shared by every unit, so changing it is for an
    admin of a province or of the whole country, not of a district or a commune."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(unit.tier in ("tw", "tinh") or unit.parent_id is None for unit in roots(user, Role.ADMIN))
