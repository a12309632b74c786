from ninja import NinjaAPI

api = NinjaAPI(title="danchu API", version="1", description="Đơn vị, danh mục, số liệu và tổng hợp")


@api.get("/health", tags=["hệ thống"])
def health(request):
    return {"status": "ok"}
