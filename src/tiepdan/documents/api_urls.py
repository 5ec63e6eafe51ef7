from django.urls import path

from . import api

urlpatterns = [
    path("documents/", api.DocumentListView.as_view(), name="api-documents"),
    path("documents/<int:pk>/", api.DocumentDetailView.as_view(), name="api-document"),
]
