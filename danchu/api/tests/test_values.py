"""Writing figures through the API: all rows or none, with Vietnamese reasons."""

import pytest

from danchu.analytics.engine import aggregate
from danchu.audit.models import ObjectChange
from danchu.units.models import Unit
from danchu.values.models import DataValue
from danchu.values.periods import parse
from danchu.values.services import InputRow


def row(unit="03386", value=1, period="2023", **extra):
    return dict(
        {
            "element": "TD_TIEPDAN",
            "unit": unit,
            "period": period,
            "value": value,
            "dimensions": "chuc_danh=bi_thu",
        },
        **extra,
    )


@pytest.fixture
def client(lai_chau, make_user, token_client):
    return token_client(make_user("nhap-lieu", lai_chau, "enter"))


def post(client, rows, **params):
    query = "?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else ""
    return client.post("/api/values" + query, rows, content_type="application/json")


def test_rows_are_written_and_logged_as_api_changes(client):
    response = post(client, [row(value=5), row("03502", value="1172", comment="từ sổ tiếp dân")])
    assert response.status_code == 200
    assert response.json()["created"] == 2
    assert "2 giá trị mới" in response.json()["message"]
    assert DataValue.objects.get(unit__code="03502").value == 1172
    change = ObjectChange.objects.filter(action="create").first()
    assert (change.source, change.user.username) == ("api", "nhap-lieu")


