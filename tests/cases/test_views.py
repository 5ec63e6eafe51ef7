from __future__ import annotations

import pytest

from tiepdan.cases.models import Case

from .test_services import proposed_case, step

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
    stale = {"action": "verification", "version": 1, "leader": world.verifier.pk, "plan": "Kế hoạch gõ dở"}
    response = client.post(f"/vu-viec/{case.pk}/buoc/", stale)
    case.refresh_from_db()
    assert case.state == "accepted"
    page = response.content.decode()
    assert response.status_code == 400 and "người khác cập nhật" in page
    assert "Kế hoạch gõ dở" in page  # what the user typed is still in the form
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


# --- The forms of the case page: verification, dialogue, decision, publication, documents ----------------

import datetime as dt  # noqa: E402

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402

from tiepdan.cases import documents as case_documents  # noqa: E402
from tiepdan.cases.models import Dialogue, Publication, VerificationTask  # noqa: E402

from ..petitions.files import pdf_bytes  # noqa: E402


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def post(client, case, **data):
    case.refresh_from_db()
    data.setdefault("version", case.version)
    return client.post(f"/vu-viec/{case.pk}/buoc/", data)


def docs(case):
    return list(case_documents.documents_for_case(case).filter(content_type__model="case").values_list(
        "template_code", flat=True))  # fmt: skip


def test_complaint_walked_on_the_page_with_its_forms_and_documents(world, client):
    case = proposed_case(world)
    client.force_login(world.head)
    page = client.get(f"/vu-viec/{case.pk}/").content.decode()
    # The acceptance form offers its documents, ticked.
    assert 'value="case.quyet_dinh_thu_ly"' in page and "Văn bản lập cùng bước này" in page
    r = post(client, case, action="accept", on="09/03/2026",
             documents=["case.quyet_dinh_thu_ly", "case.thong_bao_thu_ly"])  # fmt: skip
    assert r.status_code == 302
    assert docs(case) == ["case.quyet_dinh_thu_ly", "case.thong_bao_thu_ly"]
    page = client.get(f"/vu-viec/{case.pk}/").content.decode()
    assert "Quyết định thụ lý giải quyết khiếu nại, tố cáo" in page and ".docx</a>" in page and ".pdf</a>" in page
    # Verification: a verifier of the unit, a team member, a plan.
    assert 'id="form-verification"' in page
    r = post(client, case, action="verification", on="10/03/2026", leader=world.verifier.pk,
             members=[world.handler.pk], plan="Làm việc với địa chính phường")  # fmt: skip
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.state == "verification" and case.verification.leader == world.verifier
    assert list(case.verification.members.all()) == [world.handler]
    assert post(client, case, action="task", title="Đo đạc hiện trạng", assignee=world.verifier.pk,
                due_on="20/03/2026").status_code == 302  # fmt: skip
    assert VerificationTask.objects.get().due_on == dt.date(2026, 3, 20)
    evidence = SimpleUploadedFile("bien-ban.pdf", pdf_bytes(), content_type="application/pdf")
    r = client.post(f"/vu-viec/{case.pk}/buoc/", {"action": "evidence", "description": "Biên bản làm việc",
                                                  "file": evidence})  # fmt: skip
    assert r.status_code == 302
    # A program renamed .pdf is refused by the attachment checks, naming its real type.
    fake = SimpleUploadedFile("chung-cu.pdf", b"MZ\x90\x00" + b"\x00" * 200, content_type="application/pdf")
    r = client.post(f"/vu-viec/{case.pk}/buoc/", {"action": "evidence", "description": "Giả", "file": fake})
    assert r.status_code == 400
    assert post(client, case, action="report", on="21/03/2026", report="Diện tích thu hồi đúng hồ sơ"
                ).status_code == 302  # fmt: skip
    page = client.get(f"/vu-viec/{case.pk}/").content.decode()
    assert "bien-ban.pdf" in page and "Đo đạc hiện trạng" in page and "Diện tích thu hồi đúng hồ sơ" in page
    # Dialogue: from 01/07/2026 a notice 3 days before is refused, and what was typed stays.
    assert 'id="form-dialogue"' in page
    r = post(client, case, action="dialogue_schedule", scheduled_on="10/08/2026", notice_on="07/08/2026",
             venue="Hội trường UBND phường", participants="Nguyễn Văn An\nChủ tịch UBND phường")  # fmt: skip
    assert r.status_code == 400
    page = r.content.decode()
    assert "ít nhất 5 ngày" in page and "Hội trường UBND phường" in page and "10/08/2026" in page
    assert not Dialogue.objects.exists()
    r = post(client, case, action="dialogue_schedule", scheduled_on="10/08/2026", notice_on="01/08/2026",
             venue="Hội trường UBND phường", participants="Nguyễn Văn An\nChủ tịch UBND phường")  # fmt: skip
    assert r.status_code == 302
    page = client.get(f"/vu-viec/{case.pk}/").content.decode()
    assert 'id="form-dialogue-minutes"' in page and 'value="case.bien_ban_doi_thoai"' in page
    r = post(client, case, action="dialogue_minutes", on="10/08/2026", minutes="Hai bên trình bày ý kiến",
             signed_by="Chủ tịch UBND phường", refused_to_sign="Nguyễn Văn An: chưa đồng ý", request_differs="1",
             documents=["case.bien_ban_doi_thoai"], v_thoi_gian="08 giờ 00 ngày 10/08/2026",
             v_ket_qua_doi_thoai="Không thống nhất")  # fmt: skip
    assert r.status_code == 302, [m.message for m in r.context["messages"]]
    case.refresh_from_db()
    assert case.state == "dialogue" and Dialogue.objects.get().refused_to_sign == ["Nguyễn Văn An: chưa đồng ý"]
    # The decision with its figures and its document.
    r = post(client, case, action="decision", on="20/08/2026", number="15/QĐ-UBND", result="partly_right",
             summary="Khiếu nại đúng một phần", money_to_citizens="12.500.000", land_to_citizens_m2="15.5",
             people_benefited="1", people_recommended_sanction="2", people_sanctioned="1",
             transferred_to_investigators="0", people_transferred_to_investigators="0",
             documents=["case.quyet_dinh_giai_quyet_lan_dau"], v_can_cu_phap_luat="Điều 82 Luật Đất đai 2024",
             v_xu_ly="Sửa đổi Quyết định thu hồi đất", v_boi_thuong="Không")  # fmt: skip
    assert r.status_code == 302, [m.message for m in r.context["messages"]]
    case.refresh_from_db()
    decision = case.decision
    assert case.state == "decided" and decision.money_to_citizens == 12500000
    assert str(decision.land_to_citizens_m2) == "15.5" and decision.people_sanctioned == 1
    assert docs(case)[-2:] == ["case.bien_ban_doi_thoai", "case.quyet_dinh_giai_quyet_lan_dau"]
    page = client.get(f"/vu-viec/{case.pk}/").content.decode()
    assert "12.500.000 đồng" in page and "Đúng một phần" in page


