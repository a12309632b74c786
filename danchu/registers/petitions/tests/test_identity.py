"""Who sees a denouncer: the case's handlers only, whatever the role; every read is logged."""

import datetime as dt

import pytest

from danchu.audit.models import ObjectChange
from danchu.registers.petitions import identity
from danchu.registers.petitions import services as ps

D = dt.date


@pytest.fixture
def denunciation(commune):
    p = ps.receive(
        commune,
        received=D(2024, 3, 1),
        channel="truc_tiep",
        kind="to_cao",
        petitioners=[ps.Person("Vàng A Sử", "Bản Nà Nhạn", "0912345678")],
    )
    complaint = ps.receive(
        commune,
        received=D(2024, 3, 1),
        channel="truc_tiep",
        kind="khieu_nai",
        petitioners=[ps.Person("Lò Văn Xôm")],
    )
    return p, complaint


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["view", "enter", "approve", "admin"])
def test_every_role_sees_the_denouncer_masked_unless_handling_the_case(
    commune, denunciation, make_user, role
):
    p, complaint = denunciation
    user = make_user(f"nguoi-{role}", commune, role)
    assert identity.petitioners(p, user, "kiểm thử") is None
    assert identity.petitioners(complaint, user, "kiểm thử") == [
        {"name": "Lò Văn Xôm", "address": "", "phone": ""}
    ]
    ps.assign_handler(p.case, user)
    assert identity.petitioners(p, user, "xác minh")[0]["phone"] == "0912345678"
    read = ObjectChange.objects.get(action="read")
    assert (read.user, read.after["why"]) == (user, "xác minh")


@pytest.mark.django_db
def test_superusers_outsiders_exports_and_the_system_get_it_masked(
    commune, denunciation, make_user, lai_chau
):
    p, complaint = denunciation
    root = make_user("quan-tri", None, is_superuser=True)
    outsider = make_user("huyen-khac", None)
    assert identity.petitioners(p, root, "x") is None
    assert identity.petitioners(p, None, "xuất tệp") is None
    assert identity.petitioners(complaint, outsider, "x") is None  # outside one's units: nobody at all
    assert not ObjectChange.objects.filter(action="read").exists()
    # a handler who lost the unit no longer sees it
    ps.assign_handler(p.case, outsider)
    assert identity.petitioners(p, outsider, "x") is None


@pytest.mark.django_db
def test_the_denouncer_never_reaches_the_change_log(commune, denunciation):
    p, _ = denunciation
    logged = ObjectChange.objects.filter(object_type="petitions.petition", object_id=str(p.pk)).get()
    assert "Vàng A Sử" not in str(logged.after) and "ẩn danh tính" in str(logged.after)
