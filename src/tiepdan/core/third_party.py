"""Vietnamese names in the admin for third-party apps whose own catalogues lack Vietnamese."""

from __future__ import annotations

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):
    verbose_name = _("Khóa đăng nhập sai nhiều lần")
