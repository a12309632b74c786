import datetime as dt

import pytest

from danchu.units.models import Unit

D = dt.date


@pytest.fixture
def commune(lai_chau):
    """Phường Quyết Thắng (03386) of the legacy tree."""
    return Unit.objects.at(D(2023, 6, 1)).get(code="03386")


@pytest.fixture
def district(lai_chau):
    """Thành phố Lai Châu (105), the commune's district."""
    return Unit.objects.at(D(2023, 6, 1)).get(code="105")
