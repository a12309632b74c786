"""The figures of Lai Châu's report 39-BC/BCĐ of 21/12/2023, as data.

Source: `/work/shared/seed/bao-cao-39-BC-BCD-2023.md` (OCR'd). Every figure below names the
appendix item (PHỤ LỤC, "PL") or the footnote ("fn") it comes from, mapped onto the national
form's element codes and dimension options (FORM-QCDC.md, `danchu/catalog/builtin.py`).

`tier` says where a figure sits: `tinh` = the province unit 12 itself, `huyen` = the sum over the
8 districts, `xa` = the sum over the 106 communes (`danchu.demo.services` spreads a tier's total
over its units). Where the seed gives only a province-wide total, the choice of tier is written
next to the figure. Where the form needs a breakdown the seed does not give (e.g. đơn by nguồn
AND loại at once), the split is ours and marked "SPLIT OURS"; its margins are the seed's.

Known inconsistencies of the seed (the appendix wins, the footnote text is not loaded):
- fn 5 says chủ tịch UBND các cấp "tiếp dân 1.170 cuộc, đối thoại 350 cuộc"; the appendix item 6
  gives 2 + 57 + 1.113 = 1.172 tiếp dân and 2 + 16 + 312 = 330 đối thoại.
Footnotes checked and consistent with the appendix: fn 1 (456 hội nghị = 5 + 451; 32.786 người =
500 + 32.286; 23 văn bản triển khai Luật = item 2's 2 + 21), fn 3 (bí thư 576 = 0 + 16 + 560 tiếp
dân, 138 = 0 + 13 + 125 đối thoại), section II.2 (1 cuộc/18 đơn vị, 30 cuộc/180 đơn vị = item 4),
fn 11 (1.744 triệu đồng, 157.974 m² = item 5), fn 20's own sub-totals (599 + 172 = 771 lượt, …;
1.110 + 62 = 35 + 26 + 1.111 = 1.172 đơn; 904 + 190 = 1.094 đơn), fn 14 (738/871 = 84,73%).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    element: str
    dimensions: str  # "key=option;key=option" (keys sorted), "" when the element has none
    tier: str  # "tinh" | "huyen" | "xa"
    value: int
    source: str  # where in the seed


def _f(element: str, dimensions: str, tier: str, value: int, source: str) -> Figure:
    return Figure(element, dimensions, tier, value, source)


def _vb(element: str, co_quan: str, loai_vb: str, tier: str, value: int, source: str) -> Figure:
    return Figure(element, f"co_quan={co_quan};loai_vb={loai_vb}", tier, value, source)


FIGURES_2023: list[Figure] = [
    # --- PL 1.1 Cấp tỉnh: văn bản lãnh đạo, chỉ đạo (no document type given → loai_vb=khac)
    _vb("VB_CHIDAO", "cap_uy", "khac", "tinh", 1, "PL 1.1 Tỉnh ủy: 01"),
    _vb("VB_CHIDAO", "chinh_quyen", "khac", "tinh", 0, "PL 1.1 UBND tỉnh: 0"),
    _vb("VB_CHIDAO", "bcd", "ke_hoach", "tinh", 2, "PL 1.1 BCĐ tỉnh: 2 kế hoạch"),
    _vb("VB_CHIDAO", "bcd", "thong_bao", "tinh", 2, "PL 1.1 BCĐ tỉnh: 2 Thông báo"),
    _vb("VB_CHIDAO", "bcd", "cong_van", "tinh", 2, "PL 1.1 BCĐ tỉnh: 2 Công văn"),
    _vb("VB_CHIDAO", "mttq", "khac", "tinh", 0, "PL 1.1 Mặt trận Tổ quốc tỉnh: 0"),
    _vb("VB_CHIDAO", "ctxh", "khac", "tinh", 3, "PL 1.1 Các tổ chức chính trị - xã hội tỉnh: 3"),
    # --- PL 1.2 Cấp huyện
    _vb("VB_CHIDAO", "cap_uy", "khac", "huyen", 19, "PL 1.2 Cấp ủy, tổ chức đảng: 19"),
    _vb("VB_CHIDAO", "chinh_quyen", "khac", "huyen", 66, "PL 1.2 Chính quyền: 66"),
    _vb("VB_CHIDAO", "bcd", "khac", "huyen", 124, "PL 1.2 Ban chỉ đạo thực hiện QCDC: 124"),
    _vb("VB_CHIDAO", "mttq", "khac", "huyen", 36, "PL 1.2 Mặt trận Tổ quốc: 36"),
    _vb("VB_CHIDAO", "ctxh", "khac", "huyen", 55, "PL 1.2 Các tổ chức chính trị - xã hội: 55"),
    # --- PL 2.1 Cấp tỉnh: văn bản quán triệt, triển khai Luật
    _vb("VB_LUAT", "cap_uy", "khac", "tinh", 0, "PL 2.1 Cấp ủy: 0"),
    _vb("VB_LUAT", "chinh_quyen", "ke_hoach", "tinh", 1, "PL 2.1 Chính quyền: 01 kế hoạch"),
    _vb("VB_LUAT", "chinh_quyen", "cong_van", "tinh", 1, "PL 2.1 Chính quyền: 01 công văn"),
    _vb("VB_LUAT", "bcd", "khac", "tinh", 0, "PL 2.1 Ban Chỉ đạo thực hiện QCDC: 0"),
    # --- PL 2.2 Cấp huyện
    _vb("VB_LUAT", "cap_uy", "ke_hoach", "huyen", 2, "PL 2.2 Cấp ủy: 2 kế hoạch"),
    _vb("VB_LUAT", "chinh_quyen", "ke_hoach", "huyen", 10, "PL 2.2 Chính quyền: 10 kế hoạch"),
    _vb("VB_LUAT", "chinh_quyen", "cong_van", "huyen", 4, "PL 2.2 Chính quyền: 4 công văn"),
    _vb("VB_LUAT", "bcd", "ke_hoach", "huyen", 5, "PL 2.2 Ban Chỉ đạo thực hiện QCDC: 5 kế hoạch"),
    # --- PL 3 Tuyên truyền, tập huấn (fn 1: 456 hội nghị, 32.786 người = tỉnh + huyện)
    _f("TT_HOINGHI", "", "tinh", 5, "PL 3 cấp tỉnh: Số cuộc/lớp/hội nghị 05"),
    _f("TT_NGUOI", "", "tinh", 500, "PL 3 cấp tỉnh: Số lượng người tham gia 500"),
    _f("TT_HOINGHI", "", "huyen", 451, "PL 3 cấp huyện: Số cuộc/lớp/hội nghị 451"),
    _f("TT_NGUOI", "", "huyen", 32286, "PL 3 cấp huyện: Số lượng người tham gia 32.286"),
    # --- PL 4 Kiểm tra, giám sát (also section II.2 of the text)
    _f("KT_DOAN", "", "tinh", 1, "PL 4 cấp tỉnh: đoàn/lượt 01"),
    _f("KT_DONVI", "", "tinh", 18, "PL 4 cấp tỉnh: đơn vị cơ sở 18"),
    _f("KT_DOAN", "", "huyen", 30, "PL 4 cấp huyện: đoàn/lượt 30"),
    _f("KT_DONVI", "", "huyen", 180, "PL 4 cấp huyện: đơn vị cơ sở 180"),
    # --- PL 5 Nông thôn mới, "số liệu tính trong toàn huyện, thành phố" → tier huyen (the districts
    # report it for their whole territory); fn 11 adds the ngày công figure, same placement.
    _f("NTM_KINHPHI_TRIEU", "", "huyen", 1744, "PL 5 kinh phí huy động sức dân 1.744 triệu đồng; fn 11"),
    _f("NTM_DAT_M2", "", "huyen", 157974, "PL 5 đất nhân dân hiến 157.974 m²; fn 11"),
    _f("NTM_NGAYCONG", "", "huyen", 7623, "fn 11: nhân dân đóng góp 7.623 ngày công"),
    # --- PL 6 Tiếp dân, đối thoại của người đứng đầu (fn 3 bí thư 576/138 agrees;
    # fn 5 chủ tịch 1.170/350 does NOT agree with 1.172/330 below — the appendix wins)
    _f("TD_TIEPDAN", "chuc_danh=bi_thu", "tinh", 0, "PL 6.1 Bí thư Tỉnh ủy: tiếp dân 0 cuộc"),
    _f("TD_DOITHOAI", "chuc_danh=bi_thu", "tinh", 0, "PL 6.1 Bí thư Tỉnh ủy: đối thoại 0 cuộc"),
    _f("TD_TIEPDAN", "chuc_danh=chu_tich", "tinh", 2, "PL 6.1 Chủ tịch UBND tỉnh: tiếp dân 2 cuộc"),
    _f("TD_DOITHOAI", "chuc_danh=chu_tich", "tinh", 2, "PL 6.1 Chủ tịch UBND tỉnh: đối thoại 2 cuộc"),
    _f("TD_TIEPDAN", "chuc_danh=bi_thu", "huyen", 16, "PL 6.2 Bí thư huyện/thành ủy: tiếp dân 16"),
    _f("TD_DOITHOAI", "chuc_danh=bi_thu", "huyen", 13, "PL 6.2 Bí thư huyện/thành ủy: đối thoại 13"),
    _f("TD_TIEPDAN", "chuc_danh=chu_tich", "huyen", 57, "PL 6.2 Chủ tịch UBND huyện: tiếp dân 57"),
    _f("TD_DOITHOAI", "chuc_danh=chu_tich", "huyen", 16, "PL 6.2 Chủ tịch UBND huyện: đối thoại 16"),
    _f("TD_TIEPDAN", "chuc_danh=bi_thu", "xa", 560, "PL 6.3 Bí thư xã: tiếp dân 560 cuộc"),
    _f("TD_DOITHOAI", "chuc_danh=bi_thu", "xa", 125, "PL 6.3 Bí thư xã: đối thoại 125 cuộc"),
    _f("TD_TIEPDAN", "chuc_danh=chu_tich", "xa", 1113, "PL 6.3 Chủ tịch xã: tiếp dân 1.113 cuộc"),
    _f("TD_DOITHOAI", "chuc_danh=chu_tich", "xa", 312, "PL 6.3 Chủ tịch xã: đối thoại 312 cuộc"),
    # --- fn 10 Tiếp xúc cử tri: the deputies are the province's (Đoàn ĐBQH tỉnh, Tổ đại biểu
    # HĐND tỉnh) and MTTQ tỉnh organised the meetings → tier tinh.
    _f("TXCT_DIEM", "cap_txct=quoc_hoi", "tinh", 34, "fn 10: ĐBQH tại 34 điểm"),
    _f("TXCT_CUTRI", "cap_txct=quoc_hoi", "tinh", 2375, "fn 10: ĐBQH, 2.375 cử tri tham dự"),
    # fn 10: "41 ý kiến … đối với Quốc hội, Chính phủ, Bộ, ngành TW và 08 ý kiến … với tỉnh": the form
    # has no "addressed to" dimension, so the element holds all 41 + 08 = 49 opinions.
    _f("TXCT_YKIEN", "cap_txct=quoc_hoi", "tinh", 49, "fn 10: ĐBQH, 41 + 08 ý kiến, kiến nghị"),
    _f("TXCT_DIEM", "cap_txct=hdnd", "tinh", 184, "fn 10: HĐND tỉnh tại 184 điểm"),
    _f("TXCT_CUTRI", "cap_txct=hdnd", "tinh", 12382, "fn 10: HĐND tỉnh, 12.382 cử tri tham dự"),
    _f("TXCT_YKIEN", "cap_txct=hdnd", "tinh", 1778, "fn 10: HĐND tỉnh, tổng 1.778 ý kiến, kiến nghị"),
    # --- fn 12 Quy ước: 956/956 thôn, bản, khu phố (villages belong to communes → tier xa) → 100%
    _f("THON_TONG", "", "xa", 956, "fn 12: 956 thôn, bản, khu phố"),
    _f("THON_QUYUOC", "", "xa", 956, "fn 12: 956/956 đã xây dựng quy ước, được phê duyệt"),
    # --- fn 13 Ban thanh tra nhân dân, ban giám sát đầu tư của cộng đồng (per commune → tier xa)
    _f("TTND_BAN", "", "xa", 106, "fn 13: 106 ban thanh tra nhân dân/106 xã"),
    _f("TTND_THANHVIEN", "", "xa", 963, "fn 13: 963 thành viên ban TTND"),
    _f("TTND_GIAMSAT", "", "xa", 147, "fn 13: ban TTND giám sát 147 vụ việc"),
    _f("TTND_KIENNGHI", "", "xa", 37, "fn 13: kiến nghị xử lý 37 vụ việc sai phạm"),
    _f("GSDT_BAN", "", "xa", 118, "fn 13: 118 ban giám sát đầu tư của cộng đồng"),
    _f("GSDT_THANHVIEN", "", "xa", 661, "fn 13: 661 thành viên ban GSĐTCĐ"),
    _f("GSDT_GIAMSAT", "", "xa", 120, "fn 13: ban GSĐTCĐ giám sát 120 dự án, vụ việc"),
    _f("GSDT_KIENNGHI", "", "xa", 8, "fn 13: kiến nghị 8 vụ việc sai phạm"),
    # --- fn 14 Hòa giải ở cơ sở (tổ hòa giải are in the villages → tier xa) → 738/871 = 84,73%
    _f("HG_TO", "", "xa", 956, "fn 14: 956 tổ hòa giải"),
    _f("HG_VIEN", "", "xa", 4893, "fn 14: 4.893 hòa giải viên"),
    _f("HG_VUVIEC", "", "xa", 871, "fn 14: hòa giải 871 vụ việc"),
    _f("HG_THANH", "", "xa", 738, "fn 14: hòa giải thành 738 vụ việc, đạt 84,73%"),
    # --- fn 20 Tiếp công dân, toàn tỉnh 771 lượt / 900 người / 764 vụ việc.
    # Cơ quan cấp tỉnh: thường xuyên 59/119/56, lãnh đạo 5/10/4 (seed).
    _f("TCD_LUOT", "hinh_thuc=thuong_xuyen", "tinh", 59, "fn 20: cơ quan cấp tỉnh tiếp 59 lượt"),
    _f("TCD_NGUOI", "hinh_thuc=thuong_xuyen", "tinh", 119, "fn 20: cấp tỉnh, 119 người"),
    _f("TCD_VUVIEC", "hinh_thuc=thuong_xuyen", "tinh", 56, "fn 20: cấp tỉnh, 56 vụ việc"),
    _f("TCD_LUOT", "hinh_thuc=lanh_dao", "tinh", 5, "fn 20: lãnh đạo cấp tỉnh tiếp 5 lượt"),
    _f("TCD_NGUOI", "hinh_thuc=lanh_dao", "tinh", 10, "fn 20: lãnh đạo cấp tỉnh, 10 người"),
    _f("TCD_VUVIEC", "hinh_thuc=lanh_dao", "tinh", 4, "fn 20: lãnh đạo cấp tỉnh, 4 vụ việc"),
    # "cấp huyện, cấp xã" together: thường xuyên 540/596/537, lãnh đạo 167/175/167 (seed);
    # SPLIT OURS between the district and commune tiers.
    _f("TCD_LUOT", "hinh_thuc=thuong_xuyen", "huyen", 320, "fn 20: huyện+xã 540 lượt (phần huyện)"),
    _f("TCD_NGUOI", "hinh_thuc=thuong_xuyen", "huyen", 356, "fn 20: huyện+xã 596 người (phần huyện)"),
    _f("TCD_VUVIEC", "hinh_thuc=thuong_xuyen", "huyen", 318, "fn 20: huyện+xã 537 vụ việc (phần huyện)"),
    _f("TCD_LUOT", "hinh_thuc=thuong_xuyen", "xa", 220, "fn 20: huyện+xã 540 lượt (phần xã)"),
    _f("TCD_NGUOI", "hinh_thuc=thuong_xuyen", "xa", 240, "fn 20: huyện+xã 596 người (phần xã)"),
    _f("TCD_VUVIEC", "hinh_thuc=thuong_xuyen", "xa", 219, "fn 20: huyện+xã 537 vụ việc (phần xã)"),
    _f("TCD_LUOT", "hinh_thuc=lanh_dao", "huyen", 97, "fn 20: lãnh đạo huyện+xã 167 lượt (phần huyện)"),
    _f("TCD_NGUOI", "hinh_thuc=lanh_dao", "huyen", 103, "fn 20: lãnh đạo huyện+xã 175 người (phần huyện)"),
    _f("TCD_VUVIEC", "hinh_thuc=lanh_dao", "huyen", 97, "fn 20: lãnh đạo huyện+xã 167 vụ việc (phần huyện)"),
    _f("TCD_LUOT", "hinh_thuc=lanh_dao", "xa", 70, "fn 20: lãnh đạo huyện+xã 167 lượt (phần xã)"),
    _f("TCD_NGUOI", "hinh_thuc=lanh_dao", "xa", 72, "fn 20: lãnh đạo huyện+xã 175 người (phần xã)"),
    _f("TCD_VUVIEC", "hinh_thuc=lanh_dao", "xa", 70, "fn 20: lãnh đạo huyện+xã 167 vụ việc (phần xã)"),
    # --- fn 20 Đơn thư, "cơ quan hành chính các cấp", toàn tỉnh only → tier huyen (spread over the
    # 8 districts, where the district and commune administrations' handling is consolidated).
    # 1.172 đơn = trong kỳ 1.110 + kỳ trước 62 = khiếu nại 35 + tố cáo 26 + kiến nghị 1.111;
    # SPLIT OURS of the nguồn × loại cross-table (margins are the seed's).
    _f("DON_TIEPNHAN", "loai_don=khieu_nai;nguon=ky_truoc", "huyen", 6, "fn 20: kỳ trước 62 (ours)"),
    _f("DON_TIEPNHAN", "loai_don=to_cao;nguon=ky_truoc", "huyen", 4, "fn 20: kỳ trước 62 (ours)"),
    _f("DON_TIEPNHAN", "loai_don=kien_nghi;nguon=ky_truoc", "huyen", 52, "fn 20: kỳ trước 62 (ours)"),
    _f("DON_TIEPNHAN", "loai_don=khieu_nai;nguon=trong_ky", "huyen", 29, "fn 20: trong kỳ 1.110 (ours)"),
    _f("DON_TIEPNHAN", "loai_don=to_cao;nguon=trong_ky", "huyen", 22, "fn 20: trong kỳ 1.110 (ours)"),
    _f("DON_TIEPNHAN", "loai_don=kien_nghi;nguon=trong_ky", "huyen", 1059, "fn 20: trong kỳ 1.110 (ours)"),
    _f("DON_DUDK", "", "huyen", 1094, "fn 20: 1.094 đơn đủ điều kiện xử lý"),
    _f("DON_THAMQUYEN", "loai_don=khieu_nai", "huyen", 14, "fn 20: thuộc thẩm quyền, khiếu nại 14 đơn"),
    _f("DON_THAMQUYEN", "loai_don=to_cao", "huyen", 4, "fn 20: thuộc thẩm quyền, tố cáo 4 đơn"),
    _f("DON_THAMQUYEN", "loai_don=kien_nghi", "huyen", 886, "fn 20: thuộc thẩm quyền, kiến nghị 886 đơn"),
    # 904 đơn bằng 901 vụ việc; SPLIT OURS by loại (3 kiến nghị letters were about one case each).
    _f("VV_THAMQUYEN", "loai_don=khieu_nai", "huyen", 14, "fn 20: 901 vụ việc thuộc thẩm quyền (ours)"),
    _f("VV_THAMQUYEN", "loai_don=to_cao", "huyen", 4, "fn 20: 901 vụ việc thuộc thẩm quyền (ours)"),
    _f("VV_THAMQUYEN", "loai_don=kien_nghi", "huyen", 883, "fn 20: 901 vụ việc thuộc thẩm quyền (ours)"),
    # đã giải quyết 787/901 vụ việc, đạt 87,3%; SPLIT OURS by loại.
    _f("VV_DAGIAIQUYET", "loai_don=khieu_nai", "huyen", 12, "fn 20: đã giải quyết 787 (ours)"),
    _f("VV_DAGIAIQUYET", "loai_don=to_cao", "huyen", 3, "fn 20: đã giải quyết 787 (ours)"),
    _f("VV_DAGIAIQUYET", "loai_don=kien_nghi", "huyen", 772, "fn 20: đã giải quyết 787 (ours)"),
    _f("DON_KHONG_THAMQUYEN", "", "huyen", 190, "fn 20: 190 đơn không thuộc thẩm quyền"),
]

# --- 2022, the figures the seed compares 2023 against (period "2022").
# fn 20: "giảm 116 lượt (13,1%) với 152 người bằng 113 vụ việc so với cùng kỳ năm trước"
#   → 771 + 116 = 887 lượt, 900 + 152 = 1.052 người, 764 + 113 = 877 vụ việc (toàn tỉnh);
# fn 20: "1.172 đơn, tăng 73 đơn so với cùng kỳ năm 2022" → 1.099 đơn tiếp nhận (toàn tỉnh).
# Only the totals are the seed's: SPLIT OURS by tier and hình thức, and by nguồn × loại.
_TX, _LD = "hinh_thuc=thuong_xuyen", "hinh_thuc=lanh_dao"
FIGURES_2022: list[Figure] = [
    _f("TCD_LUOT", _TX, "tinh", 68, "fn 20: 2022 887 lượt (ours)"),
    _f("TCD_LUOT", _LD, "tinh", 6, "fn 20: 2022 887 lượt (ours)"),
    _f("TCD_LUOT", _TX, "huyen", 368, "fn 20: 2022 887 lượt (ours)"),
    _f("TCD_LUOT", _LD, "huyen", 112, "fn 20: 2022 887 lượt (ours)"),
    _f("TCD_LUOT", _TX, "xa", 253, "fn 20: 2022 887 lượt (ours)"),
    _f("TCD_LUOT", _LD, "xa", 80, "fn 20: 2022 887 lượt (ours)"),
    _f("TCD_NGUOI", _TX, "tinh", 137, "fn 20: 2022 1.052 người (ours)"),
    _f("TCD_NGUOI", _LD, "tinh", 12, "fn 20: 2022 1.052 người (ours)"),
    _f("TCD_NGUOI", _TX, "huyen", 410, "fn 20: 2022 1.052 người (ours)"),
    _f("TCD_NGUOI", _LD, "huyen", 119, "fn 20: 2022 1.052 người (ours)"),
    _f("TCD_NGUOI", _TX, "xa", 285, "fn 20: 2022 1.052 người (ours)"),
    _f("TCD_NGUOI", _LD, "xa", 89, "fn 20: 2022 1.052 người (ours)"),
    _f("TCD_VUVIEC", _TX, "tinh", 65, "fn 20: 2022 877 vụ việc (ours)"),
    _f("TCD_VUVIEC", _LD, "tinh", 5, "fn 20: 2022 877 vụ việc (ours)"),
    _f("TCD_VUVIEC", _TX, "huyen", 366, "fn 20: 2022 877 vụ việc (ours)"),
    _f("TCD_VUVIEC", _LD, "huyen", 112, "fn 20: 2022 877 vụ việc (ours)"),
    _f("TCD_VUVIEC", _TX, "xa", 250, "fn 20: 2022 877 vụ việc (ours)"),
    _f("TCD_VUVIEC", _LD, "xa", 79, "fn 20: 2022 877 vụ việc (ours)"),
    _f("DON_TIEPNHAN", "loai_don=khieu_nai;nguon=ky_truoc", "huyen", 5, "fn 20: 2022 1.099 đơn (ours)"),
    _f("DON_TIEPNHAN", "loai_don=to_cao;nguon=ky_truoc", "huyen", 3, "fn 20: 2022 1.099 đơn (ours)"),
    _f("DON_TIEPNHAN", "loai_don=kien_nghi;nguon=ky_truoc", "huyen", 48, "fn 20: 2022 1.099 đơn (ours)"),
    _f("DON_TIEPNHAN", "loai_don=khieu_nai;nguon=trong_ky", "huyen", 31, "fn 20: 2022 1.099 đơn (ours)"),
    _f("DON_TIEPNHAN", "loai_don=to_cao;nguon=trong_ky", "huyen", 24, "fn 20: 2022 1.099 đơn (ours)"),
    _f("DON_TIEPNHAN", "loai_don=kien_nghi;nguon=trong_ky", "huyen", 988, "fn 20: 2022 1.099 đơn (ours)"),
]

FIGURES: dict[str, list[Figure]] = {"2023": FIGURES_2023, "2022": FIGURES_2022}

# Totals the seed's text states for a figure the appendix also gives, and what the appendix
# sums to. Only fn 5 disagrees; the loaded values follow the appendix.
FOOTNOTE_CHECKS = [
    # (source, element, dimensions, seed text's total, appendix sum over tỉnh + huyện + xã)
    ("fn 1: 456 hội nghị tập huấn, tuyên truyền", "TT_HOINGHI", "", 456, 5 + 451),
    ("fn 1: 32.786 người tham gia", "TT_NGUOI", "", 32786, 500 + 32286),
    ("fn 1: 23 văn bản triển khai Luật", "VB_LUAT", "", 23, (0 + 1 + 1 + 0) + (2 + 10 + 4 + 5)),
    ("fn 3: bí thư cấp ủy các cấp tiếp 576 lượt", "TD_TIEPDAN", "chuc_danh=bi_thu", 576, 0 + 16 + 560),
    ("fn 3: đối thoại 138 cuộc", "TD_DOITHOAI", "chuc_danh=bi_thu", 138, 0 + 13 + 125),
    (
        "fn 5: chủ tịch UBND các cấp tiếp dân 1.170 cuộc",
        "TD_TIEPDAN",
        "chuc_danh=chu_tich",
        1170,
        2 + 57 + 1113,
    ),
    ("fn 5: đối thoại 350 cuộc", "TD_DOITHOAI", "chuc_danh=chu_tich", 350, 2 + 16 + 312),
]
