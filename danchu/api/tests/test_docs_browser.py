"""The interactive API docs work in a real browser, with Swagger UI served locally."""

import pytest

from conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_lists_the_endpoints_and_the_session_opens_the_api(page, make_user):
    make_user("canbo")
    assert page.request.get("/api/units").status == 401
    login(page, "canbo")
    page.goto("/api/docs")
    page.get_by_text("/api/catalog/elements").first.wait_for()
    assert page.get_by_text("/api/values/import").count() >= 1
    # the logged-in browser reads the API with its session cookie (no units granted: none listed)
    units = page.request.get("/api/units")
    assert units.status == 200 and units.json() == {"count": 0, "items": []}
