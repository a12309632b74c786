"""The report pages: scoping, roles, editing through htmx, data check, preview, sources, downloads."""

from __future__ import annotations

import io
import shutil
from urllib.parse import unquote

import pytest
from docx import Document

from conftest import require
from danchu.audit.models import ObjectChange
from danchu.reports import jobs
from danchu.reports.models import Report, ReportTemplate
from danchu.reports.services import create_report
from danchu.units import loader
from danchu.units.models import Unit

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def template(db):
    return ReportTemplate.objects.get(code="bcd-dang")


@pytest.fixture
def report(province, template):
    return create_report(template, province, "2023", number="39")


@pytest.fixture
def dien_bien(db):
    loader.load("legacy", "11")
    return Unit.objects.get(code="11", tier="tinh")


def client_for(client, user):
    client.force_login(user)
    return client


def urls(report: Report) -> list[str]:
    section = report.sections.first()
    base = f"/bao-cao/{report.pk}/"
    return [
        base,
        base + "kiem-tra/",
        base + "xem-truoc/",
        base + "nguon/?chi_tieu=TT_NGUOI&ky=2023",
        base + "tai/docx/",
        base + f"muc/{section.pk}/",
    ]


def test_a_user_of_dien_bien_cannot_open_lai_chau_reports_by_url(client, report, dien_bien, make_user):
    other = make_user("dien-bien", dien_bien, "admin")
    client_for(client, other)
    for url in urls(report):
        if "/muc/" in url:
            response = client.post(url, {"heading": "x", "body": "y"})
        else:
            response = client.get(url)
        assert response.status_code == 404, url
    own = create_report(report.template, dien_bien, "2023", user=other)
    listing = client.get("/bao-cao/").content.decode()
    assert f"/bao-cao/{own.pk}/" in listing and f"/bao-cao/{report.pk}/" not in listing
    assert "Lai Châu" not in listing


def test_a_district_user_cannot_open_the_province_report(client, report, make_user):
    client_for(client, make_user("huyen", Unit.objects.get(code="105"), "admin"))
    assert client.get(f"/bao-cao/{report.pk}/").status_code == 404
    assert client.get("/bao-cao/").content.decode().count(f"/bao-cao/{report.pk}/") == 0


def test_viewing_needs_view_and_editing_needs_enter(client, report, province, make_user):
    client_for(client, make_user("xem", province, "view"))
    page = client.get(f"/bao-cao/{report.pk}/")
    assert page.status_code == 200
    assert "<textarea" not in page.content.decode()
    section = report.sections.first()
    old = section.body
    assert client.post(f"/bao-cao/{report.pk}/muc/{section.pk}/", {"body": "Sửa"}).status_code == 403
    assert client.post(f"/bao-cao/{report.pk}/", {"number": "40"}).status_code == 403
    section.refresh_from_db()
    assert section.body == old
    assert client.get("/bao-cao/tao/").status_code == 200
    refused = client.post("/bao-cao/tao/", {"unit": "12", "period": "2023", "template": report.template.pk})
    assert refused.status_code == 400
    assert "Bạn chỉ được xem, không được lập báo cáo cho Tỉnh Lai Châu" in refused.content.decode()


def test_creating_a_report_copies_the_template_sections(client, province, template, make_user):
    client_for(client, make_user("thu-ky", province, "enter"))
    response = client.post("/bao-cao/tao/", {"unit": "105", "period": "2023", "template": template.pk})
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/bao-cao/{report.pk}/"
    assert report.unit.code == "105" and report.period == "2023"
    assert report.sections.count() == template.sections.count() > 0
    page = client.get(response["Location"]).content.decode()
    assert "Báo cáo năm 2023 — " in page and report.unit.name in page


def test_creating_outside_the_scope_or_with_a_bad_period_says_why(client, province, template, make_user):
    client_for(client, make_user("huyen", Unit.objects.get(code="105"), "enter"))
    bad_unit = client.post("/bao-cao/tao/", {"unit": "12", "period": "2023", "template": template.pk})
    assert bad_unit.status_code == 400
    assert "Không có đơn vị mã &#x27;12&#x27; còn hiệu lực" in bad_unit.content.decode()
    bad_period = client.post("/bao-cao/tao/", {"unit": "105", "period": "năm ngoái", "template": template.pk})
    assert bad_period.status_code == 400
    assert Report.objects.count() == 0


