import datetime as dt

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from danchu.reports.compile import CompileError, compile_report, draft_report
from danchu.reports.models import ReportSection, ReportTemplate
from danchu.reports.services import create_report, update_section
from danchu.units import loader
from danchu.units.models import Unit

from .conftest import put


def compiled(unit, **fields):
    return compile_report(draft_report(unit, "2023", **fields))


def block(table, label_start):
    return next(b for b in table.blocks if b.label.startswith(label_start))


def line(block, label):
    return next(ln for ln in block.lines if ln.label == label)


def test_figures_and_comparisons_are_worded_as_the_seed(province):
    text = compiled(province).plain_text()
    assert "Tổng số đơn tiếp nhận là 1.172 đơn, tăng 73 đơn so với cùng kỳ năm 2022" in text
    assert "tiếp nhận trong kỳ báo cáo là 1.110 đơn, đơn kỳ trước chuyển sang là 62 đơn" in text
    assert "toàn tỉnh tiếp 771 lượt" in text
    assert "(giảm 116 lượt (13,1%), " in text
    assert "đã giải quyết 787/901 vụ việc, đạt tỷ lệ 87,3%" in text
    assert "với 32.286 lượt người tham gia" in text


def test_footnotes_are_numbered_in_order_and_hold_figures(province):
    c = compiled(province)
    assert [n.number for n in c.footnotes] == list(range(1, len(c.footnotes) + 1))
    assert "bí thư cấp ủy các cấp tiếp dân 576 cuộc" in c.footnotes[0].text
    assert "chủ tịch UBND các cấp tiếp dân 1.115 cuộc" in c.footnotes[0].text
    hoa_giai = next(n for n in c.footnotes if "tổ hòa giải" in n.text)
    assert "hòa giải 871 vụ việc, trong đó hòa giải thành 738 vụ việc, đạt tỷ lệ 84,73%" in hoa_giai.text
    refs = [r.footnote for s in c.sections for p in s.paragraphs for r in p.runs if r.footnote]
    assert refs == [n.number for n in c.footnotes]


def test_appendix_is_laid_out_from_the_form_by_tier(province):
    appendix = compiled(province).appendix
    assert [t.number for t in appendix.tables] == ["1", "2", "3", "4", "5", "6"]
    tiep_dan = appendix.tables[5]
    assert tiep_dan.columns == ["Bí thư cấp ủy", "Chủ tịch UBND"]
    assert [b.label for b in tiep_dan.blocks] == [
        "6.1. Cấp tỉnh",
        "6.2. Cấp huyện",
        "6.3. Cấp xã",
        "Toàn tỉnh",
    ]
    assert line(block(tiep_dan, "6.1"), "Tiếp dân (cuộc)").cells == [0, 2]
    assert line(block(tiep_dan, "6.2"), "Tiếp dân (cuộc)").cells == [16, 0]
    assert line(block(tiep_dan, "6.3"), "Tiếp dân (cuộc)").cells == [560, 1113]
    whole = line(block(tiep_dan, "Toàn"), "Tiếp dân (cuộc)")
    assert (whole.cells, whole.total) == ([576, 1115], 1691)
    # one tier alone (here the province's documents): one list, no total repeating it
    assert [b.label for b in appendix.tables[0].blocks] == [""]
    assert appendix.tables[0].title.endswith("(số liệu cấp tỉnh)")
    van_ban = line(appendix.tables[0].blocks[0], "Ban chỉ đạo")
    assert van_ban.cells == [2, 2, 2, 0] and van_ban.total == 6
    # a tier with nothing to show is left out, as in the seed (item 3 has no "Cấp xã")
    assert [(b.label, b.tier) for b in appendix.tables[2].blocks] == [("", "huyen")]
    assert line(appendix.tables[2].blocks[0], "Số lượng người tham gia").cell_text(32286) == "32.286"


def test_a_changed_value_changes_appendix_footnote_and_comparison(province):
    put(
        ("DON_TIEPNHAN", "12", "2023", 1120, "nguon=trong_ky;loai_don=kien_nghi"),
        ("TD_TIEPDAN", "03386", "2023", 570, "chuc_danh=bi_thu"),
    )
    c = compiled(province)
    assert "1.182 đơn, tăng 83 đơn so với cùng kỳ năm 2022" in c.plain_text()
    assert "bí thư cấp ủy các cấp tiếp dân 586 cuộc" in c.footnotes[0].text
    assert line(block(c.appendix.tables[5], "6.3"), "Tiếp dân (cuộc)").cells == [570, 1113]


