from django.urls import path

from . import views

app_name = "catalog"
urlpatterns = [
    path("", views.catalog, name="catalog"),
    path("bieu-mau/<str:code>/", views.form_detail, name="form"),
]
