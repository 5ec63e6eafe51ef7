from django.apps import AppConfig


class LawcalConfig(AppConfig):
    name = "tiepdan.lawcal"
    label = "lawcal"
    verbose_name = "Lịch pháp lý và thời hạn"
