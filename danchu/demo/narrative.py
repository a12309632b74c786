"""Short narrative paragraphs for the demo report, one per section of the annual report.

In real use the steering committee's secretariat writes this text; these few sentences were
written for the demo (not taken from report 39-BC/BCĐ) so the compiled demo report reads as a
whole. Plain text: no figures, footnotes or markup (the report template adds the figures).
`for_heading()` finds the paragraph for a section heading, whatever its numbering.
"""

from __future__ import annotations

import re

from danchu.text import fold

# key: (section heading without its numbering, paragraph)
SECTIONS: dict[str, tuple[str, str]] = {
    "khai_quat": (
        "Khái quát đặc điểm tình hình",
        "Năm 2023, tình hình kinh tế - xã hội của tỉnh cơ bản ổn định, quốc phòng, an ninh được giữ "
        "vững, đời sống của nhân dân các dân tộc từng bước được cải thiện. Địa bàn miền núi rộng, giao "
        "thông chia cắt và thời tiết bất thường vẫn gây khó khăn cho việc tổ chức thực hiện dân chủ "
        "ở cơ sở.",
    ),
    "lanh_dao_chi_dao": (
        "Công tác lãnh đạo, chỉ đạo của cấp ủy, chính quyền các cấp",
        "Các cấp ủy đảng, chính quyền đã cụ thể hóa Luật Thực hiện dân chủ ở cơ sở bằng kế hoạch, "
        "công văn phù hợp với điều kiện từng địa phương. Người đứng đầu cấp ủy, chính quyền dành thời "
        "gian tiếp dân, đối thoại trực tiếp, lắng nghe và chỉ đạo xử lý kiến nghị của nhân dân.",
    ),
    "ban_chi_dao": (
        "Hoạt động của ban chỉ đạo thực hiện dân chủ ở cơ sở",
        "Ban chỉ đạo các cấp được kiện toàn, phân công rõ trách nhiệm từng thành viên; việc kiểm tra, "
        "giám sát được kết hợp với kiểm tra công tác dân vận. Sau mỗi cuộc kiểm tra, đơn vị được chỉ "
        "rõ hạn chế và thời hạn khắc phục.",
    ),
    "mat_tran": (
        "Hoạt động của Mặt trận Tổ quốc và các tổ chức chính trị - xã hội trong thực hiện dân chủ ở cơ sở",
        "Mặt trận Tổ quốc và các đoàn thể phát huy vai trò nòng cốt trong tuyên truyền, vận động đoàn "
        "viên, hội viên tham gia xây dựng Đảng, chính quyền. Hoạt động giám sát, phản biện xã hội và "
        "phối hợp tổ chức tiếp xúc cử tri được duy trì.",
    ),
    "dan_chu_xa": (
        "Thực hiện dân chủ ở xã, phường, thị trấn",
        "Các xã, phường, thị trấn công khai đầy đủ các nội dung theo quy định; nhân dân được bàn, quyết "
        "định mức đóng góp xây dựng công trình công cộng và quy ước của thôn, bản. Ban thanh tra nhân "
        "dân, ban giám sát đầu tư của cộng đồng và các tổ hòa giải hoạt động đều đặn.",
    ),
    "tiep_cong_dan": (
        "Tiếp công dân, giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh",
        "Việc tiếp công dân được duy trì thường xuyên tại trụ sở tiếp công dân các cấp; đơn thư được "
        "phân loại, xử lý đúng thẩm quyền và thời hạn. Trong năm không phát sinh điểm nóng về khiếu "
        "nại đông người.",
    ),
    "tiep_xuc_cu_tri": (
        "Tiếp xúc cử tri",
        "Các buổi tiếp xúc cử tri được tổ chức trước và sau các kỳ họp; ý kiến, kiến nghị của cử tri "
        "được tổng hợp và chuyển đến cơ quan có thẩm quyền trả lời.",
    ),
    "co_quan_don_vi": (
        "Thực hiện dân chủ ở cơ quan, đơn vị",
        "Thủ trưởng các cơ quan, đơn vị công khai kế hoạch công tác, kinh phí hoạt động và việc đánh "
        "giá, bổ nhiệm cán bộ; hội nghị cán bộ, công chức, viên chức được tổ chức đúng quy định.",
    ),
    "doanh_nghiep": (
        "Thực hiện dân chủ ở tổ chức có sử dụng lao động",
        "Các doanh nghiệp có tổ chức công đoàn tổ chức hội nghị người lao động và đối thoại định kỳ "
        "tại nơi làm việc. Ở khu vực ngoài nhà nước, quy mô nhỏ và lao động phân tán khiến việc thực "
        "hiện dân chủ còn nhiều khó khăn.",
    ),
    "ket_qua": (
        "Kết quả đạt được",
        "Việc thực hiện dân chủ ở cơ sở đi vào nền nếp; quyền làm chủ của nhân dân, cán bộ, công chức, "
        "viên chức và người lao động được bảo đảm, mối quan hệ giữa chính quyền với nhân dân thêm gắn "
        "bó.",
    ),
    "han_che": (
        "Hạn chế, yếu kém và nguyên nhân",
        "Chất lượng tuyên truyền ở một số nơi chưa cao; hoạt động của một số ban thanh tra nhân dân, "
        "ban giám sát đầu tư của cộng đồng còn hình thức. Nguyên nhân chủ yếu là thành viên kiêm "
        "nhiệm, kỹ năng giám sát hạn chế và sự quan tâm của một số cấp ủy chưa thường xuyên.",
    ),
    "nhiem_vu": (
        "Nhiệm vụ trọng tâm năm",
        "Năm 2024, tiếp tục quán triệt Luật Thực hiện dân chủ ở cơ sở và các nghị định hướng dẫn; nâng "
        "cao chất lượng tiếp dân, đối thoại của người đứng đầu; tăng cường kiểm tra, giám sát và nhân "
        "rộng các mô hình thực hiện dân chủ hiệu quả.",
    ),
}

# key → paragraph, for callers that only want the text
NARRATIVE: dict[str, str] = {key: text for key, (_, text) in SECTIONS.items()}

_NUMBERING = re.compile(r"^\s*(?:[IVX]+|\d+(?:\.\d+)*)\s*[-.)]?\s*")


def for_heading(heading: str) -> str | None:
    """The demo paragraph for a report section heading ("III- …", "2.1. …", "… NĂM {nam_sau}")."""
    wanted = fold(_NUMBERING.sub("", heading, count=1)).rstrip(" .:")
    if not wanted:
        return None
    for title, text in SECTIONS.values():
        if wanted == fold(title) or (title.endswith("năm") and wanted.startswith(fold(title))):
            return text
    return None
