from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "tiepdan.petitions"
    label = "petitions"
    verbose_name = _("Xử lý đơn")

    def ready(self) -> None:
        from tiepdan.orgs.services import OPEN_WORK_MOVERS
        from tiepdan.people.services import PERSON_REFERENCE_MOVERS

        from . import services

        OPEN_WORK_MOVERS.append(("petitions.open_petitions", services.move_open_petitions))
        PERSON_REFERENCE_MOVERS.append(("petitions.petitioners", services.move_petitioner_links))
        from tiepdan.documents.selectors import IDENTITY_READERS

        IDENTITY_READERS.append(services.assigned_handler_may_open)
        from tiepdan.core.navigation import NavItem, register
        from tiepdan.core.views import DASHBOARD_PANELS

        from .views import may_register_anywhere, queue_panel

        register(
            NavItem(
                key="petitions-new",
                label=_("Vào sổ đơn"),
                url_name="petitions:new",
                icon="journal-plus",
                order=20,
                visible=may_register_anywhere,
            )
        )
        register(NavItem(key="petitions", label=_("Xử lý đơn"), url_name="petitions:queue", icon="inboxes", order=25))
        if not any(p[1] == "petitions/panel_queue.html" for p in DASHBOARD_PANELS):
            DASHBOARD_PANELS.append((5, "petitions/panel_queue.html", queue_panel))
