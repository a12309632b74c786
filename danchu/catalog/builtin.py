"""The national form "Số liệu về thực hiện dân chủ ở cơ sở" (docs FORM-QCDC.md).

Its codes are an interface: CSV files, the API and other provinces' exports use them.
Installed by `migrate` and re-installable at any time without duplicating anything.
"""

from __future__ import annotations

from .spec import (
    CatalogSpec,
    DimensionSpec,
    ElementSpec,
    FormSpec,
    IndicatorSpec,
    OptionSpec,
    RowSpec,
    RuleSpec,
    SectionSpec,
)
from .spec import install as write_spec

DIMENSIONS = [
    (
        "co_quan",
        "Cơ quan ban hành",
        [
            ("cap_uy", "Cấp ủy"),
            ("chinh_quyen", "Chính quyền"),
            ("bcd", "Ban chỉ đạo"),
            ("mttq", "Mặt trận Tổ quốc"),
            ("ctxh", "Tổ chức chính trị - xã hội"),
        ],
    ),
    (
        "loai_vb",
        "Loại văn bản",
        [
            ("ke_hoach", "Kế hoạch"),
            ("thong_bao", "Thông báo"),
            ("cong_van", "Công văn"),
            ("khac", "Khác / không phân loại"),
        ],
    ),
    ("chuc_danh", "Người đứng đầu", [("bi_thu", "Bí thư cấp ủy"), ("chu_tich", "Chủ tịch UBND")]),
    (
        "hinh_thuc",
        "Hình thức tiếp công dân",
        [("thuong_xuyen", "Tiếp thường xuyên"), ("lanh_dao", "Lãnh đạo tiếp định kỳ, đột xuất")],
    ),
    (
        "loai_don",
        "Loại đơn",
        [("khieu_nai", "Khiếu nại"), ("to_cao", "Tố cáo"), ("kien_nghi", "Kiến nghị, phản ánh")],
    ),
    ("nguon", "Nguồn đơn", [("trong_ky", "Tiếp nhận trong kỳ"), ("ky_truoc", "Kỳ trước chuyển sang")]),
    ("cap_txct", "Tiếp xúc cử tri của", [("quoc_hoi", "Đại biểu Quốc hội"), ("hdnd", "Đại biểu HĐND")]),
    # the registers' extra figures (FORM-QCDC.md, "Codes for the registers' extra figures")
    (
        "ket_qua",
        "Kết quả giải quyết",
        [
            ("dung", "Đúng"),
            ("dung_mot_phan", "Đúng một phần"),
            ("sai", "Sai"),
            ("rut", "Rút đơn"),
            ("da_giai_quyet", "Đã giải quyết / trả lời (kiến nghị, phản ánh)"),
        ],
    ),
    (
        "xu_ly",
        "Xử lý đơn không thuộc thẩm quyền",
        [("chuyen", "Chuyển đơn"), ("huong_dan", "Hướng dẫn"), ("tra_lai", "Trả lại"), ("luu", "Lưu đơn")],
    ),
    (
        "cach_lay_y_kien",
        "Cách lấy ý kiến",
        [("hop", "Hội nghị"), ("phieu", "Phát phiếu"), ("truc_tuyen", "Trực tuyến")],
    ),
    (
        "ket_qua_bq",
        "Kết quả biểu quyết",
        [("thong_qua", "Thông qua"), ("khong_thong_qua", "Không thông qua")],
    ),
]

