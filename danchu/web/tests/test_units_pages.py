"""The unit tree and the search box: diacritics ignored, never outside the user's subtree."""

import re

from danchu.units.models import Unit

from .conftest import legacy


def test_home_lists_the_roots_of_the_users_memberships(client_for, make_user, tam_duong):
    client = client_for(make_user("canbo", tam_duong, "view"))
    page = client.get("/").content.decode()
    assert "Huyện Tam Đường" in page
    assert "/don-vi/106/?ngay=2025-06-30" in page
    assert "Tỉnh Lai Châu" not in page


def test_search_ignores_diacritics_and_case(client_for, make_user, lai_chau):
    client = client_for(make_user("tinh", lai_chau, "view"))
    page = client.get("/don-vi/tim/", {"q": "quyet thang"}, headers={"HX-Request": "true"}).content.decode()
    assert "Phường Quyết Thắng" in page
    assert "Phường" in page and "mã 03386" in page  # type and code
    assert "Thành phố Lai Châu" in page  # parent path
    assert "hiệu lực đến 30/06/2025" in page  # validity, no "… –" for an unknown start
    assert "<html" not in page  # an htmx partial


def test_search_without_htmx_renders_the_whole_page(client_for, make_user, lai_chau):
    client = client_for(make_user("tinh", lai_chau, "view"))
    page = client.get("/don-vi/tim/", {"q": "LAI CHAU"}).content.decode()
    assert "<html" in page and "Thành phố Lai Châu" in page


def test_search_stays_inside_the_users_subtree(client_for, make_user, tam_duong):
    client = client_for(make_user("huyen", tam_duong, "view"))
    inside = client.get("/don-vi/tim/", {"q": "ban giang"}).content.decode()
    assert "Xã Bản Giang" in inside
    outside = client.get("/don-vi/tim/", {"q": "quyet thang"}).content.decode()
    assert "Quyết Thắng" not in outside
    assert "Không tìm thấy đơn vị nào" in outside


def test_tree_today_and_on_a_legacy_date(client_for, make_user, lai_chau):
    client = client_for(make_user("tinh", lai_chau, "view"))
    today = client.get("/don-vi/").content.decode()
    assert "Tỉnh Lai Châu" in today and "38 đơn vị trực thuộc" in today
    old = client.get("/don-vi/", {"ngay": "2023-12-14"}).content.decode()
    assert "8 đơn vị trực thuộc" in old


def test_children_expand_at_the_date(client_for, make_user, lai_chau):
    client = client_for(make_user("tinh", lai_chau, "view"))
    old = client.get("/don-vi/12/con/", {"ngay": "2023-12-14"}).content.decode()
    assert "Huyện Tam Đường" in old and "13 đơn vị trực thuộc" in old
    new = client.get("/don-vi/12/con/").content.decode()
    assert "Huyện Tam Đường" not in new and "Phường Tân Phong" in new


def test_a_root_not_in_force_today_points_to_its_date(client_for, make_user, tam_duong):
    client = client_for(make_user("huyen", tam_duong, "view"))
    page = client.get("/don-vi/").content.decode()
    assert "không có hiệu lực vào ngày này" in page and "?ngay=2025-06-30" in page
    old = client.get("/don-vi/", {"ngay": "2023-12-14"}).content.decode()
    assert "Huyện Tam Đường" in old
    assert legacy("03418").name == "Xã Bản Giang"


def test_search_page_shows_the_same_tree_as_the_units_page(client_for, make_user, lai_chau):
    client = client_for(make_user("demo", lai_chau, "admin"))
    page = client.get("/don-vi/tim/", {"q": "quyet thang"}).content.decode()
    assert "Phường Quyết Thắng" in page
    assert "Tỉnh Lai Châu" in page and "38 đơn vị trực thuộc" in page
    assert "Không có đơn vị nào của bạn có hiệu lực" not in page


def _names_in_order(page: str, *names: str) -> list[int]:
    return [page.index(n) for n in names]


def test_children_and_results_in_official_code_order(client_for, make_user, lai_chau):
    client = client_for(make_user("tinh", lai_chau, "view"))
    old = client.get("/don-vi/12/con/", {"ngay": "2023-12-14"}).content.decode()
    # 105 Thành phố Lai Châu, 106 Tam Đường, ..., 110 Than Uyên, 112 Tân Uyên
    where = _names_in_order(old, "Thành phố Lai Châu", "Huyện Tam Đường", "Huyện Than Uyên", "Huyện Tân Uyên")
    assert where == sorted(where)
    detail = client.get("/don-vi/12/", {"ky": "2023"}).content.decode()
    where = _names_in_order(detail, "Thành phố Lai Châu", "Huyện Tam Đường", "Huyện Tân Uyên")
    assert where == sorted(where)
    found = client.get("/don-vi/tim/", {"q": "xa"}, headers={"HX-Request": "true"}).content.decode()
    codes = [int(c) for c in re.findall(r"mã (\d{5})", found)]
    assert len(codes) > 5
    first_run = codes[: codes.index(max(codes)) + 1]
    assert first_run == sorted(first_run)


def test_validity_reads_as_a_phrase(client_for, make_user, lai_chau):
    client = client_for(make_user("tinh", lai_chau, "view"))
    legacy_district = client.get("/don-vi/106/", {"ky": "2023"}).content.decode()
    assert "hiệu lực đến 30/06/2025" in legacy_district
    assert "…" not in legacy_district and "– nay" not in legacy_district
    ward = Unit.objects.get(name="Phường Tân Phong", valid_from__isnull=False)
    new_ward = client.get(f"/don-vi/{ward.code}/").content.decode()
    assert "hiệu lực từ 01/07/2025" in new_ward and "– nay" not in new_ward
