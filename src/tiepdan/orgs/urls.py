from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("don-vi/<str:code>/", views.unit_detail, name="unit"),
]
