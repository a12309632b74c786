"""Who may do what, and where: a role on a unit covers its subtree.

Lists are scoped by the querysets themselves (`Model.objects.restrict(user, role)`, see
`danchu.units.scope`); one row named by a URL is found with `get_scoped_or_404`; `can` answers
for a unit in hand. Pages, API and exports ask these and nothing else."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from danchu.units.models import Unit
from danchu.units.scope import ScopedQuerySet

from .models import ROLE_RANK, Membership, Role

__all__ = ["Role", "can", "can_manage_catalog", "get_scoped_or_404", "roots"]


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


def root_paths(user, role: str) -> list[str]:
    """The answer `units.scope` asks for (registered in `AccountsConfig.ready`)."""
    return [root.path for root in roots(user, role)]


def get_scoped_or_404(
    queryset: ScopedQuerySet,
    user,
    role: str = Role.VIEW,
    *,
    pick=None,
    not_found: str = "",
    forbidden: str = "",
    **lookup,
):
    """The one row of `queryset` matching `lookup` (or chosen by `pick(queryset)`) inside the
    user's scope, else 404, so a row outside the scope is not revealed; a row inside without
    `role` on its unit answers 403 (`forbidden` may name the unit: "{unit.name}"). Pages, the
    API and the services of rounds and reports all find what a URL names this way. A `None`
    user is a trusted caller (a command acting as the system)."""
    qs = queryset.restrict(user, Role.VIEW).filter(**lookup)
    found = pick(qs) if pick is not None else qs.first()
    if found is None:
        raise Http404(not_found or "Không tìm thấy (hoặc bạn không có quyền xem)")
    if role != Role.VIEW and user is not None:
        unit = queryset.unit_of(found)
        if not can(user, role, unit):
            raise PermissionDenied(
                (forbidden or "Bạn không có quyền '{role}' trên {unit.name} ({unit.code}).").format(
                    unit=unit, role=Role(role).label
                )
            )
    return found


def can_manage_catalog(user) -> bool:
    """The catalogue (elements, forms, rules) is shared by every unit, so changing it is for an
    admin of a province or of the whole country, not of a district or a commune."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(unit.tier in ("tw", "tinh") or unit.parent_id is None for unit in roots(user, Role.ADMIN))
