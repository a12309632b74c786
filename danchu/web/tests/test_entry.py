"""The entry page: the unit's own figures, saved through apply_rows, rules shown at once."""

import pytest

from danchu.audit.models import ObjectChange
from danchu.values import services
from danchu.values.models import DataValue
from danchu.values.services import InputRow, RowError, apply_rows

from .conftest import legacy

URL = "/don-vi/03418/nhap/?ky=2023"
CHECK = "/don-vi/03418/nhap/kiem-tra/?ky=2023"


@pytest.fixture
def entering(client_for, make_user, tam_duong):
    user = make_user("nhap", tam_duong, "enter")
    return client_for(user), user


def own(code: str, unit="03418", dims: str = ""):
    dv = DataValue.objects.filter(
        element__code=code, unit=legacy(unit), period="2023", dimensions=dims
    ).first()
    return dv.value if dv else None


def test_prefilled_with_the_units_own_values_only(entering):
    client, _ = entering
    apply_rows(
        [
            InputRow("TT_HOINGHI", "03418", "2023", 1172),
            InputRow("TT_HOINGHI", "106", "2023", 99),  # the district's own, not Bản Giang's
            InputRow("NTM_KINHPHI_TRIEU", "03418", "2023", "87,5"),
            InputRow("TT_HOINGHI", "03418", "2023-05", 5),  # another period
        ]
    )
    page = client.get(URL).content.decode()
    assert 'name="v|TT_HOINGHI|" value="1172"' in page
    assert 'name="v|NTM_KINHPHI_TRIEU|" value="87,5"' in page
    assert "Để trống một ô thì số đã lưu được giữ nguyên" in page


def test_save_writes_through_apply_rows_with_audit(entering):
    client, user = entering
    response = client.post(
        URL,
        {
            "v|TT_HOINGHI|": "12",
            "v|TD_TIEPDAN|chuc_danh=bi_thu": "3",
            "v|DON_TIEPNHAN|loai_don=to_cao;nguon=trong_ky": "1.172,0",
            "v|TT_NGUOI|": "",
        },
    )
    assert response.status_code == 302
    assert own("TT_HOINGHI") == 12
    assert own("TD_TIEPDAN", dims="chuc_danh=bi_thu") == 3
    assert own("DON_TIEPNHAN", dims="loai_don=to_cao;nguon=trong_ky") == 1172
    assert own("TT_NGUOI") is None
    change = ObjectChange.objects.filter(object_repr__startswith="TT_HOINGHI|03418").get()
    assert change.source == "web" and change.user_id == user.pk
    page = client.get(response["Location"]).content.decode()
    assert "Đã lưu: 3 giá trị mới" in page


def test_blank_cell_leaves_the_stored_value(entering):
    client, _ = entering
    apply_rows([InputRow("TT_HOINGHI", "03418", "2023", 7)])
    client.post(URL, {"v|TT_HOINGHI|": "", "v|TT_NGUOI|": "40"})
    assert own("TT_HOINGHI") == 7 and own("TT_NGUOI") == 40


