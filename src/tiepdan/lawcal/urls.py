from django.urls import path

from . import views

app_name = "lawcal"
urlpatterns = [path("", views.calculator, name="calculator")]
