"""A user on district A (Thành phố Lai Châu, 105) never reads or writes a commune of district B
(Huyện Tam Đường, 106): the API answers 404 to reads and 403 to writes, and nothing is written."""

import pytest
from django.test import Client

from danchu.values.models import DataValue
from danchu.values.services import InputRow, apply_rows

AT = {"at": "2023-12-14"}
OWN, OTHER = "03386", "03394"  # Phường Quyết Thắng (in 105), Xã Sin Suối Hồ (in 106)


def row(unit, value=1, **extra):
    return dict(
        {
            "element": "TD_TIEPDAN",
            "unit": unit,
            "period": "2023",
            "value": value,
            "dimensions": "chuc_danh=bi_thu",
        },
        **extra,
    )


@pytest.fixture
def figures(lai_chau):
    apply_rows([InputRow(**row(OWN, 5)), InputRow(**row(OTHER, 7))])
    return lai_chau


@pytest.fixture
def district(figures, make_user, token_client):
    from danchu.units.models import Unit

    def as_role(role: str) -> Client:
        unit = Unit.objects.get(code="105")
        return token_client(make_user(f"tp-{role}", unit, role))

    return as_role


OUTSIDE = [
    (f"/api/units/{OTHER}", AT),
    ("/api/units/106", AT),
    ("/api/units/12", AT),
    ("/api/units", dict(AT, under="106")),
    ("/api/values", {"unit": OTHER, "period": "2023"}),
    ("/api/values", {"unit": "12", "period": "2023"}),
    ("/api/aggregate", {"unit": "106", "period": "2023"}),
    ("/api/aggregate", {"unit": OTHER, "period": "2023"}),
    ("/api/validate", {"unit": "12", "period": "2023"}),
]
INSIDE = [
    (f"/api/units/{OWN}", AT),
    ("/api/units/105", AT),
    ("/api/values", {"unit": OWN, "period": "2023"}),
    ("/api/aggregate", {"unit": "105", "period": "2023"}),
    ("/api/validate", {"unit": OWN, "period": "2023"}),
]


def test_reads_outside_the_subtree_are_404_even_for_an_admin_of_the_district(district):
    client = district("admin")
    for path, params in OUTSIDE:
        response = client.get(path, params)
        assert response.status_code == 404, (path, params)
        assert "không có quyền" in response.json()["detail"]


def test_reads_inside_the_subtree_work_with_role_view(district):
    client = district("view")
    for path, params in INSIDE:
        assert client.get(path, params).status_code == 200, (path, params)


def test_lists_hold_only_the_subtree(district):
    client = district("view")
    units = client.get("/api/units", AT).json()
    assert units["items"][0]["code"] == "105"
    assert {u["parent"] for u in units["items"][1:]} == {"105"}
    values = client.get("/api/values", {"period": "2023"}).json()
    assert [(v["unit"], v["value"]) for v in values["items"]] == [(OWN, 5.0)]


@pytest.mark.parametrize("role", ["view", "enter", "approve", "admin"])
def test_writes_outside_the_subtree_are_403_and_write_nothing(district, role):
    response = district(role).post(
        "/api/values", [row(OWN, 9), row(OTHER, 9)], content_type="application/json"
    )
    assert response.status_code == 403
    errors = response.json()["errors"]
    if role == "view":
        assert [e["row"] for e in errors] == [1, 2]
    else:
        assert [(e["row"], e["column"]) for e in errors] == [(2, "unit")]
        assert OTHER in errors[0]["message"]
    assert sorted(DataValue.objects.values_list("value", flat=True)) == [5.0, 7.0]


def test_role_enter_writes_inside_the_subtree(district):
    response = district("enter").post("/api/values", [row(OWN, 9)], content_type="application/json")
    assert response.status_code == 200
    assert response.json()["updated"] == 1
    assert DataValue.objects.get(unit__code=OWN).value == 9


def test_a_user_without_membership_sees_nothing(figures, make_user, token_client):
    client = token_client(make_user("khong-quyen"))
    assert client.get("/api/units", AT).json()["count"] == 0
    assert client.get("/api/values").json()["count"] == 0


def test_a_superuser_sees_everything(figures, token_client):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("quantri", password="matkhau-123")
    assert token_client(admin).get("/api/values", {"unit": "12", "period": "2023"}).json()["count"] == 2
