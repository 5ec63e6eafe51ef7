from django.urls import URLPattern, path

from . import attachment_views

app_name = "petitions"
urlpatterns: list[URLPattern] = [
    path("<int:pk>/tep/", attachment_views.upload, name="attachment-upload"),
    path("<int:pk>/tep/<int:att_pk>/", attachment_views.download, name="attachment"),
]
