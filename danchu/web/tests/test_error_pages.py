"""Error pages in Vietnamese (DEBUG off, as in production), the refusal's reason shown."""

import logging

import pytest
from django.test import Client, RequestFactory
from django.views import defaults


def test_403_names_the_reason_in_vietnamese(client_for, make_user, tam_duong, settings, caplog):
    settings.DEBUG = False
    client = client_for(make_user("xem", tam_duong, "view"))
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/dot-bao-cao/mo/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Không có quyền truy cập" in page
    assert "Cần quyền phê duyệt hoặc quản trị để mở đợt báo cáo" in page
    assert "Đơn vị" in page and "Đăng xuất" in page  # the site's own header, not Django's plain page
    refusals = [r for r in caplog.records if r.name == "django.request"]
    assert refusals and all(r.exc_info is None for r in refusals)  # one line, no traceback


def test_403_on_a_unit_page_without_the_role(client_for, make_user, tam_duong, settings):
    settings.DEBUG = False
    client = client_for(make_user("xem", tam_duong, "view"))
    response = client.get("/don-vi/03418/nhap/", {"ky": "2023"})
    assert response.status_code == 403
    assert "Bạn không có quyền này trên đơn vị" in response.content.decode()


def test_404_in_vietnamese_and_in_english_under_en(client_for, make_user, tam_duong, settings):
    settings.DEBUG = False
    client = client_for(make_user("xem", tam_duong, "view"))
    response = client.get("/don-vi/99999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Không tìm thấy trang" in page and "Not Found" not in page
    english = client.get("/en/khong-co-trang-nay/")
    assert english.status_code == 404 and "Page not found" in english.content.decode()


def test_500_is_a_standalone_vietnamese_page(rf: RequestFactory, settings):
    settings.DEBUG = False
    response = defaults.server_error(rf.get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "Lỗi hệ thống" in page and 'lang="vi"' in page and "Server Error" not in page


@pytest.mark.django_db
def test_a_form_sent_without_its_csrf_token_says_so_in_vietnamese():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/dang-nhap/", {"username": "demo", "password": "demo-danchu-2023"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Biểu mẫu đã hết hạn" in page and "Hãy tải lại trang rồi thử lại" in page
    assert "CSRF verification failed" not in page and "danchu" in page  # the site's page, not Django's
    english = client.post("/en/dang-nhap/", {"username": "demo", "password": "demo-danchu-2023"})
    assert english.status_code == 403 and "Reload the page and try again" in english.content.decode()
