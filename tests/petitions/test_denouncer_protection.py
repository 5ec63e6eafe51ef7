"""The denouncer's identity stays in the vault: services, documents, audit trail and logs.

(The API, pages and exports have their own checks in test_api.py, test_views.py and test_exports.py.)
"""

from __future__ import annotations

import datetime as dt
import io
import logging

import pytest
from docx import Document

from tiepdan.core.models import AuditEvent
from tiepdan.orgs.selectors import today
from tiepdan.petitions import selectors, services
from tiepdan.petitions.models import PetitionEvent
from tiepdan.petitions.services import PetitionerInput, Signer

from .conftest import leaf, register

pytestmark = pytest.mark.django_db

NAME = "Hoàng Thị Kín Đáo"
ID = "001190054321"
PHONE = "0987001122"
SIGNER = Signer("CHỦ TỊCH", "Phạm Văn Chủ")


def _docx_text(document) -> str:
    with document.file.open("rb") as fh:
        doc = Document(io.BytesIO(fh.read()))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def _denunciation(world, **kw):
    return register(
        world,
        type="denunciation",
        summary="Tố cáo cán bộ địa chính phường nhận tiền khi làm thủ tục",
        content=f"Tôi là {NAME}, CCCD {ID}, điện thoại {PHONE}, tố cáo ông Lê Văn Tham.",
        petitioners=[PetitionerInput(full_name=NAME, id_number=ID, phone=PHONE, address="Số 1 ngõ Kín")],
        respondent_name="Ông Lê Văn Tham, cán bộ địa chính",
        **kw,
    )


def _assert_absent(text: str) -> None:
    for secret in (NAME, ID, PHONE, "ngõ Kín", "Kin Dao", "kin dao"):
        assert secret not in text


def test_nothing_identifying_in_rows_events_audit_or_logs(world, caplog):
    caplog.set_level(logging.DEBUG)
    petition = _denunciation(world)
    services.classify_petition(
        actor=world.handler, petition=petition, subject_field=leaf("TC.HC.CC", "denunciation"),
        within_competence=True,
    )  # fmt: skip
    petition.refresh_from_db()
    services.propose_acceptance(actor=world.handler, petition=petition, proposal="Đề nghị thụ lý", signer=SIGNER)
    petition.refresh_from_db()
    row = " ".join(str(getattr(petition, f.attname)) for f in petition._meta.concrete_fields)
    _assert_absent(row)
    _assert_absent(" ".join(e.message for e in PetitionEvent.objects.all()))
    _assert_absent(" ".join(f"{e.changes} {e.reason}" for e in AuditEvent.objects.all()))
    _assert_absent(caplog.text)


@pytest.mark.parametrize("persona", ["head", "verifier", "reception", "statistician", "statistician_p", "leader"])
def test_search_by_the_denouncers_name_or_id_finds_nothing(world, persona):
    _denunciation(world)
    user = world.users[persona]
    assert selectors.visible_petitions(user).exists()  # the petition itself is in their scope
    for q in (NAME, "hoang thi kin dao", ID, PHONE):
        assert not selectors.petition_queue(user, selectors.QueueFilters(q=q)).exists(), q
    views = selectors.petitioner_views(selectors.visible_petitions(user).get())
    assert [v.display_name for v in views] == ["Người tố cáo (đã được bảo mật)"]


def test_documents_for_other_parties_carry_no_identity(world):
    urged = _denunciation(world)
    services.classify_petition(
        actor=world.handler, petition=urged, subject_field=leaf("TC.HC.CC", "denunciation"),
        within_competence=False, competent_body_name="UBND phường Bình Minh",
    )  # fmt: skip
    urged.refresh_from_db()
    services.urge(
        actor=world.handler, petition=urged, subordinate_body="Tổ dân phố số 5", earlier_document="Phiếu 1/PC",
        report_by=today() + dt.timedelta(days=10), request="Báo cáo kết quả", signer=SIGNER,
    )  # fmt: skip
    urged.refresh_from_db()
    _assert_absent(_docx_text(urged.outcome_document))
    assert not urged.outcome_document.contains_denouncer_identity

    transferred = _denunciation(world)
    services.classify_petition(
        actor=world.handler, petition=transferred, subject_field=leaf("TC.TN", "denunciation"),
        within_competence=False, competent_body_name="Thanh tra Thành phố",
    )  # fmt: skip
    transferred.refresh_from_db()
    services.transfer(actor=world.handler, petition=transferred, to_body="", include_identity=False, signer=SIGNER)
    transferred.refresh_from_db()
    text = _docx_text(transferred.outcome_document)
    _assert_absent(text)
    assert "Người tố cáo (đã được bảo mật)" in text


def test_transfer_slip_for_the_competent_body_names_the_denouncer_and_is_marked(world):
    petition = _denunciation(world)
    services.classify_petition(
        actor=world.handler, petition=petition, subject_field=leaf("TC.TN", "denunciation"),
        within_competence=False, competent_body_name="Thanh tra Thành phố",
    )  # fmt: skip
    petition.refresh_from_db()
    services.transfer(actor=world.handler, petition=petition, to_body="", signer=SIGNER)
    petition.refresh_from_db()
    assert NAME in _docx_text(petition.outcome_document)
    assert petition.outcome_document.contains_denouncer_identity


def test_only_allowed_officials_can_write_to_the_denouncer(world):
    from tiepdan.core.errors import DomainError

    petition = _denunciation(world, actor=world.reception)  # registered at the desk: no handler yet
    services.classify_petition(
        actor=world.head, petition=petition, subject_field=leaf("TC.K", "denunciation"),
        within_competence=False, competent_body_name="Công an phường",
    )  # fmt: skip
    petition.refresh_from_db()
    # A second handler of the unit without a grant cannot produce a letter naming the denouncer.
    from tests.factories import UserFactory, give_role

    other = UserFactory(username="xuly_khac")
    give_role(other, world.unit_a, "petition_handler")
    with pytest.raises(DomainError, match="bảo mật"):
        services.guide(actor=other, petition=petition, competent_body="Công an phường", reason="Hình sự",
                       signer=SIGNER)  # fmt: skip
    petition.refresh_from_db()
    assert petition.outcome == ""


def test_assigned_handler_opens_the_slip_naming_the_denouncer_others_do_not(world):
    from tests.factories import UserFactory, give_role
    from tiepdan.core.errors import NotFoundError
    from tiepdan.documents.services import open_document

    petition = _denunciation(world)
    services.classify_petition(
        actor=world.handler, petition=petition, subject_field=leaf("TC.TN", "denunciation"),
        within_competence=False, competent_body_name="Thanh tra Thành phố",
    )  # fmt: skip
    petition.refresh_from_db()
    services.transfer(actor=world.handler, petition=petition, to_body="", signer=SIGNER)
    petition.refresh_from_db()
    slip = petition.outcome_document
    assert open_document(actor=world.handler, pk=slip.pk) == slip  # the assigned handler (with the grant)
    assert open_document(actor=world.vault, pk=slip.pk) == slip
    other = UserFactory(username="xuly_khac2")
    give_role(other, world.unit_a, "petition_handler")
    for user in (other, world.verifier, world.statistician, world.handler_b):
        with pytest.raises(NotFoundError):
            open_document(actor=user, pk=slip.pk)
