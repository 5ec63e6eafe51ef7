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
