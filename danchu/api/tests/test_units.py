import pytest

AT = {"at": "2023-12-14"}


@pytest.fixture
def client(lai_chau, make_user, token_client):
    return token_client(make_user("tinh", lai_chau, "view"))


def test_search_ignores_diacritics_and_case(client):
    found = client.get("/api/units", dict(AT, q="QUYET thang")).json()
    assert [(u["code"], u["name"]) for u in found["items"]] == [("03386", "Phường Quyết Thắng")]


def test_the_tree_changes_with_the_date(client):
    before = client.get("/api/units", dict(AT, under="12", tier="xa")).json()
    after = client.get("/api/units", {"under": "12", "at": "2025-08-01", "tier": "xa"}).json()
    assert (before["count"], after["count"]) == (106, 38)
    assert client.get("/api/units", {"at": "2025-08-01", "tier": "huyen"}).json()["count"] == 0


def test_paging(client):
    page = client.get("/api/units", dict(AT, tier="xa", limit=10, offset=100)).json()
    assert page["count"] == 106 and len(page["items"]) == 6
    assert client.get("/api/units", dict(AT, limit=0)).status_code == 422


def test_one_unit_with_its_ancestors_and_children(client):
    unit = client.get("/api/units/03386", AT).json()
    assert unit["name"] == "Phường Quyết Thắng" and unit["tier"] == "xa" and unit["parent"] == "105"
    assert unit["ancestors"] == ["12", "105"] and unit["children"] == []  # not "VN": outside the scope
    district = client.get("/api/units/105", AT).json()
    assert "03386" in {c["code"] for c in district["children"]}
    assert district["valid_to"] == "2025-06-30"
