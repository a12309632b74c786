"""Vietnamese first; English through Django's i18n under /en/."""


def test_vietnamese_by_default_and_english_under_en(client_for, make_user, tam_duong):
    client = client_for(make_user("huyen", tam_duong, "enter"))
    vi = client.get("/don-vi/", {"ngay": "2023-12-14"}).content.decode()
    assert "Tìm đơn vị" in vi and "13 đơn vị trực thuộc" in vi and 'lang="vi"' in vi
    en = client.get("/en/don-vi/", {"ngay": "2023-12-14"}).content.decode()
    assert 'lang="en"' in en
    assert "Find a unit" in en and "13 subordinate units" in en and "Log out" in en
    page = client.get("/en/don-vi/106/", {"ky": "2023"}).content.decode()
    assert "Enter figures" in page and "Commune" in page and "All tiers" in page
    entry = client.get("/en/don-vi/03418/nhap/", {"ky": "2023"}).content.decode()
    assert "A blank cell keeps the saved value" in entry and "Save figures" in entry


def test_language_switch_goes_to_the_same_page_in_english(client_for, make_user, tam_duong):
    client = client_for(make_user("huyen", tam_duong, "view"))
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/don-vi/"})
    assert response.status_code == 302 and response["Location"] == "/en/don-vi/"


def test_header_links_keep_the_english_prefix(client_for, make_user, tam_duong):
    client = client_for(make_user("huyen", tam_duong, "view"))
    en = client.get("/en/don-vi/").content.decode()
    assert 'href="/en/bao-cao/"' in en and 'href="/en/dot-bao-cao/"' in en
    assert 'href="/bao-cao/"' not in en and 'href="/dot-bao-cao/"' not in en
    vi = client.get("/don-vi/").content.decode()
    assert 'href="/bao-cao/"' in vi and 'href="/dot-bao-cao/"' in vi


def test_validity_and_refusals_in_english(client_for, make_user, tam_duong):
    client = client_for(make_user("huyen", tam_duong, "view"))
    page = client.get("/en/don-vi/106/", {"ky": "2023"}).content.decode()
    assert "in force until 30/06/2025" in page and "hiệu lực" not in page
    refused = client.get("/en/don-vi/106/nhap/", {"ky": "2023"})
    assert refused.status_code == 403
    assert "You do not have this permission on the unit" in refused.content.decode()


def test_rounds_and_reports_pages_in_english(client_for, make_user, tam_duong):
    client = client_for(make_user("huyen", tam_duong, "approve"))
    rounds = client.get("/en/dot-bao-cao/").content.decode()
    assert "No reporting round concerns your units yet." in rounds
    opening = client.get("/en/dot-bao-cao/mo/").content.decode()
    assert "Open a reporting round" in opening and "Tiers asked to report" in opening
    reports = client.get("/en/bao-cao/").content.decode()
    assert "Create a report" in reports and "Tạo báo cáo" not in reports


def test_entry_check_messages_in_english(client_for, make_user, tam_duong):
    client = client_for(make_user("huyen", tam_duong, "enter"))
    url = "/en/don-vi/03418/nhap/kiem-tra/?ky=2023"
    page = client.post(url, {"v|HG_VUVIEC|": "5", "v|HG_THANH|": "8", "v|TT_HOINGHI|": "-1"}).content.decode()
    assert "8 ≤ 5 fails" in page and "must not be negative" in page
