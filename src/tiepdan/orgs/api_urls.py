from django.urls import path

from . import api_views

urlpatterns = [
    path("me/", api_views.MeView.as_view(), name="api-me"),
    path("org-units/", api_views.OrgUnitListView.as_view(), name="api-org-units"),
    path("org-units/<str:code>/", api_views.OrgUnitDetailView.as_view(), name="api-org-unit"),
]
