"""API for petition attachments (thin: the checks are in `attachment_services`).

- `GET  /api/v1/petitions/{id}/attachments/` — the petition's attachments (scoped: 404 outside).
- `POST /api/v1/petitions/{id}/attachments/` — multipart: `file`, optional `description`, `identifying`.
- `GET  /api/v1/petitions/{id}/attachments/{att_id}/` — the file itself, as a download.

A denunciation's scan that identifies the denouncer goes to the identity vault: the answer then says
`in_vault: true` and carries no name.
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tiepdan.people.models import IdentityFile

from . import attachment_services, selectors
from .attachment_views import parse_identifying
from .models import Attachment


class AttachmentSerializer(serializers.ModelSerializer):
    petition = serializers.IntegerField(source="petition_id", read_only=True)
    name = serializers.CharField(source="original_name", read_only=True)
    download = serializers.SerializerMethodField()
    in_vault = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "petition", "name", "content_type", "size", "sha256", "description", "created_at",
                  "download", "in_vault"]  # fmt: skip

    def get_download(self, obj: Attachment) -> str:
        return reverse("api-petition-attachment", kwargs={"pk": obj.petition_id, "att_pk": obj.pk})

    def get_in_vault(self, obj: Attachment) -> bool:
        return False


class VaultFileSerializer(serializers.Serializer):
    """What the uploader learns of a scan stored in the vault: no name, no content."""

    vault_file = serializers.IntegerField(source="pk")
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    in_vault = serializers.BooleanField(default=True)


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        allow_empty_file=True,  # refused by the service, with the Vietnamese message
        error_messages={
            "required": _("Hãy gửi tệp trong trường “file” (multipart/form-data)."),
            "invalid": _("Trường “file” phải là một tệp (multipart/form-data)."),
            "no_name": _("Tệp gửi lên không có tên."),
        },
    )
    description = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    # Text, not a BooleanField: in form data a missing boolean reads as False, and for a denunciation the
    # safe default is the vault.
    identifying = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "Đơn tố cáo: tệp có thông tin nhận diện người tố cáo (true/false). Bỏ trống = true: tệp vào kho bảo mật."
        ),
    )


class PetitionAttachmentsView(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(responses=AttachmentSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        user: Any = request.user
        selectors.get_petition(user, int(pk))  # 404 outside the scope
        items = attachment_services.attachments_of(user, int(pk))
        return Response(AttachmentSerializer(items, many=True).data)

    @extend_schema(
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={
            201: OpenApiResponse(AttachmentSerializer, description=_("Tệp đính kèm, hoặc tệp trong kho bảo mật"))
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        user: Any = request.user
        petition = selectors.get_petition(user, int(pk))
        data = AttachmentUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        stored = attachment_services.add_attachment(
            actor=user,
            petition=petition,
            upload_name=upload.name or "",
            data=upload,
            description=data.validated_data["description"],
            identifying=parse_identifying(data.validated_data["identifying"]),
        )
        if isinstance(stored, IdentityFile):
            return Response(VaultFileSerializer(stored).data, status=status.HTTP_201_CREATED)
        return Response(AttachmentSerializer(stored).data, status=status.HTTP_201_CREATED)


class PetitionAttachmentDownloadView(APIView):
    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # The answer is the file itself, whatever the client accepts; errors still answer JSON.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request: Request, pk: int, att_pk: int) -> FileResponse:
        user: Any = request.user
        attachment = attachment_services.get_attachment(user, petition_pk=int(pk), pk=int(att_pk))
        opened = attachment_services.read_attachment(actor=user, attachment=attachment)
        response = FileResponse(
            opened.file, as_attachment=True, filename=opened.filename, content_type=opened.content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
