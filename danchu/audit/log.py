"""The single function every write path calls to record a change."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User

from .context import current
from .models import ObjectChange


def make_change(
    action: str, object_type: str, object_id, object_repr: str, before=None, after=None
) -> ObjectChange:
    ctx = current()
    user = ctx.user if isinstance(ctx.user, User) and ctx.user.pk else None
    return ObjectChange(
        user=user,
        user_name=getattr(user, "username", "") or ctx.source,
        request_id=ctx.request_id,
        source=ctx.source,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        object_repr=object_repr[:300],
        before=before,
        after=after,
    )


def log_change(action: str, object_type: str, object_id, object_repr: str, before=None, after=None) -> None:
    make_change(action, object_type, object_id, object_repr, before, after).save()


def log_changes(changes: Iterable[ObjectChange]) -> None:
    ObjectChange.objects.bulk_create(list(changes), batch_size=2000)
