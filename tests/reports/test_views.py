"""Report pages: the table with drill-down links, the records behind a cell (no denouncer identity), export,
freeze/approve/submit through the pages, the parent's submissions page, and scoping."""

from __future__ import annotations

import datetime as dt
import io
import urllib.parse

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tiepdan.petitions.services import PetitionerInput, register_petition
from tiepdan.reports.models import ReportDueRule, ReportSnapshot, SnapshotStatus

from .fixtures import build

pytestmark = pytest.mark.django_db
Q2 = {"form": "02/XLD", "unit": "P", "period": "2026-Q2"}


def test_index_without_period_shows_the_chooser(client, world):
    client.force_login(world.statistician_p)
    page = client.get(reverse("reports:index")).content.decode()
    assert "Biểu báo cáo" in page and "02/XLD" in page and "04/GQTC" in page
    assert "Phường An Bình" in page and "Tỉnh Kiểm Thử" in page


def test_period_is_chosen_by_name_or_by_two_dates(client, world):
    from tiepdan.reports.periods import current_quarter as quarter_of
    from tiepdan.reports.periods import report_year

    def current_quarter() -> str:
        return quarter_of(dt.date.today()).code

    client.force_login(world.statistician_p)
    page = client.get(reverse("reports:index")).content.decode()
    assert f'<option value="{current_quarter()}" selected>Quý ' in page  # the current quarter by default
    year = report_year(dt.date.today())
    assert f'<option value="{year}-H1">6 tháng đầu năm {year}' in page
    response = client.get(reverse("reports:index"), {**Q2, "from": "01/01/2026", "to": "30/06/2026"})
    assert response.status_code == 302  # the dates become the period of every link from the page
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(response["Location"]).query)
    assert query["period"] == ["2026-01-01:2026-06-30"] and "from" not in query
    page = client.get(response["Location"]).content.decode()
    assert '<option value="2026-01-01:2026-06-30" selected>Từ ngày 01/01/2026 đến ngày 30/06/2026' in page
    for bad in ({"from": "31/02/2026", "to": "30/06/2026"}, {"from": "01/07/2026", "to": ""}):
        body = client.get(reverse("reports:index"), {**Q2, **bad}).content.decode()
        assert "theo dạng ngày/tháng/năm" in body and "<table" not in body
    body = client.get(reverse("reports:index"), {**Q2, "from": "30/06/2026", "to": "01/01/2026"}).content.decode()
    assert "phải sau ngày bắt đầu" in body
    response = client.get(reverse("reports:submissions"), {**Q2, "from": "01/01/2026", "to": "30/06/2026"})
    assert response.status_code == 302 and "period=2026-01-01%3A2026-06-30" in response["Location"]


def test_report_table_every_number_links_to_its_records(client, world):
    build(world)
    client.force_login(world.statistician_p)
    page = client.get(reverse("reports:index"), Q2).content.decode()
    assert "TỔNG HỢP KẾT QUẢ TIẾP NHẬN, XỬ LÝ ĐƠN" in page
    assert "Quý II năm 2026 (từ 15/03/2026 đến 14/06/2026)" in page
    assert 'colspan="3"' in page  # "Tổng số đơn" over columns 1–3
    link = reverse("reports:records") + "?" + urllib.parse.urlencode({**Q2, "row": "A", "key": "carried_over"})
    assert link.replace("&", "&amp;") in page
    listing = client.get(link).content.decode()
    assert "Kỳ trước chuyển sang" in listing and "Phường An Bình" in listing
    assert listing.count(">RPT-") == 2  # p5 and p10


def test_records_of_a_case_column(client, world):
    built = build(world)
    client.force_login(world.statistician_p)
    resp = client.get(reverse("reports:records"), {"form": "03/GQKN", "unit": "P", "period": "2026-Q2", "row": "",
                                                   "key": "overdue"})  # fmt: skip
    body = resp.content.decode()
    assert built.cases["c8"].code in body and built.cases["c6"].code in body
    assert built.cases["c1"].code not in body


def test_records_never_show_a_denouncer(client, world):
    register_petition(
        actor=world.handler, unit=world.unit_a, channel="post", type="denunciation", received_on=dt.date(2026, 4, 6),
        letter_date=dt.date(2026, 4, 1), summary="Tố cáo cán bộ địa chính nhận tiền",
        content="Tôi là Trần Thị Bảo Mật, tố cáo ông X", respondent_name="Ông X",
        petitioners=[PetitionerInput(full_name="Trần Thị Bảo Mật", id_number="001190099999", address="Số 9")],
    )  # fmt: skip
    client.force_login(world.statistician_p)
    body = client.get(reverse("reports:records"), {**Q2, "row": "A", "key": "received"}).content.decode()
    assert "Tố cáo cán bộ địa chính" in body
    assert "Trần Thị Bảo Mật" not in body and "001190099999" not in body


