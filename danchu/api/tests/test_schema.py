from django.test import Client


def test_openapi_schema_lists_every_endpoint(db):
    schema = Client().get("/api/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/api/health",
        "/api/units",
        "/api/units/{code}",
        "/api/catalog/elements",
        "/api/catalog/dimensions",
        "/api/catalog/indicators",
        "/api/catalog/forms",
        "/api/catalog/forms/{code}",
        "/api/catalog/rules",
        "/api/values",
        "/api/values/import",
        "/api/values/export",
        "/api/aggregate",
        "/api/validate",
    } <= paths
    assert set(schema["paths"]["/api/values"]) == {"get", "post"}
    assert {"TokenAuth", "SessionAuth"} <= set(schema["components"]["securitySchemes"])
    tags = {t for p in schema["paths"].values() for op in p.values() for t in op.get("tags", [])}
    assert {"đơn vị", "danh mục", "số liệu", "tổng hợp và kiểm tra"} <= tags


def test_docs_page_renders(db):
    response = Client().get("/api/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content
    assert b"/static/ninja/swagger-ui-bundle.js" in response.content
    assert b"cdn.jsdelivr" not in response.content  # no CDN: Swagger UI comes with django-ninja


def test_catalogue_of_the_national_form(db, make_user):
    make_user("xem")
    client = Client()
    client.login(username="xem", password="matkhau-123")
    elements = {e["code"]: e for e in client.get("/api/catalog/elements").json()}
    assert elements["TD_TIEPDAN"]["dimensions"] == ["chuc_danh"]
    dims = {d["code"]: d for d in client.get("/api/catalog/dimensions").json()}
    assert {"bi_thu", "chu_tich"} <= {o["code"] for o in dims["chuc_danh"]["options"]}
    assert "TL_GIAIQUYET" in {i["code"] for i in client.get("/api/catalog/indicators").json()}
    form = client.get("/api/catalog/forms/QCDC").json()
    assert form["code"] == "QCDC" and form["sections"] and form["sections"][0]["rows"]
    first = form["sections"][0]  # the same columns the unit page and the entry grid show
    assert [c["option"] for c in first["columns"]] == ["ke_hoach", "thong_bao", "cong_van", "khac", ""]
    assert first["columns"][-1]["kind"] == "total" and first["rows"][0]["filter"] == "co_quan=cap_uy"
    rules = client.get("/api/catalog/rules", {"form": "QCDC"}).json()
    assert rules and all(r["form"] == "QCDC" for r in rules)
    missing = client.get("/api/catalog/forms/KHONG_CO")
    assert missing.status_code == 404 and "Không tìm thấy" in missing.json()["detail"]
