from __future__ import annotations

import pytest

from tiepdan.cases.models import Case

from .test_services import proposed_case

pytestmark = pytest.mark.django_db


def test_case_page_offers_only_legal_steps_and_takes_them(world, client):
    case = proposed_case(world)
    client.force_login(world.head)
    page = client.get(f"/vu-viec/{case.pk}/").content.decode()
    assert "Chờ thụ lý" in page and 'value="accept"' in page and 'value="publish"' not in page
    response = client.post(f"/vu-viec/{case.pk}/buoc/", {"action": "accept", "on": "09/03/2026",
                                                         "version": case.version})  # fmt: skip
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "accepted"
    page = client.get(f"/vu-viec/{case.pk}/").content.decode()
    assert "Giải quyết khiếu nại lần đầu" in page or "complaint.first.resolve" in page or "08/04/2026" in page
    # A stale form (old version) changes nothing and says why in Vietnamese.
    client.post(f"/vu-viec/{case.pk}/buoc/", {"action": "start_verification", "version": 1})
    case.refresh_from_db()
    assert case.state == "accepted"
    assert "người khác cập nhật" in client.get(f"/vu-viec/{case.pk}/").content.decode()
    listing = client.get("/vu-viec/").content.decode()
    assert case.code in listing


def test_case_pages_answer_404_out_of_scope(world, client):
    case = proposed_case(world)
    client.force_login(world.handler_b)
    assert client.get(f"/vu-viec/{case.pk}/").status_code == 404
    assert client.post(f"/vu-viec/{case.pk}/buoc/", {"action": "accept"}).status_code == 404
    assert Case.objects.get(pk=case.pk).state == "pending_acceptance"


def test_dates_are_typed_dd_mm_yyyy_and_a_bad_one_changes_nothing(world, client):
    case = proposed_case(world)
    client.force_login(world.head)
    page = client.get(f"/vu-viec/{case.pk}/").content.decode()
    assert 'placeholder="dd/mm/yyyy"' in page and 'type="date"' not in page
    client.post(f"/vu-viec/{case.pk}/buoc/", {"action": "accept", "on": "2026-13-45"})
    case.refresh_from_db()
    assert case.state == "pending_acceptance"
    assert "dd/mm/yyyy" in client.get(f"/vu-viec/{case.pk}/").content.decode()
