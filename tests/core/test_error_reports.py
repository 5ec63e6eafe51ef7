from __future__ import annotations

from django.test import RequestFactory
from django.views.debug import ExceptionReporter

# Built at run time so the literal values do not appear in the source lines the report quotes.
SECRET_ID = "".join(["0011", "9005", "4321"])
SECRET_NAME = "".join(["Kín ", "Đáo"])


def test_error_reports_never_copy_posted_values(settings):
    settings.DEBUG = True
    request = RequestFactory().post("/don/moi/", {"full_name": SECRET_NAME, "id_number": SECRET_ID})
    try:
        raise ValueError("boom")
    except ValueError as exc:
        reporter = ExceptionReporter(request, type(exc), exc, exc.__traceback__)
        reports = [reporter.get_traceback_html(), reporter.get_traceback_text()]
    for report in reports:
        assert "id_number" in report  # the parameter is listed…
        assert SECRET_ID not in report  # …but never its value
        assert SECRET_NAME not in report and "K&iacute;n" not in report
