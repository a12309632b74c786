import pytest


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Password hashing is built to be slow; these tests are not about it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
