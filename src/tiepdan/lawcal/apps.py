from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawcalConfig(AppConfig):
    name = "tiepdan.lawcal"
    label = "lawcal"
    verbose_name = _("Lịch pháp lý và thời hạn")

    def ready(self) -> None:
        from tiepdan.core import navigation
        from tiepdan.core.views import DASHBOARD_PANELS

        from .views import reminders_panel

        navigation.register(
            navigation.NavItem(
                key="lawcal",
                label=_("Tính thời hạn"),
                url_name="lawcal:calculator",
                icon="calendar",
                order=80,
            )
        )
        if not any(p[1] == "lawcal/panel_reminders.html" for p in DASHBOARD_PANELS):
            DASHBOARD_PANELS.append((30, "lawcal/panel_reminders.html", reminders_panel))
