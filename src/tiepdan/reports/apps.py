from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "tiepdan.reports"
    label = "reports"
    verbose_name = _("Báo cáo và thống kê")

    def ready(self) -> None:
        from tiepdan.core.navigation import NavItem, register

        register(NavItem(key="reports", label=_("Báo cáo"), url_name="reports:index", icon="table", order=60))
