"""The unit tree and the search box: diacritics ignored, never outside the user's subtree."""

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
    assert "… – 30/06/2025" in page  # validity
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