def test_header_comes_from_the_unit_and_the_report(province):
    c = compiled(province, number="39", date=dt.date(2023, 12, 21), signer_name="Nguyễn Văn A")
    assert c.issuer_lines == [
        ("TỈNH ỦY LAI CHÂU", False),
        ("BCĐ TỈNH VỀ XÂY DỰNG VÀ", True),
        ("THỰC HIỆN QCDC Ở CƠ SỞ", True),
    ]
    assert c.top_right == ["ĐẢNG CỘNG SẢN VIỆT NAM"]
    assert c.number_line == "Số 39-BC/BCĐ"
    assert c.place_date == "Lai Châu, ngày 21 tháng 12 năm 2023"
    assert c.title_lines == [
        "kết quả việc thực hiện dân chủ ở cơ sở năm 2023,",
        "nhiệm vụ trọng tâm năm 2024",
    ]
    # the seed's "Nơi nhận", every body named from the unit
    assert c.recipients == [
        "Thường trực Tỉnh ủy, HĐND, UBND tỉnh,",
        "Ban cán sự đảng UBND tỉnh,",
        "Các sở, ban, ngành, đoàn thể tỉnh,",
        "Các huyện ủy, thành ủy, đảng ủy trực thuộc,",
        "Các doanh nghiệp nhà nước,",
        "Chuyên viên giúp việc BCĐ tỉnh,",
        "Lưu BCĐ tỉnh.",
    ]
    assert (
        c.appendix.title_lines[1] == "(kèm theo Báo cáo số 39-BC/BCĐ, ngày 21/12/2023 của Ban Chỉ đạo tỉnh)"
    )
    assert c.issuer_name == "Ban Chỉ đạo tỉnh về xây dựng và thực hiện QCDC ở cơ sở – Tỉnh ủy Lai Châu"
    early = compiled(province, date=dt.date(2024, 1, 5))
    assert early.place_date == "Lai Châu, ngày 05 tháng 01 năm 2024"


def test_state_layout_has_the_national_name_and_motto(province):
    state = ReportTemplate.objects.get(code="ubnd-nha-nuoc")
    c = compiled(province, template=state, number="12")
    assert c.top_right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert c.issuer_lines == [("ỦY BAN NHÂN DÂN", True), ("TỈNH LAI CHÂU", True)]
    assert c.number_line == "Số: 12/BC-UBND"
    assert c.signer_title == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert c.issuer_name == "Ủy ban nhân dân tỉnh Lai Châu"
    assert c.appendix.title_lines[1].endswith("của Ủy ban nhân dân tỉnh)")


def test_a_district_report_goes_to_the_bodies_above_it(province):
    city = Unit.objects.get(code="105")
    state = compiled(city, template=ReportTemplate.objects.get(code="ubnd-nha-nuoc"))
    assert state.recipients == [
        "UBND tỉnh;",
        "Ban Chỉ đạo tỉnh;",
        "Ban Chỉ đạo thành phố;",
        "Thường trực Thành ủy;",
        "Thường trực HĐND thành phố;",
        "Lưu: VT.",
    ]
    assert state.issuer_name == "Ủy ban nhân dân thành phố Lai Châu"
    party = compiled(city)
    assert party.recipients[:2] == ["Ban Chỉ đạo tỉnh,", "Thường trực Thành ủy, HĐND, UBND thành phố,"]
    assert "Ban cán sự đảng UBND thành phố," not in party.recipients  # a province's body only
    assert "Các phòng, ban, ngành, đoàn thể thành phố," in party.recipients
    assert party.recipients[-1] == "Lưu BCĐ thành phố."


def test_another_province_gets_its_own_report_and_no_word_of_lai_chau(province):
    loader.load("legacy", "11")
    put(
        ("DON_TIEPNHAN", "11", "2023", 500, "nguon=trong_ky;loai_don=kien_nghi"),
        ("TD_TIEPDAN", "11", "2023", 4, "chuc_danh=bi_thu"),
    )
    dien_bien = Unit.objects.get(code="11", tier="tinh")
    text = compiled(dien_bien).plain_text()
    assert "TỈNH ỦY ĐIỆN BIÊN" in text and "Điện Biên, ngày" in text
    assert "Tổng số đơn tiếp nhận là 500 đơn" in text
    assert "Lai Châu" not in text and "LAI CHÂU" not in text


