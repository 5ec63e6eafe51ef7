from django.urls import URLPattern, URLResolver, path

from . import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("reports/", api.ReportView.as_view(), name="api-reports"),
    path("report-forms/", api.ReportFormsView.as_view(), name="api-report-forms"),
]