def test_a_step_and_its_document_are_written_together_or_not_at_all(world, client):
    """Suspension without the responsibilities its decision must state: nothing is written, input kept."""
    case = proposed_case(world)
    client.force_login(world.head)
    post(client, case, action="accept", on="09/03/2026")
    r = post(client, case, action="suspend", on="15/03/2026", note="Chờ kết quả giám định",
             documents=["case.quyet_dinh_tam_dinh_chi"], v_trach_nhiem="")  # fmt: skip
    assert r.status_code == 400 and "Chờ kết quả giám định" in r.content.decode()
    case.refresh_from_db()
    assert case.state == "accepted" and docs(case) == []
    r = post(client, case, action="suspend", on="15/03/2026", note="Chờ kết quả giám định",
             documents=["case.quyet_dinh_tam_dinh_chi"], v_trach_nhiem="Phòng TN-MT cung cấp hồ sơ")  # fmt: skip
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.state == "suspended" and docs(case) == ["case.quyet_dinh_tam_dinh_chi"]
    r = post(client, case, action="resume", on="20/03/2026", note="Đã có kết quả giám định",
             documents=["case.quyet_dinh_tiep_tuc"])  # fmt: skip
    assert r.status_code == 302, [m.message for m in r.context["messages"]]
    case.refresh_from_db()
    assert case.state == "accepted" and docs(case)[-1] == "case.quyet_dinh_tiep_tuc"


def test_publication_form_of_a_denunciation_conclusion(world, client):
    from .test_documents import proposed_denunciation

    case = proposed_denunciation(world)
    client.force_login(world.head)
    post(client, case, action="accept", on="09/03/2026")
    post(client, case, action="verification", on="10/03/2026", leader=world.verifier.pk, plan="Xác minh")
    r = post(client, case, action="decision", on="30/03/2026", number="3/KL-UBND", result="partly_right",
             summary="Tố cáo đúng một phần", people_recommended_sanction="1",
             documents=["case.ket_luan_to_cao"], v_ket_qua_xac_minh="Đã nhận tiền",
             v_can_cu_phap_luat="Luật Cán bộ, công chức", v_trach_nhiem="Cá nhân",
             v_bien_phap_xu_ly="Kiểm điểm")  # fmt: skip
    assert r.status_code == 302, [m.message for m in r.context["messages"]]
    post(client, case, action="send_conclusion", on="31/03/2026")
    page = client.get(f"/vu-viec/{case.pk}/").content.decode()
    assert 'id="form-publication"' in page and "3/KL-UBND" in page
    r = post(client, case, action="publication", method="portal", on="02/04/2026",
             public_text="Kết luận 3/KL-UBND: tố cáo đúng một phần.")  # fmt: skip
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.state == "published" and Publication.objects.get(case=case).method == "portal"