def test_saving_a_section_with_htmx_logs_the_change_and_refreshes_the_preview(
    client, report, province, make_user
):
    user = make_user("thu-ky", province, "enter")
    client_for(client, user)
    section = report.sections.first()
    text = "Năm {nam} có {{TT_NGUOI}} lượt người dự tuyên truyền.\r\nĐoạn hai."
    response = client.post(
        f"/bao-cao/{report.pk}/muc/{section.pk}/", {"heading": section.heading, "body": text}, **HX
    )
    assert response.status_code == 200
    assert "Đã lưu." in response.content.decode()
    assert response["HX-Trigger"] == "bao-cao-doi"
    section.refresh_from_db()
    assert section.body == "Năm {nam} có {{TT_NGUOI}} lượt người dự tuyên truyền.\nĐoạn hai."
    change = ObjectChange.objects.get(object_type="reports.reportsection", object_id=str(section.pk))
    assert change.user == user and change.source == "web"
    preview = client.get(f"/bao-cao/{report.pk}/xem-truoc/", **HX).content.decode()
    assert "Năm 2023 có " in preview and "32.286</a></span> lượt người" in preview


def test_bad_markup_is_refused_with_where_and_why(client, report, province, make_user):
    client_for(client, make_user("thu-ky", province, "enter"))
    section = report.sections.first()
    old = section.body
    response = client.post(
        f"/bao-cao/{report.pk}/muc/{section.pk}/",
        {"heading": section.heading, "body": "Tổng {{DON_TIEPNHAM}} đơn"},
        **HX,
    )
    body = response.content.decode()
    assert "Dòng 1, cột 6" in body and "DON_TIEPNHAM" in body and "Đã lưu." not in body
    assert "Tổng {{DON_TIEPNHAM}} đơn" in body  # the text typed stays in the box
    section.refresh_from_db()
    assert section.body == old


def test_header_fields_are_saved_and_shown_in_the_preview(client, report, province, make_user):
    client_for(client, make_user("thu-ky", province, "enter"))
    response = client.post(
        f"/bao-cao/{report.pk}/",
        {
            "number": "39",
            "symbol": "BC/BCĐ",
            "place": "",
            "date": "2023-12-21",
            "title": "",
            "signer_name": "Giàng A Tỉnh",
            "status": "final",
        },
    )
    assert response.status_code == 302
    preview = client.get(f"/bao-cao/{report.pk}/xem-truoc/").content.decode()
    assert Report.objects.get(pk=report.pk).status == "final"
    assert "Số 39-BC/BCĐ" in preview and "ngày 21 tháng 12 năm 2023" in preview and "Giàng A Tỉnh" in preview


def test_data_check_panel_lists_what_is_wrong(client, report, province, make_user):
    client_for(client, make_user("xem", province, "view"))
    panel = client.get(f"/bao-cao/{report.pk}/kiem-tra/", **HX).content.decode()
    assert "đơn vị chưa báo cáo số liệu" in panel
    assert "Xã Sơn Bình" in panel  # a commune with no value in 2023
    assert "số liệu bằng 0 hoặc chưa có trong khi năm trước khác 0" in panel
    assert "năm 2022 là 5" in panel  # HG_TO: 5 in 2022, nothing in 2023


