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


# --- one scoping for every list: restrict(user, role) and get_scoped_or_404 -------------------


@pytest.fixture
def rows_everywhere(tam_duong):
    """A unit, a value, a round (opened under the unit), its submission and a report on each
    of the three places of the grid."""
    import datetime as dt

    from danchu.collection import services as rounds
    from danchu.reports.compile import draft_report
    from danchu.units.models import Unit
    from danchu.values.services import InputRow, apply_rows

    made = {}
    for where, (code, _name) in UNITS.items():
        unit = Unit.objects.at(dt.date(2023, 12, 14)).get(code=code)
        apply_rows([InputRow("TT_HOINGHI", code, "2023", 1)])
        tier = "tinh" if where == "parent" else "xa"  # each round asks its own unit alone
        rnd = rounds.open_round("QCDC", "2023", unit, dt.date(2023, 12, 20), tiers=tier)
        report = draft_report(unit, "2023")
        report.save()
        made[where] = {
            "unit": unit,
            "value": DataValue.objects.get(unit=unit),
            "round": rnd,
            "submission": rnd.submissions.first(),
            "report": report,
        }
    return made


def _models():
    from danchu.collection.models import Round, Submission
    from danchu.reports.models import Report
    from danchu.units.models import Unit

    return {"unit": Unit, "value": DataValue, "round": Round, "submission": Submission, "report": Report}


@pytest.mark.parametrize("role", ROLES)
def test_every_list_holds_only_the_subtree(rows_everywhere, make_user, tam_duong, role):
    user = make_user(f"l_{role}", None if role == "none" else tam_duong, "view" if role == "none" else role)
    for kind, model in _models().items():
        for where, objects in rows_everywhere.items():
            obj = objects[kind]
            seen = model.objects.restrict(user).filter(pk=obj.pk).exists()
            assert seen == (role != "none" and where == "inside"), (kind, where)
            # a role above the one held sees nothing more
            entering = model.objects.restrict(user, "enter").filter(pk=obj.pk).exists()
            assert entering == (role in ("enter", "approve", "admin") and where == "inside"), (kind, where)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", list(UNITS))
def test_one_lookup_answers_404_outside_and_403_without_the_role(
    rows_everywhere, make_user, tam_duong, role, where
):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from danchu.accounts.permissions import get_scoped_or_404

    user = make_user(f"g_{role}", None if role == "none" else tam_duong, "view" if role == "none" else role)
    for kind, model in _models().items():
        obj = rows_everywhere[where][kind]
        want = expected(role, where, "entry_post")
        try:
            got = get_scoped_or_404(model.objects.all(), user, "enter", pk=obj.pk)
        except Http404:
            assert want == 404, (kind, where)
        except PermissionDenied as exc:
            assert want == 403, (kind, where)
            assert "Nhập số liệu" in str(exc)
        else:
            assert want == 302 and got == obj, (kind, where)


def test_a_command_without_a_user_sees_every_row_and_an_anonymous_visitor_none(rows_everywhere):
    from django.contrib.auth.models import AnonymousUser

    for kind, model in _models().items():
        assert model.objects.restrict(None).count() == model.objects.count(), kind
        assert model.objects.restrict(AnonymousUser()).count() == 0, kind


def test_an_inactive_user_sees_nothing_even_as_superuser(rows_everywhere, make_user, tam_duong):
    user = make_user("cu", tam_duong, "admin", is_active=False, is_superuser=True)
    for kind, model in _models().items():
        assert model.objects.restrict(user).count() == 0, kind
