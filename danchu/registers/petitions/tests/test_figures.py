"""The figures a commune's petitions book gives, against counts made by hand from the book."""

import datetime as dt

import pytest

from danchu.analytics.engine import aggregate
from danchu.registers.petitions import services as ps
from danchu.registers.petitions.models import Petition
from danchu.values.models import DataValue
from danchu.values.periods import parse

D = dt.date
P = ps.Person


def book(unit):
    """A small book: what each đơn was and what happened to it."""
    # received 2022, accepted, resolved 01/03/2023: carried into 2023
    old = ps.receive(
        unit, received=D(2022, 11, 20), channel="truc_tiep", kind="khieu_nai", petitioners=[P("Lò Văn Xôm")]
    )
    ps.handle(old, action="thu_ly", day=D(2022, 11, 25), eligible=True, competent=True)
    ps.resolve(old.case, day=D(2023, 3, 1), outcome="dung")
    # received and resolved in 2022: not in 2023 at all
    done = ps.receive(unit, received=D(2022, 10, 3), channel="buu_chinh", kind="kien_nghi")
    ps.handle(done, action="thu_ly", day=D(2022, 10, 5), eligible=True, competent=True)
    ps.resolve(done.case, day=D(2022, 11, 1), outcome="da_giai_quyet")
    # two đơn, one case, both accepted; still open
    a1 = ps.receive(unit, received=D(2023, 6, 1), channel="truc_tiep", kind="khieu_nai", case="VV-7")
    a2 = ps.receive(unit, received=D(2023, 7, 3), channel="buu_chinh", kind="khieu_nai", case="VV-7")
    for p in (a1, a2):
        ps.handle(p, action="thu_ly", day=D(2023, 7, 5), eligible=True, competent=True)
    ps.add_reminder(a1.case, received=D(2023, 10, 10), sender="Thanh tra tỉnh")
    # a denunciation, accepted, extended, resolved late
    tc = ps.receive(unit, received=D(2023, 4, 4), channel="truc_tiep", kind="to_cao")
    ps.handle(tc, action="thu_ly", day=D(2023, 4, 10), eligible=True, competent=True)
    ps.extend(tc.case, days=30, reason="Phải xác minh ở hai thôn", decided=D(2023, 5, 5))
    ps.resolve(tc.case, day=D(2023, 8, 1), outcome="dung_mot_phan")
    # not competent: transferred elsewhere, guided
    ps.handle(
        ps.receive(unit, received=D(2023, 8, 8), channel="truc_tuyen", kind="kien_nghi"),
        action="chuyen",
        day=D(2023, 8, 9),
        eligible=True,
        competent=False,
        transferred_to_name="Sở TN&MT",
    )
    ps.handle(
        ps.receive(unit, received=D(2023, 9, 1), channel="truc_tiep", kind="phan_anh"),
        action="huong_dan",
        day=D(2023, 9, 1),
        eligible=True,
        competent=False,
    )
    # competent phản ánh, answered
    pa = ps.receive(unit, received=D(2023, 9, 9), channel="truc_tiep", kind="phan_anh")
    ps.handle(pa, action="thu_ly", day=D(2023, 9, 11), eligible=True, competent=True)
    ps.resolve(pa.case, day=D(2023, 10, 2), outcome="da_giai_quyet")
    # not eligible: filed
    ps.handle(
        ps.receive(unit, received=D(2023, 11, 1), channel="buu_chinh", kind="kien_nghi"),
        action="luu",
        day=D(2023, 11, 2),
        eligible=False,
        competent=False,
    )
    # not yet handled
    ps.receive(unit, received=D(2023, 12, 1), channel="truc_tiep", kind="khieu_nai")
    # after the 2023 period (14/12/2023)
    ps.receive(unit, received=D(2023, 12, 20), channel="truc_tiep", kind="to_cao")


