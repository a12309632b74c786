"""The catalogue page lists forms, elements, indicators and dimensions; a province admin loads a
form file there (as `danchu load_form`), others only read; the API does the same for programs."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danchu.api.tests.conftest import token_client  # noqa: F401 - the API tests' fixture
from danchu.catalog.models import Form

from .test_load_form import FORM


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def upload(text: str = FORM, name: str = "lc-thu.yaml", **extra):
    return {"file": SimpleUploadedFile(name, text.encode("utf-8")), **extra}


def test_a_province_admin_loads_a_form_file_on_the_catalogue_page(lai_chau, make_user, client):
    client.force_login(make_user("qt-tinh", lai_chau, "admin"))
    page = client.get("/danh-muc/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Nạp biểu mẫu từ tệp" in html and 'href="/danh-muc/bieu-mau/QCDC/"' in html
    checked = client.post("/danh-muc/", upload(dry_run="on"))
    assert "Kiểm tra xong, không có lỗi (chưa ghi)" in checked.content.decode()
    assert not Form.objects.filter(code="LC_THU").exists()
    done = client.post("/danh-muc/", upload())
    assert done.status_code == 200
    assert "Đã nạp: biểu mẫu LC_THU (2 mục, 3 dòng, 1 quy tắc)" in done.content.decode()
    detail = client.get("/danh-muc/bieu-mau/LC_THU/").content.decode()
    assert "Đánh giá, xếp loại" in detail and "LC_THU_XS_LE_TONG" in detail


def test_a_refused_file_shows_every_problem_and_writes_nothing(lai_chau, make_user, client):
    client.force_login(make_user("qt-tinh", lai_chau, "admin"))
    response = client.post("/danh-muc/", upload(FORM.replace("unit: người", "unit: ''")))
    assert response.status_code == 400
    assert (
        "Tệp lc-thu.yaml, dòng 14, cột &#x27;unit&#x27;: thiếu &#x27;unit&#x27;" in response.content.decode()
    )
    assert not Form.objects.filter(code="LC_THU").exists()


def test_others_read_the_catalogue_but_cannot_load(lai_chau, make_user, client):
    from danchu.units.models import Unit

    client.force_login(make_user("qt-huyen", Unit.objects.get(code="105"), "admin"))
    page = client.get("/danh-muc/")
    assert page.status_code == 200 and "Nạp biểu mẫu từ tệp" not in page.content.decode()
    assert "TD_TIEPDAN" in page.content.decode()
    assert client.post("/danh-muc/", upload()).status_code == 403
    assert not Form.objects.filter(code="LC_THU").exists()
    assert client.get("/danh-muc/bieu-mau/KHONG_CO/").status_code == 404


def test_the_api_loads_a_form_file_for_a_province_admin(lai_chau, make_user, token_client):  # noqa: F811
    from danchu.units.models import Unit

    refused = token_client(make_user("qt-huyen", Unit.objects.get(code="105"), "admin")).post(
        "/api/catalog/forms/load", upload()
    )
    assert refused.status_code == 403
    api = token_client(make_user("qt-tinh", lai_chau, "admin"))
    bad = api.post("/api/catalog/forms/load", upload(FORM.replace("unit: người", "unit: ''")))
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["message"] == "Tệp lc-thu.yaml, dòng 14, cột 'unit': thiếu 'unit'"
    ok = api.post("/api/catalog/forms/load", upload())
    assert ok.status_code == 200 and ok.json()["form"] == "LC_THU" and ok.json()["created"] > 0
    again = api.post("/api/catalog/forms/load", upload()).json()
    assert (again["created"], again["updated"], again["deleted"]) == (0, 0, 0)
