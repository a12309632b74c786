from django.urls import path

from . import views

urlpatterns = [
    path("<str:code>/han/", views.deadlines_page, name="petition_deadlines"),
    path("<str:code>/<int:pk>/xu-ly/", views.handle, name="petition_handle"),
    path("<str:code>/<int:pk>/giai-quyet/", views.resolve, name="petition_resolve"),
    path("<str:code>/<int:pk>/gia-han/", views.extend, name="petition_extend"),
    path("<str:code>/<int:pk>/tinh-chat/", views.facts, name="petition_facts"),
    path("<str:code>/<int:pk>/don-doc/", views.remind, name="petition_remind"),
    path("<str:code>/<int:pk>/can-bo/", views.assign, name="petition_assign"),
    path("<str:code>/<int:pk>/danh-tinh/", views.reveal, name="petition_reveal"),
]