def test_approved_only_or_all_values_with_the_unapproved_marked(province):
    approved = Q(unit__code="12")  # stands for collection.services.approved_values_q()
    only = compile_report(draft_report(province, "2023"), value_filter=approved)
    # nothing of the bí thư's is approved: the clause is left out rather than reading "0 cuộc"
    assert (
        only.footnotes[0].text
        == "Kết quả, chủ tịch UBND các cấp tiếp dân 2 cuộc, đối thoại với nhân dân 2 cuộc."
    )
    assert not any(f.unapproved for f in only.figures)
    marked = compile_report(draft_report(province, "2023"), value_filter=approved, mark_unapproved=True)
    assert "bí thư cấp ủy các cấp tiếp dân 576 cuộc" in marked.footnotes[0].text
    flagged = {f.markup for f in marked.figures if f.unapproved}
    assert "{{TD_TIEPDAN chuc_danh=bi_thu}}" in flagged
    assert "{{DON_TIEPNHAN compare}}" not in flagged  # only the province's own values
    assert line(block(marked.appendix.tables[5], "6.3"), "Tiếp dân (cuộc)").unapproved
    assert any("chưa được duyệt" in n for n in marked.notes)


def test_figures_for_a_tier_a_unit_and_another_period(province, admin_user):
    report = create_report(ReportTemplate.objects.get(code="bcd-dang"), province, "2023", user=admin_user)
    section = report.sections.first()
    update_section(
        section,
        "Cấp xã {{TD_TIEPDAN tier=xa}}; huyện 105: {{TD_TIEPDAN unit=105}}; năm trước {{TCD_LUOT period=2022}}; "
        "{{TL_HOAGIAI tier=xa}}; {{DON_TIEPNHAN dvt}}; {{DON_TIEPNHAN delta}}.",
        user=admin_user,
    )
    c = compile_report(report)
    assert (
        c.sections[0].paragraphs[0].text
        == "Cấp xã 1.673; huyện 105: 1.689; năm trước 887; 84,73%; 1.172 đơn; tăng 73 đơn."
    )
    fig = c.figures[1]
    assert (fig.unit_code, fig.period, fig.link) == (
        "105",
        "2023",
        "/don-vi/105/?ky=2023&chi_tieu=TD_TIEPDAN",
    )


def test_figure_links_keep_the_english_prefix(province):
    report = draft_report(province, "2023")
    report.section_list = lambda: [
        ReportSection(order=1, heading="A", level=1, body="{{TD_TIEPDAN unit=105}}")
    ]
    fig = compile_report(report).figures[0]
    with translation.override("en"):
        assert fig.link == "/en/don-vi/105/?ky=2023&chi_tieu=TD_TIEPDAN"
    assert fig.link == "/don-vi/105/?ky=2023&chi_tieu=TD_TIEPDAN"


def test_a_figure_splits_the_units_own_tier_from_the_tiers_below(province, admin_user):
    from danchu.reports.sources import figure_sources

    def text(unit, body):
        report = draft_report(unit, "2023")
        report.section_list = lambda: [ReportSection(order=1, heading="A", level=1, body=body)]
        c = compile_report(report)
        return c.sections[0].paragraphs[0].text, c.figures

    # province: TD_TIEPDAN is 2 (tỉnh) + 16 (huyện) + 560 + 1.113 (xã)
    line, figs = text(
        province,
        "{{TD_TIEPDAN cap=rieng}} | {{TD_TIEPDAN cap=duoi}} | {{TD_TIEPDAN cap=huyen,xa}} | {cac_cap_duoi}",
    )
    assert line == "2 | 1.689 | 1.689 | cấp huyện, cấp xã"
    assert figs[1].tier == "huyen,xa,thon" and figs[2].link.endswith("&cap=huyen,xa")
    # the same words for a district: its own offices, then the communes
    line, _ = text(
        Unit.objects.get(code="105"), "{{TD_TIEPDAN cap=rieng}} | {{TD_TIEPDAN cap=duoi}} | {cac_cap_duoi}"
    )
    assert line == "16 | 1.673 | cấp xã"
    source = figure_sources(admin_user, province, "TD_TIEPDAN", "2023", tier="huyen,xa")
    assert source.value == 1689 and {ln.tier for p in source.parts for ln in p.lines} == {
        "Cấp huyện",
        "Cấp xã",
    }
    with pytest.raises(CompileError, match="chỉ số TL_HOAGIAI chỉ tính được cho một cấp"):
        text(province, "{{TL_HOAGIAI cap=huyen,xa}}")
    with pytest.raises(CompileError, match="cấp 'huyen,to' không hợp lệ"):
        text(province, "{{TD_TIEPDAN cap=huyen,to}}")


def test_a_unit_outside_the_subtree_is_refused_with_the_section_named(province):
    loader.load("legacy", "11")
    report = draft_report(Unit.objects.get(code="105"), "2023")
    report.section_list = lambda: [
        ReportSection(order=1, heading="Mục thử", level=1, body="{{TD_TIEPDAN unit=12}}")
    ]
    with pytest.raises(CompileError) as exc:
        compile_report(report)
    assert "Mục 'Mục thử'" in str(exc.value) and "không thuộc Thành phố Lai Châu" in str(exc.value)


