"""The aggregate endpoint: the same JSON as `danchu aggregate --format json`."""

from danchu.values.services import InputRow, apply_rows


def test_api_aggregate_takes_at(lai_chau, make_user, token_client):
    apply_rows([InputRow("KT_DOAN", "03386", "2023", 9), InputRow("KT_DOAN", "03403", "2023-05", 3)])
    client = token_client(make_user("xem", lai_chau, "view"))
    response = client.get("/api/aggregate?unit=12&period=2023&by=child&elements=KT_DOAN&at=2025-07-01")
    assert response.status_code == 200
    groups = {r["group"]: r["value"] for r in response.json()["rows"]}
    assert groups["03388"] == 12
    assert client.get("/api/aggregate?unit=12&period=2023&at=2025-13-01").status_code == 422
