"""Shared test fixtures: small real data, made by functions rather than big fixture files."""

from __future__ import annotations

import os
import shutil

import pytest

REQUIRE_SERVICES = os.environ.get("DANCHU_REQUIRE_SERVICES") == "1"


def require(available: bool, what: str) -> None:
    """Skip when a service is missing locally; fail in CI, where nothing may skip."""
    if available:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"{what} is required (DANCHU_REQUIRE_SERVICES=1) but not available")
    pytest.skip(f"{what} not available here; with DANCHU_REQUIRE_SERVICES=1 (as in CI) this fails instead")


@pytest.fixture(autouse=True)
def _builtins_after_flush(request):
    """A transactional test (live server, threads) flushes the database after it runs, taking
    what the data migrations installed with it; put the national catalogue and the built-in
    report templates back so each such test starts from what `migrate` gives a real site."""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    request.getfixturevalue("transactional_db")
    from danchu.catalog import builtin as catalog_builtin
    from danchu.legal import builtin as legal_builtin
    from danchu.reports import builtin as reports_builtin

    catalog_builtin.install()
    reports_builtin.install()
    legal_builtin.install()


@pytest.fixture
def chromium_path() -> str:
    path = (
        os.environ.get("DANCHU_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
        or ""
    )
    require(bool(path), "Chromium")
    return path


_LAI_CHAU: dict[str, list[dict]] = {}


@pytest.fixture
def lai_chau(db):
    """Lai Châu's real legacy and 2025 trees, from vietnamadminunits.

    The first test loads them with the real loader; later tests on an empty tree get the same
    rows back in one insert (with the same ids, so the paths hold), which saves seconds a test."""
    from danchu.units import loader
    from danchu.units.models import Lineage, Unit

    empty = not Unit.objects.exists()
    if _LAI_CHAU and empty:
        Unit.objects.bulk_create([Unit(**row) for row in _LAI_CHAU["units"]])
        Lineage.objects.bulk_create([Lineage(**row) for row in _LAI_CHAU["lineage"]])
    else:
        loader.load("legacy", "12")
        loader.load("2025", "12")
        if empty:
            _LAI_CHAU["units"] = list(Unit.objects.order_by("depth", "pk").values())
            _LAI_CHAU["lineage"] = list(Lineage.objects.values())
    return Unit.objects.get(code="12")


@pytest.fixture
def make_user(db):
    from django.contrib.auth import get_user_model

    from danchu.accounts.models import Membership

    def make(username: str, unit=None, role: str = "view", password: str = "matkhau-123", **extra):
        user = get_user_model().objects.create_user(username=username, password=password, **extra)
        if unit is not None:
            Membership.objects.create(user=user, unit=unit, role=role)
        return user

    return make


@pytest.fixture
def browser(chromium_path):
    """Headless Debian Chromium driven by Playwright (no browser download)."""
    # Playwright's sync API runs an event loop; the ORM calls made by the test itself are safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium_path,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh page whose relative URLs go to the live test server."""
    context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def login(page, username: str, password: str = "matkhau-123") -> None:
    page.goto("/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """The demo data (`danchu load_demo`: Lai Châu 2023/2022, users demo, huyen.tp-lai-chau,
    xa.quyet-thang), loaded once per test module and removed after it. Tests still need `db`
    to read it. Not for live_server/transactional tests (they flush the database after each
    test): call `load_demo()` inside such a test instead."""
    from danchu.demo import testing
    from danchu.demo.services import load_demo

    with django_db_blocker.unblock():
        marks = testing.mark()
        result = load_demo()
    yield result
    with django_db_blocker.unblock():
        testing.remove_since(marks)


@pytest.fixture(autouse=True)
def _fresh_legal_caches():
    """Rules and computed holiday years are cached per process; a test's own rows go with its
    transaction, so start and end every test without them."""
    from danchu.legal import calendar, clocks

    calendar.clear_cache()
    clocks.clear_cache()
    yield
    calendar.clear_cache()
    clocks.clear_cache()