def test_only_those_who_act_get_the_forms_and_the_superior_gets_the_further_denunciation_form(world, client):
    from tests.factories import UserFactory, give_role

    from .test_workflow_details import _concluded

    case = _concluded(world)
    client.force_login(world.reception)
    page = client.get(f"/vu-viec/{case.pk}/").content.decode()
    assert "Chỉ chuyên viên, người xác minh hoặc thủ trưởng" in page and "<form" not in page.split("Bước tiếp theo")[1]
    head_p = UserFactory(username="ct_tinh")
    give_role(head_p, world.province, "unit_head")
    client.force_login(head_p)
    page = client.get(f"/vu-viec/{case.pk}/").content.decode()
    assert 'id="form-further"' in page
    r = client.post(f"/vu-viec/{case.pk}/buoc/", {"action": "further", "unit": world.province.pk,
                                                  "received_on": "02/06/2026", "note": "Chưa khách quan"})  # fmt: skip
    further = Case.objects.get(previous_round=case)
    assert r.status_code == 302 and r["Location"] == f"/vu-viec/{further.pk}/"
    page = client.get(f"/vu-viec/{further.pk}/").content.decode()
    assert "Xem xét tố cáo tiếp" in page and 'id="form-accept_further"' in page


# --- The case list: filters, flags, due badges, the export link ---------------------------------------


def test_case_list_filters_and_shows_flags_and_overdue(world, client):
    overdue = step(world, proposed_case(world), "accept", dt.date(2026, 3, 9))
    fresh = proposed_case(world, "denunciation", "TC.TN")
    fresh.mass_delegation = True
    fresh.save()
    client.force_login(world.head)
    page = client.get("/vu-viec/").content.decode()
    assert overdue.code in page and fresh.code in page
    assert "Quá hạn" in page and "Đoàn đông người" in page and "Khiếu nại lần 1" in page
    assert 'href="/vu-viec/xuat-excel/?"' in page
    page = client.get("/vu-viec/", {"flag": "mass", "type": "denunciation"}).content.decode()
    assert fresh.code in page and overdue.code not in page
    assert "/vu-viec/xuat-excel/?flag=mass&amp;type=denunciation" in page  # the export takes the same filters
    page = client.get("/vu-viec/", {"due": "someday"}).content.decode()  # a bad value: a message, no list
    assert overdue.code not in page and "is-invalid" in page


def test_case_list_review_pill_keeps_other_filters_apart(world, client):
    pending = proposed_case(world)
    client.force_login(world.head)
    page = client.get("/vu-viec/", {"review": "not_started"}).content.decode()
    assert pending.code in page and 'name="review" value="not_started"' in page


def test_case_list_shows_the_acceptance_limit_of_a_case_pending_acceptance(world, client):
    from tiepdan.cases import selectors

    pending = proposed_case(world)  # a complaint proposed for acceptance: its petition runs complaint.accept
    limit = selectors.case_deadlines(pending).get(rule_code="complaint.accept")
    client.force_login(world.head)
    page = client.get("/vu-viec/").content.decode()
    row = page[page.index(pending.code) :].split("</tr>")[0]
    assert "Hạn thụ lý" in row and f"{limit.due_on:%d/%m/%Y}" in row
    assert ("Quá hạn thụ lý" in row) == (limit.due_on < dt.date.today())
    assert selectors.acceptance_limits([pending])[pending.pk] == limit
    accepted = step(world, pending, "accept", limit.trigger_on + dt.timedelta(days=2))
    assert selectors.acceptance_limits([accepted]) == {}  # accepted: the resolution limit is shown instead


def test_case_states_are_translated_on_the_english_pages(world, client):
    pending = proposed_case(world)
    client.force_login(world.head)
    page = client.get("/vu-viec/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Pending acceptance" in page and "Chờ thụ lý" not in page
    page = client.get(f"/vu-viec/{pending.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<span class="badge text-bg-secondary">Pending acceptance</span>' in page
    assert ">Accept</button>" in page and ">Thụ lý</button>" not in page  # the next steps are in English too