# code, name, unit of measure, dimensions, time aggregation, value type
ELEMENTS = [
    (
        "VB_CHIDAO",
        "Văn bản lãnh đạo, chỉ đạo trực tiếp về thực hiện dân chủ ở cơ sở",
        "văn bản",
        ["co_quan", "loai_vb"],
        "flow",
        "integer",
    ),
    (
        "VB_LUAT",
        "Văn bản quán triệt, triển khai Luật Thực hiện dân chủ ở cơ sở",
        "văn bản",
        ["co_quan", "loai_vb"],
        "flow",
        "integer",
    ),
    ("TT_HOINGHI", "Cuộc/lớp/hội nghị tuyên truyền, tập huấn về Luật", "cuộc", [], "flow", "integer"),
    ("TT_NGUOI", "Người tham gia tuyên truyền, tập huấn", "người", [], "flow", "integer"),
    ("KT_DOAN", "Đoàn/lượt kiểm tra, giám sát việc thực hiện dân chủ ở cơ sở", "đoàn", [], "flow", "integer"),
    ("KT_DONVI", "Đơn vị cơ sở được kiểm tra, giám sát", "đơn vị", [], "flow", "integer"),
    (
        "NTM_KINHPHI_TRIEU",
        "Kinh phí huy động sức dân xây dựng nông thôn mới",
        "triệu đồng",
        [],
        "flow",
        "number",
    ),
    ("NTM_DAT_M2", "Diện tích đất nhân dân hiến để xây dựng cơ sở hạ tầng", "m²", [], "flow", "number"),
    ("NTM_NGAYCONG", "Ngày công nhân dân đóng góp", "ngày công", [], "flow", "number"),
    (
        "TD_TIEPDAN",
        "Cuộc tiếp dân của người đứng đầu cấp ủy, chính quyền",
        "cuộc",
        ["chuc_danh"],
        "flow",
        "integer",
    ),
    (
        "TD_DOITHOAI",
        "Cuộc đối thoại trực tiếp với nhân dân của người đứng đầu",
        "cuộc",
        ["chuc_danh"],
        "flow",
        "integer",
    ),
    ("TCD_LUOT", "Lượt tiếp công dân", "lượt", ["hinh_thuc"], "flow", "integer"),
    ("TCD_NGUOI", "Người được tiếp", "người", ["hinh_thuc"], "flow", "integer"),
    ("TCD_VUVIEC", "Vụ việc được tiếp", "vụ việc", ["hinh_thuc"], "flow", "integer"),
    ("DON_TIEPNHAN", "Đơn tiếp nhận", "đơn", ["nguon", "loai_don"], "flow", "integer"),
    ("DON_DUDK", "Đơn đủ điều kiện xử lý", "đơn", [], "flow", "integer"),
    ("DON_THAMQUYEN", "Đơn thuộc thẩm quyền", "đơn", ["loai_don"], "flow", "integer"),
    ("VV_THAMQUYEN", "Vụ việc thuộc thẩm quyền", "vụ việc", ["loai_don"], "flow", "integer"),
    ("VV_DAGIAIQUYET", "Vụ việc thuộc thẩm quyền đã giải quyết", "vụ việc", ["loai_don"], "flow", "integer"),
    (
        "DON_KHONG_THAMQUYEN",
        "Đơn không thuộc thẩm quyền (đã hướng dẫn, chuyển đơn)",
        "đơn",
        [],
        "flow",
        "integer",
    ),
    ("HG_TO", "Tổ hòa giải", "tổ", [], "stock", "integer"),
    ("HG_VIEN", "Hòa giải viên", "người", [], "stock", "integer"),
    ("HG_VUVIEC", "Vụ việc hòa giải", "vụ việc", [], "flow", "integer"),
    ("HG_THANH", "Vụ việc hòa giải thành", "vụ việc", [], "flow", "integer"),
    ("TTND_BAN", "Ban thanh tra nhân dân", "ban", [], "stock", "integer"),
    ("TTND_THANHVIEN", "Thành viên ban thanh tra nhân dân", "người", [], "stock", "integer"),
    ("TTND_GIAMSAT", "Vụ việc ban thanh tra nhân dân giám sát", "vụ việc", [], "flow", "integer"),
    (
        "TTND_KIENNGHI",
        "Vụ việc sai phạm ban thanh tra nhân dân kiến nghị xử lý",
        "vụ việc",
        [],
        "flow",
        "integer",
    ),
    ("GSDT_BAN", "Ban giám sát đầu tư của cộng đồng", "ban", [], "stock", "integer"),
    ("GSDT_THANHVIEN", "Thành viên ban giám sát đầu tư của cộng đồng", "người", [], "stock", "integer"),
    (
        "GSDT_GIAMSAT",
        "Dự án, vụ việc ban giám sát đầu tư của cộng đồng giám sát",
        "dự án",
        [],
        "flow",
        "integer",
    ),
    ("GSDT_KIENNGHI", "Vụ việc sai phạm ban giám sát đầu tư kiến nghị", "vụ việc", [], "flow", "integer"),
    ("THON_TONG", "Thôn, bản, tổ dân phố", "thôn", [], "stock", "integer"),
    ("THON_QUYUOC", "Thôn, bản, tổ dân phố có quy ước được phê duyệt", "thôn", [], "stock", "integer"),
    ("TXCT_DIEM", "Điểm tiếp xúc cử tri", "điểm", ["cap_txct"], "flow", "integer"),
    ("TXCT_CUTRI", "Cử tri tham dự", "người", ["cap_txct"], "flow", "integer"),
    ("TXCT_YKIEN", "Ý kiến, kiến nghị của cử tri", "ý kiến", ["cap_txct"], "flow", "integer"),
    # the registers' extra figures
    ("DON_DONDOC", "Đơn đôn đốc giải quyết", "đơn", ["loai_don"], "flow", "integer"),
    ("DON_XULY", "Đơn không thuộc thẩm quyền đã xử lý", "đơn", ["xu_ly"], "flow", "integer"),
    (
        "VV_KETQUA",
        "Vụ việc đã giải quyết theo kết quả",
        "vụ việc",
        ["loai_don", "ket_qua"],
        "flow",
        "integer",
    ),
    (
        "VV_QUAHAN",
        "Vụ việc giải quyết quá hạn hoặc còn quá hạn cuối kỳ",
        "vụ việc",
        ["loai_don"],
        "flow",
        "integer",
    ),
    ("TCD_DOAN", "Đoàn đông người được tiếp", "đoàn", ["hinh_thuc"], "flow", "integer"),
    ("TCD_DOAN_NGUOI", "Người trong các đoàn đông người", "người", ["hinh_thuc"], "flow", "integer"),
    ("HG_KHONGTHANH", "Vụ việc hòa giải không thành", "vụ việc", [], "flow", "integer"),
    ("HG_DANGGIAI", "Vụ việc hòa giải đang giải quyết cuối kỳ", "vụ việc", [], "stock", "integer"),
    (
        "QD_NOIDUNG",
        "Nội dung nhân dân bàn và quyết định",
        "nội dung",
        ["cach_lay_y_kien", "ket_qua_bq"],
        "flow",
        "integer",
    ),
    ("GY_DUTHAO", "Dự thảo lấy ý kiến nhân dân", "dự thảo", [], "flow", "integer"),
    ("GY_YKIEN", "Ý kiến nhân dân tham gia", "ý kiến", [], "flow", "integer"),
    ("CK_NOIDUNG", "Nội dung đã công khai", "nội dung", [], "flow", "integer"),
    ("CK_CHUA", "Nội dung phải công khai nhưng chưa công khai cuối kỳ", "nội dung", [], "stock", "integer"),
]

