"""The petitions register through the API: same services, same refusals, no denouncer's identity."""

import pytest

from danchu.registers.petitions.models import Petition


@pytest.fixture
def api(commune, make_user, token_client):
    return token_client(make_user("may-chu-xa", commune, "enter"))


@pytest.fixture
def token_client():
    from django.test import Client

    from danchu.accounts.models import ApiToken

    def make(user):
        _, raw = ApiToken.issue(user, "kiểm thử")
        return Client(headers={"Authorization": f"Bearer {raw}"})

    return make


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


@pytest.mark.django_db
def test_receive_handle_resolve_and_list_through_the_api(api, commune):
    r = post(
        api,
        "/api/registers/petitions/new",
        {
            "unit": "03386",
            "received": "2024-02-02",
            "kind": "to_cao",
            "number": "TC-1",
            "petitioners": [{"name": "Sùng A Páo"}],
            "content": "Tố cáo",
        },
    )
    assert r.status_code == 200, r.content
    assert r.json()["deadlines"] == {"thu_ly": "2024-02-20"} and r.json()["petitioner"] is None
    r = post(api, "/api/registers/petitions/03386/TC-1/handle", {"action": "thu_ly", "day": "2024-02-19"})
    assert r.json()["deadlines"]["giai_quyet"] == "2024-03-20"
    r = post(api, "/api/registers/petitions/03386/TC-1/resolve", {"day": "2024-03-01", "outcome": "sai"})
    assert r.json()["state"] == "da_giai_quyet"
    listing = api.get("/api/registers/petitions?unit=03386&at=2024-03-02").json()
    assert listing["count"] == 1 and listing["records"][0]["petitioner"] is None
    assert api.get("/api/registers/petitions?unit=03386&at=2024-03-02&search=to cao").json()["count"] == 1
    assert (
        "Sùng A Páo"
        not in api.get("/api/registers/petitions/export?unit=03386&at=2024-03-02").content.decode()
    )


@pytest.mark.django_db
def test_refusals_name_the_field(api, commune):
    r = post(
        api, "/api/registers/petitions/new", {"unit": "03386", "received": "2024-02-02", "kind": "thu_tu"}
    )
    assert r.status_code == 422 and r.json()["errors"][0]["column"] == "kind"
    post(
        api,
        "/api/registers/petitions/new",
        {"unit": "03386", "received": "2024-02-02", "kind": "khieu_nai", "number": "1"},
    )
    r = post(
        api, "/api/registers/petitions/03386/1/extend", {"days": 5, "reason": "x", "decided": "2024-02-03"}
    )
    assert r.status_code == 422 and "chưa thụ lý" in r.json()["detail"]
    assert api.get("/api/registers/khong-co?unit=03386").status_code == 404
    assert (
        post(
            api,
            "/api/registers/petitions/new",
            {"unit": "105", "received": "2024-02-02", "kind": "khieu_nai"},
        ).status_code
        == 404
    )
    assert Petition.objects.count() == 1


@pytest.mark.django_db
def test_the_schema_lists_the_register_routes(api):
    paths = api.get("/api/openapi.json").json()["paths"]
    assert "/api/registers/{kind}" in paths and "/api/registers/petitions/new" in paths
    assert "/api/registers/{kind}/import" in paths and "/api/registers/reception/new" in paths
