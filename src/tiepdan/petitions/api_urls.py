from django.urls import URLPattern, path

from . import attachment_api

urlpatterns: list[URLPattern] = [
    path(
        "petitions/<int:pk>/attachments/",
        attachment_api.PetitionAttachmentsView.as_view(),
        name="api-petition-attachments",
    ),
    path(
        "petitions/<int:pk>/attachments/<int:att_pk>/",
        attachment_api.PetitionAttachmentDownloadView.as_view(),
        name="api-petition-attachment",
    ),
]
