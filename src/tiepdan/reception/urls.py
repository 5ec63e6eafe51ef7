from django.urls import URLPattern, URLResolver

app_name = "reception"
urlpatterns: list[URLPattern | URLResolver] = []
