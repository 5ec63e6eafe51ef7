"""Pages: people search (htmx), person detail, and the vault for vault officers."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from tiepdan.core.errors import NotFoundError

from . import selectors, services
from .models import IdentityFile, ProtectedIdentity


@login_required
def search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    page = selectors.search_page(request.user, q, request.GET.get("page"))  # type: ignore[arg-type]
    context = {"q": q, "page": page}
    if request.headers.get("HX-Request"):
        return render(request, "people/_results.html", context)
    return render(request, "people/search.html", context)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        person = selectors.get_person(request.user, pk)  # type: ignore[arg-type]
    except NotFoundError:
        raise Http404 from None
    return render(request, "people/detail.html", {"person": person})


def _vault_officer_or_404(request: HttpRequest) -> Any:
    if not selectors.is_vault_officer_anywhere(request.user):
        raise Http404
    return request.user


@login_required
def vault(request: HttpRequest) -> HttpResponse:
    """Identities of the units where the user is the vault officer; values stay hidden until revealed."""
    user = _vault_officer_or_404(request)
    page = Paginator(selectors.vault_identities(user), 50).get_page(request.GET.get("page"))
    return render(request, "people/vault.html", {"page": page})


@login_required
@require_POST
def vault_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    user = _vault_officer_or_404(request)
    identity = ProtectedIdentity.objects.select_related("unit").filter(pk=pk).first()
    if identity is None:
        raise Http404
    try:
        clear = services.reveal_identity(actor=user, identity=identity, purpose=request.POST.get("purpose", ""))
    except NotFoundError:
        raise Http404 from None
    response = render(request, "people/_identity.html", {"identity": clear})
    response["Cache-Control"] = "no-store"
    return response


@login_required
def vault_file(request: HttpRequest, pk: int) -> HttpResponse:
    file = IdentityFile.objects.select_related("identity__unit").filter(pk=pk).first()
    if file is None:
        raise Http404
    try:
        user: Any = request.user
        content, name, content_type = services.read_identity_file(actor=user, file=file, purpose="Tải tệp bảo mật")
    except NotFoundError:
        raise Http404 from None
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="tep-bao-mat-{file.pk}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    del name  # the original file name may itself identify the denouncer; not sent in a header
    return response
