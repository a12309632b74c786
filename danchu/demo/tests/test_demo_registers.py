"""The demo's communes keep their books: the figures come from the books, the province's stay the
report's."""

import datetime as dt

import pytest

from danchu.analytics.engine import aggregate
from danchu.registers.models import Keeping
from danchu.registers.petitions.models import Petition
from danchu.units.models import Unit
from danchu.values.models import DataValue
from danchu.values.periods import parse
from danchu.values.services import InputRow, ValuesRefused, apply_rows

END_2023 = dt.date(2023, 12, 14)
pytestmark = pytest.mark.django_db


@pytest.fixture
def quyet_thang(demo_loaded):
    return Unit.objects.at(END_2023).get(code="03386")


def test_three_communes_keep_reception_and_dialogue_books(quyet_thang):
    kept = set(Keeping.objects.values_list("unit__code", "kind"))
    for code in ("03386", "03387", "03403"):
        assert {(code, "reception"), (code, "dialogues")} <= kept
    assert ("03386", "petitions") in kept


def test_the_books_give_the_communes_share_of_footnote_20(quyet_thang):
    v = aggregate(quyet_thang, parse("2023")).value
    # the commune's share of the report's figures (demo spread: 4 + 1 lượt, 5 + 2 người, 3 + 1 vụ việc)
    assert (v("TCD_LUOT", hinh_thuc="thuong_xuyen"), v("TCD_LUOT", hinh_thuc="lanh_dao")) == (4, 1)
    assert (v("TCD_NGUOI", hinh_thuc="thuong_xuyen"), v("TCD_NGUOI", hinh_thuc="lanh_dao")) == (5, 2)
    assert (v("TCD_VUVIEC", hinh_thuc="thuong_xuyen"), v("TCD_VUVIEC", hinh_thuc="lanh_dao")) == (3, 1)
    assert (v("TD_TIEPDAN", chuc_danh="chu_tich"), v("TD_TIEPDAN", chuc_danh="bi_thu")) == (14, 7)
    assert (v("TD_DOITHOAI", chuc_danh="chu_tich"), v("TD_DOITHOAI", chuc_danh="bi_thu")) == (4, 2)
    sources = set(
        DataValue.objects.filter(
            unit=quyet_thang,
            element__code__in=["TCD_LUOT", "DON_DUDK"],
            start__gte=parse("2023").start,
            end__lte=END_2023,
        ).values_list("source", flat=True)
    )
    assert sources == {"registers.reception", "registers.petitions"}
    # the petitions book: 10 đơn of 2023
    assert Petition.objects.filter(unit=quyet_thang, received__lte=END_2023).count() == 10
    assert v("DON_TIEPNHAN") == 10 and v("DON_THAMQUYEN") == 7 and v("VV_DAGIAIQUYET") == 5


def test_the_province_still_has_the_reports_figures(quyet_thang):
    v = aggregate(Unit.objects.at(END_2023).get(code="12"), parse("2023")).value
    assert (v("TCD_LUOT"), v("TCD_NGUOI"), v("TCD_VUVIEC")) == (771, 900, 764)
    assert (v("DON_TIEPNHAN"), v("DON_DUDK"), v("DON_THAMQUYEN"), v("VV_THAMQUYEN")) == (1172, 1094, 904, 901)
    assert v("TL_GIAIQUYET") == 87.3


def test_typing_a_figure_the_book_gives_is_refused(quyet_thang):
    with pytest.raises(ValuesRefused, match="Sổ tiếp công dân"):
        apply_rows([InputRow("TCD_LUOT", "03386", "2023", 9, "hinh_thuc=thuong_xuyen")])
