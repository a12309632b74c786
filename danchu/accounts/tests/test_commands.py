"""The account commands: create a user, grant and revoke roles, issue an API token."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from danchu.accounts.models import ApiToken, Membership
from danchu.accounts.permissions import can
from danchu.audit.models import ObjectChange
from danchu.units.models import Unit


def run(*args, **kwargs) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO(), **kwargs)
    return out.getvalue()


def test_create_user_with_a_password_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("MK_CAN_BO", "mat-khau-dai-2023")
    assert "Đã tạo người dùng 'canbo'" in run("create_user", "canbo", "--password-env", "MK_CAN_BO")
    assert Client().login(username="canbo", password="mat-khau-dai-2023")


def test_create_user_refuses_duplicates_weak_passwords_and_empty_env(db, monkeypatch):
    run("create_user", "canbo", "--password", "mat-khau-dai-2023", "--email", "canbo@laichau.gov.vn")
    with pytest.raises(CommandError, match="đã tồn tại"):
        run("create_user", "canbo")
    with pytest.raises(CommandError, match="Mật khẩu không đạt"):
        run("create_user", "khac", "--password", "123")
    with pytest.raises(CommandError, match="Biến môi trường 'KHONG_CO'"):
        run("create_user", "khac", "--password-env", "KHONG_CO")
    assert list(get_user_model().objects.values_list("username", flat=True)) == ["canbo"]


def test_a_user_without_password_cannot_log_in(db):
    assert "chỉ dùng được mã truy cập API" in run("create_user", "dongbo")
    assert not get_user_model().objects.get(username="dongbo").has_usable_password()


def test_grant_change_and_revoke(lai_chau, make_user):
    user = make_user("huyen")
    out = run("grant", "huyen", "--unit", "105", "--role", "enter", "--at", "2023-12-14")
    assert "Đã cấp quyền 'Nhập số liệu' cho 'huyen' trên Thành phố Lai Châu (105)" in out
    commune = Unit.objects.get(code="03386")
    assert can(user, "enter", commune) and not can(user, "approve", commune)
    assert "Đã đổi thành quyền 'Duyệt'" in run(
        "grant", "huyen", "--unit", "105", "--role", "approve", "--at", "2023-12-14"
    )
    assert Membership.objects.get(user=user).role == "approve"
    assert "Đã thu hồi" in run("revoke", "huyen", "--unit", "105", "--at", "2023-12-14")
    assert not Membership.objects.filter(user=user).exists()
    assert list(ObjectChange.objects.filter(object_type="membership").values_list("action", flat=True)) == [
        "delete",
        "update",
        "create",
    ]


def test_grant_and_revoke_refuse_with_reasons(lai_chau, make_user):
    make_user("xa")
    with pytest.raises(CommandError, match="Không có người dùng 'ai-do'"):
        run("grant", "ai-do", "--unit", "12", "--role", "view")
    with pytest.raises(CommandError, match="Không có đơn vị mã 'XYZ'"):
        run("grant", "xa", "--unit", "XYZ", "--role", "view")
    # Thành phố Lai Châu ended with the district tier on 30/06/2025
    with pytest.raises(CommandError, match="không có hiệu lực ngày 01/08/2025"):
        run("grant", "xa", "--unit", "105", "--role", "view", "--at", "2025-08-01")
    with pytest.raises(CommandError, match="chưa được phân quyền ở đâu"):
        run("revoke", "xa", "--unit", "12")
    with pytest.raises(CommandError):
        run("grant", "xa", "--unit", "12", "--role", "sep")
    assert not Membership.objects.exists()


def test_create_token_prints_it_once_and_stores_only_the_hash(lai_chau, make_user):
    make_user("dongbo", lai_chau, "view")
    raw = run("create_token", "dongbo", "--name", "phần mềm tỉnh").strip()
    token = ApiToken.objects.get()
    assert token.name == "phần mềm tỉnh"
    assert token.digest == ApiToken.hash(raw) and raw not in token.digest
    response = Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/units/12", {"at": "2023-12-14"})
    assert response.status_code == 200 and response.json()["name"] == "Tỉnh Lai Châu"
    with pytest.raises(CommandError, match="Không có người dùng"):
        run("create_token", "khong-co")


def test_a_revoked_token_no_longer_opens_the_api(lai_chau, make_user):
    make_user("dongbo", lai_chau, "view")
    first = run("create_token", "dongbo").strip()
    second = run("create_token", "dongbo").strip()
    with pytest.raises(CommandError, match="Cần --prefix"):
        run("revoke_token", "dongbo", "--prefix", "")
    with pytest.raises(CommandError, match="không có mã truy cập nào khớp"):
        run("revoke_token", "dongbo", "--prefix", "xx_khong")
    assert "Đã thu hồi 1 mã" in run("revoke_token", "dongbo", "--prefix", first[:8])
    assert Client(headers={"Authorization": f"Bearer {first}"}).get("/api/units").status_code == 401
    assert Client(headers={"Authorization": f"Bearer {second}"}).get("/api/units").status_code == 200
    assert "Đã thu hồi 1 mã" in run("revoke_token", "dongbo", "--all")
    assert not ApiToken.objects.exists()
