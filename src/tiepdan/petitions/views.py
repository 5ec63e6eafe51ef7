"""HTML pages of petition handling: registration, the handler's queue and export, the petition page.

Views stay thin: they parse forms, call the selectors (reads, scoped to the user: out of scope → 404) and the
services (writes), and show a service's Vietnamese `DomainError` next to the field it names. Every write is a
POST followed by a redirect; a failed one re-renders the page with the bound form and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tiepdan.core import xlsx
from tiepdan.core.errors import DomainError, NotFoundError
from tiepdan.core.forms import describe_filters
from tiepdan.core.models import User
from tiepdan.documents import selectors as document_selectors
from tiepdan.lawcal import workcal
from tiepdan.orgs.selectors import active_memberships, today, user_scope
from tiepdan.people import selectors as people_selectors
from tiepdan.people import services as people_services
from tiepdan.people.models import ProtectedIdentity

from . import attachment_services, duplicates, exports, forms, selectors, services
from .models import DuplicateStatus, Outcome, Petition, Petitioner, PetitionType


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _petition(request: HttpRequest, pk: int) -> Petition:
    try:
        return selectors.get_petition(_user(request), pk)
    except NotFoundError:
        raise Http404(_("Không tìm thấy đơn này trong phạm vi của bạn.")) from None


# --- Registration -------------------------------------------------------------------------------------


def _registration_page(
    request: HttpRequest, form: forms.RegistrationForm, formset: Any, *, status: int = 200,
    petitioner_errors: list[str] | None = None,
) -> HttpResponse:  # fmt: skip
    context = {
        "form": form,
        "formset": formset,
        "petitioner_errors": petitioner_errors or [],
        "single_unit": len(form.fields["unit"].queryset) == 1,  # type: ignore[attr-defined]
        "transferred": (form["channel"].value() or "") == "transferred",
    }
    return render(request, "petitions/new.html", context, status=status)


@login_required
def new(request: HttpRequest) -> HttpResponse:
    """Vào sổ đơn: one page, keyboard first; a hidden token makes a double submit register one petition."""
    user = _user(request)
    units = forms.registration_units(user)
    if not units:
        raise Http404(_("Bạn không có vai trò tiếp nhận, vào sổ đơn."))
    if request.method != "POST":
        form = forms.RegistrationForm(initial=forms.RegistrationForm.initial_for(units), user=user, units=units)
        formset = forms.PetitionerFormSet(prefix=forms.PETITIONER_PREFIX)
        return _registration_page(request, form, formset)
    form = forms.RegistrationForm(request.POST, user=user, units=units)
    formset = forms.PetitionerFormSet(request.POST, prefix=forms.PETITIONER_PREFIX)
    form_ok, formset_ok = form.is_valid(), formset.is_valid()
    if not (form_ok and formset_ok):
        errors = [str(e) for e in formset.non_form_errors()]
        return _registration_page(request, form, formset, status=400, petitioner_errors=errors)
    try:
        result = services.register_petition(
            actor=user, petitioners=forms.petitioner_inputs(formset), **form.service_kwargs()
        )
    except DomainError as exc:
        if exc.field == "petitioners" or isinstance(exc, NotFoundError):
            return _registration_page(request, form, formset, status=400, petitioner_errors=[exc.message])
        forms.add_domain_error(form, exc)
        return _registration_page(request, form, formset, status=400)
    petition = result.petition
    if result.created:
        messages.success(
            request,
            _("Đã vào sổ đơn %(code)s. Hạn xử lý: %(due)s.")
            % {"code": petition.code, "due": petition.due_on.strftime("%d/%m/%Y") if petition.due_on else "—"},
        )
    else:
        messages.info(
            request,
            _("Biểu mẫu này đã được gửi trước đó: đơn đã vào sổ với mã %(code)s, không tạo đơn mới.")
            % {"code": petition.code},
        )
    if request.POST.get("after") == "new":
        return redirect("petitions:new")
    return redirect("petitions:detail", pk=petition.pk)


@login_required
@require_GET
def person_lookup(request: HttpRequest) -> HttpResponse:
    """htmx: people of the registry matching a name or an ID number, to fill a petitioner row."""
    q = request.GET.get("q", "").strip()
    row = request.GET.get("row", "")
    people = []
    if len(q) >= 2 and row.isdigit():
        people = list(people_selectors.search_people(_user(request), q)[:6])
    return render(request, "petitions/_person_lookup.html", {"people": people, "row": row, "q": q})


@login_required
@require_POST
def check_duplicates(request: HttpRequest) -> HttpResponse:
    """htmx: duplicate candidates for the letter being typed (same ID, same name, similar summary)."""
    user = _user(request)
    units = {str(u.pk): u for u in forms.registration_units(user)}
    unit = units.get(request.POST.get("unit", ""))
    if unit is None:
        raise Http404
    prefix = forms.PETITIONER_PREFIX
    posted = [(key, str(value)) for key, value in request.POST.items() if key.startswith(f"{prefix}-") and value]
    id_numbers = [value for key, value in posted if key.endswith("-id_number")]
    names = [value for key, value in posted if key.endswith("-full_name")]
    summary = request.POST.get("summary", "").strip()
    kind = request.POST.get("type", "")
    candidates = []
    searched = bool(len(summary) >= 8 or id_numbers or names)
    if searched:
        candidates = duplicates.find_candidates(
            user,
            unit=unit,
            type=kind if kind in PetitionType.values else "",
            summary=summary,
            content=request.POST.get("content", ""),
            id_numbers=id_numbers,
            names=names,
        )
    return render(request, "petitions/_duplicates.html", {"candidates": candidates, "searched": searched})


# --- Queue and export ---------------------------------------------------------------------------------


def _filter_form(request: HttpRequest) -> forms.QueueFilterForm:
    data = request.GET.copy()
    data.pop("page", None)
    if not data:
        data["status"] = "open"  # the handler's queue: what still needs an outcome
    return forms.QueueFilterForm(data, user=_user(request))


def _filtered(user: User, form: forms.QueueFilterForm) -> Any:
    """The queue for valid filters; nothing (and the form's messages) for invalid ones, rather than a list
    that silently ignores what the user asked for."""
    if not form.is_valid():
        return selectors.visible_petitions(user).none()
    return selectors.petition_queue(user, form.to_filters())


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = _filter_form(request)
    qs = _filtered(user, form)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    cal = workcal.get_calendar()
    rows = [
        {"petition": p, "due": selectors.due_state(p, calendar=cal), "petitioner": selectors.petitioner_label(p)}
        for p in page
    ]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": query.urlencode(),
        "export_query": (query.urlencode() or "status=open"),
        "may_register": may_register_anywhere(user),
    }
    return render(request, "petitions/queue.html", context)


@login_required
def export(request: HttpRequest) -> HttpResponseBase:
    user = _user(request)
    form = _filter_form(request)
    qs = _filtered(user, form)
    result = exports.export_petitions(user, qs, description=describe_filters(form))
    return xlsx.response(result, exports.filename(today()))


# --- Petition page ------------------------------------------------------------------------------------


def _with_petitioners(petition: Petition) -> Petition:
    prefetch_related_objects(
        [petition],
        Prefetch("petitioners", queryset=Petitioner.objects.select_related("person").order_by("position", "pk")),
    )
    return petition


def _outcome_form(outcome: str, petition: Petition, data: Any = None) -> forms.OutcomeForm:
    return forms.OUTCOME_FORMS[outcome](data, petition=petition, prefix=outcome)


def _detail(
    request: HttpRequest, petition: Petition, *, bound: dict[str, Any] | None = None, open_panel: str = "",
    revealed: dict[int, Any] | None = None, status: int = 200,
) -> HttpResponse:  # fmt: skip
    user = _user(request)
    bound = bound or {}
    _with_petitioners(petition)
    handler = services.may_handle(user, petition)
    petitioners = selectors.petitioner_views(petition)
    identity_ids = [p.identity_id for p in petitioners if p.identity_id is not None]
    may_reveal: set[int] = set()
    if identity_ids:
        for identity in ProtectedIdentity.objects.filter(pk__in=identity_ids):
            if people_selectors.can_see_identity(user, identity):
                may_reveal.add(identity.pk)
    suggestion = services.suggest_competence(petition) if petition.is_open else None
    candidates = duplicates.candidates_for(user, petition) if petition.status != "split" else []
    context: dict[str, Any] = {
        "petition": petition,
        "due": selectors.due_state(petition),
        "handler": handler,
        "petitioners": petitioners,
        "may_reveal": may_reveal,
        "revealed": revealed or {},
        "reveal_form": bound.get("reveal") or forms.RevealForm(),
        "suggestion": suggestion,
        "candidates": candidates,
        "duplicate_status": DuplicateStatus,
        "eligibility_failures": [
            services.rules.ELIGIBILITY_CONDITIONS.get(c, c) for c in (petition.eligibility_failures or [])
        ],
        "documents": [
            {"doc": d, "may_open": document_selectors.may_open(user, d)}
            for d in selectors.related_documents(petition).select_related("unit")
        ],
        "timeline": list(selectors.timeline(petition)),
        "attachments": list(attachment_services.attachments_of(user, petition.pk)),
        "may_attach": services.may_register(user, petition.unit) or services.may_handle(user, petition),
        "parts": list(petition.parts.order_by("code")) if petition.status == "split" else [],
        "open_panel": open_panel,
        "outcome_forms": [],
    }
    if handler and petition.is_open:
        context["classify_form"] = bound.get("classify") or forms.ClassifyForm(
            petition=petition, user=user, suggestion=suggestion.unit if suggestion else None, prefix="pl"
        )
        context["split_form"] = bound.get("split") or forms.SplitForm(petition=petition, prefix="tach")
        context["assign_form"] = bound.get("assign") or forms.AssignForm(petition=petition, prefix="pc")
        context["duplicate_form_version"] = petition.version
        outcome_labels = dict(Outcome.choices)
        for outcome in services.outcomes_allowed(petition):
            form = bound.get(outcome) or _outcome_form(outcome, petition)
            context["outcome_forms"].append({"code": outcome, "label": outcome_labels[outcome], "form": form})
    if handler and petition.originals_attached and petition.originals_returned_on is None:
        context["return_form"] = bound.get("return") or forms.ReturnOriginalsForm(petition=petition, prefix="tl")
    # A refused form that the page does not show (a step no longer offered, a user without handler rights)
    # still gets its message, at the top.
    shown = [context.get(k) for k in ("classify_form", "split_form", "assign_form", "return_form", "reveal_form")]
    shown += [item["form"] for item in context["outcome_forms"]]
    context["page_errors"] = [
        str(error)
        for form in bound.values()
        if form is not None and not any(form is s for s in shown)
        for errors in form.errors.values()
        for error in errors
    ]
    response = render(request, "petitions/detail.html", context, status=status)
    if revealed:
        response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _petition(request, pk))


def _done(request: HttpRequest, petition: Petition, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("petitions:detail", pk=petition.pk)


@login_required
@require_POST
def classify(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    petition = _petition(request, pk)
    suggestion = services.suggest_competence(petition).unit
    form = forms.ClassifyForm(request.POST, petition=petition, user=user, suggestion=suggestion, prefix="pl")
    if form.is_valid():
        try:
            services.classify_petition(
                actor=user, petition=petition, version=form.cleaned_data["version"], **form.service_kwargs()
            )
        except NotFoundError:
            raise Http404 from None
        except DomainError as exc:
            forms.add_domain_error(form, exc)
        else:
            return _done(request, petition, _("Đã lưu phân loại đơn %(code)s.") % {"code": petition.code})
    return _detail(request, _petition(request, pk), bound={"classify": form}, open_panel="classify", status=400)


@login_required
@require_POST
def split(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    petition = _petition(request, pk)
    form = forms.SplitForm(request.POST, petition=petition, prefix="tach")
    if form.is_valid():
        try:
            parts = services.split_petition(
                actor=user, petition=petition, parts=form.parts(), version=form.cleaned_data["version"]
            )
        except NotFoundError:
            raise Http404 from None
        except DomainError as exc:
            forms.add_domain_error(form, exc)
        else:
            codes = ", ".join(p.code for p in parts)
            return _done(request, petition, _("Đã tách đơn thành: %(codes)s.") % {"codes": codes})
    return _detail(request, _petition(request, pk), bound={"split": form}, open_panel="split", status=400)


@login_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    petition = _petition(request, pk)
    form = forms.AssignForm(request.POST, petition=petition, prefix="pc")
    if form.is_valid():
        try:
            services.assign_petition(
                actor=user, petition=petition, assignee=form.cleaned_data["assignee"],
                version=form.cleaned_data["version"],
            )  # fmt: skip
        except NotFoundError:
            raise Http404 from None
        except DomainError as exc:
            forms.add_domain_error(form, exc)
        else:
            name = form.cleaned_data["assignee"].get_full_name()
            return _done(request, petition, _("Đã phân công %(name)s xử lý đơn.") % {"name": name})
    return _detail(request, _petition(request, pk), bound={"assign": form}, open_panel="assign", status=400)


@login_required
@require_POST
def resolve_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    petition = _petition(request, pk)
    form = forms.DuplicateDecisionForm(request.POST, petition=petition)
    if not form.is_valid():
        messages.error(request, _("Quyết định về đơn trùng không hợp lệ; hãy tải lại trang."))
        return redirect("petitions:detail", pk=petition.pk)
    other = form.other_petition(user)
    if form.cleaned_data.get("other") and other is None:
        raise Http404
    try:
        petition = services.resolve_duplicate(
            actor=user, petition=petition, decision=form.cleaned_data["decision"], other=other,
            version=form.cleaned_data["version"],
        )  # fmt: skip
    except NotFoundError:
        raise Http404 from None
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("petitions:detail", pk=petition.pk)
    return _done(request, petition, _("Đã ghi nhận: %(status)s.") % {"status": petition.get_duplicate_status_display()})


@login_required
@require_POST
def outcome(request: HttpRequest, pk: int, outcome: str) -> HttpResponse:
    user = _user(request)
    petition = _petition(request, pk)
    if outcome not in forms.OUTCOME_FORMS:
        raise Http404
    form = _outcome_form(outcome, petition, request.POST)
    if form.is_valid():
        try:
            service = cast(Callable[..., Any], services.OUTCOME_SERVICES[Outcome(outcome)])
            service(actor=user, petition=petition, version=form.cleaned_data["version"], **form.service_kwargs())
        except NotFoundError:
            raise Http404 from None
        except DomainError as exc:
            forms.add_domain_error(form, exc, form.aliases)
        else:
            label = dict(Outcome.choices)[outcome]
            return _done(request, petition, _("Đã xử lý đơn: %(outcome)s.") % {"outcome": label})
    return _detail(request, _petition(request, pk), bound={outcome: form}, open_panel=outcome, status=400)


@login_required
@require_POST
def return_originals(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    petition = _petition(request, pk)
    form = forms.ReturnOriginalsForm(request.POST, petition=petition, prefix="tl")
    if form.is_valid():
        try:
            services.return_originals(
                actor=user, petition=petition, version=form.cleaned_data["version"], **form.service_kwargs()
            )
        except NotFoundError:
            raise Http404 from None
        except DomainError as exc:
            forms.add_domain_error(form, exc, form.aliases)
        else:
            return _done(request, petition, _("Đã lập văn bản trả lại giấy tờ gốc."))
    return _detail(request, _petition(request, pk), bound={"return": form}, open_panel="return", status=400)


@login_required
@require_POST
def reveal(request: HttpRequest, pk: int, identity_id: int) -> HttpResponse:
    """Show a denouncer's identity once, to the users the law allows; the read is an audit event."""
    user = _user(request)
    petition = _petition(request, pk)
    petitioner = (
        Petitioner.objects.filter(petition=petition, identity_id=identity_id).select_related("identity__unit").first()
    )
    if petitioner is None or petitioner.identity is None:
        raise Http404
    identity = petitioner.identity
    if not people_selectors.can_see_identity(user, identity):
        raise Http404
    form = forms.RevealForm(request.POST)
    htmx = bool(request.headers.get("HX-Request"))
    if not form.is_valid():
        if htmx:
            return render(
                request,
                "petitions/_reveal_form.html",
                {"petition": petition, "identity_id": identity_id, "reveal_form": form},
            )  # htmx swaps only 2xx answers: the form comes back with its message
        return _detail(request, petition, bound={"reveal": form}, status=400)
    purpose = f"Đơn {petition.code}: {form.cleaned_data['purpose']}"
    try:
        clear = people_services.reveal_identity(actor=user, identity=identity, purpose=purpose)
    except NotFoundError:
        raise Http404 from None
    if htmx:
        response = render(request, "petitions/_identity.html", {"identity": clear})
        response["Cache-Control"] = "no-store"
        return response
    return _detail(request, petition, revealed={identity_id: clear})


# --- Dashboard panel and menu -------------------------------------------------------------------------


def queue_panel(request: HttpRequest) -> dict[str, Any] | None:
    """Đơn cần xử lý: open, due soon and overdue petitions in the user's scope, with links to the queue."""
    user: Any = request.user
    if not user.is_authenticated:
        return None
    scope = user_scope(user)
    if not (scope.everything or scope.unit_ids or scope.subtree_paths):
        return None
    from django.conf import settings

    on = today()
    soon = workcal.get_calendar().add_working_days(on, settings.DUE_SOON_WORKING_DAYS)
    open_qs = selectors.visible_petitions(user).filter(status__in=selectors.OPEN_STATUSES)
    base = reverse("petitions:queue")
    return {
        "open": open_qs.count(),
        "due_soon": open_qs.filter(due_on__gte=on, due_on__lte=soon).count(),
        "overdue": open_qs.filter(due_on__lt=on).count(),
        "mine": open_qs.filter(assignee=user).count(),
        "url_open": f"{base}?status=open",
        "url_soon": f"{base}?status=open&due_before={soon:%d/%m/%Y}&overdue=0",
        "url_overdue": f"{base}?status=open&overdue=1",
        "url_mine": f"{base}?status=open&assignee=me",
    }


def may_register_anywhere(user: Any) -> bool:
    """Whether the menu offers "Vào sổ đơn": a registering role at some unit (services.REGISTER_ROLES)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return active_memberships(user).filter(role__in=services.REGISTER_ROLES).exists()
