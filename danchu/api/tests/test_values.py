"""Writing figures through the API: all rows or none, with Vietnamese reasons."""

import pytest

from danchu.analytics.engine import aggregate
from danchu.audit.models import ObjectChange
from danchu.units.models import Unit
from danchu.values.models import DataValue
from danchu.values.periods import parse


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
    assert "dòng 1, trường 'period': thiếu trường bắt buộc" in messages
    assert post(client, []).status_code == 422
    not_json = client.post("/api/values", "không phải json", content_type="application/json")
    assert not_json.status_code in (400, 422)


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


@pytest.mark.parametrize(
    "path, params, column",
    [
        ("/api/aggregate", {"unit": "12", "period": "2023-99"}, "period"),
        ("/api/aggregate", {"unit": "12", "period": "2023", "by": "xa"}, "by"),
        ("/api/aggregate", {"unit": "12", "period": "2023", "elements": "KHONG_CO"}, "elements"),
        ("/api/validate", {"unit": "12", "period": "năm ngoái"}, "period"),
        ("/api/units", {"at": "31/02/2023"}, "at"),
        ("/api/units", {"tier": "quan"}, "tier"),
        ("/api/values", {"period": "2023Q5"}, "period"),
    ],
)
def test_bad_parameters_are_422_naming_the_parameter(client, path, params, column):
    response = client.get(path, params)
    assert response.status_code == 422
    body = response.json()
    assert body["errors"][0]["column"] == column
    assert body["detail"]


def test_a_code_not_in_force_at_the_date_says_so(client):
    response = client.get("/api/units/105", {"at": "2025-08-01"})
    assert response.status_code == 404
    assert "không có hiệu lực ngày 01/08/2025" in response.json()["detail"]
