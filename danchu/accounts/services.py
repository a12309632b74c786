"""Accounts, roles and API tokens: the one code path for commands, web and API."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from danchu.audit.log import log_change
from danchu.units.models import Unit, resolve_code

from .models import ApiToken, Membership, Role


class AccountError(ValueError):
    """A refusal with a Vietnamese reason; nothing was changed."""


def get_user(username: str):
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise AccountError(f"Không có người dùng '{username}' (tạo bằng `danchu create_user {username}`).")


def find_unit(code: str, at: dt.date | None = None) -> Unit:
    date = at or dt.date.today()
    unit = resolve_code(code, date)
    if unit is None:
        other = Unit.objects.filter(code=code).order_by("valid_from").first()
        if other is None:
            raise AccountError(f"Không có đơn vị mã '{code}' (đã chạy `danchu load_units`?).")
        raise AccountError(
            f"Đơn vị '{code}' ({other.name}) không có hiệu lực ngày {date:%d/%m/%Y}; "
            f"hiệu lực {other.display_valid()} (dùng --at để chọn ngày)."
        )
    return unit


@transaction.atomic
def create_user(username: str, password: str | None = None, email: str = ""):
    username = (username or "").strip()
    if not username:
        raise AccountError("Thiếu tên đăng nhập.")
    model = get_user_model()
    if model.objects.filter(username=username).exists():
        raise AccountError(f"Người dùng '{username}' đã tồn tại.")
    user = model(username=username, email=email or "")
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise AccountError("Mật khẩu không đạt: " + " ".join(exc.messages))
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    log_change("create", "user", user.pk, username, None, {"email": user.email})
    return user


@transaction.atomic
def grant(username: str, unit_code: str, role: str, at: dt.date | None = None) -> tuple[Membership, bool]:
    """Give `role` on the unit's subtree; a second grant on the same unit replaces the role."""
    if role not in Role.values:
        raise AccountError(f"Vai trò '{role}' không hợp lệ (dùng: {', '.join(Role.values)}).")
    user = get_user(username)
    unit = find_unit(unit_code, at)
    found = Membership.objects.filter(user=user, unit=unit).first()
    before = {"role": found.role} if found else None
    if found is None:
        found = Membership.objects.create(user=user, unit=unit, role=role)
    else:
        found.role = role
        found.save(update_fields=["role"])
    log_change("update" if before else "create", "membership", found.pk, str(found), before, {"role": role})
    return found, before is None


@transaction.atomic
def revoke(username: str, unit_code: str, at: dt.date | None = None) -> Membership:
    user = get_user(username)
    unit = find_unit(unit_code, at)
    found = Membership.objects.filter(user=user, unit=unit).first()
    if found is None:
        held = ", ".join(
            f"{m.unit.code} ({m.get_role_display()})" for m in user.memberships.select_related("unit")
        )
        raise AccountError(
            f"'{username}' không có quyền nào trên {unit.name} ({unit.code}); "
            + (f"đang có: {held}." if held else "chưa được phân quyền ở đâu.")
        )
    log_change("delete", "membership", found.pk, str(found), {"role": found.role}, None)
    found.delete()
    return found


def create_token(username: str, name: str = "") -> tuple[ApiToken, str]:
    """A new bearer token; the raw value is returned once and only its hash is kept."""
    user = get_user(username)
    if not user.is_active:
        raise AccountError(f"Người dùng '{username}' đã bị khóa; không cấp mã truy cập.")
    token, raw = ApiToken.issue(user, name)
    log_change("create", "api_token", token.pk, str(token), None, {"name": name, "prefix": token.prefix})
    return token, raw


@transaction.atomic
def revoke_tokens(username: str, prefix: str = "", all_tokens: bool = False) -> list[ApiToken]:
    """Delete a user's tokens chosen by the first characters shown at creation, or all of them."""
    user = get_user(username)
    tokens = list(ApiToken.objects.filter(user=user).order_by("created"))
    if not all_tokens:
        if len(prefix) < 4:
            raise AccountError("Cần --prefix (ít nhất 4 ký tự đầu của mã, ví dụ dc_AbCd) hoặc --all.")
        tokens = [t for t in tokens if t.prefix.startswith(prefix[:8])]
    if not tokens:
        raise AccountError(
            f"'{username}' không có mã truy cập nào khớp '{prefix}'."
            if prefix
            else f"'{username}' không có mã truy cập nào."
        )
    for token in tokens:
        log_change(
            "delete", "api_token", token.pk, str(token), {"name": token.name, "prefix": token.prefix}, None
        )
    ApiToken.objects.filter(pk__in=[t.pk for t in tokens]).delete()
    return tokens