def test_one_bad_row_refuses_all_with_422(client):
    before = DataValue.objects.count()
    response = post(
        client, [row(value=5), row(value="năm", unit="03502"), row(element="KHONG_CO"), row(period="2023-13")]
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [(e["row"], e["column"]) for e in errors] == [(2, "value"), (3, "element"), (4, "period")]
    assert "Dòng 2, cột 'value': giá trị 'năm' không phải là số" == errors[0]["message"]
    assert "không ghi dòng nào" in response.json()["detail"]
    assert DataValue.objects.count() == before


def test_dimensions_may_be_an_object(client):
    response = post(client, [row(dimensions={"chuc_danh": "chu_tich"}, value=2)])
    assert response.status_code == 200
    assert DataValue.objects.get().dimensions == "chuc_danh=chu_tich"


def test_dry_run_checks_but_writes_nothing(client):
    response = post(client, [row(value=5)], dry_run="true")
    assert response.status_code == 200
    assert response.json()["dry_run"] is True and "chưa ghi" in response.json()["message"]
    assert DataValue.objects.count() == 0
    assert post(client, [row(value=-1)], dry_run="true").status_code == 422


def test_malformed_body_is_422_in_vietnamese(client):
    response = post(client, [{"element": "TD_TIEPDAN", "unit": "03386"}])
    assert response.status_code == 422
    messages = [e["message"] for e in response.json()["errors"]]
    assert "Dòng 1, trường 'period': thiếu trường bắt buộc" in messages
    assert post(client, []).status_code == 422
    not_json = client.post("/api/values", "không phải json", content_type="application/json")
    assert not_json.status_code == 400
    assert "không phải JSON hợp lệ" in not_json.json()["detail"]
    boolean = post(client, [row(value=True)])
    assert boolean.status_code == 422 and boolean.json()["errors"][0]["column"] == "value"


def test_a_year_may_be_sent_as_a_number(client):
    assert post(client, [row(period=2023, value=4)]).status_code == 200
    assert DataValue.objects.get().period == "2023"


def test_a_body_over_the_upload_limit_is_413(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = post(client, [row(comment="x" * 2000)])
    assert response.status_code == 413 and "vượt giới hạn" in response.json()["detail"]


def test_read_back_has_the_csv_columns(client):
    post(client, [row(value=5, comment="ghi chú"), row("03502", value=3)])
    data = client.get("/api/values", {"unit": "105", "period": "2023", "element": "TD_TIEPDAN"}).json()
    assert data["count"] == 1
    assert data["items"] == [
        {
            "element": "TD_TIEPDAN",
            "unit": "03386",
            "period": "2023",
            "value": 5.0,
            "dimensions": "chuc_danh=bi_thu",
            "comment": "ghi chú",
        }
    ]
    own_only = client.get("/api/values", {"unit": "105", "period": "2023", "subtree": "false"}).json()
    assert own_only["count"] == 0


def test_aggregate_after_a_write_equals_the_engine(client):
    post(client, [row(value=5), row("03502", value=3), row("105", value=2, dimensions="chuc_danh=chu_tich")])
    params = {"unit": "12", "period": "2023", "by": "tier", "elements": "TD_TIEPDAN"}
    data = client.get("/api/aggregate", params).json()
    engine = aggregate(Unit.objects.get(code="12"), parse("2023"), by="tier", elements=["TD_TIEPDAN"])
    assert data == engine.as_dict()
    assert sum(r["value"] for r in data["rows"] if r["group"] == "xa") == 8


def test_validate_returns_the_command_json(client):
    response = client.get("/api/validate", {"unit": "12", "period": "2023"})
    assert response.status_code == 200
    assert response.json() == {"violations": []}


BAD_PARAMETERS = [
    ("/api/aggregate", {"unit": "12", "period": "2023-99"}, "period"),
    ("/api/aggregate", {"unit": "12", "period": "2023", "by": "xa"}, "by"),
    ("/api/aggregate", {"unit": "12", "period": "2023", "elements": "KHONG_CO"}, "elements"),
    ("/api/validate", {"unit": "12", "period": "năm ngoái"}, "period"),
    ("/api/units", {"at": "31/02/2023"}, "at"),
    ("/api/units", {"tier": "quan"}, "tier"),
    ("/api/values", {"period": "2023Q5"}, "period"),
]


def test_bad_parameters_are_422_naming_the_parameter(client):
    for path, params, column in BAD_PARAMETERS:
        response = client.get(path, params)
        assert response.status_code == 422, (path, params)
        body = response.json()
        assert body["errors"][0]["column"] == column, (path, params)
        assert body["detail"]


def test_a_code_not_in_force_at_the_date_says_so(client):
    response = client.get("/api/units/105", {"at": "2025-08-01"})
    assert response.status_code == 404
    assert "không có hiệu lực ngày 01/08/2025" in response.json()["detail"]


def test_approved_figures_are_locked_through_the_api_too(client, lai_chau):
    import datetime as dt

    from danchu.collection import services as rounds

    rnd = rounds.open_round("QCDC", "2023", lai_chau, dt.date(2023, 12, 20), tiers="xa")
    rounds.submit(rnd, "03386", [InputRow("HG_VUVIEC", "", "", 10), InputRow("HG_THANH", "", "", 8)])
    rounds.approve(rnd, "03386")
    response = post(
        client, [row("03502", value=1), {**row(value=11), "element": "HG_VUVIEC", "dimensions": ""}]
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["row"] == 2
    assert "đã được phê duyệt" in response.json()["errors"][0]["message"]
    assert DataValue.objects.get(element__code="HG_VUVIEC").value == 10
    assert not DataValue.objects.filter(unit__code="03502").exists()


def test_a_csv_file_is_imported_whole_or_not_at_all(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    good = "element,unit,period,value,dimensions,comment\nTD_TIEPDAN,03386,2023,4,chuc_danh=bi_thu,\n"
    bad = good + "TD_TIEPDAN,03386,2023-05,bốn,chuc_danh=bi_thu,\n"
    refused = client.post("/api/values/import", {"file": SimpleUploadedFile("so-lieu.csv", bad.encode())})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["message"].startswith("Tệp so-lieu.csv, dòng 3, cột 'value'")
    assert DataValue.objects.count() == 0
    checked = client.post(
        "/api/values/import?dry_run=true", {"file": SimpleUploadedFile("a.csv", good.encode())}
    )
    assert checked.json()["rows"] == 1 and DataValue.objects.count() == 0
    done = client.post("/api/values/import", {"file": SimpleUploadedFile("a.csv", good.encode())})
    assert done.json()["created"] == 1
    assert ObjectChange.objects.get(action="create").source == "api:import:a.csv"


def test_export_gives_the_import_format_within_the_scope(lai_chau, make_user, token_client, client):
    post(client, [row(value=5), row("03394", value=7)])
    district = token_client(make_user("tp", Unit.objects.get(code="105"), "view"))
    response = district.get("/api/values/export", {"period": "2023"})
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().splitlines() == [
        "element,unit,period,value,dimensions,comment",
        "TD_TIEPDAN,03386,2023,5,chuc_danh=bi_thu,",
    ]
    xlsx = district.get("/api/values/export", {"period": "2023", "format": "xlsx"})
    from danchu.values.xlsx import read_xlsx_rows

    header, cells = read_xlsx_rows(xlsx.content, "so-lieu.xlsx")
    assert header[:4] == ["element", "unit", "period", "value"] and [c[1] for c in cells] == ["03386"]
    assert district.get("/api/values/export", {"unit": "106", "period": "2023"}).status_code == 404


def test_a_commune_of_the_2025_tree_writes_its_2025_figures(lai_chau, make_user, token_client):
    """Xã Bình Lư (03390) began on 1/7/2025 and reports for 2025 all the same; a user entering
    for it alone may, and the row is not taken for Thị trấn Tam Đường, which used the code before."""
    import datetime as dt

    binh_lu = Unit.objects.at(dt.date(2025, 7, 1)).get(code="03390")
    client = token_client(make_user("binh-lu", binh_lu, "enter"))
    response = post(client, [row("03390", value=4, period="2025")])
    assert response.status_code == 200, response.json()
    assert DataValue.objects.get().unit == binh_lu
