"""Background work of the documents app."""

from __future__ import annotations

from celery import shared_task

from .models import GeneratedDocument
from .services import PdfUnavailableError, render_pdf, soffice_binary


@shared_task(ignore_result=True)
def render_pdf_task(document_id: int) -> bool:
    """Convert a freshly generated document to PDF ahead of the first download (cached next to the .docx)."""
    document = GeneratedDocument.objects.filter(pk=document_id).first()
    if document is None or document.pdf_file or soffice_binary() is None:
        return False
    try:
        render_pdf(document)
    except PdfUnavailableError:
        return False  # the download view converts on demand and explains the failure to the user
    return True
