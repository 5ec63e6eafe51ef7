from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tiepdan.petitions.models import Petition
from tiepdan.reception import services
from tiepdan.reception.exports import FIRST_DATA_ROW, HEADER_ROW
from tiepdan.reception.models import Refusal, Session, SessionStatus, Visit

from .conftest import DAY, citizen, record

pytestmark = pytest.mark.django_db
RANGE = {"date_from": "01/09/2026", "date_to": "30/09/2026"}


def _session(world, on=DAY, **kw):
    values = {
        "actor": world.head, "unit": world.unit_a, "kind": "periodic", "on": on, "start_time": dt.time(8),
        "end_time": dt.time(11), "venue": "Trụ sở tiếp dân", "host": world.head, "host_name": "",
        "host_title": "Chủ tịch UBND phường",
    }  # fmt: skip
    values.update(kw)
    return services.plan_session(**values)


def test_register_lists_visits_in_range_and_scope(client, world):
    record(world, summary="Khiếu nại thu hồi đất ngõ 5")
    record(world, summary="Ngoài khoảng ngày", received_on=dt.date(2026, 10, 5))
    client.force_login(world.reception)
    page = client.get(reverse("reception:register"), RANGE)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Khiếu nại thu hồi đất ngõ 5" in text and "Ngoài khoảng ngày" not in text
    assert "Nguyễn Văn An, Tổ 5" in text and "(13)" in text
    client.force_login(world.handler_b)  # sibling unit: nothing
    text = client.get(reverse("reception:register"), RANGE).content.decode()
    assert "Khiếu nại thu hồi đất ngõ 5" not in text
    client.logout()
    assert client.get(reverse("reception:register")).status_code == 302  # login required


def test_visit_form_records_and_double_submit_is_one(client, world):
    client.force_login(world.reception)
    page = client.get(reverse("reception:visit_new"))
    assert page.status_code == 200 and "autofocus" in page.content.decode()
    data = {
        "unit": world.unit_a.pk, "received_on": "07/09/2026", "type": "complaint",
        "summary": "Khiếu nại việc cấp giấy chứng nhận", "p0_name": "Trần Thị Bình", "p0_id": "001185023456",
        "p0_address": "Tổ 3", "outcome": "accept", "within_competence": "on", "submission_key": "abc123",
    }  # fmt: skip
    response = client.post(reverse("reception:visit_new"), data)
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert visit.petition.channel == "reception"
    client.post(reverse("reception:visit_new"), data)
    assert Visit.objects.count() == 1 and Petition.objects.count() == 1
    # A rule broken: the message in Vietnamese, nothing written.
    bad = {**data, "submission_key": "other", "outcome": "guide", "within_competence": ""}
    page = client.post(reverse("reception:visit_new"), bad)
    assert page.status_code == 200 and "cơ quan có thẩm quyền" in page.content.decode()
    assert Visit.objects.count() == 1
    detail = client.get(reverse("reception:visit_detail", args=[visit.pk]))
    assert "Trần Thị Bình" in detail.content.decode()
    client.force_login(world.handler_b)
    assert client.get(reverse("reception:visit_detail", args=[visit.pk])).status_code == 404


def test_register_export_xlsx_official_layout(client, world):
    record(world, summary='=HYPERLINK("http://x")')
    people = [citizen("Đại diện đoàn", "001085000001", is_representative=True)]
    record(world, summary="Đoàn 7 người", people=people, persons_count=7, outcome="explain",
           received_on=dt.date(2026, 9, 8))  # fmt: skip
    record(world, type="denunciation", summary="Tố cáo cán bộ", people=[citizen("Người Tố", "001062034567")],
           received_on=dt.date(2026, 9, 9))  # fmt: skip
    client.force_login(world.reception)
    response = client.get(reverse("reception:register_export"), {**RANGE, "unit": world.unit_a.pk})
    assert response.status_code == 200
    assert "so-tiep-cong-dan-20260901-20260930.xlsx" in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws["A1"].value == "PHƯỜNG AN BÌNH"
    assert ws["A4"].value == "SỔ TIẾP CÔNG DÂN"
    assert ws["A5"].value == "Từ ngày 01/09/2026 đến ngày 30/09/2026"
    assert [ws.cell(HEADER_ROW + 1, c).value for c in range(1, 14)] == [f"({c})" for c in range(1, 14)]
    assert ws.cell(HEADER_ROW, 3).value == "Họ tên - Địa chỉ"
    first = [ws.cell(FIRST_DATA_ROW, c).value for c in range(1, 14)]
    assert first[0] == 1 and first[1].date() == DAY and first[2] == "Nguyễn Văn An, Tổ 5"
    assert first[3] == "001085012345" and first[5] == "Khiếu nại" and first[6] == 1 and first[8] == "Có"
    assert ws.cell(FIRST_DATA_ROW, 5).data_type == "s"  # a formula is stored as text
    assert "Hạn thông báo kết quả 21/09/2026" == first[11]
    second = [ws.cell(FIRST_DATA_ROW + 1, c).value for c in range(1, 14)]
    assert second[6] == 7 and "Đoàn đông người" in second[12]
    third = [ws.cell(FIRST_DATA_ROW + 2, c).value for c in range(1, 14)]
    assert third[2] == "Người tố cáo (đã được bảo mật)" and not third[3]
    assert "Người Tố" not in str([[c.value for c in row] for row in ws.iter_rows()])
    assert ws.page_setup.orientation == "landscape"


