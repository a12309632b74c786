"""Roles × actions × units: a user never reads or writes outside their subtree, even by a typed URL.

The user holds a role on Huyện Tam Đường (106). Inside: Xã Bản Giang (03418). Outside: the
province above (12) and Phường Quyết Thắng (03386) of another district. Outside answers 404,
so a unit's existence is not revealed; inside without the role answers 403.
"""

import pytest

from danchu.values.models import DataValue

ROLES = ["none", "view", "enter", "approve", "admin"]
UNITS = {
    "inside": ("03418", "Xã Bản Giang"),
    "parent": ("12", "Tỉnh Lai Châu"),
    "other": ("03386", "Quyết Thắng"),
}


def expected(role: str, where: str, action: str) -> int:
    if role == "none" or where != "inside":
        return 404
    if action in ("entry_get", "entry_post", "entry_check") and role == "view":
        return 403
    return {"page": 200, "entry_get": 200, "entry_post": 302, "entry_check": 200}[action]


@pytest.fixture
def as_role(client_for, make_user, tam_duong):
    def make(role: str):
        user = make_user(
            f"u_{role}", None if role == "none" else tam_duong, "view" if role == "none" else role
        )
        return client_for(user)

    return make


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", list(UNITS))
def test_pages_and_writes(as_role, role, where):
    client = as_role(role)
    code, _ = UNITS[where]
    q = "?ky=2023&ngay=2023-12-14"
    assert client.get(f"/don-vi/{code}/{q}").status_code == expected(role, where, "page")
    assert client.get(f"/don-vi/{code}/nhap/{q}").status_code == expected(role, where, "entry_get")
    check = client.post(f"/don-vi/{code}/nhap/kiem-tra/{q}", {"v|TT_HOINGHI|": "5"})
    assert check.status_code == expected(role, where, "entry_check")
    post = client.post(f"/don-vi/{code}/nhap/{q}", {"v|TT_HOINGHI|": "5"})
    assert post.status_code == expected(role, where, "entry_post")
    written = DataValue.objects.filter(element__code="TT_HOINGHI").count()
    assert written == (1 if expected(role, where, "entry_post") == 302 else 0)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", list(UNITS))
def test_search_and_tree(as_role, role, where):
    client = as_role(role)
    code, name = UNITS[where]
    found = client.get("/don-vi/tim/", {"q": name}, headers={"HX-Request": "true"}).content.decode()
    assert (f'href="/don-vi/{code}/' in found) == (role != "none" and where == "inside")
    children = client.get(f"/don-vi/{code}/con/", {"ngay": "2023-12-14"})
    assert children.status_code == (200 if role != "none" and where == "inside" else 404)


def test_anonymous_is_sent_to_login(client, lai_chau):
    for url in ["/don-vi/", "/don-vi/12/", "/don-vi/12/nhap/", "/don-vi/tim/?q=lai"]:
        response = client.get(url)
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
    assert client.post("/don-vi/12/nhap/?ky=2023", {"v|TT_HOINGHI|": "5"}).status_code == 302
    assert DataValue.objects.count() == 0
