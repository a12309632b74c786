import datetime as dt

import pytest

from danchu.units.models import Unit

DAY_2023 = dt.date(2023, 12, 14)


def legacy(code: str) -> Unit:
    return Unit.objects.at(DAY_2023).get(code=code)


@pytest.fixture
def tam_duong(lai_chau):
    """Huyện Tam Đường (106), a district of the legacy tree."""
    return legacy("106")


@pytest.fixture
def client_for(client):
    def login_as(user):
        client.force_login(user)
        return client

    return login_as
