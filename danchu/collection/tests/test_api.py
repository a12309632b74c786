"""Rounds over the JSON API, and who may do what on whose submission."""

import json

import pytest
from django.test import Client

from danchu.collection import services
from danchu.collection.models import Submission
from danchu.units.models import Unit
from danchu.values.models import DataValue

ROWS = {"rows": [{"element": "HG_VUVIEC", "value": 10}, {"element": "HG_THANH", "value": "8"}]}


def unit(code):
    return Unit.objects.filter(code=code).order_by("valid_from").first()


@pytest.fixture
def people(lai_chau, make_user):
    return {
        "province": make_user("tinh", lai_chau, "approve"),
        "city": make_user("thanhpho", unit("105"), "approve"),  # district A: Thành phố Lai Châu
        "tamduong": make_user("tamduong", unit("106"), "approve"),  # district B: Tam Đường
        "commune": make_user("doanket", unit("03386"), "approve"),  # approve role on itself only
        "viewer": make_user("xem", unit("03386"), "view"),
    }


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def post(c, url, body=None):
    return c.post(url, json.dumps(body or {}), content_type="application/json")


def test_open_round_over_the_api(people):
    c = client_for(people["province"])
    r = c.get("/api/rounds/preview", {"period": "2023", "under": "12", "tiers": "xa"})
    assert r.status_code == 200 and len(r.json()) == 106
    r = post(c, "/api/rounds", {"period": "2023", "under": "12", "tiers": ["xa"], "deadline": "2023-12-20"})
    assert r.status_code == 201 and r.json()["expected"] == 106
    r = post(client_for(people["city"]), "/api/rounds", {"period": "2023", "under": "12", "tiers": "xa",
                                                         "deadline": "2023-12-20"})  # fmt: skip
    assert r.status_code == 404  # the province is outside the city approver's subtree


def test_preview_of_a_round_stays_inside_the_callers_subtree(people):
    """The list of units a round would ask is no way round the scope: a commune user, or an
    approver of another district, learns nothing about units outside their subtree."""
    for who, under in (("viewer", "12"), ("tamduong", "105"), ("city", "12")):
        r = client_for(people[who]).get(
            "/api/rounds/preview", {"period": "2023", "under": under, "tier": "xa"}
        )
        assert r.status_code == 404, (who, under, r.content)
    r = client_for(people["viewer"]).get("/api/rounds/preview", {"period": "2023", "under": "03386"})
    assert r.status_code == 403  # sees the commune, may not open a round there
    r = client_for(people["city"]).get(
        "/api/rounds/preview", {"period": "2023", "under": "105", "tier": "xa"}
    )
    assert r.status_code == 200
    assert {u["tier"] for u in r.json()} == {"xa"} and len(r.json()) == 7  # 5 phường, 2 xã


def test_cycle_and_scoping_over_the_api(people, round_12):
    base = f"/api/rounds/{round_12.pk}/submissions"
    commune = client_for(people["commune"])
    r = post(commune, f"{base}/03386/submit", ROWS)
    assert r.status_code == 200, r.content
    assert r.json()["state"] == "submitted" and r.json()["events"][0]["user"] == "doanket"

    # a commune user cannot open another commune's submission, nor approve their own
    assert commune.get(f"{base}/03387").status_code == 404
    assert post(commune, f"{base}/03387/submit", ROWS).status_code == 404
    r = post(commune, f"{base}/03386/approve")
    assert r.status_code == 403 and "cần quyền phê duyệt" in r.json()["detail"]
    # the approver of district B cannot approve district A's commune
    assert post(client_for(people["tamduong"]), f"{base}/03386/approve").status_code == 404
    # a viewer cannot submit
    assert post(client_for(people["viewer"]), f"{base}/03386/submit", ROWS).status_code == 403

    city = client_for(people["city"])
    r = post(city, f"{base}/03386/return", {"reason": ""})
    assert r.status_code == 422 and "lý do" in r.json()["detail"]
    assert post(city, f"{base}/03386/approve").json()["state"] == "approved"
    r = post(commune, f"{base}/03386/submit", ROWS)
    assert r.status_code == 422 and "đã được phê duyệt" in r.json()["detail"]

    detail = commune.get(f"/api/rounds/{round_12.pk}").json()
    assert detail["completeness"]["expected"] == 1  # only the commune's own unit
    detail = city.get(f"/api/rounds/{round_12.pk}").json()
    assert detail["completeness"]["expected"] == 7 and detail["completeness"]["approved"] == 1

    r = city.get(f"{base}/03386/template")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert commune.get(f"{base}/03387/template").status_code == 404


def test_blocked_submission_over_the_api_stores_nothing(people, round_12):
    bad = {"rows": [{"element": "HG_VUVIEC", "value": 3}, {"element": "HG_THANH", "value": 5}]}
    r = post(client_for(people["commune"]), f"/api/rounds/{round_12.pk}/submissions/03386/submit", bad)
    assert r.status_code == 422
    assert any("hòa giải thành" in e["message"] for e in r.json()["errors"])
    assert DataValue.objects.count() == 0


def test_anonymous_is_refused(round_12):
    assert Client().get("/api/rounds").status_code == 401


@pytest.mark.parametrize(
    "who,action,allowed",
    [
        ("province", "approve", True),
        ("city", "approve", True),
        ("tamduong", "approve", False),
        ("commune", "approve", False),
        ("province", "return", True),
        ("tamduong", "return", False),
        ("commune", "return", False),
    ],
)
def test_permission_grid(people, round_12, who, action, allowed):
    services.submit(round_12, "03386", [], user=people["commune"])
    user = people[who]
    call = {
        "approve": lambda: services.approve(round_12, "03386", user),
        "return": lambda: services.return_submission(round_12, "03386", "Sai", user),
    }[action]
    if allowed:
        call()
        assert Submission.objects.get(round=round_12, unit__code="03386").state != "submitted"
    else:
        with pytest.raises(services.RoundRefused):
            call()
        assert Submission.objects.get(round=round_12, unit__code="03386").state == "submitted"


def test_bearer_token_works_for_rounds(people, round_12):
    from danchu.accounts.models import ApiToken

    _, raw = ApiToken.issue(people["commune"], "bảng tính của xã")
    c = Client(headers={"Authorization": f"Bearer {raw}"})
    r = c.post(
        f"/api/rounds/{round_12.pk}/submissions/03386/submit",
        json.dumps(ROWS),
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["state"] == "submitted"
    assert c.get(f"/api/rounds/{round_12.pk}/submissions/03387").status_code == 404
