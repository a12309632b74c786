import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from danchu.reports.management.commands.demo_report import demo_sections
from danchu.reports.models import ReportTemplate
from danchu.units import loader

from .conftest import put


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def docx_text(path) -> str:
    with zipfile.ZipFile(path) as z:
        return "".join(
            z.read(n).decode() for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")
        )


def test_report_command_writes_each_format_by_extension(province, tmp_path):
    out = run(
        "report",
        "--unit",
        "12",
        "--period",
        "2023",
        "-o",
        str(tmp_path / "a.docx"),
        "-o",
        str(tmp_path / "a.xlsx"),
        "-o",
        str(tmp_path / "a.html"),
        "--number",
        "39",
    )
    assert "Biên soạn xong" in out
    assert "Số 39-BC/BCĐ" in docx_text(tmp_path / "a.docx")
    assert (tmp_path / "a.xlsx").read_bytes()[:2] == b"PK"
    assert "1.172 đơn, tăng 73 đơn" in (tmp_path / "a.html").read_text()


def test_dien_bien_gets_its_own_report_from_its_own_data(province, tmp_path):
    loader.load("legacy", "11")
    put(
        ("DON_TIEPNHAN", "11", "2023", 321, "nguon=trong_ky;loai_don=kien_nghi"),
        ("TD_TIEPDAN", "11", "2023", 7, "chuc_danh=chu_tich"),
        ("TCD_LUOT", "11", "2023", 40, "hinh_thuc=thuong_xuyen"),
    )
    run(
        "report",
        "--unit",
        "11",
        "--period",
        "2023",
        "-o",
        str(tmp_path / "db.docx"),
        "-o",
        str(tmp_path / "db.html"),
    )
    for text in (docx_text(tmp_path / "db.docx"), (tmp_path / "db.html").read_text()):
        assert "Điện Biên" in text and "ĐIỆN BIÊN" in text
        assert "321 đơn" in text
        assert "Lai Châu" not in text and "LAI CHÂU" not in text


@pytest.mark.parametrize(
    "args, message",
    [
        (["--output", "x.odt"], "Không xuất được tệp '.odt'"),
        (["--output", "x.docx", "--template", "khong-co"], "Không có mẫu báo cáo 'khong-co'"),
        (["--output", "x.docx", "--period", "2023-13"], "2023-13"),
    ],
)
def test_report_command_errors_are_clear(province, args, message):
    base = ["report", "--unit", "12", "--period", "2023"]
    if "--period" in args:
        base = base[:-2]
    with pytest.raises(CommandError) as exc:
        call_command(*base, *args)
    assert message in str(exc.value)


def test_demo_report_writes_the_files_into_the_given_folder(province, tmp_path):
    out = run("demo_report", "--outdir", str(tmp_path), "--formats", "docx,xlsx,html")
    assert (tmp_path / "bao-cao-12-2023.docx").exists() and (tmp_path / "bao-cao-12-2023.html").exists()
    assert str(tmp_path / "bao-cao-12-2023.xlsx") in out
    html = (tmp_path / "bao-cao-12-2023.html").read_text()
    assert "Lai Châu, ngày 21 tháng 12 năm 2023" in html and "Số 39-BC/BCĐ" in html
    # the seed's signer under the seed's title, and its recipients
    assert "PHÓ BÍ THƯ" in html and "<p>Vũ Mạnh Hà</p>" in html
    assert "Chuyên viên giúp việc BCĐ tỉnh," in html and "Các doanh nghiệp nhà nước," in html
    assert "I- KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH" in html
    if demo_sections(ReportTemplate.objects.get(is_default=True)) is not None:
        assert "(Ban chỉ đạo nêu hạn chế" not in html  # the demo's narrative replaced the placeholder


def test_report_command_check_lists_problems_first(province, tmp_path):
    out = run("report", "--unit", "12", "--period", "2023", "--check", "-o", str(tmp_path / "a.html"))
    assert "! Chưa báo cáo số liệu — Huyện Tam Đường (106)" in out
    assert "! Thiếu số liệu — Tỉnh Lai Châu: Tổ hòa giải (HG_TO) chưa có số liệu, năm 2022 là 5" in out


def test_report_command_uses_the_saved_report_with_its_edited_text(province, tmp_path):
    from danchu.reports.services import create_report, update_section

    report = create_report(ReportTemplate.objects.get(code="bcd-dang"), province, "2023", number="77")
    update_section(report.sections.first(), "Đoạn do Ban chỉ đạo viết: {{DON_TIEPNHAN dvt}}.")
    run("report", "--unit", "12", "--period", "2023", "-o", str(tmp_path / "a.html"))
    html = (tmp_path / "a.html").read_text()
    assert "Số 77-BC/BCĐ" in html and "Đoạn do Ban chỉ đạo viết: " in html and "1.172 đơn</a>" in html


def test_report_command_counts_approved_values_only_or_marks_the_unapproved(province, tmp_path):
    import datetime as dt

    from danchu.collection import services as rounds

    rnd = rounds.open_round("QCDC", "2023", province, dt.date(2023, 12, 20), tiers="xa")
    rounds.submit(rnd, "03386", comment="Số liệu thử")
    rounds.approve(rnd, "03386")
    base = ["report", "--unit", "12", "--period", "2023"]
    bi_thu = 'data-dims="chuc_danh=bi_thu" data-value="'
    out = run(*base, "-o", str(tmp_path / "all.html"))
    assert "Số liệu: Tất cả số liệu đã nhập" in out
    assert bi_thu + '576.0"' in (tmp_path / "all.html").read_text()  # district 16 + commune 560
    out = run(*base, "--values", "approved", "-o", str(tmp_path / "ok.html"), "-o", str(tmp_path / "ok.docx"))
    assert "Số liệu: Chỉ số liệu đã được duyệt" in out
    approved = (tmp_path / "ok.html").read_text()
    assert bi_thu + '560.0"' in approved and 'class="figure chua-duyet"' not in approved
    assert ">560</w:t>" in docx_text(tmp_path / "ok.docx")
    out = run(
        *base, "--values", "marked", "-o", str(tmp_path / "mark.html"), "-o", str(tmp_path / "mark.docx")
    )
    assert "gồm cả giá trị chưa được duyệt" in out
    marked = (tmp_path / "mark.html").read_text()
    assert bi_thu + '576.0"' in marked and 'class="figure chua-duyet"' in marked
    assert ">576*</w:t>" in docx_text(tmp_path / "mark.docx")
    with pytest.raises(CommandError, match="approved"):
        call_command(*base, "--values", "duyet", "-o", str(tmp_path / "x.html"))


def test_demo_report_gives_an_earlier_demo_report_the_seeds_number_and_signer(province, tmp_path):
    from danchu.reports.services import create_report

    report = create_report(ReportTemplate.objects.get(is_default=True), province, "2023")
    run("demo_report", "--outdir", str(tmp_path), "--formats", "html")
    report.refresh_from_db()
    assert (report.number, report.signer_name) == ("39", "Vũ Mạnh Hà")
    assert "<p>Vũ Mạnh Hà</p>" in (tmp_path / "bao-cao-12-2023.html").read_text()
