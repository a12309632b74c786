from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(template_name="web/login.html"), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("don-vi/", views.units, name="units"),
    path("don-vi/tim/", views.unit_search, name="unit_search"),
    path("don-vi/<str:code>/", views.unit_detail, name="unit"),
    path("don-vi/<str:code>/con/", views.unit_children, name="unit_children"),
    path("don-vi/<str:code>/nhap/", views.unit_entry, name="unit_entry"),
    path("don-vi/<str:code>/nhap/kiem-tra/", views.unit_entry_check, name="unit_entry_check"),
    path("", views.home, name="home"),
]
