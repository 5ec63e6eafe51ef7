from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "reports"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("xuat/", views.export, name="export"),
    path("chi-tiet/", views.records, name="records"),
    path("chot/", views.freeze, name="freeze"),
    path("da-chot/<int:pk>/", views.snapshot_detail, name="snapshot"),
    path("da-chot/<int:pk>/xlsx/", views.snapshot_xlsx, name="snapshot_xlsx"),
    path("da-chot/<int:pk>/<slug:action>/", views.snapshot_action, name="snapshot_action"),
    path("tinh-hinh-nop/", views.submissions, name="submissions"),
]
