from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from rest_framework import generics, serializers

from tiepdan.core.errors import NotFoundError

from . import selectors
from .models import GeneratedDocument


class GeneratedDocumentSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.code")
    unit_name = serializers.CharField(source="unit.name")
    docx_url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = GeneratedDocument
        fields = [
            "id",
            "number_string",
            "number",
            "symbol",
            "year",
            "title",
            "template_code",
            "template_version",
            "issued_on",
            "place",
            "unit",
            "unit_name",
            "contains_denouncer_identity",
            "created_at",
            "docx_url",
            "pdf_url",
        ]

    def _url(self, obj: GeneratedDocument, name: str) -> str:
        path = reverse(name, args=[obj.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_docx_url(self, obj: GeneratedDocument) -> str:
        return self._url(obj, "documents:docx")

    def get_pdf_url(self, obj: GeneratedDocument) -> str:
        return self._url(obj, "documents:pdf")


class DocumentListView(generics.ListAPIView):
    """Documents of the units the user may see, newest first."""

    serializer_class = GeneratedDocumentSerializer
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[GeneratedDocument]:
        return selectors.documents_for(self.request.user)  # type: ignore[arg-type]


class DocumentDetailView(generics.RetrieveAPIView):
    serializer_class = GeneratedDocumentSerializer

    def get_object(self) -> GeneratedDocument:
        from rest_framework.exceptions import NotFound

        try:
            return selectors.access_document(self.request.user, int(self.kwargs["pk"]))  # type: ignore[arg-type]
        except NotFoundError:
            raise NotFound("Không tìm thấy văn bản.") from None
