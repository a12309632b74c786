"""The petitions pages as a commune officer uses them: enter, search, handle, resolve."""

import datetime as dt

import pytest

from danchu.audit.models import ObjectChange
from danchu.registers.petitions import services as ps
from danchu.registers.petitions.models import Petition

D = dt.date


@pytest.fixture
def officer(commune, make_user, client):
    user = make_user("can-bo-xa", commune, "enter")
    client.force_login(user)
    return user


@pytest.mark.django_db
def test_a_petition_is_entered_and_found_again_without_diacritics(officer, client, commune):
    page = client.get("/so/don/03386/moi/")
    assert page.status_code == 200 and "Thêm đơn" in page.content.decode()
    response = client.post(
        "/so/don/03386/moi/",
        {
            "received": "2024-03-01",
            "kind": "kien_nghi",
            "channel": "truc_tiep",
            "name": "Đỗ Thị Hằng",
            "content": "Đề nghị sửa đường thôn Nà Khum",
        },
    )
    petition = Petition.objects.get(unit=commune)
    assert response.status_code == 302 and response["Location"] == f"/so/don/03386/{petition.pk}/"
    listing = client.get("/so/don/03386/?q=na khum").content.decode()
    assert petition.number in listing
    assert petition.number in client.get("/so/don/03386/?q=do thi hang").content.decode()
    assert "Không có đơn nào khớp" in client.get("/so/don/03386/?q=khong co").content.decode()
    detail = client.get(f"/so/don/03386/{petition.pk}/").content.decode()
    assert "Đỗ Thị Hằng" in detail and "Hạn xử lý đơn" in detail


@pytest.mark.django_db
def test_handling_and_resolving_from_the_case_page(officer, client, commune):
    p = ps.receive(commune, received=D(2024, 3, 1), channel="truc_tiep", kind="khieu_nai")
    base = f"/so/don/03386/{p.pk}/"
    client.post(
        base + "xu-ly/", {"action": "thu_ly", "day": "2024-03-04", "eligible": "on", "competent": "on"}
    )
    client.post(base + "giai-quyet/", {"day": "2024-03-20", "outcome": "sai"})
    p.refresh_from_db()
    assert p.action == "thu_ly" and p.case.resolved == D(2024, 3, 20) and p.case.outcome == "sai"
    page = client.get(base).content.decode()
    assert "Đã giải quyết" in page and "Lịch sử" in page and "can-bo-xa" in page
    # a refusal comes back as a message, not an error page
    response = client.post(
        base + "gia-han/", {"days": "10", "reason": "x", "decided": "2024-03-21"}, follow=True
    )
    assert "đã giải quyết xong, không gia hạn" in response.content.decode()


@pytest.mark.django_db
def test_pages_outside_ones_scope_answer_404_and_entry_needs_the_role(commune, make_user, client):
    other = make_user("xa-khac", None)
    client.force_login(other)
    assert client.get("/so/don/03386/").status_code == 404
    viewer = make_user("xem", commune, "view")
    client.force_login(viewer)
    assert client.get("/so/don/03386/").status_code == 200
    assert client.get("/so/don/03386/moi/").status_code == 403


@pytest.mark.django_db
def test_the_deadline_lists(officer, client, commune):
    late = ps.receive(commune, received=D(2024, 2, 2), channel="truc_tiep", kind="to_cao")
    soon = ps.receive(commune, received=D(2024, 2, 12), channel="truc_tiep", kind="khieu_nai")
    page = client.get("/so/don/03386/han/?ngay=2024-02-21").content.decode()
    week, overdue = (
        page.split("Quá hạn ngày")[0],
        page.split("Quá hạn ngày")[1].split("Giải quyết đúng hạn")[0],
    )
    assert soon.number in week and "22/02/2024" in week  # khiếu nại: 10 days
    assert late.number in overdue and "20/02/2024" in overdue


@pytest.mark.django_db
def test_the_denouncer_is_masked_until_a_handler_asks_with_a_reason(commune, make_user, client):
    boss = make_user("chu-tich", commune, "approve")
    clerk = make_user("van-thu", commune, "enter")
    p = ps.receive(
        commune,
        received=D(2024, 3, 1),
        channel="truc_tiep",
        kind="to_cao",
        petitioners=[ps.Person("Vàng A Sử", "Bản Nà Nhạn", "0912345678")],
        user=clerk,
    )
    client.force_login(boss)
    page = client.get(f"/so/don/03386/{p.pk}/").content.decode()
    assert "Vàng A Sử" not in page and "Đã ẩn danh tính người tố cáo" in page and "Xem danh tính" not in page
    # the clerk took it down and handles it: may look, with a reason, and the read is logged
    client.force_login(clerk)
    page = client.get(f"/so/don/03386/{p.pk}/").content.decode()
    assert "Vàng A Sử" not in page and "Xem danh tính" in page
    shown = client.post(f"/so/don/03386/{p.pk}/danh-tinh/", {"why": "Xác minh người tố cáo"}).content.decode()
    assert "Vàng A Sử" in shown and "0912345678" in shown
    read = ObjectChange.objects.get(action="read")
    assert (read.user.username, read.after["why"]) == ("van-thu", "Xác minh người tố cáo")
    client.force_login(boss)
    assert client.post(f"/so/don/03386/{p.pk}/danh-tinh/", {"why": "tò mò"}).status_code == 403
    # searching by the denouncer's name finds nothing, even for the handler
    client.force_login(clerk)
    assert p.number not in client.get("/so/don/03386/?q=vang a su").content.decode()
