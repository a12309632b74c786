"""The rules and holidays danchu starts from (docs/legal.md), installed by `migrate` and
re-installable without duplicating anything. Notes say what was read and where; a rule marked
`checked=False` was taken from secondary sources only."""

from __future__ import annotations

import datetime as dt

D = dt.date
KN = "Luật Khiếu nại số 02/2011/QH13"
TC = "Luật Tố cáo số 25/2018/QH14"
TCD = "Luật Tiếp công dân số 42/2013/QH13"
BLLD = "Bộ luật Lao động số 45/2019/QH14"

# code, name, clock, kinds, when, days, day kind, extension days, max extensions,
# law, article, from, checked, note
RULES = [
    (
        "KN_THULY",
        "Thụ lý giải quyết khiếu nại",
        "thu_ly",
        "khieu_nai",
        "",
        10,
        "calendar",
        0,
        0,
        KN,
        "Điều 27",
        D(2012, 7, 1),
        True,
        "Đã đọc Điều 27 (bản đăng trên thuvienphapluat.vn): trong thời hạn 10 ngày kể từ ngày nhận "
        "được khiếu nại thuộc thẩm quyền, không thuộc các trường hợp của Điều 11, người có thẩm quyền "
        "phải thụ lý và thông báo bằng văn bản. Ngày theo lịch, không phải ngày làm việc.",
    ),
    (
        "KN_GQ",
        "Giải quyết khiếu nại lần đầu",
        "giai_quyet",
        "khieu_nai",
        "",
        30,
        "calendar",
        15,
        1,
        KN,
        "Điều 28",
        D(2012, 7, 1),
        True,
        "Đã đọc Điều 28: không quá 30 ngày kể từ ngày thụ lý; vụ việc phức tạp có thể kéo dài nhưng "
        "không quá 45 ngày. Ở đây 'kéo dài' là một lần gia hạn tối đa 15 ngày (30 + 15 = 45).",
    ),
    (
        "KN_GQ_VX",
        "Giải quyết khiếu nại lần đầu ở vùng sâu, vùng xa",
        "giai_quyet",
        "khieu_nai",
        "vung_xa",
        45,
        "calendar",
        15,
        1,
        KN,
        "Điều 28",
        D(2012, 7, 1),
        True,
        "Đã đọc Điều 28: ở vùng sâu, vùng xa đi lại khó khăn không quá 45 ngày; phức tạp không quá "
        "60 ngày (45 + gia hạn 15).",
    ),
    (
        "KN_GQ_L2",
        "Giải quyết khiếu nại lần hai",
        "giai_quyet",
        "khieu_nai",
        "lan_hai",
        45,
        "calendar",
        15,
        1,
        KN,
        "Điều 37",
        D(2012, 7, 1),
        True,
        "Đã đọc Điều 37: không quá 45 ngày kể từ ngày thụ lý; phức tạp không quá 60 ngày (45 + 15).",
    ),
    (
        "KN_GQ_L2_VX",
        "Giải quyết khiếu nại lần hai ở vùng sâu, vùng xa",
        "giai_quyet",
        "khieu_nai",
        "lan_hai vung_xa",
        60,
        "calendar",
        10,
        1,
        KN,
        "Điều 37",
        D(2012, 7, 1),
        True,
        "Đã đọc Điều 37: ở vùng sâu, vùng xa không quá 60 ngày; phức tạp không quá 70 ngày (60 + 10).",
    ),
    (
        "TC_THULY",
        "Tiếp nhận, xử lý ban đầu và thụ lý tố cáo",
        "thu_ly",
        "to_cao",
        "",
        7,
        "working",
        0,
        0,
        TC,
        "Điều 24 khoản 1",
        D(2019, 1, 1),
        False,
        "Chưa tìm được bản đăng Điều 24 của Luật 2018 (các bản tìm được là Điều 20 Luật Tố cáo 2011: "
        "10 ngày, nhiều địa điểm không quá 15 ngày). Giá trị 7 ngày làm việc theo tài liệu của dự án "
        "(LEGAL-RULES) và ví dụ của yêu cầu: nhận thứ Sáu 02/02/2024 thì hạn 20/02/2024. Cần đối chiếu.",
    ),
    (
        "TC_THULY_NDD",
        "Thụ lý tố cáo phải xác minh ở nhiều địa điểm",
        "thu_ly",
        "to_cao",
        "nhieu_dia_diem",
        10,
        "working",
        0,
        0,
        TC,
        "Điều 24 khoản 1",
        D(2019, 1, 1),
        False,
        "Như TC_THULY: tối đa 10 ngày làm việc khi phải kiểm tra, xác minh ở nhiều địa điểm. Cần đối chiếu.",
    ),
    (
        "TC_GQ",
        "Giải quyết tố cáo",
        "giai_quyet",
        "to_cao",
        "",
        30,
        "calendar",
        30,
        1,
        TC,
        "Điều 30",
        D(2019, 1, 1),
        True,
        "Đã đọc Điều 30 (luatsubaoho.com, thuvienphapluat.vn): không quá 30 ngày kể từ ngày thụ lý; "
        "vụ việc phức tạp gia hạn một lần không quá 30 ngày; gia hạn quyết định bằng văn bản và thông "
        "báo. Tiêu chí 'phức tạp' (Nghị định 31/2019/NĐ-CP): xác minh từ 02 địa điểm trở lên, từ 02 nội "
        "dung trở lên, nhiều người tố cáo cùng nội dung, có yếu tố nước ngoài, liên quan trách nhiệm "
        "của nhiều cơ quan.",
    ),
    (
        "TC_GQ_DBPT",
        "Giải quyết tố cáo đặc biệt phức tạp",
        "giai_quyet",
        "to_cao",
        "dac_biet_phuc_tap",
        30,
        "calendar",
        30,
        2,
        TC,
        "Điều 30 khoản 3",
        D(2019, 1, 1),
        True,
        "Đã đọc Điều 30 khoản 3: vụ việc đặc biệt phức tạp gia hạn hai lần, mỗi lần không quá 30 ngày.",
    ),
    (
        "KNPA_XULY",
        "Xử lý đơn kiến nghị, phản ánh",
        "xu_ly",
        "kien_nghi,phan_anh",
        "",
        10,
        "working",
        0,
        0,
        "Thông tư số 05/2021/TT-TTCP",
        "thời hạn xử lý đơn",
        D(2021, 10, 1),
        False,
        "Chưa tìm được bản đăng của Thông tư 05/2021/TT-TTCP; 10 ngày làm việc kể từ ngày nhận đơn như "
        "quy trình xử lý đơn trước đó. Cần đối chiếu điều khoản và ngày hiệu lực.",
    ),
    (
        "TCD_CT_XA",
        "Chủ tịch UBND cấp xã tiếp công dân định kỳ",
        "tiep_dan",
        "chu_tich_xa",
        "",
        1,
        "calendar",
        0,
        0,
        TCD,
        "Điều 15 khoản 2 điểm d",
        D(2014, 7, 1),
        True,
        "Đã đọc Điều 15 khoản 2: trực tiếp tiếp công dân tại trụ sở UBND cấp xã ít nhất 01 ngày trong "
        "01 tuần, và tiếp đột xuất theo khoản 3 Điều 18. Số ngày ở đây: mỗi tuần.",
    ),
    (
        "TCD_CT_HUYEN",
        "Chủ tịch UBND cấp huyện tiếp công dân định kỳ",
        "tiep_dan",
        "chu_tich_huyen",
        "",
        2,
        "calendar",
        0,
        0,
        TCD,
        "Điều 13 khoản 5",
        D(2014, 7, 1),
        False,
        "Tài liệu dự án ghi Điều 14; bài đọc được (thoidai.com.vn) dẫn khoản 5 Điều 13: ít nhất 02 ngày "
        "trong 01 tháng. Số ngày ở đây: mỗi tháng. Cần đối chiếu số điều.",
    ),
    (
        "TCD_CT_TINH",
        "Chủ tịch UBND cấp tỉnh tiếp công dân định kỳ",
        "tiep_dan",
        "chu_tich_tinh",
        "",
        1,
        "calendar",
        0,
        0,
        TCD,
        "Điều 12 khoản 5",
        D(2014, 7, 1),
        False,
        "Tài liệu dự án ghi Điều 13; bài đọc được (thoidai.com.vn, plo.vn) dẫn khoản 5 Điều 12: ít nhất "
        "01 ngày trong 01 tháng. Số ngày ở đây: mỗi tháng. Cần đối chiếu số điều.",
    ),
    (
        "TCD_BI_THU",
        "Bí thư cấp ủy tiếp dân định kỳ",
        "tiep_dan",
        "bi_thu",
        "",
        1,
        "calendar",
        0,
        0,
        "Quy định số 11-QĐi/TW ngày 18/02/2019",
        "Điều 4",
        D(2019, 2, 18),
        False,
        "Chưa đọc được văn bản; theo tài liệu dự án: ít nhất 01 ngày trong 01 tháng. Số ngày ở đây: mỗi "
        "tháng. Cần đối chiếu.",
    ),
]

