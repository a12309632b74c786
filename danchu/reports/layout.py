"""Page and type settings of the two official layouts, in one place.

A layout change touches this file only; the writers read these numbers and nothing else.

Sources (as read on the pages cited; both texts give the same page set-up):
- Party documents: Hướng dẫn 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng về thể thức
  và kỹ thuật trình bày văn bản của Đảng — A4 (210 × 297 mm), phông chữ Việt TCVN 6909:2001
  (Times New Roman); "ĐẢNG CỘNG SẢN VIỆT NAM" in hoa cỡ 15 đứng đậm, góc phải, có đường kẻ dưới;
  tên cơ quan cấp trên in hoa cỡ 14 đứng, tên cơ quan ban hành in hoa cỡ 14 đứng đậm, dấu sao
  dưới; "Số 39-BC/BCĐ" cỡ 14 đứng; địa danh, ngày tháng cỡ 14 nghiêng; tên loại văn bản in hoa
  cỡ 15–16 đứng đậm; trích yếu cỡ 14–15 đứng đậm; nội dung cỡ 14–15.
  (https://vpdangdoan.vinhuni.edu.vn/thong-bao-van-ban/seo/huong-dan-ve-the-thuc-va-ky-thuat-trinh-bay-van-ban-cua-dang-86250,
  https://biquyetxaynha.com/cac-mau-van-ban-cua-dang-cong-san-viet-nam-nam-2024)
- State documents: Nghị định 30/2020/NĐ-CP ngày 05/3/2020 về công tác văn thư, Phụ lục I —
  A4, lề trên và dưới 20–25 mm, lề trái 30–35 mm, lề phải 15–20 mm; Times New Roman; Quốc hiệu
  in hoa cỡ 12–13 đứng đậm; Tiêu ngữ cỡ 13–14 đứng đậm, có đường kẻ dưới; tên cơ quan ban hành
  in hoa cỡ 12–13 đứng đậm; "Số:" cỡ 13; địa danh, ngày tháng cỡ 13–14 nghiêng; tên loại văn
  bản in hoa cỡ 13–14 đứng đậm; nội dung cỡ 13–14, lùi đầu dòng 1–1,27 cm, cách đoạn tối thiểu
  6 pt; "Nơi nhận:" cỡ 12 nghiêng đậm, danh sách cỡ 11; chức vụ người ký in hoa cỡ 13–14 đậm;
  số trang ở giữa đầu trang, cỡ 13–14, không hiện ở trang đầu.
Where a text gives a range we take the value the seed report uses (14 pt body, 20/20/30/15 mm).
"""

from __future__ import annotations

from dataclasses import dataclass

FONT = "Times New Roman"
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297


@dataclass(frozen=True)
class PageLayout:
    code: str
    margin_top_mm: float = 20
    margin_bottom_mm: float = 20
    margin_left_mm: float = 30
    margin_right_mm: float = 15
    header_distance_mm: float = 10
    footer_distance_mm: float = 10
    font: str = FONT
    body_pt: float = 14
    first_line_indent_mm: float = 12.7
    paragraph_after_pt: float = 6
    line_spacing: float = 1.15
    # header block
    party_title_pt: float = 15  # "ĐẢNG CỘNG SẢN VIỆT NAM"
    national_name_pt: float = 13  # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    motto_pt: float = 14  # "Độc lập - Tự do - Hạnh phúc"
    issuer_pt: float = 14
    number_pt: float = 14
    place_date_pt: float = 14
    doc_type_pt: float = 16
    title_pt: float = 14
    heading_pt: float = 14
    # end of the document
    recipients_heading_pt: float = 14
    recipients_heading_underline: bool = True
    recipients_heading_italic: bool = False
    recipients_pt: float = 12
    signer_pt: float = 14
    footnote_pt: float = 12
    page_number_pt: float = 14
    table_pt: float = 12
    # left column of the header table, as a share of the text width
    header_left_share: float = 0.45


PARTY = PageLayout(code="party")
STATE = PageLayout(
    code="state",
    # the national name must fit on one line: the smaller size the decree allows, a wider column
    national_name_pt=12,
    header_left_share=0.4,
    issuer_pt=13,
    number_pt=13,
    doc_type_pt=14,
    recipients_heading_pt=12,
    recipients_heading_underline=False,
    recipients_heading_italic=True,
    recipients_pt=11,
    page_number_pt=13,
)

LAYOUTS = {"party": PARTY, "state": STATE}

PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def get(code: str) -> PageLayout:
    return LAYOUTS.get(code, PARTY)
