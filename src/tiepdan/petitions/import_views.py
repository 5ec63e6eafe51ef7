"""The template of the register import (`tiepdan import petitions`), to download from the petitions pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from . import imports

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """The shipped src/tiepdan/petitions/import_template.xlsx (rebuilt from `imports.COLUMNS` if missing)."""
    try:
        content = imports.TEMPLATE_PATH.read_bytes()
    except FileNotFoundError:
        content = imports.template_bytes()
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-don.xlsx"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
