from django.urls import path

from . import api, documents_api

urlpatterns = [
    path("cases/", api.CaseListView.as_view(), name="api-cases"),
    path("cases/<int:pk>/", api.CaseDetailView.as_view(), name="api-case"),
    path("cases/<int:pk>/decision/", api.CaseDecisionView.as_view(), name="api-case-decision"),
    path("cases/<int:pk>/verification/", api.CaseVerificationView.as_view(), name="api-case-verification"),
    path("cases/<int:pk>/dialogue/", api.CaseDialogueView.as_view(), name="api-case-dialogue"),
    path("cases/<int:pk>/publication/", api.CasePublicationView.as_view(), name="api-case-publication"),
    path("cases/<int:pk>/documents/", documents_api.CaseDocumentsView.as_view(), name="api-case-documents"),
    path("cases/<int:pk>/second-round/", api.CaseSecondRoundView.as_view(), name="api-case-second-round"),
    path(
        "cases/<int:pk>/further-denunciation/",
        api.CaseFurtherDenunciationView.as_view(),
        name="api-case-further-denunciation",
    ),
    path("cases/<int:pk>/<slug:action>/", api.CaseStepView.as_view(), name="api-case-step"),
]