# code, name, calendar, month, day, offset, days, article, note
HOLIDAYS = [
    ("tet_duong_lich", "Tết Dương lịch", "solar", 1, 1, 0, 1, "Điều 112 khoản 1 điểm a", ""),
    (
        "tet_am_lich",
        "Tết Âm lịch",
        "lunar",
        1,
        1,
        -1,
        5,
        "Điều 112 khoản 1 điểm b",
        "05 ngày; mặc định từ ngày cuối năm âm lịch, các năm đã công bố theo thông báo.",
    ),
    ("gio_to", "Giỗ Tổ Hùng Vương", "lunar", 3, 10, 0, 1, "Điều 112 khoản 1 điểm e", "10/3 âm lịch."),
    ("chien_thang", "Ngày Chiến thắng", "solar", 4, 30, 0, 1, "Điều 112 khoản 1 điểm c", ""),
    ("quoc_te_lao_dong", "Ngày Quốc tế Lao động", "solar", 5, 1, 0, 1, "Điều 112 khoản 1 điểm d", ""),
    (
        "quoc_khanh",
        "Quốc khánh",
        "solar",
        9,
        2,
        0,
        2,
        "Điều 112 khoản 1 điểm đ",
        "02 ngày: 02/9 và 01 ngày liền kề trước hoặc sau do Thủ tướng quyết định; mặc định 03/9.",
    ),
]
HOLIDAY_NOTE = (
    "Đã đọc Điều 112 khoản 1 (bản trích dẫn trên trang tư vấn pháp luật): Tết Dương lịch 01 ngày, Tết Âm "
    "lịch 05 ngày, 30/4 01 ngày, 1/5 01 ngày, Quốc khánh 02 ngày (02/9 và 01 ngày liền kề trước hoặc "
    "sau), Giỗ Tổ Hùng Vương 01 ngày (10/3 âm lịch). Trùng ngày nghỉ hằng tuần thì nghỉ bù vào ngày "
    "làm việc kế tiếp (Điều 111 khoản 3)."
)

