from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "tiepdan.orgs"
    label = "orgs"
    verbose_name = _("Tổ chức")

    def ready(self) -> None:
        from tiepdan.core.navigation import NavItem, register
        from tiepdan.core.views import DASHBOARD_PANELS

        from .views import my_units_panel

        register(NavItem(key="orgs", label=_("Tổ chức"), url_name="orgs:tree", icon="diagram-3", order=90))
        DASHBOARD_PANELS.append((10, "orgs/panel_my_units.html", my_units_panel))
