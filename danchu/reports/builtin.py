"""The national default report templates, installed by a data migration.

They hold no province's name: the issuer lines, place and recipients come from the
report's unit through placeholders (`context.py`), and every figure from analytics.
"""

from __future__ import annotations

TITLE = "kết quả việc thực hiện dân chủ ở cơ sở năm {nam},\nnhiệm vụ trọng tâm năm {nam_sau}"
# the issuer at the end as in the seed: "(kèm theo Báo cáo số 39-BC/BCĐ, ngày 21/12/2023 của Ban Chỉ đạo tỉnh)"
APPENDIX_TITLE = (
    "Số liệu về thực hiện dân chủ ở cơ sở năm {nam}\n(kèm theo Báo cáo số {so_ky_hieu}, ngày {ngay} của %s)"
)

# (heading, level, body): the structure of the seed report; bodies hold the figures
SECTIONS = [
    (
        "I- KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH",
        1,
        "Năm {nam}, dưới sự lãnh đạo của {cap_uy}, quản lý, điều hành của chính quyền, các cấp, các ngành "
        "và nhân dân trong {cap} đã triển khai thực hiện các nhiệm vụ phát triển kinh tế - xã hội, bảo đảm "
        "quốc phòng, an ninh, xây dựng Đảng, xây dựng hệ thống chính trị.\n"
        "(Ban chỉ đạo viết khái quát đặc điểm tình hình của địa phương.)",
    ),
    ("II- CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO TRIỂN KHAI", 1, ""),
    (
        "1. Công tác lãnh đạo, chỉ đạo của cấp ủy, chính quyền các cấp",
        2,
        "Cấp ủy, chính quyền, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội các cấp đã ban hành "
        "{{VB_CHIDAO}} văn bản lãnh đạo, chỉ đạo trực tiếp về thực hiện dân chủ ở cơ sở và {{VB_LUAT}} "
        "văn bản quán triệt, triển khai Luật Thực hiện dân chủ ở cơ sở; tổ chức {{TT_HOINGHI}} "
        "cuộc/lớp/hội nghị tuyên truyền, tập huấn với {{TT_NGUOI}} lượt người tham gia.\n"
        "Người đứng đầu cấp ủy, chính quyền các cấp quan tâm tiếp công dân, tiếp xúc, đối thoại trực "
        "tiếp với nhân dân, chỉ đạo giải quyết kịp thời những kiến nghị, phản ánh của nhân dân"
        "[^Kết quả, [?bí thư cấp ủy các cấp tiếp dân {{TD_TIEPDAN chuc_danh=bi_thu}} cuộc, đối thoại trực "
        "tiếp với nhân dân {{TD_DOITHOAI chuc_danh=bi_thu}} cuộc; ][?chủ tịch UBND các cấp tiếp dân "
        "{{TD_TIEPDAN chuc_danh=chu_tich}} cuộc, đối thoại với nhân dân {{TD_DOITHOAI chuc_danh=chu_tich}} "
        "cuộc].].",
    ),
    (
        "2. Hoạt động của ban chỉ đạo thực hiện dân chủ ở cơ sở",
        2,
        "Kết quả, ban chỉ đạo các cấp thực hiện {{KT_DOAN}} cuộc kiểm tra, giám sát tại {{KT_DONVI}} "
        "đơn vị cơ sở.",
    ),
    (
        "3. Hoạt động của Mặt trận Tổ quốc và các tổ chức chính trị - xã hội trong thực hiện dân chủ ở cơ sở",
        2,
        "Mặt trận Tổ quốc các cấp phối hợp tổ chức cho đại biểu Quốc hội, đại biểu HĐND tiếp xúc cử "
        "tri, tổng hợp ý kiến, kiến nghị của cử tri và nhân dân[^Đại biểu Quốc hội tiếp xúc cử tri tại "
        "{{TXCT_DIEM cap_txct=quoc_hoi}} điểm với {{TXCT_CUTRI cap_txct=quoc_hoi}} cử tri tham dự, có "
        "{{TXCT_YKIEN cap_txct=quoc_hoi}} ý kiến, kiến nghị; đại biểu HĐND tiếp xúc cử tri tại "
        "{{TXCT_DIEM cap_txct=hdnd}} điểm với {{TXCT_CUTRI cap_txct=hdnd}} cử tri tham dự, có "
        "{{TXCT_YKIEN cap_txct=hdnd}} ý kiến, kiến nghị.].",
    ),
    ("III- KẾT QUẢ THỰC HIỆN DÂN CHỦ Ở CƠ SỞ", 1, ""),
    (
        "1. Thực hiện dân chủ ở xã, phường, thị trấn",
        2,
        "Nhân dân được bàn và quyết định các nội dung đóng góp xây dựng cơ sở hạ tầng, công trình "
        "phúc lợi, xây dựng nông thôn mới[^Trong năm, nhân dân đã tham gia đóng góp {{NTM_NGAYCONG}} "
        "ngày công, {{NTM_KINHPHI_TRIEU}} triệu đồng, hiến {{NTM_DAT_M2}} m² đất để xây dựng cơ sở hạ "
        "tầng.]; xây dựng, sửa đổi, bổ sung quy ước của thôn, bản, tổ dân phố[^Hiện nay, "
        "{{THON_QUYUOC}}/{{THON_TONG}} thôn, bản, tổ dân phố có quy ước được phê duyệt, đạt "
        "{{TL_QUYUOC}}.].\n"
        "Ban thanh tra nhân dân, ban giám sát đầu tư của cộng đồng được củng cố, kiện toàn[^Toàn {cap} "
        "có {{TTND_BAN}} ban thanh tra nhân dân với {{TTND_THANHVIEN}} thành viên; {{GSDT_BAN}} ban giám "
        "sát đầu tư của cộng đồng với {{GSDT_THANHVIEN}} thành viên. Trong năm, các ban thanh tra nhân "
        "dân giám sát {{TTND_GIAMSAT}} vụ việc, kiến nghị xử lý {{TTND_KIENNGHI}} vụ việc sai phạm; ban "
        "giám sát đầu tư của cộng đồng giám sát {{GSDT_GIAMSAT}} dự án, vụ việc, kiến nghị "
        "{{GSDT_KIENNGHI}} vụ việc sai phạm.]. Công tác hòa giải ở cơ sở góp phần giữ gìn đoàn kết "
        "nội bộ nhân dân[^[?Toàn {cap} có {{HG_TO}} tổ hòa giải[? với {{HG_VIEN}} hòa giải viên]. ][?Trong "
        "năm các tổ hòa giải đã hòa giải {{HG_VUVIEC}} vụ việc[?, trong đó hòa giải thành {{HG_THANH}} vụ "
        "việc[?, đạt tỷ lệ {{TL_HOAGIAI}}]].]].",
    ),
    (
        "2. Tiếp công dân, giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh",
        2,
        "Người đứng đầu chính quyền các cấp duy trì tiếp công dân và giải quyết đơn thư khiếu nại, tố "
        "cáo, kiến nghị, phản ánh theo quy định[^Năm {nam}, toàn {cap} tiếp {{TCD_LUOT}} lượt với "
        "{{TCD_NGUOI}} người bằng {{TCD_VUVIEC}} vụ việc ({{TCD_LUOT delta pct}}, {{TCD_NGUOI delta}}, "
        "{{TCD_VUVIEC delta}} so với cùng kỳ năm trước), trong đó: tiếp thường xuyên "
        "{{TCD_LUOT hinh_thuc=thuong_xuyen}} lượt với {{TCD_NGUOI hinh_thuc=thuong_xuyen}} người bằng "
        "{{TCD_VUVIEC hinh_thuc=thuong_xuyen}} vụ việc; các cơ quan cấp {cap} tiếp "
        "{{TCD_LUOT hinh_thuc=thuong_xuyen cap=rieng}} lượt với {{TCD_NGUOI hinh_thuc=thuong_xuyen cap=rieng}} "
        "người bằng {{TCD_VUVIEC hinh_thuc=thuong_xuyen cap=rieng}} vụ việc; cơ quan {cac_cap_duoi} tiếp "
        "{{TCD_LUOT hinh_thuc=thuong_xuyen cap=duoi}} lượt với {{TCD_NGUOI hinh_thuc=thuong_xuyen cap=duoi}} "
        "người bằng {{TCD_VUVIEC hinh_thuc=thuong_xuyen cap=duoi}} vụ việc; tiếp định kỳ, đột xuất của "
        "lãnh đạo {{TCD_LUOT hinh_thuc=lanh_dao}} lượt với {{TCD_NGUOI hinh_thuc=lanh_dao}} người bằng "
        "{{TCD_VUVIEC hinh_thuc=lanh_dao}} vụ việc (cấp {cap} {{TCD_LUOT hinh_thuc=lanh_dao cap=rieng}} lượt, "
        "{cac_cap_duoi} {{TCD_LUOT hinh_thuc=lanh_dao cap=duoi}} lượt).].\n"
        "*Kết quả tiếp nhận, giải quyết đơn thư khiếu nại, tố cáo:* Tổng số đơn tiếp nhận là "
        "{{DON_TIEPNHAN compare}} (tiếp nhận trong kỳ báo cáo là {{DON_TIEPNHAN nguon=trong_ky}} đơn, "
        "đơn kỳ trước chuyển sang là {{DON_TIEPNHAN nguon=ky_truoc}} đơn). Trong đó "
        "{{DON_TIEPNHAN loai_don=khieu_nai}} đơn khiếu nại, {{DON_TIEPNHAN loai_don=to_cao}} đơn tố "
        "cáo, {{DON_TIEPNHAN loai_don=kien_nghi}} đơn kiến nghị, phản ánh. Kết quả xử lý: trong tổng số "
        "{{DON_TIEPNHAN}} đơn tiếp nhận, {{DON_DUDK}} đơn đủ điều kiện xử lý; số đơn, số vụ việc thuộc "
        "thẩm quyền: {{DON_THAMQUYEN}} đơn bằng {{VV_THAMQUYEN}} vụ việc (trong đó: khiếu nại "
        "{{DON_THAMQUYEN loai_don=khieu_nai}} đơn, tố cáo {{DON_THAMQUYEN loai_don=to_cao}} đơn, kiến "
        "nghị, phản ánh {{DON_THAMQUYEN loai_don=kien_nghi}} đơn), đã giải quyết "
        "{{VV_DAGIAIQUYET}}/{{VV_THAMQUYEN}} vụ việc, đạt tỷ lệ {{TL_GIAIQUYET}}; số đơn không thuộc "
        "thẩm quyền: {{DON_KHONG_THAMQUYEN}} đơn đã được hướng dẫn, chuyển đến đúng cơ quan có thẩm "
        "quyền giải quyết theo quy định.",
    ),
    (
        "3. Thực hiện dân chủ ở cơ quan, đơn vị",
        2,
        "(Ban chỉ đạo đánh giá việc thực hiện dân chủ ở cơ quan hành chính, đơn vị sự nghiệp.)",
    ),
    (
        "4. Thực hiện dân chủ ở tổ chức có sử dụng lao động",
        2,
        "(Ban chỉ đạo đánh giá việc thực hiện dân chủ ở doanh nghiệp, tổ chức có sử dụng lao động.)",
    ),
    ("IV- ĐÁNH GIÁ CHUNG", 1, ""),
    ("1. Kết quả đạt được", 2, "(Ban chỉ đạo đánh giá kết quả đạt được.)"),
    ("2. Hạn chế, yếu kém và nguyên nhân", 2, "(Ban chỉ đạo nêu hạn chế, yếu kém và nguyên nhân.)"),
    ("V- NHIỆM VỤ TRỌNG TÂM NĂM {nam_sau}", 1, "(Ban chỉ đạo nêu nhiệm vụ trọng tâm năm {nam_sau}.)"),
]

TEMPLATES = [
    dict(
        code="bcd-dang",
        name="Báo cáo năm của Ban Chỉ đạo (văn bản của Đảng)",
        layout="party",
        is_default=True,
        issuer_lines="{cap_uy:upper} {ten_ngan:upper}\n**BCĐ {cap:upper} VỀ XÂY DỰNG VÀ**\n**THỰC HIỆN QCDC Ở CƠ SỞ**",
        symbol="BC/BCĐ",
        title=TITLE,
        # the seed's list (report 39-BC/BCĐ), every body named from the unit; the body above
        # comes first for a district or commune, an empty line is dropped
        recipients=(
            "{bcd_tren},\n"
            "Thường trực {cap_uy}, HĐND, UBND {cap},\n"
            "{ban_can_su},\n"
            "{co_quan_cap},\n"
            "{cap_uy_duoi},\n"
            "Các doanh nghiệp nhà nước,\n"
            "Chuyên viên giúp việc BCĐ {cap},\n"
            "Lưu BCĐ {cap}."
        ),
        signer_title="TRƯỞNG BAN CHỈ ĐẠO",
        appendix_title=APPENDIX_TITLE % "Ban Chỉ đạo {cap}",
        appendix_sections="1,2,3,4,5,6",
    ),
    dict(
        code="ubnd-nha-nuoc",
        name="Báo cáo năm của Ủy ban nhân dân (văn bản hành chính)",
        layout="state",
        is_default=False,
        issuer_lines="**ỦY BAN NHÂN DÂN**\n**{ten:upper}**",
        symbol="BC-UBND",
        title=TITLE,
        # the superior bodies first (UBND tỉnh, Ban Chỉ đạo tỉnh for a district), then its own
        recipients=(
            "{chinh_quyen_tren};\n{bcd_tren};\nBan Chỉ đạo {cap};\nThường trực {cap_uy};\n"
            "Thường trực HĐND {cap};\nLưu: VT."
        ),
        signer_title="TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        appendix_title=APPENDIX_TITLE % "Ủy ban nhân dân {cap}",
        appendix_sections="",
    ),
]


def install(apps=None) -> None:
    """Create or refresh the built-in templates; reports already made keep their own text."""
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    ReportTemplate = apps.get_model("reports", "ReportTemplate")
    TemplateSection = apps.get_model("reports", "TemplateSection")
    Form = apps.get_model("catalog", "Form")
    form = Form.objects.filter(code="QCDC").first()
    for spec in TEMPLATES:
        tpl, _ = ReportTemplate.objects.update_or_create(
            code=spec["code"], defaults=dict(spec, builtin=True, form=form)
        )
        TemplateSection.objects.filter(template=tpl).delete()
        TemplateSection.objects.bulk_create(
            TemplateSection(template=tpl, order=i, heading=h, level=lvl, body=body)
            for i, (h, lvl, body) in enumerate(SECTIONS)
        )
