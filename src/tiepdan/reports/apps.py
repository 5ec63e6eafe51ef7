from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "tiepdan.reports"
    label = "reports"
    verbose_name = _("Báo cáo và thống kê")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate, pre_migrate

        from tiepdan.core.navigation import NavItem, register
        from tiepdan.reception.selectors import periodic_reception_compliance

        from . import dashboard, scorecard, tally

        # SQLite: the tally's triggers are put aside while migrations alter tables (reports.tally).
        pre_migrate.connect(tally.before_migrate, sender=self, dispatch_uid="reports-tally-before-migrate")
        post_migrate.connect(tally.after_migrate, sender=self, dispatch_uid="reports-tally-after-migrate")

        register(NavItem(key="reports", label=_("Báo cáo"), url_name="reports:index", icon="table", order=60))
        dashboard.register()
        # The heads' periodic reception days (Luật Tiếp công dân 42/2013/QH13; DOMAIN §3): the accountability
        # measure the seeds ask for, from the reception register.
        scorecard.register_measure(
            "reception_days", _("Tiếp công dân định kỳ (ngày đã tiếp / ngày phải tiếp)"),
            periodic_reception_compliance, order=10,
        )  # fmt: skip
