from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from tiepdan.lawcal import services


class Command(BaseCommand):
    help = "Tạo nhắc hạn cho các thời hạn sắp đến hạn hoặc quá hạn (chạy lặp lại an toàn)."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            created = services.sweep()
        self.stdout.write(f"Đã tạo {len(created)} nhắc hạn.")
