from django.urls import path

from . import api, attachment_api

urlpatterns = [
    path("petitions/", api.PetitionListView.as_view(), name="api-petitions"),
    path("petitions/rejection-grounds/", api.RejectionGroundListView.as_view(), name="api-rejection-grounds"),
    path(
        "petitions/eligibility-conditions/",
        api.EligibilityConditionListView.as_view(),
        name="api-eligibility-conditions",
    ),
    path("petitions/<int:pk>/", api.PetitionDetailView.as_view(), name="api-petition"),
    path("petitions/<int:pk>/classify/", api.ClassifyView.as_view(), name="api-petition-classify"),
    path("petitions/<int:pk>/assign/", api.AssignView.as_view(), name="api-petition-assign"),
    path("petitions/<int:pk>/split/", api.SplitView.as_view(), name="api-petition-split"),
    path("petitions/<int:pk>/duplicate/", api.DuplicateDecisionView.as_view(), name="api-petition-duplicate"),
    path("petitions/<int:pk>/duplicates/", api.DuplicateCandidatesView.as_view(), name="api-petition-duplicates"),
    path(
        "petitions/<int:pk>/suggest-competence/",
        api.CompetenceSuggestionView.as_view(),
        name="api-petition-suggest-competence",
    ),
    path(
        "petitions/<int:pk>/propose-acceptance/",
        api.ProposeAcceptanceView.as_view(),
        name="api-petition-propose-acceptance",
    ),
    path(
        "petitions/<int:pk>/reject-acceptance/",
        api.RejectAcceptanceView.as_view(),
        name="api-petition-reject-acceptance",
    ),
    path("petitions/<int:pk>/guide/", api.GuideView.as_view(), name="api-petition-guide"),
    path("petitions/<int:pk>/transfer/", api.TransferView.as_view(), name="api-petition-transfer"),
    path("petitions/<int:pk>/urge/", api.UrgeView.as_view(), name="api-petition-urge"),
    path("petitions/<int:pk>/transfer-party/", api.TransferPartyView.as_view(), name="api-petition-transfer-party"),
    path("petitions/<int:pk>/archive/", api.ArchiveView.as_view(), name="api-petition-archive"),
    path(
        "petitions/<int:pk>/return-originals/",
        api.ReturnOriginalsView.as_view(),
        name="api-petition-return-originals",
    ),
    path("subject-fields/", api.SubjectFieldListView.as_view(), name="api-subject-fields"),
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
