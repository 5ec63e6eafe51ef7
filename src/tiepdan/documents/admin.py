from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import DocumentCounter, DocumentTemplate, GeneratedDocument
from .specs import TEMPLATE_SPECS


class DocumentTemplateForm(forms.ModelForm):
    class Meta:
        model = DocumentTemplate
        fields = [
            "code",
            "name",
            "legal_source",
            "file",
            "version",
            "active",
            "effective_from",
            "effective_to",
        ]

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload and not upload.name.lower().endswith(".docx"):
            raise forms.ValidationError(_("Tệp mẫu phải là tệp Word .docx."))
        return upload


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    """Upload a new .docx as a new version to replace a template; no code change is needed."""

    form = DocumentTemplateForm
    list_display = ["code", "name", "version", "active", "effective_from", "effective_to", "uploaded_at"]
    list_filter = ["code", "active"]
    readonly_fields = ["uploaded_at", "variables_help"]

    @admin.display(description=_("Biến dùng trong mẫu"))
    def variables_help(self, obj: DocumentTemplate) -> str:
        spec = TEMPLATE_SPECS.get(obj.code) if obj and obj.code else None
        if spec is None:
            return "—"
        return "; ".join(f"{{{{ {k} }}}}: {v}" for k, v in spec.all_variables().items())


@admin.register(GeneratedDocument)
class GeneratedDocumentAdmin(admin.ModelAdmin):
    list_display = [
        "number_string",
        "title",
        "unit",
        "issued_on",
        "template_code",
        "template_version",
        "created_at",
    ]
    list_filter = ["template_code", "year"]
    search_fields = ["number_string"]
    exclude = ["file", "pdf_file"]  # files are downloaded through the access-checked views only

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DocumentCounter)
class DocumentCounterAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "symbol", "last_number"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
