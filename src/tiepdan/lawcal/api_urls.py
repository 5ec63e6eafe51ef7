from django.urls import path

from . import api

urlpatterns = [
    path("deadlines/", api.DeadlineView.as_view(), name="api-deadlines"),
    path("calendar/", api.CalendarView.as_view(), name="api-calendar"),
]