# code, name, numerator, denominator, factor, decimals
INDICATORS = [
    (
        "TL_GIAIQUYET",
        "Tỷ lệ vụ việc thuộc thẩm quyền đã giải quyết",
        "VV_DAGIAIQUYET",
        "VV_THAMQUYEN",
        100,
        1,
    ),
    ("TL_HOAGIAI", "Tỷ lệ hòa giải thành", "HG_THANH", "HG_VUVIEC", 100, 2),
    (
        "TL_QUYUOC",
        "Tỷ lệ thôn, bản, tổ dân phố có quy ước được phê duyệt",
        "THON_QUYUOC",
        "THON_TONG",
        100,
        0,
    ),
]

# code, left, operator, right, importance, message, per_dimension, condition
RULES = [
    (
        "DON_TIEPNHAN_GE_DUDK",
        "DON_TIEPNHAN",
        ">=",
        "DON_DUDK",
        "high",
        "Số đơn đủ điều kiện xử lý không được lớn hơn tổng số đơn tiếp nhận",
        "",
        "",
    ),
    (
        "DON_DUDK_GE_THAMQUYEN",
        "DON_DUDK",
        ">=",
        "DON_THAMQUYEN",
        "high",
        "Số đơn thuộc thẩm quyền không được lớn hơn số đơn đủ điều kiện xử lý",
        "",
        "",
    ),
    (
        "VV_GIAIQUYET_LE_THAMQUYEN",
        "VV_DAGIAIQUYET",
        "<=",
        "VV_THAMQUYEN",
        "high",
        "Số vụ việc đã giải quyết không được lớn hơn số vụ việc thuộc thẩm quyền",
        "loai_don",
        "",
    ),
    (
        "VV_LE_DON_THAMQUYEN",
        "VV_THAMQUYEN",
        "<=",
        "DON_THAMQUYEN",
        "high",
        "Số vụ việc thuộc thẩm quyền không được lớn hơn số đơn thuộc thẩm quyền",
        "",
        "",
    ),
    (
        "HG_THANH_LE_VUVIEC",
        "HG_THANH",
        "<=",
        "HG_VUVIEC",
        "high",
        "Số vụ việc hòa giải thành không được lớn hơn số vụ việc hòa giải",
        "",
        "",
    ),
    (
        "THON_QUYUOC_LE_TONG",
        "THON_QUYUOC",
        "<=",
        "THON_TONG",
        "high",
        "Số thôn, bản, tổ dân phố có quy ước không được lớn hơn tổng số thôn, bản, tổ dân phố",
        "",
        "",
    ),
    (
        "KT_DONVI_GE_DOAN",
        "KT_DONVI",
        ">=",
        "KT_DOAN",
        "medium",
        "Có đoàn kiểm tra, giám sát thì số đơn vị được kiểm tra phải ít nhất bằng số đoàn",
        "",
        "KT_DOAN > 0",
    ),
]

