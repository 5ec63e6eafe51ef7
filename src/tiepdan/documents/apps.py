from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "tiepdan.documents"
    label = "documents"
    verbose_name = _("Văn bản")

    def ready(self) -> None:
        from tiepdan.core.navigation import NavItem, register

        register(
            NavItem(
                key="documents",
                label=_("Văn bản"),
                url_name="documents:list",
                icon="file-earmark-text",
                order=80,
            )
        )
