from django.urls import path

from . import api

urlpatterns = [
    path("cases/", api.CaseListView.as_view(), name="api-cases"),
    path("cases/<int:pk>/", api.CaseDetailView.as_view(), name="api-case"),
    path("cases/<int:pk>/decision/", api.CaseDecisionView.as_view(), name="api-case-decision"),
    path("cases/<int:pk>/<slug:action>/", api.CaseStepView.as_view(), name="api-case-step"),
]
