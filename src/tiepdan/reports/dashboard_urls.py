from django.urls import URLPattern, URLResolver, path

from . import dashboard_views as views

app_name = "dashboard"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("so-lieu/<str:metric>/", views.drill, name="drill"),
]