FORM_CODE = "QCDC"
FORM_NAME = "Số liệu về thực hiện dân chủ ở cơ sở"

# section code, title, rows: (label, element | indicator code, filter, column dimension)
SECTIONS = [
    (
        "1",
        "Số lượng văn bản lãnh đạo, chỉ đạo trực tiếp về thực hiện dân chủ ở cơ sở",
        [(label, "VB_CHIDAO", f"co_quan={opt}", "loai_vb") for opt, label in DIMENSIONS[0][2]],
    ),
    (
        "2",
        "Văn bản quán triệt, triển khai Luật Thực hiện dân chủ ở cơ sở",
        [(label, "VB_LUAT", f"co_quan={opt}", "loai_vb") for opt, label in DIMENSIONS[0][2]],
    ),
    (
        "3",
        "Công tác tuyên truyền, tập huấn về Luật Thực hiện dân chủ ở cơ sở",
        [("Số cuộc/lớp/hội nghị", "TT_HOINGHI", "", ""), ("Số lượng người tham gia", "TT_NGUOI", "", "")],
    ),
    (
        "4",
        "Công tác kiểm tra, giám sát việc thực hiện dân chủ ở cơ sở",
        [
            ("Tổng số đoàn/lượt kiểm tra, giám sát", "KT_DOAN", "", ""),
            ("Tổng số đơn vị cơ sở được kiểm tra, giám sát", "KT_DONVI", "", ""),
        ],
    ),
    (
        "5",
        "Về xây dựng nông thôn mới",
        [
            ("Số kinh phí huy động sức dân (triệu đồng)", "NTM_KINHPHI_TRIEU", "", ""),
            ("Số diện tích đất do nhân dân hiến để xây dựng cơ sở hạ tầng (m²)", "NTM_DAT_M2", "", ""),
            ("Số ngày công nhân dân đóng góp", "NTM_NGAYCONG", "", ""),
        ],
    ),
    (
        "6",
        "Kết quả tiếp dân, đối thoại trực tiếp với dân của người đứng đầu cấp ủy, chính quyền",
        [
            ("Tiếp dân (cuộc)", "TD_TIEPDAN", "", "chuc_danh"),
            ("Đối thoại (cuộc)", "TD_DOITHOAI", "", "chuc_danh"),
        ],
    ),
    (
        "7",
        "Tiếp công dân",
        [
            ("Lượt tiếp", "TCD_LUOT", "", "hinh_thuc"),
            ("Người được tiếp", "TCD_NGUOI", "", "hinh_thuc"),
            ("Vụ việc", "TCD_VUVIEC", "", "hinh_thuc"),
        ],
    ),
    (
        "8",
        "Tiếp nhận, giải quyết đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh",
        [
            ("Đơn tiếp nhận trong kỳ", "DON_TIEPNHAN", "nguon=trong_ky", "loai_don"),
            ("Đơn kỳ trước chuyển sang", "DON_TIEPNHAN", "nguon=ky_truoc", "loai_don"),
            ("Đơn đủ điều kiện xử lý", "DON_DUDK", "", ""),
            ("Đơn thuộc thẩm quyền", "DON_THAMQUYEN", "", "loai_don"),
            ("Vụ việc thuộc thẩm quyền", "VV_THAMQUYEN", "", "loai_don"),
            ("Vụ việc thuộc thẩm quyền đã giải quyết", "VV_DAGIAIQUYET", "", "loai_don"),
            ("Đơn không thuộc thẩm quyền (đã hướng dẫn, chuyển đơn)", "DON_KHONG_THAMQUYEN", "", ""),
            ("Tỷ lệ giải quyết vụ việc thuộc thẩm quyền", "TL_GIAIQUYET", "", ""),
        ],
    ),
    (
        "9",
        "Hòa giải ở cơ sở",
        [
            ("Tổ hòa giải", "HG_TO", "", ""),
            ("Hòa giải viên", "HG_VIEN", "", ""),
            ("Vụ việc hòa giải", "HG_VUVIEC", "", ""),
            ("Vụ việc hòa giải thành", "HG_THANH", "", ""),
            ("Tỷ lệ hòa giải thành", "TL_HOAGIAI", "", ""),
        ],
    ),
    (
        "10",
        "Ban thanh tra nhân dân",
        [
            ("Số ban", "TTND_BAN", "", ""),
            ("Số thành viên", "TTND_THANHVIEN", "", ""),
            ("Vụ việc giám sát", "TTND_GIAMSAT", "", ""),
            ("Vụ việc sai phạm kiến nghị xử lý", "TTND_KIENNGHI", "", ""),
        ],
    ),
    (
        "11",
        "Ban giám sát đầu tư của cộng đồng",
        [
            ("Số ban", "GSDT_BAN", "", ""),
            ("Số thành viên", "GSDT_THANHVIEN", "", ""),
            ("Dự án, vụ việc giám sát", "GSDT_GIAMSAT", "", ""),
            ("Vụ việc sai phạm kiến nghị", "GSDT_KIENNGHI", "", ""),
        ],
    ),
    (
        "12",
        "Quy ước thôn, bản, tổ dân phố",
        [
            ("Tổng số thôn, bản, tổ dân phố", "THON_TONG", "", ""),
            ("Thôn, bản, tổ dân phố có quy ước được phê duyệt", "THON_QUYUOC", "", ""),
            ("Tỷ lệ có quy ước", "TL_QUYUOC", "", ""),
        ],
    ),
    (
        "13",
        "Tiếp xúc cử tri",
        [
            ("Điểm tiếp xúc cử tri", "TXCT_DIEM", "", "cap_txct"),
            ("Cử tri tham dự", "TXCT_CUTRI", "", "cap_txct"),
            ("Ý kiến, kiến nghị của cử tri", "TXCT_YKIEN", "", "cap_txct"),
        ],
    ),
]


