from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReceptionConfig(AppConfig):
    name = "tiepdan.reception"
    label = "reception"
    verbose_name = _("Tiếp công dân")

    def ready(self) -> None:
        from tiepdan.core.navigation import NavItem, register
        from tiepdan.core.views import DASHBOARD_PANELS

        from .views import periodic_panel

        register(
            NavItem(key="reception", label=_("Tiếp công dân"), url_name="reception:register", icon="people", order=15)
        )
        if not any(p[1] == "reception/panel_periodic.html" for p in DASHBOARD_PANELS):
            DASHBOARD_PANELS.append((3, "reception/panel_periodic.html", periodic_panel))
