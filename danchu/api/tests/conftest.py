import pytest
from django.test import Client

from danchu.accounts.models import ApiToken


@pytest.fixture
def token_client():
    """A client whose requests carry `Authorization: Bearer <token>` of the given user."""

    def make(user) -> Client:
        _, raw = ApiToken.issue(user, "kiểm thử")
        return Client(headers={"Authorization": f"Bearer {raw}"})

    return make


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Password hashing is built to be slow; these tests are not about it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