def spec() -> CatalogSpec:
    """The national catalogue as data, written by the same `spec.install` as any form file."""
    indicator_codes = {code for code, *_ in INDICATORS}
    return CatalogSpec(
        dimensions=[
            DimensionSpec(code, name, tuple(OptionSpec(c, n) for c, n in options))
            for code, name, options in DIMENSIONS
        ],
        elements=[
            ElementSpec(code, name, uom, tuple(dims), time_agg, vtype)
            for code, name, uom, dims, time_agg, vtype in ELEMENTS
        ],
        indicators=[
            IndicatorSpec(code, name, num, den, factor, decimals)
            for code, name, num, den, factor, decimals in INDICATORS
        ],
        form=FormSpec(
            FORM_CODE,
            FORM_NAME,
            require_valid=True,
            sections=tuple(
                SectionSpec(
                    s_code,
                    title,
                    tuple(
                        RowSpec(
                            label,
                            element="" if ref in indicator_codes else ref,
                            indicator=ref if ref in indicator_codes else "",
                            filter=filt,
                            column_dimension=col,
                        )
                        for label, ref, filt, col in rows
                    ),
                )
                for s_code, title, rows in SECTIONS
            ),
            rules=tuple(RuleSpec(*rule) for rule in RULES),
        ),
    )


def install(apps=None) -> None:
    """Create or update the national catalogue; safe to run any number of times."""
    write_spec(spec(), apps=apps, builtin=True)
