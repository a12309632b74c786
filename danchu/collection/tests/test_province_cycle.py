"""The whole round over Lai Châu's 106 communes: CSV in, approval, completeness, reports."""

import datetime as dt

from danchu.analytics.engine import aggregate
from danchu.collection import services
from danchu.values import periods
from danchu.values.services import read_table


def test_every_commune_reports_and_the_province_sees_it(lai_chau):
    rnd = services.open_round("QCDC", "2023", lai_chau, dt.date(2100, 1, 1), tiers="xa")
    codes = list(rnd.submissions.values_list("unit__code", flat=True))
    assert len(codes) == 106
    for n, code in enumerate(codes):
        csv = f"element,unit,period,value,dimensions,comment\nHG_VUVIEC,{code},2023,{n + 2},,\nHG_THANH,{code},2023,{n + 1},,\n"
        rows = read_table(csv.encode(), f"{code}.csv")
        services.submit(rnd, code, rows, file=f"{code}.csv")
    for code in codes[:50]:
        services.approve(rnd, code)

    c = services.completeness(rnd)
    assert (c["expected"], c["submitted"], c["approved"], c["on_time"], c["late"], c["missing"]) == (
        106,
        106,
        50,
        106,
        0,
        [],
    )
    assert sum(d["expected"] for d in c["by_district"]) == 106

    period = periods.parse("2023")
    everything = aggregate(lai_chau, period, elements=["HG_VUVIEC"]).value("HG_VUVIEC", None)
    approved = aggregate(
        lai_chau, period, elements=["HG_VUVIEC"], value_filter=services.approved_values_q()
    ).value("HG_VUVIEC", None)
    assert everything == sum(n + 2 for n in range(106))
    assert approved == sum(n + 2 for n in range(50))