def test_refused_values_are_shown_by_their_fields_and_nothing_is_saved(entering):
    client, _ = entering
    response = client.post(URL, {"v|TT_HOINGHI|": "12", "v|TT_NGUOI|": "abc", "v|HG_TO|": "2,5"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "&#x27;abc&#x27; không phải là số" in page
    assert "HG_TO phải là số nguyên" in page
    assert 'value="abc"' in page  # what was typed stays in the field
    assert page.count('class="invalid"') == 2
    assert DataValue.objects.count() == 0


def test_rule_messages_while_typing(entering):
    client, _ = entering
    response = client.post(CHECK, {"v|HG_VUVIEC|": "5", "v|HG_THANH|": "8"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "Số vụ việc hòa giải thành không được lớn hơn số vụ việc hòa giải" in page
    assert "8 ≤ 5 không đạt" in page
    assert DataValue.objects.count() == 0
    fine = client.post(CHECK, {"v|HG_VUVIEC|": "8", "v|HG_THANH|": "5"}).content.decode()
    assert "đạt các quy tắc kiểm tra" in fine


def test_rules_use_stored_values_for_blank_cells_and_show_after_saving(entering):
    client, _ = entering
    apply_rows([InputRow("HG_VUVIEC", "03418", "2023", 4)])
    page = client.post(CHECK, {"v|HG_VUVIEC|": "", "v|HG_THANH|": "6"}).content.decode()
    assert "hòa giải thành không được lớn hơn" in page
    client.post(URL, {"v|HG_THANH|": "6"})
    saved = client.get(URL).content.decode()
    assert 'data-rule="HG_THANH_LE_VUVIEC"' in saved


def test_per_option_rule_names_the_option(entering):
    client, _ = entering
    page = client.post(
        CHECK, {"v|VV_THAMQUYEN|loai_don=to_cao": "1", "v|VV_DAGIAIQUYET|loai_don=to_cao": "2"}
    ).content.decode()
    assert "[to_cao]" in page


def test_bad_number_is_named_while_typing(entering):
    client, _ = entering
    page = client.post(CHECK, {"v|TT_NGUOI|": "mười"}).content.decode()
    assert "3. Số lượng người tham gia" in page and "không phải là số" in page


def test_row_guard_errors_show_like_other_refusals(entering):
    client, _ = entering

    def locked(rows, user):
        return [RowError(r.row, "value", "số liệu đã được duyệt, không sửa được") for r in rows]

    services.ROW_GUARDS.append(locked)
    try:
        response = client.post(URL, {"v|TT_HOINGHI|": "12"})
    finally:
        services.ROW_GUARDS.remove(locked)
    assert response.status_code == 400
    assert "số liệu đã được duyệt, không sửa được" in response.content.decode()
    assert DataValue.objects.count() == 0


def test_a_period_the_unit_did_not_live_through(entering):
    client, _ = entering
    page = client.get("/don-vi/03418/nhap/?ky=2025&ngay=2023-12-14").content.decode()
    assert "không có hiệu lực ngày cuối kỳ" in page
    assert 'name="v|' not in page
    response = client.post("/don-vi/03418/nhap/?ky=2025&ngay=2023-12-14", {"v|TT_HOINGHI|": "1"})
    assert response.status_code == 400 and DataValue.objects.count() == 0


def test_approved_values_are_locked_with_one_notice(entering, lai_chau):
    import datetime as dt

    from danchu.collection import services as rounds

    client, _ = entering
    apply_rows([InputRow("TT_HOINGHI", "03418", "2023", 3)])
    rnd = rounds.open_round("QCDC", "2023", lai_chau, dt.date(2023, 12, 20), tiers="xa")
    rounds.submit(rnd, legacy("03418"))
    rounds.approve(rnd, legacy("03418"))
    response = client.post(URL, {"v|TT_HOINGHI|": "5"})
    assert response.status_code == 400
    page = response.content.decode()
    # the whole period is locked: one notice at the top, read-only cells, no error per cell
    assert page.count("đã được phê duyệt") == 1 and 'class="cell-error"' not in page
    assert own("TT_HOINGHI") == 3


def test_totals_and_rates_follow_what_is_typed(entering):
    client, _ = entering
    page = client.post(
        CHECK,
        {
            "v|HG_VUVIEC|": "8",
            "v|HG_THANH|": "7",
            "v|TD_TIEPDAN|chuc_danh=bi_thu": "2",
            "v|TD_TIEPDAN|chuc_danh=chu_tich": "3",
        },
    ).content.decode()
    assert 'hx-swap-oob="true">87,50%</output>' in page
    assert 'hx-swap-oob="true">5</output>' in page


def test_entry_page_queries_do_not_grow_with_cells(entering, django_assert_max_num_queries):
    client, _ = entering
    apply_rows([InputRow("TT_HOINGHI", "03418", "2023", 3), InputRow("HG_TO", "03418", "2023", 2)])
    with django_assert_max_num_queries(20):
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.post(CHECK, {"v|TT_HOINGHI|": "4"}).status_code == 200


def test_unit_of_measure_printed_once(entering):
    client, _ = entering
    page = client.get(URL).content.decode()
    assert "Tiếp dân (cuộc)" in page and "(cuộc) <small" not in page
    assert "(triệu đồng) <small" not in page and "(m²) <small" not in page
    assert '<small class="muted">(người)</small>' in page  # a label without its unit gets it
    summary = client.get("/don-vi/03418/", {"ky": "2023"}).content.decode()
    assert "Tiếp dân (cuộc)" in summary and "(cuộc) <small" not in summary
    assert '<small class="muted">(người)</small>' in summary


def test_a_commune_of_the_2025_tree_enters_its_2025_figures(client_for, make_user, lai_chau):
    import datetime as dt

    from danchu.units.models import Unit

    binh_lu = Unit.objects.at(dt.date(2025, 7, 1)).get(code="03390")
    client = client_for(make_user("binh-lu", binh_lu, "enter"))
    url = "/don-vi/03390/nhap/?ky=2025"
    assert 'name="v|TT_HOINGHI|"' in client.get(url).content.decode()
    response = client.post(url, {"v|TT_HOINGHI|": "3"})
    assert response.status_code == 302
    assert DataValue.objects.get().unit == binh_lu
