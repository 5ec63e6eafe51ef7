"""The denouncer's identity never leaves the vault through the case channels: the case pages, the case API
(list, detail, documents), the documents for the denounced party or for publication, the documents list and
downloads, the events, the audit trail and the logs — for every persona the law does not allow
(Điều 47 Luật Tố cáo 2018). Only the notices addressed to the denouncer name them, and only the unit's head,
the assigned handler and the vault officer can open those."""

from __future__ import annotations

import io
import json
import logging

import pytest
from docx import Document

from tiepdan.cases import documents as case_documents
from tiepdan.cases.models import CaseEvent
from tiepdan.core.models import AuditEvent
from tiepdan.documents.models import GeneratedDocument

from .test_documents import DENOUNCED, DENOUNCER, DENOUNCER_ADDRESS, DENOUNCER_ID, proposed_denunciation

pytestmark = pytest.mark.django_db

SECRETS = (DENOUNCER, DENOUNCER_ID, DENOUNCER_ADDRESS, "Bí Mật Xuyên", "Bi Mat Xuyen", "bi mat xuyen")
# Everyone of the fixture world but the head and the vault officer of unit A (the case's unit) and the handler
# who was assigned the letter; "handler2" is another handler of unit A, never assigned it.
NOT_ALLOWED = ("reception", "handler2", "verifier", "inspector", "statistician", "leader", "statistician_p",
               "handler_b", "outsider")  # fmt: skip
ALLOWED = ("head", "vault", "handler")


@pytest.fixture(autouse=True)
def second_handler(world):
    from tests.factories import UserFactory, give_role

    world.users["handler2"] = UserFactory(username="handler2")
    give_role(world.users["handler2"], world.unit_a, "petition_handler")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _absent(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} in {where}"


def _docx(document: GeneratedDocument) -> str:
    with document.file.open("rb") as fh:
        doc = Document(io.BytesIO(fh.read()))
    return "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])


@pytest.fixture
def walked(world, api_client, caplog):
    """A denunciation taken from acceptance to publication by the head through the API, with every document
    its steps need (the notices to the denouncer included)."""
    caplog.set_level(logging.DEBUG)
    case = proposed_denunciation(world)
    api_client.force_authenticate(world.head)

    def post(path, body):
        response = api_client.post(f"/api/v1/cases/{case.pk}/{path}/", body, format="json")
        assert response.status_code == 200, response.json()

    post("accept", {"on": "2026-03-09", "documents": ["case.quyet_dinh_thu_ly", "case.thong_bao_thu_ly",
                                                       "case.thong_bao_nguoi_bi_to_cao"]})  # fmt: skip
    post("verification", {"leader": world.verifier.username, "plan": "Làm việc với người bị tố cáo",
                           "on": "2026-03-10"})  # fmt: skip
    post("decision", {
        "number": "3/KL-UBND", "issued_on": "2026-03-30", "result": "partly_right",
        "summary": "Tố cáo đúng một phần", "documents": ["case.ket_luan_to_cao"],
        "document_values": {"ket_qua_xac_minh": "Ông Lê Văn Bị đã nhận tiền", "can_cu_phap_luat": "Luật Cán bộ",
                            "trach_nhiem": "Cá nhân", "bien_phap_xu_ly": "Khiển trách"},
    })  # fmt: skip
    post("send-conclusion", {"on": "2026-03-31", "documents": ["case.thong_bao_ket_qua_to_cao"]})
    post("publication", {"method": "portal", "published_on": "2026-04-02",
                         "public_text": "Kết luận 3/KL-UBND: tố cáo đúng một phần."})  # fmt: skip
    api_client.force_authenticate(None)
    return case


def test_documents_for_the_denounced_party_and_for_publication_never_name_the_denouncer(walked):
    documents = {d.template_code: d for d in case_documents.documents_for_case(walked) if d.template_code
                 .startswith("case.")}  # fmt: skip
    assert set(documents) == {"case.quyet_dinh_thu_ly", "case.thong_bao_thu_ly", "case.thong_bao_nguoi_bi_to_cao",
                              "case.ket_luan_to_cao", "case.thong_bao_ket_qua_to_cao"}  # fmt: skip
    for code in ("case.thong_bao_nguoi_bi_to_cao", "case.ket_luan_to_cao", "case.quyet_dinh_thu_ly"):
        text = _docx(documents[code])
        assert DENOUNCED in text or code == "case.quyet_dinh_thu_ly"
        _absent(text, code)
        assert not documents[code].contains_denouncer_identity
    # The two notices addressed to the denouncer do name them, and are marked so.
    for code in ("case.thong_bao_thu_ly", "case.thong_bao_ket_qua_to_cao"):
        assert DENOUNCER in _docx(documents[code]) and documents[code].contains_denouncer_identity
    _absent(walked.publications.get().public_text, "publication")


def test_events_audit_and_logs_hold_no_identity(walked, caplog):
    for event in CaseEvent.objects.filter(case=walked):
        _absent(f"{event.note} {event.legal_basis}", "case event")
    for audit in AuditEvent.objects.all():
        _absent(json.dumps([audit.changes, audit.reason, str(audit.object_repr) if hasattr(audit, "object_repr")
                            else ""], ensure_ascii=False, default=str), f"audit {audit.action}")  # fmt: skip
    _absent(caplog.text, "logs")


@pytest.mark.parametrize("persona", NOT_ALLOWED)
def test_case_page_api_documents_and_downloads_hide_the_denouncer(walked, world, client, api_client, persona):
    user = getattr(world, persona)
    client.force_login(user)
    api_client.force_authenticate(user)
    page = client.get(f"/vu-viec/{walked.pk}/")
    assert page.status_code in (200, 404)
    _absent(page.content.decode(), "case page")
    _absent(client.get("/vu-viec/").content.decode(), "case list")
    for url in ("/api/v1/cases/", f"/api/v1/cases/{walked.pk}/", f"/api/v1/cases/{walked.pk}/documents/",
                "/api/v1/documents/"):  # fmt: skip
        response = api_client.get(url)
        assert response.status_code in (200, 404)
        _absent(response.content.decode(), url)
    _absent(client.get("/van-ban/").content.decode(), "documents list")
    for document in GeneratedDocument.objects.filter(contains_denouncer_identity=True):
        assert client.get(f"/van-ban/{document.pk}/docx").status_code in (403, 404), document.template_code
    if page.status_code == 200:
        # The page says there is a notice to the denouncer without a link to open it.
        assert "Có thông tin người tố cáo (bảo mật)" in page.content.decode()


@pytest.mark.parametrize("persona", ALLOWED)
def test_the_head_the_vault_officer_and_the_assigned_handler_may_open_the_notice_to_the_denouncer(
    walked, world, client, persona
):
    client.force_login(getattr(world, persona))
    notice = GeneratedDocument.objects.get(template_code="case.thong_bao_ket_qua_to_cao")
    assert client.get(f"/van-ban/{notice.pk}/docx").status_code == 200
    # Even for them the case page itself shows no identity.
    _absent(client.get(f"/vu-viec/{walked.pk}/").content.decode(), "case page")