@pytest.mark.django_db
def test_the_annual_figures_equal_the_counts_by_hand(commune):
    book(commune)
    r = aggregate(commune, parse("2023"))
    v = r.value
    # received in 2023 (15/12/2022–14/12/2023): a1, a2, tc, the transfer, the guided one, pa, luu, the open one
    assert v("DON_TIEPNHAN", nguon="trong_ky") == 8
    assert v("DON_TIEPNHAN", nguon="trong_ky", loai_don="khieu_nai") == 3
    assert v("DON_TIEPNHAN", nguon="trong_ky", loai_don="to_cao") == 1
    assert v("DON_TIEPNHAN", nguon="trong_ky", loai_don="kien_nghi") == 4  # kiến nghị and phản ánh
    # carried over: `old` (open on 15/12/2022); `done` was closed before
    assert v("DON_TIEPNHAN", nguon="ky_truoc") == 1
    # eligible among the 9: all but the filed one and the one not yet decided
    assert v("DON_DUDK") == 7
    assert v("DON_THAMQUYEN", loai_don="khieu_nai") == 3  # old, a1, a2
    assert v("DON_THAMQUYEN", loai_don="to_cao") == 1
    assert v("DON_THAMQUYEN", loai_don="kien_nghi") == 1
    assert v("DON_KHONG_THAMQUYEN") == 2
    assert v("DON_XULY", xu_ly="chuyen") == 1 and v("DON_XULY", xu_ly="huong_dan") == 1
    assert v("DON_XULY", xu_ly="luu") == 0  # not eligible, so not among DON_KHONG_THAMQUYEN
    # cases: old's, VV-7 (two đơn), tc's, pa's
    assert v("VV_THAMQUYEN", loai_don="khieu_nai") == 2
    assert v("VV_THAMQUYEN") == 4
    assert v("VV_DAGIAIQUYET") == 3
    assert v("VV_KETQUA", loai_don="khieu_nai", ket_qua="dung") == 1
    assert v("VV_KETQUA", loai_don="to_cao", ket_qua="dung_mot_phan") == 1
    assert v("VV_KETQUA", loai_don="kien_nghi", ket_qua="da_giai_quyet") == 1
    assert v("DON_DONDOC", loai_don="khieu_nai") == 1
    # tc: accepted 10/04, 30 + 30 days → 09/06; resolved 01/08: late
    assert v("VV_QUAHAN", loai_don="to_cao") == 1
    assert v("TL_GIAIQUYET") == 75.0


@pytest.mark.django_db
def test_months_without_petitions_are_a_real_zero(commune):
    ps.receive(commune, received=D(2023, 3, 2), channel="truc_tiep", kind="khieu_nai")
    may = DataValue.objects.get(unit=commune, element__code="DON_DUDK", period="2023-05")
    assert (may.value, may.source) == (0, "registers.petitions")
    # nothing before the month the book starts
    assert not DataValue.objects.filter(unit=commune, element__code="DON_DUDK", period="2023-02").exists()
    # the legacy commune ends on 30/06/2025: its last month is cut to that day
    assert DataValue.objects.filter(
        unit=commune, element__code="DON_DUDK", period="2025-06-15/2025-06-30"
    ).exists()


@pytest.mark.django_db
def test_a_change_rewrites_the_figures_in_the_same_transaction(commune):
    p = ps.receive(commune, received=D(2023, 3, 2), channel="truc_tiep", kind="khieu_nai")
    assert aggregate(commune, parse("2023")).value("DON_DUDK") == 0
    ps.handle(p, action="thu_ly", day=D(2023, 3, 3), eligible=True, competent=True)
    assert aggregate(commune, parse("2023")).value("DON_DUDK") == 1
    assert aggregate(commune, parse("2023-03")).value("VV_THAMQUYEN") == 1
    # a refused step changes neither the record nor the figures
    with pytest.raises(ps.PetitionRefused, match="không dùng cho khiếu nại"):
        ps.resolve(p.case, day=D(2023, 4, 1), outcome="da_giai_quyet")
    assert Petition.objects.get(pk=p.pk).case.resolved is None
    assert aggregate(commune, parse("2023")).value("VV_DAGIAIQUYET") == 0
