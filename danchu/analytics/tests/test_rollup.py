"""The rollup behind fast subtree sums must always say what the values say."""

import datetime as dt

from django.db.models import Q

from danchu.analytics import rollup
from danchu.analytics.engine import aggregate
from danchu.analytics.models import FlowRollup
from danchu.units.models import Unit
from danchu.values.periods import parse
from danchu.values.services import InputRow, apply_rows


def unit(code, at=dt.date(2023, 12, 14)):
    return Unit.objects.at(at).get(code=code)


def both_ways(root, period, by):
    """The engine's answer through the rollup, and read straight from the values (a value filter
    that keeps everything makes the engine skip the rollup)."""
    fast = aggregate(root, parse(period), by=by).as_dict()["rows"]
    slow = aggregate(root, parse(period), by=by, value_filter=Q()).as_dict()["rows"]
    return fast, slow


def test_rollup_follows_every_write_and_a_rebuild_agrees(lai_chau):
    apply_rows(
        [
            InputRow("TD_TIEPDAN", "12", "2023", 2, "chuc_danh=chu_tich"),
            InputRow("TD_TIEPDAN", "105", "2023", 5, "chuc_danh=bi_thu"),
            InputRow("TD_TIEPDAN", "03386", "2023-05", 7, "chuc_danh=bi_thu"),
            InputRow("TD_TIEPDAN", "03386", "2023-06", 3, "chuc_danh=bi_thu"),
            InputRow("NTM_KINHPHI_TRIEU", "03386", "2023", "1.744,5"),
            InputRow("HG_TO", "03386", "2023", 4),  # a stock: not in the rollup
            # a commune merged on 1/7/2025: its 2025 values go to its successor
            InputRow("HG_VUVIEC", "03386", "2025-03", 6),
        ]
    )
    apply_rows([InputRow("TD_TIEPDAN", "03386", "2023-05", 9, "chuc_danh=bi_thu")])  # 7 → 9
    for root, period in (
        ("12", "2023"),
        ("105", "2023"),
        ("03386", "2023"),
        ("12", "2025"),
        ("12", "2023-05"),
    ):
        at = parse(period).end
        for by in (None, "tier"):
            fast, slow = both_ways(unit(root, at), period, by)
            assert fast == slow, (root, period, by)
    province = aggregate(unit("12"), parse("2023"), by="tier")
    assert province.value("TD_TIEPDAN", "xa", chuc_danh="bi_thu") == 12
    assert province.value("NTM_KINHPHI_TRIEU", "xa") == 1744.5
    kept = sorted(
        FlowRollup.objects.values_list("ancestor_id", "tier", "element_id", "dimensions", "start", "total")
    )
    assert kept and not FlowRollup.objects.filter(element__code="HG_TO").exists()
    rollup.rebuild()
    assert (
        sorted(
            FlowRollup.objects.values_list(
                "ancestor_id", "tier", "element_id", "dimensions", "start", "total"
            )
        )
        == kept
    )


def test_reloading_units_that_changed_keeps_the_rollup_true(lai_chau):
    """A unit whose validity the loader corrects carries its values into other totals."""
    from danchu.units import loader

    apply_rows([InputRow("TT_HOINGHI", "03386", "2023", 4)])
    Unit.objects.filter(code="03386", valid_to=dt.date(2025, 6, 30)).update(valid_to=dt.date(2023, 6, 30))
    rollup.rebuild()  # the rollup as it stood with the wrong validity
    assert loader.load("legacy", "12").updated == 1
    fast, slow = both_ways(unit("12"), "2023", "tier")
    assert fast == slow
    assert aggregate(unit("12"), parse("2023"), by="tier").value("TT_HOINGHI", "xa") == 4
