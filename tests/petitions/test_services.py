"""Workflows of petitions through their real states, and the guards that refuse bad steps."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from tiepdan.cases.models import Case
from tiepdan.core.errors import DomainError, NotFoundError
from tiepdan.core.models import AuditEvent
from tiepdan.documents.models import GeneratedDocument
from tiepdan.lawcal.models import TrackedDeadline
from tiepdan.people.models import Person, ProtectedIdentity
from tiepdan.people.rules import REDACTED_NAME
from tiepdan.petitions import selectors, services
from tiepdan.petitions.models import MinHashBand, Petition, PetitionEvent, PetitionStatus
from tiepdan.petitions.services import PetitionerInput

from .conftest import RECEIVED, leaf, register

pytestmark = pytest.mark.django_db


def classify(world, petition, *, within=True, field="KN.HC.DD.TH", **kw):
    return services.classify_petition(
        actor=world.handler,
        petition=petition,
        subject_field=leaf(field, petition.type),
        within_competence=within,
        **kw,
    )


def test_register_gives_code_deadline_and_registry_entry(world):
    petition = register(world)
    assert petition.code == f"A-{RECEIVED.year}-000001"
    # petition.process: 10 working days from Monday 02/03/2026 → Monday 16/03/2026.
    assert petition.due_rule == "petition.process"
    assert petition.due_on == dt.date(2026, 3, 16)
    assert petition.assignee == world.handler  # the registering handler handles it
    signer = petition.petitioners.get()
    assert signer.person.full_name == "Nguyễn Văn An"
    assert "nguyen van an" in petition.search_folded
    assert TrackedDeadline.objects.filter(object_id=str(petition.pk), closed_on__isnull=True).count() == 1
    assert PetitionEvent.objects.filter(petition=petition, kind="register").exists()
    second = register(world)
    assert second.code.endswith("000002")
    assert second.petitioners.get().person == signer.person  # same CCCD → same registry entry
    with pytest.raises(IntegrityError), transaction.atomic():  # codes stay unique (a constraint, no LIKE index)
        Petition.objects.filter(pk=second.pk).update(code=petition.code)


def test_search_reads_code_references_summary_respondent_and_senders_not_the_letter_body(world):
    petition = register(
        world, channel="transferred", external_ref="SO-0000012", referring_body="Ban Tiếp công dân thành phố",
        referring_doc_number="417/BTCD-TD", referring_doc_date=RECEIVED,
        content="Gia đình tôi sử dụng thửa đất từ năm 1987, có biên lai nộp thuế đầy đủ.",
    )  # fmt: skip
    visible = selectors.visible_petitions(world.head)

    def found(q: str) -> bool:
        return selectors.search(visible, q).filter(pk=petition.pk).exists()

    assert found(petition.code.lower())
    assert found("so-0000012")  # the old register's reference (an imported letter is looked up by it)
    assert found("417/btcd-td")  # the referring document's number
    assert found("thu hoi dat an binh")  # summary
    assert found("chu tich ubnd")  # respondent
    assert found("ban tiep cong dan thanh pho")  # referring body
    assert found("nguyen van an") and found("001085012345")  # the sender
    assert not found("bien lai nop thue")  # only in the letter's body: not searched (documented)


def test_double_submit_creates_one_petition(world):
    first = services.register_petition(
        actor=world.handler, unit=world.unit_a, channel="in_person", type="rec_feedback", received_on=RECEIVED,
        summary="Phản ánh đèn đường hỏng", petitioners=[PetitionerInput(full_name="Lê Thị Hoa")],
        submission_key="form-123",
    )  # fmt: skip
    again = services.register_petition(
        actor=world.handler, unit=world.unit_a, channel="in_person", type="rec_feedback", received_on=RECEIVED,
        summary="Phản ánh đèn đường hỏng", petitioners=[PetitionerInput(full_name="Lê Thị Hoa")],
        submission_key="form-123",
    )  # fmt: skip
    assert first.created and not again.created
    assert again.petition.pk == first.petition.pk
    assert Petition.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"received_on": dt.date(2099, 1, 1)}, "received_on"),
        ({"letter_date": RECEIVED + dt.timedelta(days=1)}, "letter_date"),
        ({"petitioners": [PetitionerInput(full_name="A", id_number="12345")]}, "petitioners"),
        ({"petitioners": []}, "petitioners"),
        ({"summary": "  "}, "summary"),
        ({"channel": "fax"}, "channel"),
        ({"channel": "transferred"}, "referring_body"),
        ({"petitioners": [PetitionerInput(full_name=f"Người {i}") for i in range(5)]}, "petitioners"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(world, overrides, field):
    with pytest.raises(DomainError) as info:
        register(world, **overrides)
    assert info.value.field == field
    assert Petition.objects.count() == 0
    assert Person.objects.count() == 0


def test_transferred_petition_keeps_referring_document(world):
    petition = register(
        world, channel="transferred", referring_body="Ban Nội chính Thành ủy Hà Nội",
        referring_doc_number="125-CV/BNCTU", referring_doc_date=RECEIVED - dt.timedelta(days=2),
    )  # fmt: skip
    assert petition.referring_body == "Ban Nội chính Thành ủy Hà Nội"
    assert "ban noi chinh thanh uy" in petition.search_folded


def test_only_register_roles_of_the_unit_may_register(world):
    with pytest.raises(DomainError):
        register(world, actor=world.verifier)
    with pytest.raises(NotFoundError):
        register(world, actor=world.handler_b)
    assert register(world, actor=world.reception).assignee is None


def test_denouncer_goes_to_the_vault_only(world):
    petition = register(
        world, type="denunciation", summary="Tố cáo cán bộ địa chính nhận tiền",
        content="Tôi là Trần Văn Khuê, CCCD 001085099999, tố cáo ông X nhận tiền.",
        petitioners=[PetitionerInput(full_name="Trần Văn Khuê", id_number="001085099999", phone="0912345678")],
        respondent_name="Ông X, cán bộ địa chính",
    )  # fmt: skip
    assert petition.due_rule == "denunciation.process"
    assert petition.due_on == dt.date(2026, 3, 11)  # 7 working days
    signer = petition.petitioners.get()
    assert signer.person is None and signer.identity is not None
    assert not Person.objects.filter(full_name="Trần Văn Khuê").exists()
    assert petition.content == "" and petition.content_enc
    assert "khue" not in petition.search_folded and "001085099999" not in petition.search_folded
    for event in AuditEvent.objects.all():
        assert "Khuê" not in str(event.changes) and "001085099999" not in str(event.changes)
    views = selectors.petitioner_views(petition)
    assert views[0].display_name == REDACTED_NAME
    # The registering handler is the assignee and got a grant; the sibling unit's handler finds nothing.
    assert signer.identity.grants.filter(user=world.handler).exists()
    assert not selectors.search(selectors.visible_petitions(world.head), "Trần Văn Khuê").exists()
    assert not selectors.search(selectors.visible_petitions(world.head), "001085099999").exists()


def test_classify_then_propose_acceptance_makes_case_document_and_follow_up(world):
    petition = register(world)
    petition = classify(world, petition, within=True)
    assert petition.status == PetitionStatus.CLASSIFIED and petition.eligible
    petition = services.propose_acceptance(
        actor=world.handler, petition=petition, proposal="Đề nghị thụ lý giải quyết lần đầu", on=RECEIVED,
        signer=services.Signer("CHỦ TỊCH", "Phạm Văn Chủ"),
    )  # fmt: skip
    assert petition.status == PetitionStatus.PROCESSED
    assert petition.outcome == "propose_acceptance"
    assert isinstance(petition.case, Case)
    document = petition.outcome_document
    assert document.template_code == "tt05.mau01" and document.number_string.startswith("1/PĐX-")
    # complaint.accept: 10 working days for a receipt before 01/07/2026.
    assert petition.follow_up_rule == "complaint.accept" and petition.follow_up_due_on == dt.date(2026, 3, 16)
    assert not TrackedDeadline.objects.filter(rule_code="petition.process", closed_on__isnull=True).exists()
    with pytest.raises(DomainError):
        services.archive(actor=world.handler, petition=petition, reason="duplicate")
    assert GeneratedDocument.objects.count() == 1


def test_outcome_before_classification_and_by_wrong_role_are_refused(world):
    petition = register(world)
    with pytest.raises(DomainError, match="chưa được phân loại"):
        services.propose_acceptance(actor=world.handler, petition=petition, proposal="x")
    classify(world, petition)
    with pytest.raises(DomainError, match="Chỉ chuyên viên"):
        services.propose_acceptance(actor=world.verifier, petition=petition, proposal="x")
    with pytest.raises(NotFoundError):
        services.propose_acceptance(actor=world.handler_b, petition=petition, proposal="x")
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.CLASSIFIED and not GeneratedDocument.objects.exists()


def test_reject_acceptance_needs_an_article_11_ground(world):
    petition = classify(world, register(world))
    with pytest.raises(DomainError, match="Điều 11"):
        services.reject_acceptance(actor=world.handler, petition=petition, ground="art12.1")
    petition = services.reject_acceptance(
        actor=world.handler, petition=petition, ground="art11.5", signer=services.Signer("CHỦ TỊCH", "Phạm Văn Chủ")
    )
    assert petition.outcome_ground == "art11.5"
    assert petition.outcome_document.template_code == "tt05.thong_bao_khong_thu_ly"


def test_guide_only_once_per_case(world):
    first = classify(world, register(world), within=False, competent_body_name="Tòa án nhân dân khu vực 1")
    services.guide(actor=world.handler, petition=first, competent_body="", reason="Thuộc thẩm quyền Tòa án",
                   signer=services.Signer("CHỦ TỊCH", "Phạm Văn Chủ"))  # fmt: skip
    second = register(world)
    services.resolve_duplicate(actor=world.handler, petition=second, decision="duplicate", other=first)
    second = classify(world, Petition.objects.get(pk=second.pk), within=False,
                      competent_body_name="Tòa án nhân dân khu vực 1")  # fmt: skip
    with pytest.raises(DomainError, match="hướng dẫn một lần"):
        services.guide(actor=world.handler, petition=second, competent_body="Tòa án", reason="x",
                       signer=services.Signer("CHỦ TỊCH", "Phạm Văn Chủ"))  # fmt: skip
    services.archive(actor=world.handler, petition=second, reason="already_guided")
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.case == first.case and second.outcome == "archive"


def test_denunciation_transfer_names_denouncer_only_in_the_marked_slip(world):
    petition = register(world, type="denunciation", summary="Tố cáo chủ tịch xã",
                        petitioners=[PetitionerInput(full_name="Trần Văn Khuê")])  # fmt: skip
    petition = classify(world, petition, within=False, field="TC.TN", competent_body_name="Thanh tra Thành phố")
    petition = services.transfer(actor=world.handler, petition=petition, to_body="",
                                 signer=services.Signer("CHỦ TỊCH", "Phạm Văn Chủ"))  # fmt: skip
    assert petition.outcome_document.template_code == "tt05.mau03"
    assert petition.outcome_document.contains_denouncer_identity
    assert AuditEvent.objects.filter(action="people.identity.view").exists()
    # The same content is transferred only once.
    again = register(world, type="denunciation", summary="Tố cáo chủ tịch xã",
                     petitioners=[PetitionerInput(full_name="Trần Văn Khuê")])  # fmt: skip
    services.resolve_duplicate(actor=world.handler, petition=again, decision="duplicate", other=petition)
    again = classify(world, Petition.objects.get(pk=again.pk), within=False, field="TC.TN",
                     competent_body_name="Thanh tra Thành phố")  # fmt: skip
    with pytest.raises(DomainError, match="đã được chuyển một lần"):
        services.transfer(actor=world.handler, petition=again, to_body="Thanh tra Thành phố",
                          signer=services.Signer("CHỦ TỊCH", "Phạm Văn Chủ"))  # fmt: skip


def test_letter_to_a_denouncer_needs_identity_access(world):
    petition = register(world, actor=world.reception, type="denunciation", summary="Tố cáo",
                        petitioners=[PetitionerInput(full_name="Trần Văn Khuê")])  # fmt: skip
    services.assign_petition(actor=world.head, petition=petition, assignee=world.handler)
    petition = classify(world, Petition.objects.get(pk=petition.pk), within=False, field="TC.K",
                        competent_body_name="Công an phường")  # fmt: skip
    # handler_b cannot see it at all; the assigned handler can write to the denouncer.
    services.guide(actor=world.handler, petition=petition, competent_body="Công an phường", reason="Hình sự",
                   signer=services.Signer("CHỦ TỊCH", "Phạm Văn Chủ"))  # fmt: skip
    assert Petition.objects.get(pk=petition.pk).outcome_document.contains_denouncer_identity


def test_split_mixed_petition(world):
    petition = register(world, summary="Vừa khiếu nại vừa tố cáo")
    parts = services.split_petition(
        actor=world.handler, petition=petition,
        parts=[("complaint", "Khiếu nại quyết định thu hồi đất"), ("denunciation", "Tố cáo cán bộ nhận tiền")],
    )  # fmt: skip
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.SPLIT
    assert [p.code for p in parts] == [f"{petition.code}.1", f"{petition.code}.2"]
    complaint, denunciation = parts
    assert complaint.petitioners.get().person is not None
    assert denunciation.petitioners.get().identity is not None
    assert denunciation.due_rule == "denunciation.process"
    assert ProtectedIdentity.objects.count() == 1


def test_stale_version_is_refused(world):
    petition = register(world)
    classify(world, petition, version=petition.version)
    with pytest.raises(DomainError, match="người khác cập nhật"):
        classify(world, petition, version=petition.version)


def test_competence_suggestion_second_round_goes_to_parent(world):
    petition = register(world, respondent_unit=world.unit_a)
    assert services.suggest_competence(petition).unit == world.unit_a
    petition.resolution_status = "first_round_done"
    assert services.suggest_competence(petition).unit == world.province


def test_duplicate_candidates_by_person_and_content(world):
    from tiepdan.petitions.duplicates import candidates_for, find_candidates

    first = register(world)
    second = register(world, summary="Khieu nai quyet dinh thu hoi dat cua UBND phuong An Binh (lan 2)")
    found = candidates_for(world.handler, second)
    assert [c.petition_id for c in found] == [first.pk]
    assert "Cùng số giấy tờ" in found[0].reason and found[0].score == 1.0
    by_text = find_candidates(world.handler, unit=world.unit_a, type="complaint", summary="thu hồi đất An Bình")
    assert {c.petition_id for c in by_text} == {first.pk, second.pk}
    # Out of scope: the sibling unit's handler gets nothing.
    assert find_candidates(world.handler_b, unit=world.unit_b, summary="thu hồi đất An Bình") == []


def test_reorganisation_moves_open_petitions_deadlines_and_vault_entries(world):
    from tiepdan.orgs import services as org_services

    open_one = register(
        world, type="denunciation", summary="Tố cáo cán bộ địa chính nhận tiền",
        petitioners=[PetitionerInput(full_name="Ẩn Danh Một")],
    )  # fmt: skip
    done = classify(world, register(world))
    services.archive(actor=world.handler, petition=done, reason="no_new_facts")
    result = org_services.reorganize(
        actor=world.admin,
        kind="merge",
        predecessors=[world.unit_a, world.unit_b],
        successors=[org_services.NewUnit(code="AB", name="Phường Hợp Nhất", kind="ward", parent=world.province)],
        effective_on=dt.date(2026, 4, 1),
        legal_basis="Nghị quyết sắp xếp (kiểm thử)",
    )
    new = result.successors[0]
    open_one.refresh_from_db()
    done.refresh_from_db()
    assert open_one.unit == new and done.unit == world.unit_a
    assert open_one.petitioners.get().identity.unit == new
    assert TrackedDeadline.objects.get(object_id=str(open_one.pk), closed_on__isnull=True).unit == new
    assert open_one.events.filter(kind="reorganize").exists()
    # The near-duplicate bands follow the petition (content is compared within the receiving unit).
    assert MinHashBand.objects.filter(petition=open_one).count() == 16
    assert set(MinHashBand.objects.filter(petition=open_one).values_list("unit_id", flat=True)) == {new.pk}
    assert set(MinHashBand.objects.filter(petition=done).values_list("unit_id", flat=True)) == {world.unit_a.pk}


def test_merging_people_moves_their_petitions(world):
    from tiepdan.people.services import merge_people

    first = register(world)
    second = register(world, petitioners=[PetitionerInput(full_name="Nguyen Van An (ghi sai)")])
    keep = first.petitioners.get().person
    duplicate = second.petitioners.get().person
    merge_people(actor=world.head, keep=keep, duplicate=duplicate, reason="Cùng một người")
    assert second.petitioners.get().person == keep


def test_outcome_reads_the_current_row_not_the_callers_copy(world):
    stale = register(world)
    classify(world, stale, within=False, competent_body_name="Tòa án nhân dân khu vực 1")
    # `stale` still says "registered" with no competent body: the service works from the locked row.
    done = services.guide(
        actor=world.handler, petition=stale, competent_body="", reason="Tranh chấp dân sự",
        signer=services.Signer("CHỦ TỊCH", "Phạm Văn Chủ"),
    )  # fmt: skip
    assert done.outcome_target == "Tòa án nhân dân khu vực 1"


def test_a_historical_ward_with_a_long_unit_code_gets_petition_codes(world):
    import datetime as dt

    from tests.factories import make_unit

    old = make_unit("Phường Thanh Lương", parent=world.province, code="H99.quankiemthu.phuongthanhluongcu",
                    valid_from=dt.date(2008, 8, 1), valid_to=dt.date(2025, 6, 30))  # fmt: skip
    # Registers of closed wards come in by import (here as the system administrator).
    petition = register(world, actor=world.admin, unit=old, received_on=dt.date(2024, 5, 6),
                        letter_date=dt.date(2024, 5, 2))  # fmt: skip
    assert petition.code == "H99.quankiemthu.phuongthanhluongcu-2024-000001"
