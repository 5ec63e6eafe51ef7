from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .forms import LoginForm

# Dashboard panels: apps add theirs from AppConfig.ready(); each returns a context dict or None.
DashboardPanel = Callable[[HttpRequest], dict[str, Any] | None]
DASHBOARD_PANELS: list[tuple[int, str, DashboardPanel]] = []


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for load balancers and operators."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        db = {"status": "ok", "vendor": connection.vendor}
        code = 200
    except Exception:  # any database failure makes the service unhealthy
        db = {"status": "error", "vendor": connection.vendor}
        code = 503
    return JsonResponse(
        {"status": "ok" if code == 200 else "error", "database": db, "time": timezone.now().isoformat()},
        status=code,
    )


@login_required
def home(request: HttpRequest) -> HttpResponse:
    panels = []
    for _order, template, panel in sorted(DASHBOARD_PANELS, key=lambda p: p[0]):
        context = panel(request)
        if context is not None:
            panels.append({"template": template, **context})
    return render(request, "core/home.html", {"panels": panels})


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass
