"""A commune moves its Excel book in; lists and exports come back out in the same format."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from danchu.analytics.engine import aggregate
from danchu.registers.petitions.models import Case, Petition
from danchu.values.periods import parse
from danchu.values.xlsx import write_xlsx

D = dt.date
HEADER = "number,unit,received,channel,kind,case,eligible,competent,action,accepted,resolved,outcome,remote,petitioner,content"
BOOK = f"""{HEADER}
01,03386,2023-01-05,truc_tiep,khieu_nai,VV-1,co,co,thu_ly,2023-01-10,,,khong,Lò Văn Xôm,Tranh chấp đất
02,03386,05/02/2023,buu_chinh,khieu_nai,VV-1,co,co,thu_ly,2023-02-07,2023-03-01,dung,khong,Lò Văn Xôm,Đơn thứ hai cùng vụ việc
03,03386,2023-03-01,truc_tiep,to_cao,,co,co,thu_ly,2023-03-03,,,co,Giàng A Dơ,Tố cáo cán bộ địa chính
04,03386,2023-04-01,truc_tuyen,kien_nghi,,co,khong,chuyen,,,,khong,Tòng Thị Ươi,Đề nghị cấp nước
05,03386,2023-05-01,truc_tiep,phan_anh,,co,co,thu_ly,2023-05-02,2023-05-20,da_giai_quyet,khong,Lường Văn Ên,Đèn đường hỏng
"""


def run(*args, **opts) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out, **opts)
    return out.getvalue()


@pytest.fixture
def book_file(tmp_path):
    path = tmp_path / "so-don-2023.csv"
    path.write_text(BOOK, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_a_book_is_imported_and_its_figures_follow(commune, book_file):
    out = run("import_register", "petitions", str(book_file))
    assert "Đã nhập 5 đơn của 1 đơn vị" in out
    assert Petition.objects.filter(unit=commune).count() == 5
    assert Case.objects.get(unit=commune, number="VV-1").petitions.count() == 2
    v = aggregate(commune, parse("2023")).value
    assert v("DON_TIEPNHAN") == 5 and v("DON_THAMQUYEN") == 4 and v("VV_THAMQUYEN") == 3
    assert v("VV_DAGIAIQUYET") == 2 and v("DON_XULY", xu_ly="chuyen") == 1
    # the same book again changes nothing
    run("import_register", "petitions", str(book_file))
    assert Petition.objects.filter(unit=commune).count() == 5


@pytest.mark.django_db
def test_a_bad_book_is_refused_whole_with_rows_and_columns(commune, tmp_path):
    bad = tmp_path / "so-loi.csv"
    bad.write_text(
        BOOK
        + "06,03386,2023-13-01,truc_tiep,khieu_nai,,,,,,,,,,\n"
        + "07,03386,2023-06-01,fax,khieu_nai,,,,,,,,,,\n"
        + "08,99999,2023-06-01,truc_tiep,to_cao,,,,,,,,,,\n"
        + "09,03386,2023-06-01,truc_tiep,khieu_nai,,co,co,thu_ly,,,,,,\n"
        + "10,03386,2023-06-01,truc_tiep,khieu_nai,,co,co,thu_ly,2023-06-02,2023-06-10,da_giai_quyet,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="không ghi dòng nào"):
        run("import_register", "petitions", str(bad))
    assert Petition.objects.count() == 0


@pytest.mark.django_db
def test_bad_rows_are_named_in_vietnamese(commune, tmp_path, capsys):
    from danchu.registers import kinds
    from danchu.registers.files import import_book
    from danchu.values.services import ValuesRefused

    register = kinds.get("petitions")
    with pytest.raises(ValuesRefused) as cells:
        import_book(register, (BOOK + "06,03386,2023-13-01,fax,khieu_nai,,,,,,,,,,\n").encode(), "so.csv")
    assert [str(e) for e in cells.value.errors] == [
        "Tệp so.csv, dòng 7, cột 'received': '2023-13-01' không phải ngày (dùng YYYY-MM-DD hoặc DD/MM/YYYY)",
        "Tệp so.csv, dòng 7, cột 'channel': 'fax' không hợp lệ (dùng: truc_tiep|buu_chinh|chuyen_den|truc_tuyen)",
    ]
    rows = (
        BOOK
        + "06,99999,2023-06-01,truc_tiep,to_cao,,,,,,,,,,\n"
        + "07,03386,2023-06-01,truc_tiep,khieu_nai,,co,co,thu_ly,,,,,,\n"
        + "08,03386,2023-06-01,truc_tiep,khieu_nai,,co,co,thu_ly,2023-06-02,2023-06-10,da_giai_quyet,,,\n"
    )
    with pytest.raises(ValuesRefused) as steps:
        import_book(register, rows.encode(), "so.csv")
    assert [str(e) for e in steps.value.errors] == [
        "Tệp so.csv, dòng 7, cột 'unit': không có đơn vị mã '99999' có hiệu lực ngày 01/06/2023",
        "Tệp so.csv, dòng 8, cột 'accepted': Đơn thụ lý phải có ngày thụ lý.",
        "Tệp so.csv, dòng 9, cột 'outcome': Kết quả 'da_giai_quyet' không dùng cho khiếu nại (dùng: dung|dung_mot_phan|sai|rut).",
    ]
    with pytest.raises(ValuesRefused, match="cột 'recieved' không có"):
        import_book(register, b"number,unit,recieved\n1,03386,2023-01-01\n", "so.csv")
    assert Petition.objects.count() == 0


@pytest.mark.django_db
def test_an_xlsx_book_is_read_like_a_csv_one(commune, tmp_path):
    rows = [line.split(",") for line in BOOK.strip().splitlines()]
    rows[1][2] = dt.datetime(2023, 1, 5)  # a real date cell
    path = tmp_path / "so.xlsx"
    path.write_bytes(write_xlsx(rows))
    assert "Đã nhập 5 đơn" in run("import_register", "petitions", str(path))


@pytest.mark.django_db
def test_a_transfer_to_another_unit_lands_in_its_book(commune, district, tmp_path):
    path = tmp_path / "chuyen.csv"
    path.write_text(
        f"{HEADER},transferred_to\n01,03386,2023-04-01,truc_tiep,kien_nghi,,co,khong,chuyen,,,,,A,Việc của thành phố,105\n"
    )
    run("import_register", "petitions", str(path))
    sent = Petition.objects.get(unit=commune)
    arrived = Petition.objects.get(unit=district)
    assert (sent.action, sent.transferred_to, sent.closed_on) == ("chuyen", district, D(2023, 4, 1))
    assert (arrived.channel, arrived.received, arrived.transferred_from) == (
        "chuyen_den",
        D(2023, 4, 1),
        sent,
    )
    assert aggregate(commune, parse("2023")).value("DON_XULY", xu_ly="chuyen") == 1
    by_unit = aggregate(district, parse("2023"), by="unit")
    assert by_unit.value("DON_TIEPNHAN", group="105", nguon="trong_ky") == 1
    assert by_unit.value("DON_TIEPNHAN", group="03386", nguon="trong_ky") == 1
    # the district's subtree counts the đơn in both books, as the national form does (each level
    # reports the đơn it received; transfers are counted apart in DON_XULY)
    assert aggregate(district, parse("2023")).value("DON_TIEPNHAN") == 2


@pytest.mark.django_db
def test_list_masks_the_denouncer_for_everyone_but_the_handler(commune, book_file, make_user):
    run("import_register", "petitions", str(book_file))
    handler = make_user("thanh-tra-xa", commune, "enter")
    make_user("lanh-dao", commune, "admin")
    Case.objects.get(petitions__number="03").handlers.add(handler)
    out = json.loads(
        run("register", "list", "petitions", unit="03386", at="2023-12-01", user="lanh-dao", format="json")
    )
    records = {r["number"]: r for r in out["records"]}
    assert set(records["03"]) >= {
        "number",
        "unit",
        "kind",
        "received",
        "state",
        "deadlines",
        "overdue",
        "petitioner",
    }
    assert records["03"]["petitioner"] is None and records["01"]["petitioner"] == "Lò Văn Xôm"
    assert records["03"]["deadlines"] == {"thu_ly": "2023-03-10", "giai_quyet": "2023-04-03"}
    assert records["03"]["overdue"] is True and records["03"]["state"] == "dang_giai_quyet"
    assert records["05"]["overdue"] is False and records["05"]["deadlines"] == {
        "xu_ly": "2023-05-17"
    }  # 02–03/05 were days off
    mine = json.loads(
        run(
            "register", "list", "petitions", unit="03386", at="2024-06-01", user="thanh-tra-xa", format="json"
        )
    )
    assert {r["number"]: r for r in mine["records"]}["03"]["petitioner"] == "Giàng A Dơ"
    late = json.loads(
        run("register", "list", "petitions", unit="03386", at="2023-12-01", overdue=True, format="json")
    )
    # VV-1 was accepted 10/01 and resolved 01/03: 50 days for a 30-day limit
    assert [r["number"] for r in late["records"]] == ["01", "02", "03"]
    exported = json.loads(
        run("export_register", "petitions", unit="03386", user="thanh-tra-xa", at="2023-12-01")
    )
    assert exported["records"][2]["number"] == "03" and exported["records"][2]["petitioner"] is None
    assert [r["number"] for r in exported["records"]] == [r["number"] for r in out["records"]]


@pytest.mark.django_db
def test_an_export_imports_back(commune, book_file, tmp_path):
    run("import_register", "petitions", str(book_file))
    path = tmp_path / "xuat.csv"
    run("export_register", "petitions", unit="03386", at="2024-06-01", output=str(path))
    assert path.read_text().splitlines()[0].startswith(HEADER)
    Petition.objects.all().delete()
    Case.objects.all().delete()
    run("import_register", "petitions", str(path))
    assert aggregate(commune, parse("2023")).value("DON_THAMQUYEN") == 4
