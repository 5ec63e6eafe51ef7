from django.urls import URLPattern, URLResolver, path

from . import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("reception/schedules/", api.RegularScheduleListView.as_view(), name="api-reception-schedules"),
    path("reception/sessions/", api.SessionListView.as_view(), name="api-reception-sessions"),
    path("reception/sessions/<int:pk>/", api.SessionDetailView.as_view(), name="api-reception-session"),
    path("reception/sessions/<int:pk>/close/", api.CloseSessionView.as_view(), name="api-reception-session-close"),
    path(
        "reception/sessions/<int:pk>/conclusion-notice/",
        api.ConclusionNoticeView.as_view(),
        name="api-reception-session-notice",
    ),
    path("reception/sessions/<int:pk>/cancel/", api.CancelSessionView.as_view(), name="api-reception-session-cancel"),
    path("reception/visits/", api.VisitListView.as_view(), name="api-reception-visits"),
    path("reception/visits/<int:pk>/", api.VisitDetailView.as_view(), name="api-reception-visit"),
    path("reception/refusals/", api.RefusalListView.as_view(), name="api-reception-refusals"),
    path("reception/refusals/<int:pk>/notice/", api.RefusalNoticeView.as_view(), name="api-reception-refusal-notice"),
    path("reception/refusal-grounds/", api.RefusalGroundsView.as_view(), name="api-reception-refusal-grounds"),
]