def test_bad_input_and_scope(client, world):
    client.force_login(world.statistician_p)
    body = client.get(reverse("reports:index"), {**Q2, "period": "2026-Q9"}).content.decode()
    assert "Quý phải từ 1 đến 4" in body
    body = client.get(reverse("reports:index"), {**Q2, "form": "05/KQTH"}).content.decode()
    assert "Biểu 05/KQTH (Tổng hợp kết quả thực hiện kết luận, quyết định) chưa có" in body
    client.force_login(world.outsider)
    body = client.get(reverse("reports:index"), Q2).content.decode()
    assert "Không tìm thấy đơn vị mã “P”" in body
    assert client.get(reverse("reports:records"), {**Q2, "row": "A", "key": "total"}).status_code == 404
    assert client.get(reverse("reports:export"), Q2).status_code == 404


def test_export_xlsx_and_json(client, world):
    build(world)
    client.force_login(world.statistician_p)
    resp = client.get(reverse("reports:export"), Q2)
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(resp.content)).active
    assert ws["A4"].value == "TỔNG HỢP KẾT QUẢ TIẾP NHẬN, XỬ LÝ ĐƠN"
    data = client.get(reverse("reports:export"), {**Q2, "format": "json"}).json()
    assert data["total"]["received"] == 9


def test_freeze_approve_submit_through_the_pages(client, world):
    build(world)
    a = {"form": "02/XLD", "unit": "A", "period": "2026-Q2"}
    client.force_login(world.handler)
    assert "Chốt số liệu" not in client.get(reverse("reports:index"), a).content.decode()
    client.force_login(world.statistician)
    assert "Chốt số liệu" in client.get(reverse("reports:index"), a).content.decode()
    resp = client.post(reverse("reports:freeze"), a)
    snap = ReportSnapshot.objects.get()
    assert resp.status_code == 302 and resp["Location"] == reverse("reports:snapshot", args=[snap.pk])
    assert client.post(reverse("reports:freeze"), a).status_code == 302
    assert ReportSnapshot.objects.count() == 1  # the second freeze was refused
    body = client.get(reverse("reports:snapshot", args=[snap.pk])).content.decode()
    assert "Đã chốt số liệu" in body and "Duyệt báo cáo" not in body
    client.force_login(world.head)
    assert "Duyệt báo cáo" in client.get(reverse("reports:snapshot", args=[snap.pk])).content.decode()
    client.post(reverse("reports:snapshot_action", args=[snap.pk, "duyet"]))
    client.post(reverse("reports:snapshot_action", args=[snap.pk, "gui"]))
    snap.refresh_from_db()
    assert snap.status == SnapshotStatus.SUBMITTED
    resp = client.get(reverse("reports:snapshot_xlsx", args=[snap.pk]))
    assert load_workbook(io.BytesIO(resp.content)).active["A4"].value == "TỔNG HỢP KẾT QUẢ TIẾP NHẬN, XỬ LÝ ĐƠN"
    client.force_login(world.statistician_p)
    body = client.get(reverse("reports:submissions"), Q2).content.decode()
    assert "Đã nộp" in body and "Chưa nộp" in body
    assert "Chưa cấu hình hạn nộp báo cáo" in body and "Quá hạn nộp" not in body
    ReportDueRule.objects.create(unit_kind="ward", days_after_cutoff=3, legal_source="Quy chế UBND tỉnh",
                                 valid_from=dt.date(2025, 1, 1))  # fmt: skip
    body = client.get(reverse("reports:submissions"), Q2).content.decode()
    assert "17/06/2026" in body  # Q2 ends 14/06; + 3 days
    assert "Nộp muộn" in body and "Quá hạn nộp" in body  # A submitted in November; B still missing
    assert reverse("reports:snapshot", args=[snap.pk]) in body
    client.force_login(world.outsider)
    assert client.get(reverse("reports:snapshot", args=[snap.pk])).status_code == 404


def test_report_page_query_count_does_not_grow_with_records(client, world, django_assert_max_num_queries):
    build(world)
    client.force_login(world.statistician_p)
    with django_assert_max_num_queries(40):
        client.get(reverse("reports:index"), {**Q2, "form": "03/GQKN"})


def test_records_page_query_count_is_constant(client, world, django_assert_max_num_queries):
    build(world)
    client.force_login(world.statistician_p)
    with django_assert_max_num_queries(25):
        client.get(reverse("reports:records"), {"form": "03/GQKN", "unit": "P", "period": "2026-Q2", "row": "",
                                                "key": "cases"})  # fmt: skip
    with django_assert_max_num_queries(25):
        client.get(reverse("reports:records"), {**Q2, "row": "", "key": "total"})