_2023 = "Công văn số 8056/VPCP-KGVX ngày 01/12/2022 của Văn phòng Chính phủ (nghỉ lễ, Tết năm 2023)"
_2024 = "Thông báo của Bộ Lao động - Thương binh và Xã hội về nghỉ lễ, Tết năm 2024 (theo ý kiến Thủ tướng)"
_2025 = "Thông báo của Bộ Lao động - Thương binh và Xã hội về nghỉ lễ, Tết năm 2025 (theo ý kiến Thủ tướng)"
_2026 = "Thông báo của Bộ Nội vụ về nghỉ lễ, Tết năm 2026 (theo ý kiến Thủ tướng)"


def _span(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


# year, holiday code, announcement, days off (weekends may be listed; they change nothing),
# make-up working days, note
ANNOUNCED = [
    (2023, "tet_duong_lich", _2023, [D(2023, 1, 2)], [], "01/01 là Chủ nhật, nghỉ bù thứ Hai 02/01"),
    (2023, "tet_am_lich", _2023, _span(D(2023, 1, 20), D(2023, 1, 26)), [], "29 tháng Chạp đến mùng 5"),
    (2023, "gio_to", _2023, [D(2023, 5, 2)], [], "10/3 âm lịch là thứ Bảy 29/4, nghỉ bù 02/5"),
    (2023, "chien_thang", _2023, [D(2023, 5, 3)], [], "30/4 là Chủ nhật, nghỉ bù 03/5"),
    (2023, "quoc_te_lao_dong", _2023, [D(2023, 5, 1)], [], ""),
    (2023, "quoc_khanh", _2023, [D(2023, 9, 1), D(2023, 9, 4)], [], "01/9 và 02/9 (thứ Bảy), nghỉ bù 04/9"),
    (2024, "tet_duong_lich", _2024, [D(2024, 1, 1)], [], ""),
    (
        2024,
        "tet_am_lich",
        _2024,
        _span(D(2024, 2, 8), D(2024, 2, 14)),
        [],
        "Thứ Năm 08/02 (29 tháng Chạp) đến hết thứ Tư 14/02 (mùng 5): 5 ngày Tết và 2 ngày nghỉ bù",
    ),
    (2024, "gio_to", _2024, [D(2024, 4, 18)], [], ""),
    (
        2024,
        "chien_thang",
        _2024,
        [D(2024, 4, 29), D(2024, 4, 30)],
        [D(2024, 5, 4)],
        "Hoán đổi: nghỉ thứ Hai 29/4, làm bù thứ Bảy 04/5",
    ),
    (2024, "quoc_te_lao_dong", _2024, [D(2024, 5, 1)], [], ""),
    (2024, "quoc_khanh", _2024, [D(2024, 9, 2), D(2024, 9, 3)], [], "31/8 đến hết 03/9"),
    (2025, "tet_duong_lich", _2025, [D(2025, 1, 1)], [], ""),
    (
        2025,
        "tet_am_lich",
        _2025,
        _span(D(2025, 1, 27), D(2025, 1, 31)),
        [],
        "Thứ Bảy 25/01 (26 tháng Chạp) đến hết Chủ nhật 02/02 (mùng 5), 5 ngày Tết từ 27/01",
    ),
    (2025, "gio_to", _2025, [D(2025, 4, 7)], [], ""),
    (
        2025,
        "chien_thang",
        _2025,
        [D(2025, 4, 30), D(2025, 5, 2)],
        [D(2025, 4, 26)],
        "Hoán đổi: nghỉ thứ Sáu 02/5, làm bù thứ Bảy 26/4",
    ),
    (2025, "quoc_te_lao_dong", _2025, [D(2025, 5, 1)], [], ""),
    (2025, "quoc_khanh", _2025, [D(2025, 9, 1), D(2025, 9, 2)], [], "30/8 đến hết 02/9"),
    (2026, "tet_duong_lich", _2026, [D(2026, 1, 1)], [], ""),
    (
        2026,
        "tet_am_lich",
        _2026,
        _span(D(2026, 2, 16), D(2026, 2, 20)),
        [],
        "Thứ Hai 16/02 (29 tháng Chạp) đến hết thứ Sáu 20/02 (mùng 4); cả hai cuối tuần: 14/02 đến 22/02",
    ),
    (2026, "gio_to", _2026, [D(2026, 4, 27)], [], "10/3 âm lịch là Chủ nhật 26/4, nghỉ bù 27/4"),
    (2026, "chien_thang", _2026, [D(2026, 4, 30)], [], ""),
    (2026, "quoc_te_lao_dong", _2026, [D(2026, 5, 1)], [], ""),
    (
        2026,
        "quoc_khanh",
        _2026,
        [D(2026, 8, 31), D(2026, 9, 1), D(2026, 9, 2)],
        [D(2026, 8, 22)],
        "01/9 và 02/9; hoán đổi: nghỉ thứ Hai 31/8, làm bù thứ Bảy 22/8",
    ),
]


def install(apps=None) -> None:
    """Create or update the built-in rules, holidays and announced days (idempotent)."""
    if apps is None:
        from django.apps import apps as live

        apps = live
    Rule = apps.get_model("legal", "Rule")
    Holiday = apps.get_model("legal", "Holiday")
    AnnouncedDay = apps.get_model("legal", "AnnouncedDay")
    for (
        code,
        name,
        clock,
        kinds,
        when,
        days,
        day_kind,
        ext,
        max_ext,
        law,
        article,
        start,
        checked,
        note,
    ) in RULES:
        Rule.objects.update_or_create(
            code=code,
            effective_from=start,
            defaults=dict(
                name=name,
                clock=clock,
                kinds=kinds,
                when=when,
                days=days,
                day_kind=day_kind,
                extension_days=ext,
                max_extensions=max_ext,
                law=law,
                article=article,
                checked=checked,
                note=note,
            ),
        )
    holidays = {}
    for code, name, calendar, month, day, offset, days, article, note in HOLIDAYS:
        holidays[code], _ = Holiday.objects.update_or_create(
            code=code,
            defaults=dict(
                name=name,
                calendar=calendar,
                month=month,
                day=day,
                offset=offset,
                days=days,
                law=BLLD,
                article=article,
                effective_from=D(2021, 1, 1),
                note=(note + " " + HOLIDAY_NOTE).strip(),
            ),
        )
    for a_year, code, announcement, off, work, note in ANNOUNCED:
        for kind, dates in (("off", off), ("work", work)):
            for announced_day in dates:
                AnnouncedDay.objects.update_or_create(
                    date=announced_day,
                    defaults=dict(
                        kind=kind, year=a_year, holiday=holidays[code], announcement=announcement, note=note
                    ),
                )
