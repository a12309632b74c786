from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("tao/", views.report_create, name="create"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/muc/them/", views.section_add, name="section_add"),
    path("<int:pk>/muc/<int:section_id>/", views.section_save, name="section"),
    path("<int:pk>/muc/<int:section_id>/xoa/", views.section_delete, name="section_delete"),
    path("<int:pk>/kiem-tra/", views.data_check, name="check"),
    path("<int:pk>/xem-truoc/", views.preview, name="preview"),
    path("<int:pk>/nguon/", views.source, name="source"),
    path("<int:pk>/tai/<str:fmt>/", views.download, name="download"),
    path("<int:pk>/lap/", views.job_start, name="job_start"),
    path("<int:pk>/lap/<str:job_id>/", views.job_status, name="job_status"),
    path("<int:pk>/lap/<str:job_id>/tai/", views.job_download, name="job_download"),
]
