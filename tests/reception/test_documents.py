"""The notice of conclusions as .pdf through the documents app, and the register .xlsx opened by LibreOffice."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from django.urls import reverse

from tiepdan.reception import selectors, services
from tiepdan.reception.exports import export_register

from .conftest import DAY, record

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice không được cài"),
]


def test_conclusion_notice_downloads_as_pdf(client, world):
    session = services.plan_session(
        actor=world.head, unit=world.unit_a, kind="unscheduled", on=DAY, start_time=dt.time(14),
        end_time=dt.time(16), venue="Trụ sở", host=world.head, host_name="", host_title="Chủ tịch UBND phường",
    )  # fmt: skip
    record(world, session=session)
    services.close_session(actor=world.head, session=session, conclusions="Giao kiểm tra hồ sơ đất")
    session = services.issue_conclusion_notice(actor=world.head, session=session, on=DAY)
    client.force_login(world.head)
    response = client.get(reverse("documents:pdf", args=[session.conclusion_document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content if response.streaming else [response.content]).startswith(b"%PDF")


def test_register_xlsx_opens_in_libreoffice(world, tmp_path):
    record(world, summary="Khiếu nại thu hồi đất; có dấu phẩy, và “ngoặc kép”")
    qs = selectors.register(world.reception, date_from=DAY, date_to=DAY)
    path = tmp_path / "so.xlsx"
    path.write_bytes(export_register(qs, unit=world.unit_a, date_from=DAY, date_to=DAY))
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    csv = (tmp_path / "so.csv").read_text(encoding="utf-8", errors="replace")
    assert "SỔ TIẾP CÔNG DÂN" in csv and "Khiếu nại thu hồi đất" in csv and "(13)" in csv
