"""The petition pages with the personas: scope (404), forms through the services, redaction, double submit."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tiepdan.core.models import AuditEvent
from tiepdan.documents.models import GeneratedDocument
from tiepdan.orgs.selectors import today
from tiepdan.people.models import Person
from tiepdan.people.rules import REDACTED_NAME
from tiepdan.petitions import services
from tiepdan.petitions.models import Petition, PetitionStatus
from tiepdan.petitions.services import PetitionerInput

from .conftest import leaf, register

pytestmark = pytest.mark.django_db

DENOUNCER = "Trần Văn Khuê"
DENOUNCER_ID = "001085099999"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def page(client, url, **params):
    response = client.get(url, params)
    return response, response.content.decode()


def form_data(**overrides):
    data = {
        "unit": "",
        "channel": "post",
        "type": "complaint",
        "received_on": today().strftime("%d/%m/%Y"),
        "letter_date": "",
        "summary": "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất",
        "content": "Tôi đề nghị xem xét lại việc cấp giấy chứng nhận.",
        "respondent_name": "UBND phường An Bình",
        "signature_present": "on",
        "submission_key": "token-1",
        "nguoi-TOTAL_FORMS": "2",
        "nguoi-INITIAL_FORMS": "0",
        "nguoi-MIN_NUM_FORMS": "0",
        "nguoi-MAX_NUM_FORMS": "200",
        "nguoi-0-full_name": "Lê Thị Hoa",
        "nguoi-0-id_number": "001190045678",
        "nguoi-0-address": "Tổ 3",
        "nguoi-0-phone": "0912 345 678",
        "nguoi-1-full_name": "",
    }
    data.update(overrides)
    return data


def denunciation(world, actor=None):
    return register(
        world, actor=actor or world.handler, type="denunciation", summary="Tố cáo cán bộ địa chính nhận tiền",
        content=f"Tôi là {DENOUNCER}, tố cáo ông X.", respondent_name="Ông X, cán bộ địa chính",
        petitioners=[PetitionerInput(full_name=DENOUNCER, id_number=DENOUNCER_ID, address="Số 9 ngõ Hạnh Phúc")],
    )  # fmt: skip


def classify(world, petition, *, within=True, field="KN.HC.DD.TH"):
    return services.classify_petition(
        actor=world.handler, petition=petition, subject_field=leaf(field, petition.type), within_competence=within
    )


# --- Registration -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "status"), [
    ("reception", 200), ("handler", 200), ("head", 200), ("admin", 200), ("outsider", 200),
    ("verifier", 404), ("statistician_p", 404), ("inspector", 404), ("vault", 404),
])  # fmt: skip
def test_registration_page_only_for_registering_roles(world, client, persona, status):
    client.force_login(getattr(world, persona))
    response, html = page(client, "/don/moi/")
    assert response.status_code == status
    home = client.get("/").content.decode()
    assert ("/don/moi/" in home) is (status == 200)  # the menu entry "Vào sổ đơn"
    if status == 200:
        assert "Vào sổ đơn" in html and 'name="submission_key"' in html and "autofocus" in html


def test_register_through_the_form(world, client):
    client.force_login(world.handler)
    response = client.post("/don/moi/", form_data(unit=world.unit_a.pk), follow=True)
    petition = Petition.objects.get()
    assert response.redirect_chain[-1][0] == f"/don/{petition.pk}/"
    html = response.content.decode()
    assert f"Đã vào sổ đơn {petition.code}. Hạn xử lý: {petition.due_on:%d/%m/%Y}." in html
    signer = petition.petitioners.get().person
    assert signer.full_name == "Lê Thị Hoa" and signer.phone == "0912345678"
    assert petition.channel == "post" and petition.received_on == today() and petition.assignee == world.handler


def test_register_accepts_dates_typed_in_short_forms(world, client):
    client.force_login(world.handler)
    day = today() - dt.timedelta(days=3)
    client.post("/don/moi/", form_data(unit=world.unit_a.pk, received_on=day.strftime("%d%m%Y"),
                                       letter_date=f"{day.day}/{day.month}/{day.year}"))  # fmt: skip
    petition = Petition.objects.get()
    assert petition.received_on == day and petition.letter_date == day


def test_register_and_continue_returns_to_an_empty_form(world, client):
    client.force_login(world.handler)
    response = client.post("/don/moi/", form_data(unit=world.unit_a.pk, after="new"))
    assert response.status_code == 302 and response["Location"] == "/don/moi/"


@pytest.mark.parametrize(("overrides", "message"), [
    ({"summary": ""}, "Trường này bắt buộc nhập."),
    ({"received_on": "31/02/2026"}, "Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy"),
    ({"nguoi-0-id_number": "12345"}, "Số giấy tờ gồm 5 chữ số: số căn cước gồm 12 chữ số"),
    ({"nguoi-0-id_number": "AB"}, "Số hộ chiếu không hợp lệ"),
    ({"nguoi-0-id_number": "099085012345"}, "không phải mã tỉnh nơi đăng ký khai sinh"),
    ({"type": ""}, "Hãy chọn một mục."),
    ({"nguoi-0-phone": "12345"}, "Số điện thoại không hợp lệ"),
    ({"nguoi-0-full_name": ""}, "Hãy nhập họ và tên người gửi đơn."),
    # Refused by the service: the message is put next to the field it names.
    ({"received_on": "01/01/2099"}, "Ngày nhận đơn không được sau ngày hôm nay."),
    ({"channel": "transferred"}, "Đơn do cơ quan khác chuyển đến: hãy ghi tên cơ quan chuyển đơn."),
    ({"nguoi-0-full_name": "", "nguoi-0-id_number": "", "nguoi-0-address": "", "nguoi-0-phone": ""},
     "Đơn phải có ít nhất một người gửi (hoặc đánh dấu là đơn nặc danh)."),
])  # fmt: skip
def test_bad_registration_shows_vietnamese_messages_and_writes_nothing(world, client, overrides, message):
    client.force_login(world.handler)
    response = client.post("/don/moi/", form_data(unit=world.unit_a.pk, **overrides))
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "Đơn chưa được vào sổ" in html
    assert Petition.objects.count() == 0 and Person.objects.count() == 0
    assert not AuditEvent.objects.filter(action="petitions.register").exists()
    # What was typed stays in the form, with the same token.
    assert 'value="token-1"' in html


def test_service_error_is_shown_next_to_its_field(world, client):
    client.force_login(world.handler)
    html = client.post("/don/moi/", form_data(unit=world.unit_a.pk, received_on="01/01/2099")).content.decode()
    field = html.split('id="id_received_on"')[0].rsplit("<input", 1)[1] + html.split('id="id_received_on"')[1][:400]
    assert "is-invalid" in field and "Ngày nhận đơn không được sau ngày hôm nay." in field


def test_five_petitioners_need_a_representative(world, client):
    client.force_login(world.handler)
    people = {"nguoi-TOTAL_FORMS": "5"}
    for i in range(5):
        people[f"nguoi-{i}-full_name"] = f"Người thứ {i + 1}"
    response = client.post("/don/moi/", form_data(unit=world.unit_a.pk, **people))
    assert response.status_code == 400 and "hãy chọn người đại diện" in response.content.decode()
    people["nguoi-2-is_representative"] = "on"
    assert client.post("/don/moi/", form_data(unit=world.unit_a.pk, **people)).status_code == 302
    assert Petition.objects.get().mass_delegation


def test_double_submit_with_the_same_token_registers_one_petition(world, client):
    client.force_login(world.handler)
    first = client.post("/don/moi/", form_data(unit=world.unit_a.pk, submission_key="same-token"))
    again = client.post("/don/moi/", form_data(unit=world.unit_a.pk, submission_key="same-token"), follow=True)
    petition = Petition.objects.get()
    assert first["Location"] == f"/don/{petition.pk}/"
    assert again.redirect_chain[-1][0] == f"/don/{petition.pk}/"
    assert "đã vào sổ với mã" in again.content.decode()
    assert Person.objects.count() == 1


def test_unit_outside_the_registering_units_is_refused(world, client):
    client.force_login(world.handler)
    response = client.post("/don/moi/", form_data(unit=world.unit_b.pk))
    assert response.status_code == 400 and Petition.objects.count() == 0


def test_person_lookup_is_scoped(world, client):
    person = Person.objects.create(full_name="Nguyễn Thị Lookup", name_folded="nguyen thi lookup",
                                   id_number="001190045678", owner_unit=world.unit_a)  # fmt: skip
    client.force_login(world.handler)
    html = page(client, "/don/moi/tra-cuu-cong-dan/", q="nguyen thi look", row="0")[1]
    assert "Nguyễn Thị Lookup" in html and f'data-person-id="{person.pk}"' in html
    assert "Nguyễn Thị Lookup" in page(client, "/don/moi/tra-cuu-cong-dan/", q="001190045678", row="0")[1]
    client.force_login(world.handler_b)
    assert "Nguyễn Thị Lookup" not in page(client, "/don/moi/tra-cuu-cong-dan/", q="nguyen thi", row="0")[1]


def test_chosen_person_is_linked_not_duplicated(world, client):
    register(world)
    person = Person.objects.get()
    client.force_login(world.handler)
    data = form_data(
        unit=world.unit_a.pk,
        **{
            "nguoi-0-person_id": str(person.pk),
            "nguoi-0-full_name": "",
            "nguoi-0-id_number": "",
            "nguoi-0-address": "",
            "nguoi-0-phone": "",
        },
    )
    assert client.post("/don/moi/", data).status_code == 302
    assert Person.objects.count() == 1
    assert Petition.objects.order_by("-pk").first().petitioners.get().person == person


def test_live_duplicate_panel(world, client):
    first = register(world)
    client.force_login(world.handler)
    data = {"unit": world.unit_a.pk, "type": "complaint", "summary": "thu hồi đất của UBND phường An Bình",
            "nguoi-0-id_number": "001085012345", "nguoi-0-full_name": ""}  # fmt: skip
    html = client.post("/don/moi/kiem-tra-trung/", data, HTTP_HX_REQUEST="true").content.decode()
    assert first.code in html and "Cùng số giấy tờ của người gửi" in html and "Nội dung tương tự" in html
    assert "<html" not in html
    nothing = client.post("/don/moi/kiem-tra-trung/", {"unit": world.unit_a.pk, "summary": "ngắn"}).content.decode()
    assert first.code not in nothing and "Nhập tóm tắt nội dung" in nothing
    # Another unit's handler cannot probe unit A.
    client.force_login(world.handler_b)
    assert client.post("/don/moi/kiem-tra-trung/", data).status_code == 404


# --- Queue --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "sees_a", "sees_b"), [
    ("handler", True, False), ("head", True, False), ("verifier", True, False), ("handler_b", False, True),
    ("statistician_p", True, True), ("outsider", False, False), ("admin", True, True),
])  # fmt: skip
def test_queue_is_scoped(world, client, persona, sees_a, sees_b):
    a = register(world)
    b = register(world, actor=world.handler_b, unit=world.unit_b,
                 petitioners=[PetitionerInput(full_name="Phạm Văn Bê")])  # fmt: skip
    client.force_login(getattr(world, persona))
    response, html = page(client, "/don/")
    assert response.status_code == 200 and "Đơn cần xử lý" in html
    assert (a.code in html) is sees_a and (b.code in html) is sees_b


def test_queue_filters(world, client):
    complaint = register(world)  # received 02/03/2026: overdue now
    rec = register(
        world, type="rec_feedback", received_on=today(), letter_date=None, channel="in_person",
        summary="Phản ánh đèn đường hỏng ở ngõ 12", petitioners=[PetitionerInput(full_name="Lê Văn Tư")],
    )  # fmt: skip
    client.force_login(world.handler)
    html = page(client, "/don/")[1]
    assert complaint.code in html and rec.code in html
    assert "Quá hạn" in html and "text-bg-danger" in html and "Trong hạn" in html
    only = page(client, "/don/", type="rec_feedback")[1]
    assert rec.code in only and complaint.code not in only
    assert complaint.code in page(client, "/don/", overdue="1")[1]
    assert rec.code not in page(client, "/don/", overdue="1")[1]
    assert rec.code in page(client, "/don/", q="den duong")[1]
    assert complaint.code not in page(client, "/don/", q="den duong")[1]
    assert rec.code in page(client, "/don/", channel="in_person")[1]
    # A letter imported from an old register is found by its reference there, and its page shows it.
    imported = register(world, external_ref="SO-0000042")
    assert imported.code in page(client, "/don/", q="SO-0000042")[1]
    assert complaint.code not in page(client, "/don/", q="SO-0000042")[1]
    detail = page(client, f"/don/{imported.pk}/")[1]
    assert "Mã tham chiếu ngoài" in detail and "SO-0000042" in detail
    assert "Mã tham chiếu ngoài" not in page(client, f"/don/{complaint.pk}/")[1]
    assert complaint.code not in page(client, "/don/", assignee="none")[1]
    assert complaint.code in page(client, "/don/", assignee="me")[1]
    assert complaint.code in page(client, "/don/", unit="A")[1]
    assert complaint.code not in page(client, "/don/", unit="B")[1]
    classify(world, complaint)
    assert complaint.code in page(client, "/don/", field="KN.HC.DD")[1]
    assert rec.code not in page(client, "/don/", field="KN.HC.DD")[1]
    due = page(client, "/don/", due_before=today().strftime("%d/%m/%Y"))[1]
    assert complaint.code in due and rec.code not in due
    bad = page(client, "/don/", due_before="99/99/2026")
    assert bad[0].status_code == 200 and "Ngày không hợp lệ" in bad[1] and complaint.code not in bad[1]


def test_queue_shows_open_petitions_by_default(world, client):
    done = classify(world, register(world))
    services.archive(actor=world.handler, petition=done, reason="no_new_facts")
    waiting = register(world)
    client.force_login(world.handler)
    html = page(client, "/don/")[1]
    assert waiting.code in html and done.code not in html
    assert done.code in page(client, "/don/", status="")[1]
    assert done.code in page(client, "/don/", status="processed")[1]


def test_queue_pagination_keeps_the_filters(world, client):
    for _ in range(51):
        register(world)
    client.force_login(world.handler)
    html = page(client, "/don/", type="complaint")[1]
    assert "51 đơn" in html and "type=complaint&amp;page=2" in html
    assert html.count('<a class="fw-semibold" href="/don/') == 50
    second = page(client, "/don/", type="complaint", page="2")[1]
    assert second.count('<a class="fw-semibold" href="/don/') == 1


def test_queue_runs_a_constant_number_of_queries(world, client, django_assert_max_num_queries):
    def load() -> int:
        client.force_login(world.handler)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/don/").status_code == 200
        return len(ctx.captured_queries)

    for i in range(5):
        register(world, petitioners=[PetitionerInput(full_name=f"Người {i}"), PetitionerInput(full_name="Bà B")])
    denunciation(world)
    few = load()
    for i in range(34):
        register(world, petitioners=[PetitionerInput(full_name=f"Người {i}")])
    assert Petition.objects.count() == 40
    many = load()
    assert many == few
    with django_assert_max_num_queries(25):
        client.get("/don/")


# --- Denunciations: redacted everywhere, revealed once to the allowed -----------------------------------


def test_denouncer_is_redacted_on_queue_and_detail(world, client):
    petition = denunciation(world)
    for persona in ("handler", "head", "verifier", "statistician_p", "vault"):
        client.force_login(getattr(world, persona))
        for url in ("/don/", f"/don/{petition.pk}/", "/don/?q=Khue", "/"):
            html = page(client, url)[1]
            assert DENOUNCER not in html and DENOUNCER_ID not in html and "Số 9 ngõ Hạnh Phúc" not in html
        assert REDACTED_NAME in page(client, "/don/")[1]
    # Searching the denouncer's name finds nothing.
    client.force_login(world.head)
    assert petition.code not in page(client, "/don/", q=DENOUNCER)[1]
    assert petition.code not in page(client, "/don/", q=DENOUNCER_ID)[1]


@pytest.mark.parametrize(("persona", "allowed"), [
    ("handler", True), ("head", True), ("vault", True), ("verifier", False), ("statistician_p", False),
])  # fmt: skip
def test_identity_button_only_for_allowed_users(world, client, persona, allowed):
    petition = denunciation(world)  # registered by the handler, who is assigned and granted
    identity_id = petition.petitioners.get().identity_id
    client.force_login(getattr(world, persona))
    html = page(client, f"/don/{petition.pk}/")[1]
    assert ("Xem danh tính" in html) is allowed
    response = client.post(f"/don/{petition.pk}/danh-tinh/{identity_id}/", {"purpose": "Lập thông báo thụ lý"})
    if allowed:
        assert response.status_code == 200 and DENOUNCER in response.content.decode()
        assert response["Cache-Control"] == "no-store"
        event = AuditEvent.objects.get(action="people.identity.view")
        assert "Lập thông báo thụ lý" in event.reason and petition.code in event.reason
        assert DENOUNCER not in str(event.changes) and DENOUNCER not in event.reason
        # Shown once: the next page view is redacted again.
        assert DENOUNCER not in page(client, f"/don/{petition.pk}/")[1]
    else:
        assert response.status_code == 404
        assert not AuditEvent.objects.filter(action="people.identity.view").exists()


def test_reveal_needs_a_purpose_and_the_petitions_own_identity(world, client):
    petition = denunciation(world)
    other = denunciation(world)
    identity_id = petition.petitioners.get().identity_id
    client.force_login(world.handler)
    response = client.post(f"/don/{petition.pk}/danh-tinh/{identity_id}/", {"purpose": ""}, HTTP_HX_REQUEST="true")
    assert "Hãy ghi mục đích xem danh tính" in response.content.decode()
    assert DENOUNCER not in response.content.decode()
    assert client.post(f"/don/{other.pk}/danh-tinh/{identity_id}/", {"purpose": "x"}).status_code == 404
    assert not AuditEvent.objects.filter(action="people.identity.view").exists()
    fragment = client.post(f"/don/{petition.pk}/danh-tinh/{identity_id}/", {"purpose": "Kiểm tra"},
                           HTTP_HX_REQUEST="true").content.decode()  # fmt: skip
    assert DENOUNCER in fragment and "<html" not in fragment


# --- Petition page ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "status", "handles"), [
    ("handler", 200, True), ("head", 200, True), ("admin", 200, True), ("verifier", 200, False),
    ("statistician_p", 200, False), ("reception", 200, False), ("handler_b", 404, False), ("outsider", 404, False),
])  # fmt: skip
def test_detail_page_by_persona(world, client, persona, status, handles):
    petition = register(world)
    client.force_login(getattr(world, persona))
    response, html = page(client, f"/don/{petition.pk}/")
    assert response.status_code == status
    if status == 200:
        assert petition.code in html and "Nguyễn Văn An" in html and "Diễn biến" in html
        assert ("Lưu phân loại" in html) is handles
        assert ("Chế độ chỉ xem" in html) is not handles
    assert client.get("/don/999999/").status_code == 404


def test_writes_by_out_of_scope_users_answer_404(world, client):
    petition = register(world)
    client.force_login(world.handler_b)
    for url, data in [
        (f"/don/{petition.pk}/phan-loai/", {"pl-version": petition.version}),
        (f"/don/{petition.pk}/xu-ly/archive/", {"archive-version": petition.version, "archive-reason": "duplicate"}),
        (f"/don/{petition.pk}/phan-cong/", {"pc-version": petition.version}),
        (f"/don/{petition.pk}/don-trung/", {"version": petition.version, "decision": "new"}),
    ]:
        assert client.post(url, data).status_code == 404
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.REGISTERED and petition.case is None


def classify_data(petition, **overrides):
    data = {
        "pl-version": petition.version,
        "pl-type": petition.type,
        "pl-subject_field": leaf("KN.HC.DD.TH", "complaint").pk,
        "pl-within_competence": "1",
        "pl-resolution_status": "unresolved",
        "pl-competent_body_name": "",
        "pl-flag_signature_present": "on",
    }
    data.update(overrides)
    return data


def test_classify_then_propose_acceptance_and_download(world, client):
    petition = register(world)
    client.force_login(world.handler)
    html = page(client, f"/don/{petition.pk}/")[1]
    assert "Đề xuất thụ lý" not in html  # not offered before classification
    response = client.post(f"/don/{petition.pk}/phan-loai/", classify_data(petition), follow=True)
    assert "Đã lưu phân loại đơn" in response.content.decode()
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.CLASSIFIED and petition.eligible and petition.within_competence
    html = page(client, f"/don/{petition.pk}/")[1]
    for offered in ("Đề xuất thụ lý", "Thông báo không thụ lý", "Lưu đơn"):
        assert f'<summary class="px-3 py-2 fw-semibold">{offered}</summary>' in html
    assert "Hướng dẫn gửi đến cơ quan có thẩm quyền</summary>" not in html
    assert 'value="Phạm' not in html  # no head in this unit: the signer's name is to be typed
    response = client.post(f"/don/{petition.pk}/xu-ly/propose_acceptance/", {
        "propose_acceptance-version": petition.version, "propose_acceptance-proposal": "Đề nghị thụ lý lần đầu",
        "propose_acceptance-on": today().strftime("%d/%m/%Y"), "propose_acceptance-signer_title": "CHỦ TỊCH",
        "propose_acceptance-signer_name": "Phạm Văn Chủ",
    }, follow=True)  # fmt: skip
    html = response.content.decode()
    assert "Đã xử lý đơn: Đề xuất thụ lý." in html
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.PROCESSED and petition.outcome == "propose_acceptance"
    document = petition.outcome_document
    assert f"/van-ban/{document.pk}/docx" in html and f"/van-ban/{document.pk}/pdf" in html
    download = client.get(f"/van-ban/{document.pk}/docx")
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"


def test_classify_bad_input_changes_nothing(world, client):
    petition = register(world)
    client.force_login(world.handler)
    response = client.post(f"/don/{petition.pk}/phan-loai/", classify_data(petition, **{"pl-subject_field": ""}))
    assert response.status_code == 400 and "Hãy chọn một mục." in response.content.decode()
    response = client.post(f"/don/{petition.pk}/phan-loai/", classify_data(
        petition, **{"pl-within_competence": "0"}))  # fmt: skip
    assert response.status_code == 400
    assert "hãy chọn đơn vị hoặc ghi tên cơ quan có thẩm quyền" in response.content.decode()
    # A field of another type's list is refused by the service.
    wrong = leaf("TC.TN", "denunciation").pk
    response = client.post(f"/don/{petition.pk}/phan-loai/", classify_data(petition, **{"pl-subject_field": wrong}))
    assert response.status_code == 400
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.REGISTERED and petition.version == 1


def test_stale_form_is_refused(world, client):
    petition = register(world)
    client.force_login(world.handler)
    stale = classify_data(petition)
    classify(world, petition)
    response = client.post(f"/don/{petition.pk}/phan-loai/", stale)
    assert response.status_code == 400 and "vừa được người khác cập nhật" in response.content.decode()


def test_read_only_users_cannot_write(world, client):
    petition = register(world)
    client.force_login(world.verifier)
    response = client.post(f"/don/{petition.pk}/phan-loai/", classify_data(petition))
    assert response.status_code == 400 and "Chỉ chuyên viên xử lý đơn" in response.content.decode()
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.REGISTERED


def test_outcome_bad_input_and_guards(world, client):
    petition = classify(world, register(world))
    client.force_login(world.handler)
    base = {"reject_acceptance-version": petition.version, "reject_acceptance-signer_title": "CHỦ TỊCH",
            "reject_acceptance-signer_name": "Phạm Văn Chủ"}  # fmt: skip
    response = client.post(f"/don/{petition.pk}/xu-ly/reject_acceptance/", base)
    assert response.status_code == 400 and "Hãy chọn một mục." in response.content.decode()
    archive = {"archive-version": petition.version, "archive-reason": "other", "archive-note": ""}
    response = client.post(f"/don/{petition.pk}/xu-ly/archive/", archive)
    assert response.status_code == 400 and "Lý do khác: hãy ghi rõ lý do lưu đơn." in response.content.decode()
    # Not allowed for a complaint within competence: the guard's message, nothing written.
    guide = {"guide-version": petition.version, "guide-competent_body": "Tòa án", "guide-reason": "x",
             "guide-signer_title": "CHỦ TỊCH", "guide-signer_name": "Phạm Văn Chủ"}  # fmt: skip
    response = client.post(f"/don/{petition.pk}/xu-ly/guide/", guide)
    assert response.status_code == 400 and "Đơn thuộc thẩm quyền của đơn vị" in response.content.decode()
    assert client.post(f"/don/{petition.pk}/xu-ly/khong-co/", guide).status_code == 404
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.CLASSIFIED and not GeneratedDocument.objects.exists()
    response = client.post(f"/don/{petition.pk}/xu-ly/reject_acceptance/",
                           {**base, "reject_acceptance-ground": "art11.5"}, follow=True)  # fmt: skip
    assert "Đã xử lý đơn: Thông báo không thụ lý." in response.content.decode()


def test_missing_signer_is_asked_for(world, client):
    petition = classify(world, register(world))
    client.force_login(world.handler)
    response = client.post(f"/don/{petition.pk}/xu-ly/propose_acceptance/", {
        "propose_acceptance-version": petition.version, "propose_acceptance-proposal": "Thụ lý",
        "propose_acceptance-signer_title": "CHỦ TỊCH", "propose_acceptance-signer_name": "",
    })  # fmt: skip
    assert response.status_code == 400 and "Trường này bắt buộc nhập." in response.content.decode()
    assert not GeneratedDocument.objects.exists()


def test_signer_is_prefilled_with_the_head(world, client):
    petition = classify(world, register(world))
    client.force_login(world.handler)
    html = page(client, f"/don/{petition.pk}/")[1]
    assert f'value="{world.head.get_full_name()}"' in html and 'value="CHỦ TỊCH"' in html


def test_guide_outside_competence(world, client):
    petition = register(world)
    services.classify_petition(actor=world.handler, petition=petition, subject_field=leaf("KN.HC.DD.TH", "complaint"),
                               within_competence=False, competent_body_name="Tòa án nhân dân khu vực 1")  # fmt: skip
    petition.refresh_from_db()
    client.force_login(world.handler)
    html = page(client, f"/don/{petition.pk}/")[1]
    assert 'value="Tòa án nhân dân khu vực 1"' in html and "Đề xuất thụ lý</summary>" not in html
    response = client.post(f"/don/{petition.pk}/xu-ly/guide/", {
        "guide-version": petition.version, "guide-competent_body": "Tòa án nhân dân khu vực 1",
        "guide-reason": "Tranh chấp dân sự thuộc thẩm quyền Tòa án", "guide-signer_title": "CHỦ TỊCH",
        "guide-signer_name": "Phạm Văn Chủ",
    })  # fmt: skip
    assert response.status_code == 302
    assert Petition.objects.get(pk=petition.pk).outcome == "guide"


def test_duplicate_decisions_from_the_page(world, client):
    first = register(world)
    second = register(world)
    client.force_login(world.handler)
    html = page(client, f"/don/{second.pk}/")[1]
    assert first.code in html and "Cùng số giấy tờ của người gửi" in html
    decision = {"version": second.version, "decision": "linked", "other": first.pk}
    response = client.post(f"/don/{second.pk}/don-trung/", decision, follow=True)
    assert "Đã ghi nhận: Cùng vụ việc đã có." in response.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.case == first.case and second.case is not None
    other_unit = register(world, actor=world.handler_b, unit=world.unit_b)
    response = client.post(f"/don/{second.pk}/don-trung/",
                           {"version": second.version, "decision": "duplicate", "other": other_unit.pk})  # fmt: skip
    assert response.status_code == 404
    second.refresh_from_db()
    assert second.duplicate_status == "linked"


def test_assign_from_the_page(world, client):
    petition = register(world, actor=world.reception)
    assert petition.assignee is None
    client.force_login(world.head)
    html = page(client, f"/don/{petition.pk}/")[1]
    assert "Phân công xử lý" in html and world.handler.get_full_name() in html
    response = client.post(f"/don/{petition.pk}/phan-cong/", {"pc-version": petition.version,
                                                             "pc-assignee": world.handler.pk})  # fmt: skip
    assert response.status_code == 302
    assert Petition.objects.get(pk=petition.pk).assignee == world.handler
    response = client.post(f"/don/{petition.pk}/phan-cong/", {"pc-version": petition.version + 1,
                                                             "pc-assignee": world.verifier.pk})  # fmt: skip
    assert response.status_code == 400  # not a handler of the unit: not in the list


def test_split_from_the_page(world, client):
    petition = register(world, summary="Vừa khiếu nại vừa phản ánh")
    client.force_login(world.handler)
    one = {"tach-version": petition.version, "tach-type_1": "complaint", "tach-summary_1": "Khiếu nại thu hồi đất"}
    response = client.post(f"/don/{petition.pk}/tach-don/", one)
    assert response.status_code == 400 and "Tách đơn cần ít nhất hai phần nội dung." in response.content.decode()
    both = {**one, "tach-type_2": "rec_feedback", "tach-summary_2": "Phản ánh đường hỏng"}
    response = client.post(f"/don/{petition.pk}/tach-don/", both, follow=True)
    assert f"Đã tách đơn thành: {petition.code}.1, {petition.code}.2." in response.content.decode()
    assert Petition.objects.get(pk=petition.pk).status == PetitionStatus.SPLIT


def test_return_originals_from_the_page(world, client):
    petition = register(world, originals_attached=True)
    client.force_login(world.handler)
    assert "Trả lại giấy tờ gốc" in page(client, f"/don/{petition.pk}/")[1]
    data = {"tl-version": petition.version, "tl-documents": "Bản gốc quyết định\n\nSổ đỏ", "tl-reason": "Không cần",
            "tl-signer_title": "CHỦ TỊCH", "tl-signer_name": "Phạm Văn Chủ"}  # fmt: skip
    assert client.post(f"/don/{petition.pk}/tra-lai-giay-to/", {**data, "tl-reason": ""}).status_code == 400
    assert client.post(f"/don/{petition.pk}/tra-lai-giay-to/", data).status_code == 302
    petition.refresh_from_db()
    assert petition.originals_returned_on == today()
    assert "Trả lại 2 giấy tờ gốc" in page(client, f"/don/{petition.pk}/")[1]


def test_denunciation_letter_hidden_from_those_who_may_not_open_it(world, client):
    petition = denunciation(world)
    services.classify_petition(actor=world.handler, petition=petition, subject_field=leaf("TC.TN", "denunciation"),
                               within_competence=False, competent_body_name="Thanh tra Thành phố")  # fmt: skip
    services.transfer(actor=world.handler, petition=Petition.objects.get(pk=petition.pk), to_body="",
                      signer=services.Signer("CHỦ TỊCH", "Phạm Văn Chủ"))  # fmt: skip
    document = Petition.objects.get(pk=petition.pk).outcome_document
    assert document.contains_denouncer_identity
    client.force_login(world.verifier)
    html = page(client, f"/don/{petition.pk}/")[1]
    assert f"/van-ban/{document.pk}/docx" not in html and "thủ trưởng đơn vị, cán bộ bảo mật" in html
    for allowed in (world.head, world.handler):  # the assigned handler holds the identity grant
        client.force_login(allowed)
        assert f"/van-ban/{document.pk}/docx" in page(client, f"/don/{petition.pk}/")[1]


# --- Dashboard panel ----------------------------------------------------------------------------------


def test_dashboard_panel_counts(world, client):
    register(world)  # overdue
    register(world, received_on=today(), letter_date=None)  # on time
    register(world, actor=world.handler_b, unit=world.unit_b)
    client.force_login(world.handler)
    html = client.get("/").content.decode()
    assert "Đơn cần xử lý" in html
    numbers = re.findall(r'<div class="td-stat[^"]*">(\d+)</div><div class="small text-muted">([^<]+)</div>', html)
    assert {label: int(n) for n, label in numbers} == {
        "Đang xử lý": 2,
        "Giao cho tôi": 2,
        "Sắp đến hạn": 0,
        "Quá hạn": 1,
    }
    client.force_login(world.statistician_p)
    html = client.get("/").content.decode()
    numbers = re.findall(r'<div class="td-stat[^"]*">(\d+)</div><div class="small text-muted">([^<]+)</div>', html)
    assert {label: int(n) for n, label in numbers}["Đang xử lý"] == 3
    assert "?status=open&amp;overdue=1" in html
