import re

import pytest

from danchu.demo.narrative import NARRATIVE, SECTIONS, for_heading


def test_every_paragraph_is_short_vietnamese_plain_text():
    assert len(NARRATIVE) >= 10
    for key, text in NARRATIVE.items():
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]
        assert 1 <= len(sentences) <= 3, key
        assert re.search(r"[ạảãàáâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]", text), key
        assert not re.search(r"[{}\[\]*]", text), f"{key}: no markup in demo narrative"


@pytest.mark.parametrize(
    "heading,key",
    [
        ("I- KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH", "khai_quat"),
        ("1. Công tác lãnh đạo, chỉ đạo của cấp ủy, chính quyền các cấp", "lanh_dao_chi_dao"),
        ("2. Hoạt động của ban chỉ đạo thực hiện dân chủ ở cơ sở", "ban_chi_dao"),
        ("1. Thực hiện dân chủ ở xã, phường, thị trấn", "dan_chu_xa"),
        ("2. Tiếp công dân, giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh", "tiep_cong_dan"),
        ("3. Tiếp xúc cử tri", "tiep_xuc_cu_tri"),
        ("3.1. Thực hiện dân chủ ở tổ chức có sử dụng lao động", "doanh_nghiep"),
        ("2. Hạn chế, yếu kém và nguyên nhân", "han_che"),
        ("V- NHIỆM VỤ TRỌNG TÂM NĂM {nam_sau}", "nhiem_vu"),
        ("V- NHIỆM VỤ TRỌNG TÂM NĂM 2024", "nhiem_vu"),
    ],
)
def test_paragraph_found_by_heading(heading, key):
    assert for_heading(heading) == NARRATIVE[key]
    assert SECTIONS[key][1] == NARRATIVE[key]


def test_unknown_heading_has_no_paragraph():
    assert for_heading("IV- ĐÁNH GIÁ CHUNG") is None
    assert for_heading("") is None
