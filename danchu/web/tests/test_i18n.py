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
