import pytest

from danchu.reports import markup
from danchu.reports.markup import FigureRef, Footnote, MarkupError, Text


def test_text_figures_and_footnotes_become_a_tree():
    [p] = markup.parse("Tiếp {{TCD_LUOT compare pct}} lượt[^Trong đó {{TCD_LUOT hinh_thuc=lanh_dao}} lượt.].")
    text, fig, rest, note, end = p.parts
    assert text == Text("Tiếp ")
    assert isinstance(fig, FigureRef) and fig.code == "TCD_LUOT" and fig.flags == {"compare", "pct"}
    assert rest == Text(" lượt")
    assert isinstance(note, Footnote)
    assert note.parts[1].dims == {"hinh_thuc": "lanh_dao"}
    assert end == Text(".")


def test_every_line_is_a_paragraph_and_dashes_are_list_items():
    paragraphs = markup.parse("Đoạn một.\n\n- mục một\nĐoạn **đậm** và *nghiêng*")
    assert [p.bullet for p in paragraphs] == [False, True, False]
    assert Text("đậm", bold=True) in paragraphs[2].parts
    assert Text("nghiêng", italic=True) in paragraphs[2].parts


def test_options_tier_unit_period_and_vietnamese_aliases():
    fig = markup.parse_figure("TD_TIEPDAN chuc_danh=bi_thu cap=xa don_vi=105 ky=truoc so_sanh")
    assert (fig.tier, fig.unit, fig.period, fig.flags) == ("xa", "105", "truoc", {"compare"})
    assert fig.dims == {"chuc_danh": "bi_thu"}


@pytest.mark.parametrize(
    "text, message",
    [
        ("Số {{DON_TIEPNHAN", "Dòng 1, cột 4: thiếu '}}'"),
        ("a [^ghi chú", "chú thích '[^' chưa đóng"),
        ("{{DON_TIEPNHAN tier=phuong}}", "cấp 'phuong' không hợp lệ"),
        ("{{DON_TIEPNHAN sosanh}}", "tùy chọn 'sosanh'"),
        ("{{don}}", "không phải mã chỉ tiêu"),
        ("a [^b [^c]]", "không được lồng chú thích"),
    ],
)
def test_syntax_errors_name_line_column_and_reason(text, message):
    with pytest.raises(MarkupError) as exc:
        markup.parse(text)
    assert message in str(exc.value)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text, message",
    [
        ("\n  {{DON_TIEPNHANX}}", "Dòng 2, cột 3: không có chỉ tiêu hay chỉ số mã 'DON_TIEPNHANX'"),
        ("{{DON_TIEPNHAN chuc_danh=bi_thu}}", "không phân tổ theo 'chuc_danh'"),
        ("{{DON_TIEPNHAN loai_don=bi_thu}}", "'bi_thu' không phải phương án của 'loai_don'"),
        ("{{TL_GIAIQUYET loai_don=to_cao}}", "chỉ số TL_GIAIQUYET không phân tổ"),
    ],
)
def test_codes_and_options_are_checked_against_the_catalogue(text, message):
    with pytest.raises(MarkupError) as exc:
        markup.parse(text, markup.Catalog.load())
    assert message in str(exc.value)
