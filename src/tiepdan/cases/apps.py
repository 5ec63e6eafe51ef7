from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "tiepdan.cases"
    label = "cases"
    verbose_name = _("Vụ việc")

    def ready(self) -> None:
        from tiepdan.core.navigation import NavItem, register

        register(NavItem(key="cases", label=_("Vụ việc"), url_name="cases:list", icon="folder2-open",
                         order=45))  # fmt: skip
        from tiepdan.documents.selectors import IDENTITY_READERS

        from .documents import assigned_handler_may_open

        if assigned_handler_may_open not in IDENTITY_READERS:
            IDENTITY_READERS.append(assigned_handler_may_open)