def test_each_figure_links_to_the_values_behind_it(client, report, province, make_user):
    client_for(client, make_user("xem", province, "view"))
    preview = client.get(f"/bao-cao/{report.pk}/xem-truoc/").content.decode()
    link = f"/bao-cao/{report.pk}/nguon/?chi_tieu=TD_TIEPDAN&amp;don_vi=12&amp;ky=2023&amp;chieu=chuc_danh%3Dbi_thu"
    assert link in preview
    page = client.get(link.replace("&amp;", "&")).content.decode()
    assert "<strong>576</strong>" in page  # 16 (district 105) + 560 (commune 03386)
    assert "Bí thư" in page and "03386" in page and "105" in page
    only_communes = client.get(
        f"/bao-cao/{report.pk}/nguon/?chi_tieu=TD_TIEPDAN&ky=2023&cap=xa&chieu=chuc_danh=bi_thu"
    ).content.decode()
    assert "<strong>560</strong>" in only_communes and ">16<" not in only_communes
    # a figure of the tiers below the province (cap=duoi) links to the values of those tiers
    below = client.get(
        f"/bao-cao/{report.pk}/nguon/?chi_tieu=TD_TIEPDAN&ky=2023&cap=huyen,xa,thon&chieu=chuc_danh=chu_tich"
    ).content.decode()
    assert "<strong>1.113</strong>" in below and "03386" in below


def test_a_rate_lists_its_numerator_and_denominator(client, report, province, make_user):
    client_for(client, make_user("xem", province, "view"))
    page = client.get(f"/bao-cao/{report.pk}/nguon/?chi_tieu=TL_HOAGIAI&ky=2023")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Tử số" in text and "Mẫu số" in text and "HG_THANH" in text and "HG_VUVIEC" in text


def test_a_source_outside_the_report_is_refused(client, report, province, dien_bien, make_user):
    client_for(client, make_user("xem", province, "view"))
    response = client.get(f"/bao-cao/{report.pk}/nguon/?chi_tieu=TT_NGUOI&ky=2023&don_vi=11")
    assert response.status_code == 400
    assert "Đơn vị mã &#x27;11&#x27; không thuộc Tỉnh Lai Châu" in response.content.decode()


def test_downloads_have_a_vietnamese_file_name(client, report, province, make_user):
    client_for(client, make_user("xem", province, "view"))
    response = client.get(f"/bao-cao/{report.pk}/tai/docx/")
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert 'filename="bao-cao-tinh-lai-chau-2023.docx"' in disposition
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "Báo cáo Tỉnh Lai Châu 2023.docx"
    doc = Document(io.BytesIO(response.content))
    assert any("32.286" in p.text for p in doc.paragraphs)
    xlsx = client.get(f"/bao-cao/{report.pk}/tai/xlsx/")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    html = client.get(f"/bao-cao/{report.pk}/tai/html/")
    assert "<!DOCTYPE html>" in html.content.decode()
    assert client.get(f"/bao-cao/{report.pk}/tai/odt/").status_code == 404