def test_public_schedule_without_login_and_printable(client, world):
    services.create_regular_schedule(
        actor=world.reception, unit=world.unit_a, weekdays=[1, 3], start_time=dt.time(7, 30),
        end_time=dt.time(11, 30), venue="Phòng tiếp công dân tầng 1", valid_from=dt.date(2026, 1, 1),
    )  # fmt: skip
    _session(world, on=dt.date.today() + dt.timedelta(days=3))
    page = client.get(reverse("reception_public:schedule"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Phòng tiếp công dân tầng 1" in text and "Thứ Ba, Thứ Năm" in text
    assert world.head.get_full_name() in text and "@media print" in text


def test_schedule_management_page(client, world):
    client.force_login(world.head)
    page = client.get(reverse("reception:schedules"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Đã tiếp / phải tiếp" in text and "ít nhất 1 ngày/tuần" in text and "Phường An Bình" in text
    response = client.post(reverse("reception:schedules"), {
        "add_session": "1", "bt-unit": world.unit_a.pk, "bt-kind": "periodic", "bt-on": "10/09/2026",
        "bt-start_time": "08:00", "bt-end_time": "11:00", "bt-venue": "Trụ sở", "bt-host_name": "Lê Minh Đức",
        "bt-host_title": "Chủ tịch UBND phường",
    })  # fmt: skip
    assert response.status_code == 302
    session = Session.objects.get()
    response = client.post(reverse("reception:schedules"), {
        "add_regular": "1", "tx-unit": world.unit_a.pk, "tx-weekdays": ["0", "2"], "tx-start_time": "07:30",
        "tx-end_time": "07:00", "tx-venue": "Phòng 1", "tx-valid_from": "01/09/2026",
    })  # fmt: skip
    assert response.status_code == 200 and "Giờ kết thúc phải sau giờ bắt đầu" in response.content.decode()
    # Close the session and generate the notice of conclusions from the page.
    url = reverse("reception:session_detail", args=[session.pk])
    client.post(url, {"close": "1", "conclusions": "Giao công chức địa chính kiểm tra"})
    client.post(url, {"notice": "1"})
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD and session.conclusion_document is not None
    assert session.conclusion_document.number_string in client.get(url).content.decode()
    client.force_login(world.handler_b)
    assert client.get(url).status_code == 404


def test_refusal_form(client, world):
    client.force_login(world.reception)
    response = client.post(reverse("reception:refusal_new"), {
        "unit": world.unit_a.pk, "refused_on": "07/09/2026", "full_name": "Phạm Văn Dân", "ground": "weapons",
        "detail": "Mang theo dao",
    })  # fmt: skip
    assert response.status_code == 302
    refusal = Refusal.objects.get()
    assert refusal.notice_due_on == dt.date(2026, 9, 10)
    response = client.post(reverse("reception:refusal_new"), {
        "unit": world.unit_a.pk, "refused_on": "02/03/2026", "full_name": "Phạm Văn Dân", "ground": "weapons",
        "detail": "Mang theo dao",
    })  # fmt: skip
    assert "không có trong danh mục" in response.content.decode() and Refusal.objects.count() == 1
    client.post(reverse("reception:refusal_notice", args=[refusal.pk]))
    refusal.refresh_from_db()
    assert refusal.notice_document is not None


def test_dashboard_panel_warns_the_head(client, world):
    client.force_login(world.head)
    text = client.get(reverse("home")).content.decode()
    assert "chưa có lịch tiếp định kỳ" in text or "chưa đủ" in text or "mới có" in text
    _session(world, on=dt.date.today())
    # Planned today for this week (ward: 1 day/week): no warning any more.
    text = client.get(reverse("home")).content.decode()
    assert "Lịch tiếp định kỳ của thủ trưởng" not in text
    client.force_login(world.handler)
    assert "Lịch tiếp định kỳ của thủ trưởng" not in client.get(reverse("home")).content.decode()


def test_menu_entry(client, world):
    client.force_login(world.reception)
    assert "Tiếp công dân" in client.get(reverse("home")).content.decode()


def test_case_candidates_lookup_for_a_repeat_visit(client, world):
    from tiepdan.petitions import services as petition_services

    first = record(world)
    petition_services.resolve_duplicate(actor=world.handler, petition=first.petition, decision="new")
    case = Petition.objects.get(pk=first.petition.pk).case
    client.force_login(world.reception)
    text = client.get(reverse("reception:case_candidates"), {"p0_id": "001085012345"}).content.decode()
    assert case.code in text and "đã được tiếp 1 lần" in text and "Nguyễn Văn An" in text
    assert client.get(reverse("reception:case_candidates"), {"p0_id": "001099999999"}).content.decode().strip() == ""
    client.force_login(world.handler_b)
    assert case.code not in client.get(reverse("reception:case_candidates"), {"p0_id": "001085012345"}).content.decode()


def test_register_page_queries_do_not_grow_with_rows(client, world, django_assert_max_num_queries):
    for i in range(3):
        record(world, summary=f"Việc {i}", people=[citizen(f"Người {i}", f"00108500000{i}")])
    client.force_login(world.reception)
    client.get(reverse("reception:register"), RANGE)  # warm caches (calendar, scope)
    with django_assert_max_num_queries(25) as few:
        client.get(reverse("reception:register"), RANGE)
    for i in range(3, 9):
        record(world, summary=f"Việc {i}", people=[citizen(f"Người {i}", f"00108500000{i}")])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("reception:register"), RANGE)
