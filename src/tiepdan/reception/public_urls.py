from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "reception_public"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.public_schedule, name="schedule"),
]
