"""Pages for petition attachments: upload (POST from the petition page) and the access-checked download.

Thin: the checks (type by content, size, rights, the vault for a denouncer's scans) are in
`attachment_services`. Files are never served from a public URL: only through these views, as downloads,
with `nosniff`, so a browser never renders an uploaded file as a page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tiepdan.core.errors import DomainError, NotFoundError
from tiepdan.people.models import IdentityFile

from . import attachment_services, selectors

TRUE_VALUES = frozenset({"1", "true", "on", "yes", "co"})
FALSE_VALUES = frozenset({"0", "false", "off", "no", "khong"})


def parse_identifying(raw: str | None) -> bool | None:
    """The form's "identifies the denouncer" choice: "1"/"0" (or true/false); absent → the default (yes for
    denunciations), so a form that forgets the field errs on the side of the vault."""
    value = (raw or "").strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    return None


def _back(pk: int) -> HttpResponseBase:
    return redirect("petitions:detail", pk=pk)


@login_required
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponseBase:
    """POST multipart: `file`, optional `description` and `identifying` (1/0, denunciations only)."""
    user: Any = request.user
    try:
        petition = selectors.get_petition(user, pk)
    except NotFoundError:
        raise Http404 from None
    upload_file = request.FILES.get("file")
    if upload_file is None:
        messages.error(request, _("Hãy chọn tệp cần đính kèm (PDF, JPEG, PNG hoặc Word .docx)."))
        return _back(petition.pk)
    try:
        stored = attachment_services.add_attachment(
            actor=user,
            petition=petition,
            upload_name=upload_file.name or "",
            data=upload_file,
            description=request.POST.get("description", ""),
            identifying=parse_identifying(request.POST.get("identifying")),
        )
    except NotFoundError:
        raise Http404 from None
    except DomainError as exc:
        messages.error(request, exc.message)
        return _back(petition.pk)
    if isinstance(stored, IdentityFile):
        messages.success(
            request,
            _(
                "Đã lưu tệp vào kho bảo mật danh tính người tố cáo; chỉ người có thẩm quyền theo Luật Tố cáo "
                "mới xem được."
            ),
        )
    else:
        messages.success(request, _("Đã đính kèm tệp “%(name)s”.") % {"name": stored.original_name})
    return _back(petition.pk)


@login_required
@require_GET
def download(request: HttpRequest, pk: int, att_pk: int) -> HttpResponseBase:
    user: Any = request.user
    try:
        attachment = attachment_services.get_attachment(user, petition_pk=pk, pk=att_pk)
        opened = attachment_services.read_attachment(actor=user, attachment=attachment)
    except NotFoundError:
        raise Http404 from None
    except DomainError as exc:
        messages.error(request, exc.message)
        return _back(pk)
    response = FileResponse(opened.file, as_attachment=True, filename=opened.filename, content_type=opened.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
