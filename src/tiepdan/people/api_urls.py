from django.urls import path

from . import api

urlpatterns = [
    path("people/", api.PersonListView.as_view(), name="api-people"),
    path("people/<int:pk>/", api.PersonDetailView.as_view(), name="api-person"),
    path("people/<int:pk>/merge/", api.PersonMergeView.as_view(), name="api-person-merge"),
    path("identities/<int:pk>/", api.IdentityDetailView.as_view(), name="api-identity"),
]
