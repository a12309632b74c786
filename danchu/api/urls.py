"""The JSON API: one NinjaAPI; each app adds its own router below."""

from ninja import NinjaAPI

api = NinjaAPI(title="danchu API", version="1", description="Đơn vị, danh mục, số liệu và tổng hợp")


@api.get("/health", tags=["hệ thống"])
def health(request):
    return {"status": "ok"}


# Routers of other apps are added here, one line each, e.g.:
# api.add_router("/rounds", "danchu.collection.api.router")
api.add_router("/rounds", "danchu.collection.api.router")
