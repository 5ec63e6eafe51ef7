from django.urls import URLPattern, URLResolver

app_name = "reception_public"
urlpatterns: list[URLPattern | URLResolver] = []
