from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("<int:pk>/docx", views.download_docx, name="docx"),
    path("<int:pk>/pdf", views.download_pdf, name="pdf"),
]
