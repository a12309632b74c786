import pytest

from conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_page_in_real_chromium(page, make_user):
    make_user("canbo")
    login(page, "canbo")
    assert page.url.endswith("/")
    assert "canbo" in page.content()
