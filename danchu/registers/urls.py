from django.urls import include, path

from . import views

app_name = "registers"

urlpatterns = [
    path("", views.index, name="index"),
    path("don/", include("danchu.registers.petitions.urls")),
    path("<slug:slug>/<str:code>/", views.record_list, name="list"),
    path("<slug:slug>/<str:code>/moi/", views.record_new, name="new"),
    path("<slug:slug>/<str:code>/<int:pk>/", views.record_detail, name="detail"),
]
