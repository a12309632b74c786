import pytest
from django.test import Client

from danchu.accounts.models import ApiToken
from danchu.values.models import DataValue


def test_no_credentials_is_401_in_vietnamese(db):
    response = Client().get("/api/units")
    assert response.status_code == 401
    assert "Chưa xác thực" in response.json()["detail"]


def test_a_wrong_token_is_401(db):
    response = Client(headers={"Authorization": "Bearer dc_khong-dung"}).get("/api/catalog/elements")
    assert response.status_code == 401


def test_health_needs_no_credentials(db):
    assert Client().get("/api/health").json() == {"status": "ok"}


def test_a_token_authenticates_and_records_its_use(lai_chau, make_user, token_client):
    user = make_user("lai-chau", lai_chau, "view")
    client = token_client(user)
    response = client.get("/api/units", {"under": "12", "at": "2023-12-14", "tier": "huyen"})
    assert response.status_code == 200
    assert response.json()["count"] == 8
    assert ApiToken.objects.get(user=user).last_used is not None


def test_only_the_hash_of_a_token_is_stored(make_user):
    token, raw = ApiToken.issue(make_user("a"))
    assert raw not in (token.digest, token.prefix) and token.digest == ApiToken.hash(raw)


def test_an_inactive_users_token_is_refused(lai_chau, make_user, token_client):
    user = make_user("nghi-viec", lai_chau, "admin", is_active=False)
    assert token_client(user).get("/api/units").status_code == 401


def test_browser_session_reads_and_needs_csrf_to_write(lai_chau, make_user):
    make_user("web", lai_chau, "enter")
    client = Client(enforce_csrf_checks=True)
    assert client.login(username="web", password="matkhau-123")
    assert client.get("/api/units/12", {"at": "2023-12-14"}).status_code == 200
    row = {
        "element": "TD_TIEPDAN",
        "unit": "12",
        "period": "2023",
        "value": 3,
        "dimensions": "chuc_danh=bi_thu",
    }
    refused = client.post("/api/values", [row], content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert DataValue.objects.count() == 0
    secret = "CsrfSecretOfThirtyTwoCharacters0"  # Django accepts the unmasked secret in the header
    client.cookies["csrftoken"] = secret
    accepted = client.post(
        "/api/values", [row], content_type="application/json", headers={"X-CSRFToken": secret}
    )
    assert accepted.status_code == 200, accepted.json()
    assert DataValue.objects.count() == 1


@pytest.mark.parametrize("path", ["/api/units", "/api/values", "/api/aggregate", "/api/catalog/elements"])
def test_every_data_endpoint_needs_credentials(db, path):
    assert Client().get(path).status_code == 401


def test_a_write_without_credentials_is_401_not_a_csrf_error(db):
    response = Client(enforce_csrf_checks=True).post("/api/values", [], content_type="application/json")
    assert response.status_code == 401


def test_answers_are_utf8_vietnamese_not_escaped(db):
    response = Client().get("/api/units")
    assert "Chưa xác thực".encode() in response.content
    assert response["Content-Type"].startswith("application/json")
