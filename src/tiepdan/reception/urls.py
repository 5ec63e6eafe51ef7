from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "reception"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.register, name="register"),
    path("xuat-excel/", views.register_export, name="register_export"),
    path("tiep-moi/", views.visit_new, name="visit_new"),
    path("luot-tiep/<int:pk>/", views.visit_detail, name="visit_detail"),
    path("vu-viec-da-co/", views.case_candidates, name="case_candidates"),
    path("tu-choi/", views.refusal_new, name="refusal_new"),
    path("tu-choi/<int:pk>/thong-bao/", views.refusal_notice, name="refusal_notice"),
    path("lich-tiep/", views.schedules, name="schedules"),
    path("lich-tiep/buoi/<int:pk>/", views.session_detail, name="session_detail"),
]
