import datetime as dt

import pytest

from danchu.collection import services


@pytest.fixture
def round_12(lai_chau):
    """Every commune of Lai Châu asked the national form for 2023, deadline 20/12/2023."""
    return services.open_round("QCDC", "2023", lai_chau, dt.date(2023, 12, 20), tiers="xa")
