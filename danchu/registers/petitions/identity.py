"""Who may see who sent a đơn. A denouncer's name, address and phone are visible only to the
officers handling the case; other users, exports and the API get them masked, and every read
is logged with who, when and why (audit.ObjectChange, action "read")."""

from __future__ import annotations

from danchu.accounts.permissions import Role, can
from danchu.audit.log import log_change

from .models import Petition

MASKED = "(đã ẩn danh tính người tố cáo)"


def may_see(user, petition: Petition) -> bool:
    """`user` None is the system (a command without --user, an export, the API's rows): it sees
    petitioners except denouncers."""
    if user is None:
        return not petition.is_denunciation
    if not getattr(user, "is_authenticated", False):
        return False
    if not can(user, Role.VIEW, petition.unit):
        return False
    if not petition.is_denunciation:
        return True
    return petition.case.handlers.filter(pk=user.pk).exists()


def petitioners(petition: Petition, user, why: str) -> list[dict] | None:
    """The petitioners as {"name", "address", "phone"}, or None where `user` may not see them.
    Reading a denouncer's identity is logged with `why` (the page, command or purpose)."""
    if not may_see(user, petition):
        return None
    people = [{"name": p.name, "address": p.address, "phone": p.phone} for p in petition.petitioners.all()]
    if petition.is_denunciation and user is not None:
        log_change(
            "read",
            "petitions.petitioner",
            petition.pk,
            f"Danh tính người tố cáo, đơn {petition.number} ({petition.unit.code})",
            None,
            {"why": why, "unit": petition.unit.code, "user": user.get_username()},
        )
    return people


def names(people: list[dict] | None) -> str | None:
    """ "Nguyễn Văn A; Trần Thị B", or None when masked."""
    if people is None:
        return None
    return "; ".join(p["name"] for p in people)