def test_the_pdf_download_is_the_report(client, report, province, make_user):
    require(bool(shutil.which("soffice")), "LibreOffice")
    from pypdf import PdfReader

    client_for(client, make_user("xem", province, "view"))
    response = client.get(f"/bao-cao/{report.pk}/tai/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Báo cáo Tỉnh Lai Châu 2023.pdf" == unquote(response["Content-Disposition"].split("''")[1])
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "32.286" in text and "BÁO CÁO" in text


def test_a_report_whose_text_no_longer_compiles_says_which_section(client, report, province, make_user):
    client_for(client, make_user("xem", province, "view"))
    section = report.sections.first()
    # stored without the service on purpose, as if the unit had been removed since
    section.body = "Số {{TT_NGUOI unit=99999}}"
    section.save()
    preview = client.get(f"/bao-cao/{report.pk}/xem-truoc/").content.decode()
    assert "Chưa lập được báo cáo:" in preview and "99999" in preview
    assert client.get(f"/bao-cao/{report.pk}/tai/docx/").status_code == 400


@pytest.mark.django_db(transaction=True)
def test_compiling_in_the_background_shows_progress_then_the_file(
    client, settings, tmp_path, province, report, make_user
):
    settings.VAR_DIR = tmp_path
    client_for(client, make_user("xem", province, "view"))
    started = client.post(f"/bao-cao/{report.pk}/lap/", {"dinh_dang": "docx"}, **HX)
    assert started.status_code == 200
    job = jobs.current(report.pk) or jobs.load(
        report.pk, started.content.decode().split("/lap/")[1].split("/")[0]
    )
    assert job is not None
    jobs.wait(job)
    status = client.get(f"/bao-cao/{report.pk}/lap/{job.id}/", **HX).content.decode()
    assert "Đã lập xong." in status and 'hx-trigger="every 1s"' not in status
    download = client.get(f"/bao-cao/{report.pk}/lap/{job.id}/tai/")
    assert download.status_code == 200
    data = b"".join(download.streaming_content)
    assert any("32.286" in p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert client.get(f"/bao-cao/{report.pk}/lap/khong-co/").status_code == 404
    page = client.get(f"/bao-cao/{report.pk}/").content.decode()  # the last file stays offered
    assert f"/bao-cao/{report.pk}/lap/{job.id}/tai/" in page and "Tất cả số liệu đã nhập; bắt đầu lúc" in page


def test_a_running_job_polls_every_second_and_is_not_started_twice(
    client, report, province, settings, tmp_path, make_user
):
    settings.VAR_DIR = tmp_path
    job = jobs.Job(id="abc123", report=report.pk, fmt="docx", step=2, total=4, message="Mục 1", started=9e12)
    jobs._save(job)
    assert jobs.start(report, "pdf").id == "abc123"  # one job at a time per report
    client_for(client, make_user("xem", province, "view"))
    status = client.get(f"/bao-cao/{report.pk}/lap/abc123/", **HX).content.decode()
    assert 'hx-trigger="every 1s"' in status and 'value="50"' in status and "Mục 1" in status
    page = client.get(f"/bao-cao/{report.pk}/").content.decode()
    assert "Đang lập báo cáo (DOCX)" in page


def test_a_job_that_fails_says_why(report, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    section = report.sections.first()
    section.body = "{{TT_NGUOI unit=99999}}"
    section.save()
    job = jobs.start(report, "docx", background=False)
    assert job.state == "error" and "99999" in job.error
    with pytest.raises(ValueError, match="không hỗ trợ"):
        jobs.start(report, "odt")


def test_a_report_from_approved_values_only_or_with_unapproved_marked(client, report, province, make_user):
    import datetime as dt

    from danchu.collection import services as rounds

    rnd = rounds.open_round("QCDC", "2023", province, dt.date(2023, 12, 20), tiers="xa")
    rounds.submit(rnd, "03386", comment="Số liệu thử")
    rounds.approve(rnd, "03386")
    client_for(client, make_user("xem", province, "view"))
    url = f"/bao-cao/{report.pk}/xem-truoc/"
    everything = client.get(url).content.decode()
    approved = client.get(url + "?so_lieu=da-duyet").content.decode()
    marked = client.get(url + "?so_lieu=danh-dau").content.decode()
    bi_thu = 'data-element="TD_TIEPDAN" data-kind="element" data-unit="12" data-period="2023" data-tier="" data-dims="chuc_danh=bi_thu" data-value="'
    assert bi_thu + '576.0"' in everything  # district 105 (16) + commune 03386 (560)
    assert bi_thu + '560.0"' in approved  # only the commune's submission is approved
    assert 'class="figure chua-duyet"' in marked and "gồm cả giá trị chưa được duyệt" in marked
    assert 'class="figure chua-duyet"' not in everything
    docx = client.get(f"/bao-cao/{report.pk}/tai/docx/?so_lieu=da-duyet")
    assert docx.status_code == 200


def test_sections_can_be_added_and_removed_with_the_role(client, report, province, make_user):
    client_for(client, make_user("xem", province, "view"))
    assert client.post(f"/bao-cao/{report.pk}/muc/them/", {"heading": "IV- KIẾN NGHỊ"}).status_code == 403
    client_for(client, make_user("thu-ky", province, "enter"))
    count = report.sections.count()
    added = client.post(
        f"/bao-cao/{report.pk}/muc/them/", {"heading": "IV- KIẾN NGHỊ", "level": "1", "body": "Đề nghị."}
    )
    section = report.sections.order_by("-order").first()
    assert added.status_code == 302 and added["Location"].endswith(f"#muc-{section.pk}")
    assert (section.heading, section.level, section.body) == ("IV- KIẾN NGHỊ", 1, "Đề nghị.")
    assert "IV- KIẾN NGHỊ" in client.get(f"/bao-cao/{report.pk}/xem-truoc/").content.decode()
    client.post(f"/bao-cao/{report.pk}/muc/{section.pk}/xoa/")
    assert report.sections.count() == count
    change = ObjectChange.objects.get(object_type="reports.reportsection", action="delete")
    assert change.before["body"] == "Đề nghị."


def test_data_check_names_the_unit_that_breaks_a_rule(client, report, province, make_user):
    from .conftest import put

    put(("HG_THANH", "03502", "2023", 9, ""), ("HG_VUVIEC", "03502", "2023", 4, ""))
    client_for(client, make_user("xem", province, "view"))
    panel = client.get(f"/bao-cao/{report.pk}/kiem-tra/").content.decode()
    assert "lỗi quy tắc kiểm tra" in panel
    assert '<a href="/don-vi/03502/?ky=2023">Xã Nậm Ban</a> (03502): ' in panel and "9 ≤ 4 không đạt" in panel
    assert f"/bao-cao/{report.pk}/nguon/?chi_tieu=HG_TO&amp;don_vi=12&amp;ky=2022" in panel


def test_two_people_editing_one_section_do_not_overwrite_each_other(client, report, province, make_user):
    import re

    client_for(client, make_user("thu-ky", province, "enter"))
    section = report.sections.first()
    page = client.get(f"/bao-cao/{report.pk}/").content.decode()
    opened = re.search(rf'id="muc-{section.pk}">.*?name="goc" value="(\w+)"', page, re.S).group(1)
    first = {"heading": section.heading, "body": "Bản của người thứ nhất.", "goc": opened}
    assert "Đã lưu." in client.post(f"/bao-cao/{report.pk}/muc/{section.pk}/", first, **HX).content.decode()
    second = {"heading": section.heading, "body": "Bản của người thứ hai.", "goc": opened}
    for _ in range(2):
        refused = client.post(f"/bao-cao/{report.pk}/muc/{section.pk}/", second, **HX).content.decode()
        assert "vừa được thu-ky sửa sau khi bạn mở trang nên chưa lưu" in refused
        assert "Bản của người thứ hai." in refused  # the second text stays in the box to copy
    section.refresh_from_db()
    assert section.body == "Bản của người thứ nhất."


def test_creating_a_second_report_for_the_same_unit_and_period_asks_first(
    client, report, province, make_user
):
    client_for(client, make_user("thu-ky", province, "enter"))
    data = {"unit": "12", "period": "2023", "template": report.template.pk}
    asked = client.post("/bao-cao/tao/", data)
    assert asked.status_code == 409
    assert "Tỉnh Lai Châu đã có báo cáo năm 2023 theo mẫu này." in asked.content.decode()
    assert f'href="/bao-cao/{report.pk}/"' in asked.content.decode()
    assert Report.objects.count() == 1
    assert client.post("/bao-cao/tao/", data | {"van_tao": "1"}).status_code == 302
    assert Report.objects.count() == 2


def test_the_source_of_a_figure_follows_the_values_chosen(client, report, province, make_user):
    import datetime as dt

    from danchu.collection import services as rounds

    rnd = rounds.open_round("QCDC", "2023", province, dt.date(2023, 12, 20), tiers="xa")
    rounds.submit(rnd, "03386", comment="Số liệu thử")
    rounds.approve(rnd, "03386")
    client_for(client, make_user("xem", province, "view"))
    preview = client.get(f"/bao-cao/{report.pk}/xem-truoc/?so_lieu=da-duyet").content.decode()
    link = f"/bao-cao/{report.pk}/nguon/?chi_tieu=TD_TIEPDAN&amp;don_vi=12&amp;ky=2023&amp;chieu=chuc_danh%3Dbi_thu&amp;so_lieu=da-duyet"
    assert link in preview
    approved = client.get(link.replace("&amp;", "&")).content.decode()
    assert "<strong>560</strong>" in approved and "Thành phố Lai Châu" not in approved
    marked = client.get(link.replace("&amp;", "&").replace("da-duyet", "danh-dau")).content.decode()
    assert "<strong>576</strong>" in marked
    assert '16<span class="chua-duyet"' in marked and '560<span class="chua-duyet"' not in marked
