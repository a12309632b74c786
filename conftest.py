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
    pytest.skip(f"{what} not available")


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


@pytest.fixture
def lai_chau(db):
    """Lai Châu's real legacy and 2025 trees, from vietnamadminunits."""
    from danchu.units import loader

    loader.load("legacy", "12")
    loader.load("2025", "12")
    from danchu.units.models import Unit

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
