from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "tiepdan.people"
    label = "people"
    verbose_name = _("Công dân và kho bảo mật")

    def ready(self) -> None:
        from tiepdan.core.navigation import NavItem, register

        from . import services
        from .selectors import is_vault_officer_anywhere

        register(NavItem(key="people", label=_("Công dân"), url_name="people:search", icon="people", order=30))
        register(
            NavItem(
                key="vault",
                label=_("Kho bảo mật"),
                url_name="people:vault",
                icon="shield-lock",
                order=95,
                visible=is_vault_officer_anywhere,
            )
        )
        services.PERSON_REFERENCE_MOVERS.append(("people.protected_identity", services.move_identity_links))
