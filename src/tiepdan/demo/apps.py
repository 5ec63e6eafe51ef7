from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "tiepdan.demo"
    label = "demo"
    verbose_name = "Dữ liệu mẫu"
