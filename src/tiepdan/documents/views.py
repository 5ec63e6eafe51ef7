from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tiepdan.core.errors import NotFoundError

from . import rules, selectors, services
from .models import GeneratedDocument


def _get(request: HttpRequest, pk: int) -> GeneratedDocument:
    try:
        return services.open_document(actor=request.user, pk=pk)  # type: ignore[arg-type]
    except NotFoundError:
        raise Http404(_("Không tìm thấy văn bản.")) from None


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.documents_for(request.user), 50).get_page(request.GET.get("page"))  # type: ignore[arg-type]
    return render(request, "documents/list.html", {"page": page})


@login_required
def download_docx(request: HttpRequest, pk: int) -> HttpResponseBase:
    document = _get(request, pk)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=rules.download_filename(document.number_string, document.title, "docx"),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


@login_required
def download_pdf(request: HttpRequest, pk: int) -> HttpResponseBase:
    document = _get(request, pk)
    try:
        pdf = services.render_pdf(document)
    except services.PdfUnavailableError as exc:
        messages.error(request, exc.message)
        return redirect("documents:list")
    return FileResponse(
        io.BytesIO(pdf),
        as_attachment=True,
        filename=rules.download_filename(document.number_string, document.title, "pdf"),
        content_type="application/pdf",
    )