def test_queries_do_not_grow_with_the_number_of_figures(province):
    def count(body):
        report = draft_report(province, "2023")
        report.section_list = lambda: [ReportSection(order=1, heading="A", level=1, body=body)]
        with CaptureQueriesContext(connection) as ctx:
            compile_report(report)
        return len(ctx.captured_queries)

    few = count("{{DON_TIEPNHAN}}")
    many = count(
        " ".join(f"{{{{TD_TIEPDAN chuc_danh={c}}}}}" for c in ["bi_thu", "chu_tich"] * 20)
        + " {{DON_TIEPNHAN}}"
    )
    assert many == few


def test_progress_is_reported_section_by_section(province):
    steps = []
    compile_report(
        draft_report(province, "2023"), progress=lambda step, total, msg: steps.append((step, total, msg))
    )
    total = steps[0][1]
    assert [s for s, _, _ in steps] == list(range(total + 1))
    assert steps[1][2] == "Mục I- KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH" and steps[-1][2] == "Xong"


def test_after_the_reform_the_appendix_has_province_and_communes_only(lai_chau):
    put(
        ("TD_TIEPDAN", "12", "2026", 3, "chuc_danh=chu_tich"),
        ("TD_TIEPDAN", "03388", "2026", 7, "chuc_danh=bi_thu"),
    )
    c = compile_report(draft_report(lai_chau, "2026"))
    assert [b.label for b in c.appendix.tables[5].blocks] == ["6.1. Cấp tỉnh", "6.2. Cấp xã", "Toàn tỉnh"]
    assert line(block(c.appendix.tables[5], "6.2"), "Tiếp dân (cuộc)").cells == [7, 0]
    assert "năm 2026" in c.title_lines[0]


def section_text(unit, body, period="2023", **fields):
    report = draft_report(unit, period, **fields)
    report.section_list = lambda: [ReportSection(order=1, heading="", level=2, body=body)]
    return compile_report(report).sections[0].paragraphs[0].text


def test_no_value_is_not_zero_in_sentences(province):
    # HG_TO has 5 in 2022 and nothing in 2023; TTND_BAN has nothing at all; KT_DOAN is 0 in 2023
    put(("KT_DOAN", "12", "2023", 0, ""))
    text = section_text(
        province,
        "Tổ: {{HG_TO}}; ban: {{TTND_BAN dvt}}; đoàn: {{KT_DOAN dvt}}; tỷ lệ: {{TL_QUYUOC}}."
        "[? Có {{TTND_BAN}} ban thanh tra nhân dân.][? Có {{KT_DOAN}} đoàn[? tại {{KT_DONVI}} đơn vị].]",
    )
    assert text == ("Tổ: chưa có số liệu; ban: chưa có số liệu; đoàn: 0 đoàn; tỷ lệ: –. Có 0 đoàn.")


def test_no_comparison_without_a_value_last_year(province):
    # a province with no 2022 data: "8 đơn", not "tăng 8 đơn so với cùng kỳ năm 2022"
    put(("DON_DUDK", "12", "2023", 8, ""))
    assert section_text(province, "{{DON_DUDK compare}}; {{DON_DUDK delta}}.") == (
        "8 đơn; chưa có số liệu cùng kỳ năm 2022."
    )


def test_year_on_year_across_the_2025_reform_compares_on_the_new_tree(lai_chau):
    put(
        ("TD_TIEPDAN", "03388", "2025", 27, "chuc_danh=bi_thu"),  # Phường Đoàn Kết, 2025 tree
        ("TD_TIEPDAN", "03386", "2024", 9, "chuc_danh=bi_thu"),  # Quyết Thắng, merged into it
        ("TD_TIEPDAN", "03403", "2024", 3, "chuc_danh=bi_thu"),  # Sùng Phài, merged into it
        ("KT_DOAN", "105", "2024", 2, ""),  # the district's own: the province's on the new tree
        ("KT_DOAN", "12", "2025", 1, ""),
    )
    text = section_text(
        lai_chau,
        "Đoàn Kết {{TD_TIEPDAN unit=03388 chuc_danh=bi_thu compare}}; tỉnh {{KT_DOAN tier=tinh compare}}"
        "[?; cấp huyện {{KT_DOAN tier=huyen compare}}].",
        period="2025",
    )
    assert text == (
        "Đoàn Kết 27 cuộc, tăng 15 cuộc so với cùng kỳ năm 2024; "
        "tỉnh 1 đoàn, giảm 1 đoàn so với cùng kỳ năm 2024."
    )
