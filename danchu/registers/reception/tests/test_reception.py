"""The citizen reception and dialogue books, and the figures they give, against counts by hand."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from danchu.analytics.engine import aggregate
from danchu.registers.reception import services as rs
from danchu.registers.reception.models import Turn
from danchu.units.models import Unit
from danchu.values.periods import parse
from danchu.values.services import InputRow, ValuesRefused, apply_rows

D = dt.date


@pytest.fixture
def commune(lai_chau):
    return Unit.objects.at(D(2023, 6, 1)).get(code="03386")


BOOK = """date,unit,session,form,leader,people,case,group,content
2023-01-10,03386,T01,thuong_xuyen,,1,VV-1,khong,Tranh chấp ranh giới
2023-01-10,03386,T01,thuong_xuyen,,2,VV-2,khong,Đường nội đồng
2023-02-07,03386,CT-02,lanh_dao,chu_tich,12,VV-1,co,Đoàn hộ dân về ranh giới
2023-02-07,03386,CT-02,lanh_dao,chu_tich,1,,khong,Hỏi chính sách
2023-03-07,03386,BT-03,lanh_dao,bi_thu,3,VV-3,khong,Nước sinh hoạt
2023-03-14,03386,BT-04,lanh_dao,bi_thu,1,VV-3,khong,Nước sinh hoạt (lần 2)
2023-06-01,03386,T06,thuong_xuyen,,1,VV-1,khong,Hỏi tiến độ
"""


@pytest.mark.django_db
def test_reception_figures_equal_the_counts_by_hand(commune, tmp_path):
    path = tmp_path / "so-tiep-dan.csv"
    path.write_text(BOOK, encoding="utf-8")
    out = StringIO()
    call_command("import_register", "reception", str(path), stdout=out)
    assert "Đã nhập 7 lượt tiếp" in out.getvalue()
    v = aggregate(commune, parse("2023")).value
    assert v("TCD_LUOT", hinh_thuc="thuong_xuyen") == 3 and v("TCD_LUOT", hinh_thuc="lanh_dao") == 4
    assert v("TCD_NGUOI") == 21 and v("TCD_NGUOI", hinh_thuc="lanh_dao") == 17
    # matters: regular VV-1, VV-2 (VV-1 again in June counts once); leaders VV-1, one without a
    # matter, VV-3 (twice, once)
    assert v("TCD_VUVIEC", hinh_thuc="thuong_xuyen") == 2 and v("TCD_VUVIEC", hinh_thuc="lanh_dao") == 3
    assert v("TCD_DOAN", hinh_thuc="lanh_dao") == 1 and v("TCD_DOAN_NGUOI", hinh_thuc="lanh_dao") == 12
    # sessions held by the chairman (CT-02) and by the secretary (BT-03, BT-04)
    assert v("TD_TIEPDAN", chuc_danh="chu_tich") == 1 and v("TD_TIEPDAN", chuc_danh="bi_thu") == 2
    # a month alone counts its own turns
    assert aggregate(commune, parse("2023-06")).value("TCD_LUOT") == 1  # 15/05–14/06/2023


@pytest.mark.django_db
def test_dialogues_feed_td_doithoai_and_hand_entry_is_refused(commune):
    rs.add_dialogue(
        commune, date=D(2023, 4, 4), leader="chu_tich", topic="Giải phóng mặt bằng", participants=40
    )
    rs.add_dialogue(commune, date=D(2023, 5, 5), leader="bi_thu", topic="Xây dựng nông thôn mới")
    rs.add_dialogue(commune, date=D(2023, 5, 6), leader="khac", topic="Phó chủ tịch đối thoại")
    v = aggregate(commune, parse("2023")).value
    assert v("TD_DOITHOAI", chuc_danh="chu_tich") == 1 and v("TD_DOITHOAI", chuc_danh="bi_thu") == 1
    with pytest.raises(ValuesRefused, match="Sổ đối thoại với nhân dân"):
        apply_rows([InputRow("TD_DOITHOAI", "03386", "2023", 5, "chuc_danh=bi_thu")])
    # the reception book is another register: its figures are still typed until it is kept
    apply_rows([InputRow("TD_TIEPDAN", "03386", "2023", 5, "chuc_danh=bi_thu")])


@pytest.mark.django_db
def test_bad_turns_are_refused(commune):
    with pytest.raises(rs.ReceptionRefused, match="phải ghi người tiếp"):
        rs.add_turn(commune, date=D(2023, 4, 4), form="lanh_dao")
    with pytest.raises(rs.ReceptionRefused, match="chưa tới"):
        rs.add_turn(commune, date=D(2999, 1, 1), form="thuong_xuyen")
    rs.add_turn(commune, date=D(2023, 4, 4), form="thuong_xuyen", session="S1")
    with pytest.raises(rs.ReceptionRefused, match="Buổi tiếp 'S1' là ngày 04/04/2023"):
        rs.add_turn(commune, date=D(2023, 4, 5), form="thuong_xuyen", session="S1")
    assert Turn.objects.count() == 1
