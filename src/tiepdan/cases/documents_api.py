"""API of a case's resolution documents: `GET|POST /api/v1/cases/{id}/documents/`.

GET lists the documents of the case (and of its petitions) and the templates the case offers now; POST
generates one (`cases.documents.generate_case_document`) and answers it with its number and download links.
"""

from __future__ import annotations

from typing import Any

from django.urls import path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tiepdan.documents.api import GeneratedDocumentSerializer
from tiepdan.documents.specs import TEMPLATE_SPECS

from . import documents, selectors


class SignerSerializer(serializers.Serializer):
    title = serializers.CharField(required=False, allow_blank=True, default="")
    name = serializers.CharField(required=False, allow_blank=True, default="")


class CaseDocumentRequestSerializer(serializers.Serializer):
    template = serializers.CharField(help_text="Mã mẫu, ví dụ case.quyet_dinh_thu_ly")
    # DRF moves declared fields off the class, so this does not shadow Serializer.context at run time.
    context = serializers.DictField(  # type: ignore[assignment]
        required=False, default=dict, help_text="Thông tin thêm cho mẫu"
    )
    issued_on = serializers.DateField(required=False, allow_null=True, default=None)
    signer = SignerSerializer(required=False, allow_null=True, default=None)


CaseDocumentListSerializer = inline_serializer(
    name="CaseDocumentList",
    fields={
        "templates": serializers.ListField(child=serializers.DictField()),
        "results": GeneratedDocumentSerializer(many=True),
    },
)


class CaseDocumentsView(APIView):
    @extend_schema(responses=CaseDocumentListSerializer)
    def get(self, request: Request, pk: int) -> Response:
        actor: Any = request.user
        case = selectors.get_case(actor, pk)
        templates = [
            {"code": code, "name": TEMPLATE_SPECS[code].name, "legal_source": TEMPLATE_SPECS[code].legal_source}
            for code in documents.offered_templates(case)
        ]
        results = GeneratedDocumentSerializer(
            documents.documents_for_case(case), many=True, context={"request": request}
        ).data
        return Response({"templates": templates, "results": results})

    @extend_schema(request=CaseDocumentRequestSerializer, responses={201: GeneratedDocumentSerializer})
    def post(self, request: Request, pk: int) -> Response:
        actor: Any = request.user
        case = selectors.get_case(actor, pk)
        data = CaseDocumentRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        signer = values["signer"] or {}
        document = documents.generate_case_document(
            actor=actor,
            case=case,
            template_code=values["template"],
            context_extra=values["context"],
            issued_on=values["issued_on"],
            signer_title=signer.get("title", ""),
            signer_name=signer.get("name", ""),
        )
        body = GeneratedDocumentSerializer(document, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)


# To be placed in cases/api_urls.py BEFORE "cases/<int:pk>/<slug:action>/", which would otherwise take
# "documents" for a step name.
urlpatterns = [
    path("cases/<int:pk>/documents/", CaseDocumentsView.as_view(), name="api-case-documents"),
]
