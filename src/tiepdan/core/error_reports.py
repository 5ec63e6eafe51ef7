"""Error reports without personal data.

A petition form carries citizens' and denouncers' names, ID numbers and letters (Law on Denunciations Art 47;
Decree 13/2023 on personal data): whatever goes wrong, an error report (debug page, admin e-mail, Sentry-like
handler) must not copy the submitted values. Every POST parameter is replaced, not only the ones marked with
`sensitive_post_parameters`.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.views.debug import SafeExceptionReporterFilter


class NoPersonalDataFilter(SafeExceptionReporterFilter):
    def get_post_parameters(self, request: HttpRequest | None) -> Any:
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def is_active(self, request: HttpRequest | None) -> bool:
        return True  # also while DEBUG is on: demo and test data look real
