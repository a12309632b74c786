from django.urls import path

from . import views

urlpatterns = [
    path("", views.round_list, name="rounds"),
    path("mo/", views.round_open, name="round_open"),
    path("mo/xem-truoc/", views.round_preview, name="round_preview"),
    path("<int:round_id>/", views.round_detail, name="round"),
    path("<int:round_id>/dong/", views.round_close, name="round_close"),
    path("<int:round_id>/<str:code>/", views.submission, name="submission"),
    path("<int:round_id>/<str:code>/bieu-mau.xlsx", views.template, name="submission_template"),
]
