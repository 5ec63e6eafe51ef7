"""The project's URLs with the case documents API in front, as the lead will wire it in cases/api_urls.py
(before the catch-all `cases/<id>/<action>/`)."""

from django.urls import include, path

from tiepdan import urls as project_urls
from tiepdan.cases import documents_api

urlpatterns = [path("api/v1/", include(documents_api.urlpatterns)), *project_urls.urlpatterns]
