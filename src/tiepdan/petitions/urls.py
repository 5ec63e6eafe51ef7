from django.urls import URLPattern, path

from . import attachment_views, import_views

app_name = "petitions"
urlpatterns: list[URLPattern] = [
    path("mau-nhap/", import_views.import_template, name="import-template"),
    path("<int:pk>/tep/", attachment_views.upload, name="attachment-upload"),
    path("<int:pk>/tep/<int:att_pk>/", attachment_views.download, name="attachment"),
]
