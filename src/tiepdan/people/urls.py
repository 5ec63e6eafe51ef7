from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
    path("<int:pk>/", views.detail, name="detail"),
    path("kho-bao-mat/", views.vault, name="vault"),
    path("kho-bao-mat/<int:pk>/", views.vault_reveal, name="vault-reveal"),
    path("kho-bao-mat/tep/<int:pk>/", views.vault_file, name="vault-file"),
]
