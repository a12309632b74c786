"""Small real data for the report tests: Lai Châu's legacy tree and a handful of seed figures."""

from __future__ import annotations

import pytest

from danchu.units import loader
from danchu.units.models import Unit
from danchu.values.services import InputRow, apply_rows


def put(*rows):
    apply_rows([InputRow(*r) for r in rows])


# (element, unit, period, value, dimensions): seed figures spread over the three tiers
FIGURES = [
    ("TD_TIEPDAN", "12", "2023", 2, "chuc_danh=chu_tich"),
    ("TD_TIEPDAN", "105", "2023", 16, "chuc_danh=bi_thu"),
    ("TD_TIEPDAN", "03386", "2023", 560, "chuc_danh=bi_thu"),
    ("TD_TIEPDAN", "03386", "2023", 1113, "chuc_danh=chu_tich"),
    ("TD_DOITHOAI", "12", "2023", 2, "chuc_danh=chu_tich"),
    ("TD_DOITHOAI", "03386", "2023", 125, "chuc_danh=bi_thu"),
    ("VB_CHIDAO", "12", "2023", 2, "co_quan=bcd;loai_vb=ke_hoach"),
    ("VB_CHIDAO", "12", "2023", 2, "co_quan=bcd;loai_vb=thong_bao"),
    ("VB_CHIDAO", "12", "2023", 2, "co_quan=bcd;loai_vb=cong_van"),
    ("VB_CHIDAO", "12", "2023", 1, "co_quan=cap_uy;loai_vb=khac"),
    ("TT_NGUOI", "105", "2023", 32286, ""),
    ("DON_TIEPNHAN", "12", "2023", 1110, "nguon=trong_ky;loai_don=kien_nghi"),
    ("DON_TIEPNHAN", "12", "2023", 62, "nguon=ky_truoc;loai_don=khieu_nai"),
    ("DON_TIEPNHAN", "12", "2022", 1099, "nguon=trong_ky;loai_don=kien_nghi"),
    ("TCD_LUOT", "12", "2023", 771, "hinh_thuc=thuong_xuyen"),
    ("TCD_LUOT", "12", "2022", 887, "hinh_thuc=thuong_xuyen"),
    ("VV_THAMQUYEN", "12", "2023", 901, "loai_don=kien_nghi"),
    ("VV_DAGIAIQUYET", "12", "2023", 787, "loai_don=kien_nghi"),
    ("HG_VUVIEC", "03386", "2023", 871, ""),
    ("HG_THANH", "03386", "2023", 738, ""),
    ("HG_TO", "03386", "2022", 5, ""),
]


@pytest.fixture
def province(db):
    """Lai Châu (legacy tree) with the figures above."""
    loader.load("legacy", "12")
    put(*FIGURES)
    return Unit.objects.get(code="12", tier="tinh")
