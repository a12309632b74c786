"""The JSON API: one NinjaAPI; each app adds its own router below."""

from ninja import NinjaAPI

from danchu.api import errors
from danchu.api.render import Utf8JSONRenderer

api = NinjaAPI(
    title="danchu API",
    version="1",
    description="Đơn vị, danh mục, số liệu và tổng hợp",
    renderer=Utf8JSONRenderer(),
)
errors.install(api)


@api.get("/health", tags=["hệ thống"])
def health(request):
    return {"status": "ok"}


api.add_router("/units", "danchu.api.units.router")
api.add_router("/catalog", "danchu.api.catalog.router")
api.add_router("/values", "danchu.api.values.router")
api.add_router("", "danchu.api.analytics.router")

# Routers of other apps are added here, one line each, e.g.:
# api.add_router("/rounds", "danchu.collection.api.router")
api.add_router("/rounds", "danchu.collection.api.router")
api.add_router("/registers", "danchu.registers.api.router")
