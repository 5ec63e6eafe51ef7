"""Every write on petitions: register, assign, classify, split, duplicates/case, and one service per outcome.

Each service is keyword-only, takes the acting user, runs in one transaction with the petition row locked,
checks its guard (`rules.check_outcome`), writes a `PetitionEvent` and an audit event, and queues side
effects with `transaction.on_commit`. Nothing here ever writes a denouncer's identity into a petition row,
an event, the audit trail or a log line.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from tiepdan.cases.models import Case
from tiepdan.core.audit import record_event
from tiepdan.core.bulk import build, insert_tuples
from tiepdan.core.bulk import insert as insert_rows
from tiepdan.core.errors import DomainError, NotFoundError
from tiepdan.core.models import User
from tiepdan.core.text import fold, nfc
from tiepdan.documents import services as document_services
from tiepdan.documents.specs import DENOUNCER_IDENTITY_KEY
from tiepdan.lawcal import services as deadline_services
from tiepdan.lawcal.models import TrackedDeadline
from tiepdan.orgs.models import OrgUnit, Role
from tiepdan.orgs.selectors import active_memberships, today, user_scope
from tiepdan.people import crypto
from tiepdan.people import rules as people_rules
from tiepdan.people import services as people_services
from tiepdan.people.models import Person, ProtectedIdentity
from tiepdan.people.selectors import can_see_identity, visible_people

from . import duplicates, rules
from .models import (
    ArchiveReason,
    Channel,
    DuplicateStatus,
    MinHashBand,
    Outcome,
    Petition,
    PetitionCounter,
    Petitioner,
    PetitionEvent,
    PetitionStatus,
    PetitionType,
    ResolutionStatus,
    SubjectField,
)

logger = logging.getLogger(__name__)

# Roles that register letters, and roles that classify and decide outcomes (TT 05/2021 Art 4–5).
REGISTER_ROLES = frozenset({Role.RECEPTION_OFFICER, Role.PETITION_HANDLER, Role.UNIT_HEAD})
HANDLE_ROLES = frozenset({Role.PETITION_HANDLER, Role.UNIT_HEAD})
MASS_DELEGATION_MIN = 5  # Law 42/2013 Art 30 and Decree 64/2014: five or more people on one matter
# Checked once per letter; Django's `Choices.values` builds a new list at every call (felt in imports).
_CHANNELS = frozenset(Channel.values)
_TYPES = frozenset(PetitionType.values)


# --- Inputs -------------------------------------------------------------------------------------------


@dataclass
class PetitionerInput:
    full_name: str = ""
    id_number: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    date_of_birth: dt.date | None = None
    person_id: int | None = None  # an existing registry entry chosen in the lookup
    is_representative: bool = False


@dataclass
class RegistrationResult:
    petition: Petition
    created: bool
    warnings: list[str] = field(default_factory=list)


# --- Guards shared by the services --------------------------------------------------------------------


def roles_at(user: User, unit: OrgUnit) -> set[str]:
    return {m.role for m in active_memberships(user) if m.unit_id == unit.pk}


def may_register(user: User, unit: OrgUnit, *, roles_of: Callable[[User, OrgUnit], set[str]] = roles_at) -> bool:
    return bool(user.is_superuser or roles_of(user, unit) & REGISTER_ROLES)


def may_handle(user: User, petition: Petition) -> bool:
    return bool(user.is_superuser or roles_at(user, petition.unit) & HANDLE_ROLES)


def _require_scope(user: User, unit: OrgUnit) -> None:
    if not user_scope(user).allows(unit):
        raise NotFoundError("Không tìm thấy đơn vị này trong phạm vi của bạn.")


def _require_handler(user: User, petition: Petition) -> None:
    _require_scope(user, petition.unit)
    if not may_handle(user, petition):
        raise DomainError(
            "Chỉ chuyên viên xử lý đơn hoặc thủ trưởng của đơn vị nhận đơn được phân loại và xử lý đơn này."
        )


def _locked(petition: Petition, *, version: int | None = None) -> Petition:
    locked = Petition.objects.select_for_update().select_related("unit").get(pk=petition.pk)
    if version is not None and locked.version != version:
        raise DomainError(
            "Đơn vừa được người khác cập nhật. Hãy tải lại trang để xem thay đổi rồi thực hiện lại; "
            "thông tin bạn nhập chưa được lưu."
        )
    return locked


def _event(petition: Petition, *, actor: User | None, kind: str, message: str, document: Any = None) -> None:
    PetitionEvent.objects.create(petition=petition, actor=actor, kind=kind, message=message[:500], document=document)


def _bump(petition: Petition, fields: list[str]) -> None:
    petition.version += 1
    petition.save(update_fields=[*fields, "version", "updated_at"])


def _locked_counter(unit: OrgUnit, year: int) -> PetitionCounter:
    counter, _created = PetitionCounter.objects.get_or_create(unit=unit, year=year)
    return PetitionCounter.objects.select_for_update().get(pk=counter.pk)


def _format_code(unit: OrgUnit, year: int, number: int) -> str:
    return f"{unit.code}-{year}-{number:06d}"


def _next_code(unit: OrgUnit, year: int) -> str:
    counter = _locked_counter(unit, year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return _format_code(unit, year, counter.last_number)


def search_parts(petition: Petition, names: Iterable[str]) -> list[str]:
    """What the queue's `?q=` search reads (`search_folded`, folded): the petition's code, the old register's
    reference, the summary, the person or body complained about / denounced, the referring body and its
    document number, and (not for denunciations) the petitioners' names and ID numbers.

    Not the letter's full text: the search is documented as code, summary, respondent and senders, and the
    body was ~80 % of the trigram index that every registration and import pays for (bench/README.md).
    """
    parts = [
        petition.code, petition.external_ref, petition.summary, petition.respondent_name, petition.referring_body,
        petition.referring_doc_number,
    ]  # fmt: skip
    if petition.type != PetitionType.DENUNCIATION:
        # A denunciation's petitioners never enter the search column: searching a denouncer's name must not
        # reveal the petition (Law on Denunciations Art 47).
        parts += names
    return [p for p in parts if p]


def _search_text(petition: Petition, names: Iterable[str]) -> str:
    return fold(" ".join(search_parts(petition, names)))


def _processing_deadline(petition: Petition) -> TrackedDeadline | None:
    return (
        TrackedDeadline.objects.filter(
            content_type__app_label="petitions", content_type__model="petition", object_id=str(petition.pk)
        )
        .filter(closed_on__isnull=True, rule_code=petition.due_rule)
        .first()
    )


def _start_processing_deadline(*, actor: User | None, petition: Petition) -> None:
    rule_code = rules.processing_rule(petition.type)
    deadline = deadline_services.track_deadline(
        actor=actor,
        item=petition,
        rule_code=rule_code,
        trigger_on=petition.received_on,
        unit=petition.unit,
        flags=rules.processing_flags(petition_type=petition.type, multi_site=petition.multi_site),
        assignee=petition.assignee,
    )
    petition.due_rule = rule_code
    petition.due_on = deadline.due_on


def _close_processing_deadline(*, actor: User | None, petition: Petition, on: dt.date, reason: str) -> None:
    deadline = _processing_deadline(petition)
    if deadline is not None:
        deadline_services.close_deadline(actor=actor, deadline=deadline, on=on, reason=reason)


# --- Registration -------------------------------------------------------------------------------------


def _check_dates(*, received_on: dt.date, letter_date: dt.date | None, now: dt.date) -> None:
    if received_on > now:
        raise DomainError("Ngày nhận đơn không được sau ngày hôm nay.", field="received_on")
    if letter_date is not None:
        if letter_date > now:
            raise DomainError("Ngày viết đơn không được sau ngày hôm nay.", field="letter_date")
        if letter_date > received_on:
            raise DomainError("Ngày viết đơn không được sau ngày nhận đơn.", field="letter_date")


def _check_referral(
    *, channel: str, referring_body: str, referring_doc_number: str, referring_doc_date: dt.date | None,
    received_on: dt.date,
) -> None:  # fmt: skip
    if channel != Channel.TRANSFERRED:
        return
    if not referring_body:
        raise DomainError("Đơn do cơ quan khác chuyển đến: hãy ghi tên cơ quan chuyển đơn.", field="referring_body")
    if not referring_doc_number:
        raise DomainError("Hãy ghi số văn bản chuyển đơn.", field="referring_doc_number")
    if referring_doc_date is None:
        raise DomainError("Hãy ghi ngày của văn bản chuyển đơn.", field="referring_doc_date")
    if referring_doc_date > received_on:
        raise DomainError("Ngày văn bản chuyển đơn không được sau ngày nhận đơn.", field="referring_doc_date")


def _clean_petitioners(petitioners: Sequence[PetitionerInput], *, is_anonymous: bool) -> list[PetitionerInput]:
    cleaned = []
    for index, p in enumerate(petitioners, start=1):
        p.full_name = nfc(p.full_name).strip()
        if not p.full_name and p.person_id is None:
            raise DomainError(f"Người gửi đơn thứ {index}: chưa có họ và tên.", field="petitioners")
        if p.id_number:
            number = people_rules.normalize_id_number(p.id_number)
            try:
                people_rules.validate_id_number(people_rules.guess_id_type(number), number)
            except DomainError as exc:
                raise DomainError(f"Người gửi đơn thứ {index}: {exc.message}", field="petitioners") from None
            p.id_number = number
        cleaned.append(p)
    if not cleaned and not is_anonymous:
        raise DomainError("Đơn phải có ít nhất một người gửi (hoặc đánh dấu là đơn nặc danh).", field="petitioners")
    if len(cleaned) >= MASS_DELEGATION_MIN and not any(p.is_representative for p in cleaned):
        raise DomainError(
            f"Đơn có {len(cleaned)} người đứng tên: hãy chọn người đại diện (từ 5 người trở lên phải cử "
            "người đại diện).",
            field="petitioners",
        )
    return cleaned


def _person_for(*, actor: User, unit: OrgUnit, data: PetitionerInput) -> Person:
    if data.person_id is not None:
        person = visible_people(actor).filter(pk=data.person_id).first()
        if person is None:
            raise NotFoundError("Không tìm thấy công dân đã chọn trong phạm vi của bạn.")
        return person
    if data.id_number:
        existing = visible_people(actor).filter(id_number=data.id_number).first()
        if existing is not None:
            return existing
    return people_services.create_person(
        actor=actor,
        owner_unit=unit,
        full_name=data.full_name,
        id_number=data.id_number,
        address=data.address,
        phone=data.phone,
        email=data.email,
        date_of_birth=data.date_of_birth,
    )


def _identity_for(*, actor: User, unit: OrgUnit, data: PetitionerInput) -> ProtectedIdentity:
    if data.person_id is not None:
        person = visible_people(actor).filter(pk=data.person_id).first()
        if person is None:
            raise NotFoundError("Không tìm thấy công dân đã chọn trong phạm vi của bạn.")
        data.full_name = data.full_name or person.full_name
        data.id_number = data.id_number or person.id_number
        data.address = data.address or person.address
        data.phone = data.phone or person.phone
        data.email = data.email or person.email
    # person=None: the registry must not learn that this citizen denounced someone.
    return people_services.create_protected_identity(
        actor=actor,
        unit=unit,
        full_name=data.full_name,
        id_number=data.id_number,
        address=data.address,
        phone=data.phone,
        email=data.email,
        date_of_birth=data.date_of_birth,
    )


def _attach_petitioners(*, actor: User, petition: Petition, petitioners: Sequence[PetitionerInput]) -> list[str]:
    """Link the petitioners (registry or vault) and return the names that may enter the search column."""
    names: list[str] = []
    for position, data in enumerate(petitioners):
        if petition.type == PetitionType.DENUNCIATION:
            identity = _identity_for(actor=actor, unit=petition.unit, data=data)
            Petitioner.objects.create(
                petition=petition, identity=identity, is_representative=data.is_representative, position=position
            )
        else:
            person = _person_for(actor=actor, unit=petition.unit, data=data)
            Petitioner.objects.create(
                petition=petition, person=person, is_representative=data.is_representative, position=position
            )
            names += [person.full_name, person.id_number]
    return names


def _grant_assignee(*, actor: User | None, petition: Petition) -> None:
    if petition.type != PetitionType.DENUNCIATION or petition.assignee is None:
        return
    for petitioner in petition.petitioners.filter(identity__isnull=False).select_related("identity"):
        assert petitioner.identity is not None
        people_services.grant_for_assignment(
            actor=actor,
            identity=petitioner.identity,
            user=petition.assignee,
            reason=f"Được phân công xử lý đơn {petition.code}",
        )


def _existing_registration(*, unit: OrgUnit, submission_key: str | None, external_ref: str) -> Petition | None:
    if submission_key:
        found = Petition.objects.filter(submission_key=submission_key).first()
        if found is not None:
            return found
    if external_ref:
        return Petition.objects.filter(unit=unit, external_ref=external_ref).first()
    return None


@dataclass
class RegistrationInput:
    """One letter to register: the arguments of `register_petition` as a value (the import builds many)."""

    channel: str
    type: str
    received_on: dt.date
    summary: str
    petitioners: Sequence[PetitionerInput]
    content: str = ""
    letter_date: dt.date | None = None
    respondent_name: str = ""
    respondent_unit: OrgUnit | None = None
    referring_body: str = ""
    referring_doc_number: str = ""
    referring_doc_date: dt.date | None = None
    signature_present: bool = True
    originals_attached: bool = False
    is_anonymous: bool = False
    sent_to_several_bodies: bool = False
    bypasses_level: bool = False
    subject_field: SubjectField | None = None
    assignee: User | None = None
    external_ref: str = ""


def register_petition(
    *,
    actor: User,
    unit: OrgUnit,
    channel: str,
    type: str,
    received_on: dt.date,
    summary: str,
    petitioners: Sequence[PetitionerInput],
    content: str = "",
    letter_date: dt.date | None = None,
    respondent_name: str = "",
    respondent_unit: OrgUnit | None = None,
    referring_body: str = "",
    referring_doc_number: str = "",
    referring_doc_date: dt.date | None = None,
    signature_present: bool = True,
    originals_attached: bool = False,
    is_anonymous: bool = False,
    sent_to_several_bodies: bool = False,
    bypasses_level: bool = False,
    subject_field: SubjectField | None = None,
    assignee: User | None = None,
    submission_key: str | None = None,
    external_ref: str = "",
    bulk: BulkRegistration | None = None,
) -> RegistrationResult:
    """Register a letter once (TT 05/2021 Art 5) and start its processing time limit.

    A repeated `submission_key` (double click, network retry) or an `external_ref` already imported for the
    unit returns the petition registered the first time, with `created=False`.

    `bulk` (from `bulk_registration()`, for imports of many rows in one transaction) only answers from its
    caches what cannot change inside that transaction; every check below runs the same. For thousands of
    rows, `register_petitions` runs the same checks and writes them with a few multi-row inserts.
    """
    roles_of = bulk.roles_at if bulk is not None else roles_at
    _require_scope(actor, unit)
    if not may_register(actor, unit, roles_of=roles_of):
        raise DomainError("Bạn không có vai trò tiếp nhận, vào sổ đơn tại đơn vị này.")
    external_ref = nfc(external_ref).strip()
    if bulk is not None and not submission_key and external_ref and not bulk.may_exist(unit, external_ref):
        existing = None  # not among the unit's references read at the start (the unique index still guards)
    else:
        existing = _existing_registration(unit=unit, submission_key=submission_key, external_ref=external_ref)
    if existing is not None:
        return RegistrationResult(existing, created=False)
    data = RegistrationInput(
        channel=channel, type=type, received_on=received_on, summary=summary, petitioners=petitioners,
        content=content, letter_date=letter_date, respondent_name=respondent_name, respondent_unit=respondent_unit,
        referring_body=referring_body, referring_doc_number=referring_doc_number,
        referring_doc_date=referring_doc_date, signature_present=signature_present,
        originals_attached=originals_attached, is_anonymous=is_anonymous,
        sent_to_several_bodies=sent_to_several_bodies, bypasses_level=bypasses_level, subject_field=subject_field,
        assignee=assignee, external_ref=external_ref,
    )  # fmt: skip
    cleaned = _check_registration(actor=actor, unit=unit, data=data, roles_of=roles_of, bulk=bulk)
    # In bulk, the counter is locked by the outer transaction, outside this row's savepoint.
    bulk_code = bulk.next_code(unit, received_on.year) if bulk is not None else None
    try:
        with transaction.atomic():
            petition = _new_petition(actor=actor, unit=unit, data=data, cleaned=cleaned)
            petition.code = bulk_code or _next_code(unit, received_on.year)
            petition.submission_key = submission_key or None
            petition.save()
            names = _attach_petitioners(actor=actor, petition=petition, petitioners=cleaned)
            petition.search_folded = _search_text(petition, names)
            _start_processing_deadline(actor=actor, petition=petition)
            petition.save(update_fields=["search_folded", "due_rule", "due_on"])
            _grant_assignee(actor=actor, petition=petition)
            duplicates.index_petition(petition)  # duplicate detection: MinHash bands of the summary
            _event(petition, actor=actor, kind="register", message=_registered_message(petition))
            _record_registration(actor=actor, petition=petition, petitioners=len(cleaned))
    except IntegrityError:
        if bulk is not None:
            bulk.give_back_code(unit, received_on.year)
        # Two submissions with the same key or reference raced: the first one won, return it.
        existing = _existing_registration(unit=unit, submission_key=submission_key, external_ref=external_ref)
        if existing is None:
            raise
        return RegistrationResult(existing, created=False)
    except Exception:
        if bulk is not None:
            bulk.give_back_code(unit, received_on.year)  # the savepoint rolled the row back: no gap in codes
        raise
    if bulk is not None:
        bulk.registered(unit, external_ref)
    logger.info("petition registered id=%s unit=%s type=%s", petition.pk, unit.code, petition.type)
    return RegistrationResult(petition, created=True)


def _check_registration(
    *,
    actor: User,
    unit: OrgUnit,
    data: RegistrationInput,
    roles_of: Callable[[User, OrgUnit], set[str]],
    bulk: BulkRegistration | None,
) -> list[PetitionerInput]:
    """Every check of a registration (normalising `data` in place); returns the cleaned petitioners."""
    if data.channel not in _CHANNELS:
        raise DomainError("Nguồn đơn không hợp lệ.", field="channel")
    if data.type not in _TYPES:
        raise DomainError("Loại đơn không hợp lệ (khiếu nại, tố cáo, kiến nghị/phản ánh).", field="type")
    data.summary = nfc(data.summary).strip()
    if not data.summary:
        raise DomainError("Hãy nhập tóm tắt nội dung đơn.", field="summary")
    if not unit.is_valid_on(data.received_on):
        raise DomainError("Đơn vị nhận đơn chưa hoặc không còn tồn tại vào ngày nhận đơn.", field="received_on")
    _check_dates(received_on=data.received_on, letter_date=data.letter_date, now=today())
    data.referring_body = nfc(data.referring_body).strip()
    data.referring_doc_number = nfc(data.referring_doc_number).strip()
    _check_referral(
        channel=data.channel, referring_body=data.referring_body, referring_doc_number=data.referring_doc_number,
        referring_doc_date=data.referring_doc_date, received_on=data.received_on,
    )  # fmt: skip
    if data.subject_field is not None:
        _check_subject_field(data.subject_field, petition_type=data.type, on=data.received_on, bulk=bulk)
    if data.assignee is not None and not (roles_of(data.assignee, unit) & HANDLE_ROLES):
        raise DomainError("Người được phân công phải là chuyên viên xử lý đơn của đơn vị.", field="assignee")
    cleaned = _clean_petitioners(data.petitioners, is_anonymous=data.is_anonymous)
    if data.assignee is None and Role.PETITION_HANDLER in roles_of(actor, unit):
        data.assignee = actor  # the handler who registers the letter handles it unless told otherwise
    return cleaned


def _new_petition(*, actor: User, unit: OrgUnit, data: RegistrationInput, cleaned: list[PetitionerInput]) -> Petition:
    """The unsaved petition of a checked registration (no code yet)."""
    denunciation = data.type == PetitionType.DENUNCIATION
    return build(  # Petition(…), faster (an import builds thousands)
        Petition,
        unit=unit,
        channel=data.channel,
        type=data.type,
        received_on=data.received_on,
        letter_date=data.letter_date,
        summary=data.summary,
        content="" if denunciation else nfc(data.content),
        content_enc=crypto.encrypt_text(nfc(data.content)) if denunciation and data.content else "",
        summary_folded=fold(data.summary),
        respondent_name=nfc(data.respondent_name).strip(),
        respondent_unit=data.respondent_unit,
        referring_body=data.referring_body,
        referring_doc_number=data.referring_doc_number,
        referring_doc_date=data.referring_doc_date if data.channel == Channel.TRANSFERRED else None,
        signature_present=data.signature_present,
        originals_attached=data.originals_attached,
        is_anonymous=data.is_anonymous or not cleaned,
        several_signatories=len(cleaned) > 1,
        mass_delegation=len(cleaned) >= MASS_DELEGATION_MIN,
        sent_to_several_bodies=data.sent_to_several_bodies,
        bypasses_level=data.bypasses_level,
        subject_field=data.subject_field,
        assignee=data.assignee,
        external_ref=data.external_ref,
        created_by=actor,
    )


def _registered_message(petition: Petition, labels: dict[str, str] | None = None) -> str:
    """The timeline line of a registration; `labels` caches the translated choice labels for an import."""
    labels = {} if labels is None else labels
    for value, display in (
        (petition.type, petition.get_type_display),
        (petition.channel, petition.get_channel_display),
    ):
        if value not in labels:
            labels[value] = str(display()).lower()
    return f"Vào sổ đơn {labels[petition.type]} ({labels[petition.channel]}), hạn xử lý {petition.due_on:%d/%m/%Y}"


def _record_registration(*, actor: User, petition: Petition, petitioners: int) -> None:
    record_event(
        actor=actor,
        action="petitions.register",
        obj=petition,
        changes={
            "code": [None, petition.code],
            "type": [None, petition.type],
            "channel": [None, petition.channel],
            "unit": [None, petition.unit.code],
            "petitioners": [None, petitioners],
            "due_on": [None, petition.due_on],
        },
        legal_basis=rules.TT05,
    )


@dataclass
class BulkRegistrationOutcome:
    petitions: list[Petition] = field(default_factory=list)  # in the order of the rows, when no errors
    errors: list[tuple[int, DomainError]] = field(default_factory=list)  # (row index, problem)


@dataclass
class _Planned:
    petition: Petition
    signers: list[tuple[PetitionerInput, Person | ProtectedIdentity]]
    names: list[str]
    deadline: TrackedDeadline


def register_petitions(
    *, actor: User, unit: OrgUnit, rows: Sequence[RegistrationInput], bulk: BulkRegistration, write: bool = True
) -> BulkRegistrationOutcome:
    """Register many letters at once (the import of a register): all or nothing.

    Every row goes through the same checks as `register_petition` (`_check_registration`, the people
    registry's and the vault's own checks, the lawcal rule); when any row fails, nothing is written and
    every failing row is returned. Otherwise the rows are written with a few multi-row inserts per table
    instead of about thirty statements per row, with the same rows, events and audit entries as one
    `register_petition` each. The caller already skipped references the unit holds (`bulk.may_exist`).
    Runs inside `bulk_registration()` (one transaction) and `audit.batch()`. `write=False` only checks.
    """
    outcome = BulkRegistrationOutcome()
    _require_scope(actor, unit)
    if not may_register(actor, unit, roles_of=bulk.roles_at):
        raise DomainError("Bạn không có vai trò tiếp nhận, vào sổ đơn tại đơn vị này.")
    known = bulk.people_by_id_number(
        actor,
        {
            people_rules.normalize_id_number(p.id_number)
            for data in rows
            if data.type != PetitionType.DENUNCIATION
            for p in data.petitioners
            if p.id_number and p.person_id is None
        },
    )
    petition_type = ContentType.objects.get_for_model(Petition)
    if any(data.type == PetitionType.DENUNCIATION for data in rows):
        people_services.require_vault_writer(actor, unit)
    plans: list[_Planned] = []
    for index, data in enumerate(rows):
        try:
            data.external_ref = nfc(data.external_ref).strip()
            cleaned = _check_registration(actor=actor, unit=unit, data=data, roles_of=bulk.roles_at, bulk=bulk)
            petition = _new_petition(actor=actor, unit=unit, data=data, cleaned=cleaned)
            signers: list[tuple[PetitionerInput, Person | ProtectedIdentity]] = []
            names: list[str] = []
            for signer in cleaned:
                if petition.type == PetitionType.DENUNCIATION:
                    signers.append((signer, _planned_identity(actor=actor, unit=unit, data=signer)))
                    continue
                person = _planned_person(actor=actor, unit=unit, data=signer, known=known)
                signers.append((signer, person))
                names += [person.full_name, person.id_number]
            rule_code = rules.processing_rule(petition.type)
            deadline = deadline_services.build_deadline(
                item=None, content_type=petition_type, rule_code=rule_code, trigger_on=petition.received_on,
                unit=unit, flags=rules.processing_flags(petition_type=petition.type, multi_site=petition.multi_site),
                assignee=petition.assignee,
            )  # fmt: skip
            petition.due_rule = rule_code
            petition.due_on = deadline.due_on
            plans.append(_Planned(petition=petition, signers=signers, names=names, deadline=deadline))
        except DomainError as exc:
            outcome.errors.append((index, exc))
    if outcome.errors or not write:
        return outcome
    _write_planned(actor=actor, unit=unit, plans=plans, bulk=bulk)
    outcome.petitions = [plan.petition for plan in plans]
    logger.info("petitions registered in bulk count=%s unit=%s", len(plans), unit.code)
    return outcome


def _planned_person(*, actor: User, unit: OrgUnit, data: PetitionerInput, known: dict[str, Person]) -> Person:
    """`_person_for` of the single-row path, with the registry lookups answered from `known` (which also
    collects the entries this import creates, so a citizen on two rows is one entry, as when registered
    one after the other)."""
    if data.person_id is not None:
        person = visible_people(actor).filter(pk=data.person_id).first()
        if person is None:
            raise NotFoundError("Không tìm thấy công dân đã chọn trong phạm vi của bạn.")
        return person
    if data.id_number and data.id_number in known:
        return known[data.id_number]
    person = people_services.build_person(
        actor=actor, owner_unit=unit, full_name=data.full_name, id_number=data.id_number, address=data.address,
        phone=data.phone, email=data.email, date_of_birth=data.date_of_birth,
    )  # fmt: skip
    if person.id_number:
        known[person.id_number] = person
    return person


def _planned_identity(*, actor: User, unit: OrgUnit, data: PetitionerInput) -> ProtectedIdentity:
    if data.person_id is not None:
        person = visible_people(actor).filter(pk=data.person_id).first()
        if person is None:
            raise NotFoundError("Không tìm thấy công dân đã chọn trong phạm vi của bạn.")
        data.full_name = data.full_name or person.full_name
        data.id_number = data.id_number or person.id_number
        data.address = data.address or person.address
        data.phone = data.phone or person.phone
        data.email = data.email or person.email
    return people_services.build_protected_identity(
        actor=actor, unit=unit, full_name=data.full_name, id_number=data.id_number, address=data.address,
        phone=data.phone, email=data.email, date_of_birth=data.date_of_birth,
    )  # fmt: skip


def _write_planned(*, actor: User, unit: OrgUnit, plans: list[_Planned], bulk: BulkRegistration) -> None:
    chunk = 500
    fresh: dict[int, Person] = {}
    for plan in plans:
        for _data, signer in plan.signers:
            if isinstance(signer, Person) and signer.pk is None:
                fresh.setdefault(id(signer), signer)  # a citizen on several rows is one new entry
    new_people = list(fresh.values())
    insert_rows(new_people, batch_size=chunk)
    for person in new_people:
        people_services.record_person_created(actor=actor, person=person)
    identities = [s for plan in plans for _d, s in plan.signers if isinstance(s, ProtectedIdentity)]
    insert_rows(identities, batch_size=chunk)
    for identity in identities:
        people_services.record_identity_created(actor=actor, identity=identity)
    for plan in plans:
        petition = plan.petition
        petition.code = bulk.next_code(unit, petition.received_on.year)
        petition.search_folded = _search_text(petition, plan.names)
    insert_rows([plan.petition for plan in plans], batch_size=chunk)
    signatures: list[tuple[int | None, int | None, int | None, bool, int]] = []
    grants = []
    for plan in plans:
        petition = plan.petition
        for position, (data, signer) in enumerate(plan.signers):
            if isinstance(signer, ProtectedIdentity):
                signatures.append((petition.pk, None, signer.pk, data.is_representative, position))
                if petition.assignee is not None:
                    grants.append(
                        people_services.build_assignment_grant(
                            actor=actor,
                            identity=signer,
                            user=petition.assignee,
                            reason=f"Được phân công xử lý đơn {petition.code}",
                        )
                    )
            else:
                signatures.append((petition.pk, signer.pk, None, data.is_representative, position))
        plan.deadline.object_id = str(petition.pk)
    insert_tuples(Petitioner, ["petition", "person", "identity", "is_representative", "position"], signatures)
    deadlines = [plan.deadline for plan in plans]
    insert_rows(deadlines, batch_size=chunk)
    for deadline in deadlines:
        deadline_services.record_deadline_tracked(actor=actor, deadline=deadline)
    insert_rows(grants, batch_size=chunk)
    for grant in grants:
        people_services.record_grant_created(actor=actor, grant=grant)
    duplicates.index_petitions([plan.petition for plan in plans])
    labels: dict[str, str] = {}
    insert_tuples(
        PetitionEvent, ["petition", "actor", "kind", "message"],
        [(plan.petition.pk, actor.pk, "register", _registered_message(plan.petition, labels)[:500]) for plan in plans],
    )  # fmt: skip
    for plan in plans:
        _record_registration(actor=actor, petition=plan.petition, petitioners=len(plan.signers))
        bulk.registered(unit, plan.petition.external_ref)


# --- Bulk registration (imports) ---------------------------------------------------------------------


@dataclass
class BulkRegistration:
    """Caches for registering many petitions in ONE transaction (the import of a register).

    Only answers that cannot change while that transaction runs come from here, and each is the same
    answer the single-row path reads: the users' roles per unit, the subject-field code list (validity,
    children), the unit's external references (read once, then kept up to date; a reference inserted
    meanwhile by another transaction still meets the unique index and is returned as on the single-row
    path), and the petition-code counter, which is locked once per unit and year, advanced in memory
    and saved by `finish()` (so the counter row is not rewritten per petition). Use `bulk_registration()`,
    and pass it to every `register_petition` call inside; do not register without it in the same
    transaction (the stored counter is behind until `finish()`).
    """

    _roles: dict[tuple[int, int], set[str]] = field(default_factory=dict)
    _counters: dict[tuple[int, int], PetitionCounter] = field(default_factory=dict)
    _handed_out: tuple[int, int] | None = None
    _fields: dict[int, SubjectField] | None = None
    _parents: set[int] = field(default_factory=set)
    _refs: dict[int, set[str]] = field(default_factory=dict)
    _people: dict[int, dict[str, Person]] = field(default_factory=dict)
    _asked: dict[int, set[str]] = field(default_factory=dict)

    def may_exist(self, unit: OrgUnit, external_ref: str) -> bool:
        """False when the unit surely holds no petition with this reference (no query per row)."""
        if unit.pk not in self._refs:
            self._refs[unit.pk] = set(
                Petition.objects.filter(unit=unit).exclude(external_ref="").values_list("external_ref", flat=True)
            )
        return external_ref in self._refs[unit.pk]

    def people_by_id_number(self, actor: User, numbers: Iterable[str]) -> dict[str, Person]:
        """The registry entries the actor sees, by ID number, for these numbers and every number asked before,
        with the entries this transaction planned meanwhile (`_planned_person` adds them): a citizen on two
        rows of an import is one entry even before the first row is written (pipelined writes).
        One query per thousand numbers never asked, not one per signer."""
        known = self._people.setdefault(actor.pk, {})
        asked = self._asked.setdefault(actor.pk, set())
        ordered = sorted(set(numbers) - asked)
        for start in range(0, len(ordered), 1000):
            part = ordered[start : start + 1000]
            for person in visible_people(actor).filter(id_number__in=part).order_by("-pk"):
                known[person.id_number] = person  # the lowest pk wins, as `.first()` on the single-row path
            asked.update(part)
        return known

    def registered(self, unit: OrgUnit, external_ref: str) -> None:
        if external_ref and unit.pk in self._refs:
            self._refs[unit.pk].add(external_ref)

    def roles_at(self, user: User, unit: OrgUnit) -> set[str]:
        key = (user.pk, unit.pk)
        if key not in self._roles:
            self._roles[key] = roles_at(user, unit)
        return self._roles[key]

    def subject_field_facts(self, subject_field: SubjectField, on: dt.date) -> tuple[bool, bool]:
        """(valid on `on`, has children), from the code list loaded once."""
        if self._fields is None:
            self._fields = {f.pk: f for f in SubjectField.objects.all()}
            self._parents = {f.parent_id for f in self._fields.values() if f.parent_id is not None}
        entry = self._fields.get(subject_field.pk)
        valid = entry is not None and entry.valid_from <= on and (entry.valid_to is None or entry.valid_to >= on)
        return valid, subject_field.pk in self._parents

    def next_code(self, unit: OrgUnit, year: int) -> str:
        key = (unit.pk, year)
        self._handed_out = None
        counter = self._counters.get(key)
        if counter is None:
            counter = self._counters[key] = _locked_counter(unit, year)
        counter.last_number += 1
        self._handed_out = key
        return _format_code(unit, year, counter.last_number)

    def give_back_code(self, unit: OrgUnit, year: int) -> None:
        """The registration that took the last number failed (its savepoint rolled back): reuse it."""
        key = (unit.pk, year)
        if self._handed_out == key:
            self._counters[key].last_number -= 1
        self._handed_out = None

    def finish(self) -> None:
        for counter in self._counters.values():
            counter.save(update_fields=["last_number"])


@contextmanager
def bulk_registration() -> Iterator[BulkRegistration]:
    """One transaction for many `register_petition(..., bulk=bulk)` calls; saves the counters at the end.

    `transaction.set_rollback(True)` inside (a dry run, a bad row) discards everything as usual.
    """
    with transaction.atomic():
        bulk = BulkRegistration()
        yield bulk
        if not transaction.get_rollback():
            bulk.finish()


# --- Assignment and classification --------------------------------------------------------------------


@transaction.atomic
def assign_petition(*, actor: User, petition: Petition, assignee: User, version: int | None = None) -> Petition:
    petition = _locked(petition, version=version)
    _require_handler(actor, petition)
    if not (roles_at(assignee, petition.unit) & HANDLE_ROLES):
        raise DomainError("Người được phân công phải là chuyên viên xử lý đơn của đơn vị.", field="assignee")
    before = petition.assignee_id
    petition.assignee = assignee
    _bump(petition, ["assignee"])
    deadline = _processing_deadline(petition)
    if deadline is not None:
        deadline.assignee = assignee
        deadline.save(update_fields=["assignee"])
    _grant_assignee(actor=actor, petition=petition)
    _event(petition, actor=actor, kind="assign", message=f"Phân công {assignee.get_full_name()} xử lý đơn")
    record_event(actor=actor, action="petitions.assign", obj=petition, changes={"assignee": [before, assignee.pk]})
    return petition


def _check_subject_field(
    subject_field: SubjectField, *, petition_type: str, on: dt.date, bulk: BulkRegistration | None = None
) -> None:
    if subject_field.applies_to != petition_type:
        raise DomainError("Lĩnh vực đã chọn không thuộc danh mục của loại đơn này.", field="subject_field")
    if bulk is not None:
        valid, has_children = bulk.subject_field_facts(subject_field, on)
    else:
        valid = SubjectField.objects.valid_on(on).filter(pk=subject_field.pk).exists()
        has_children = subject_field.children.exists()
    if not valid:
        raise DomainError("Lĩnh vực đã chọn không còn hiệu lực vào ngày nhận đơn.", field="subject_field")
    if has_children:
        raise DomainError("Hãy chọn lĩnh vực chi tiết nhất (mục không còn mục con).", field="subject_field")


@dataclass(frozen=True)
class CompetenceSuggestion:
    unit: OrgUnit | None
    explanation: str


def suggest_competence(petition: Petition) -> CompetenceSuggestion:
    """Which unit must resolve the matter, from the respondent's unit through the tree as it stood.

    Complaints: first round by the body whose decision or act is complained about (Law on Complaints
    Art 17–18), second round by its direct superior (Art 18–21). Denunciations and recommendations: the body
    that manages the denounced person or the matter (Law on Denunciations Art 13–15). A unit closed since
    then hands over to its successor.
    """
    from tiepdan.orgs.selectors import successors_of

    unit = petition.respondent_unit
    if unit is None:
        return CompetenceSuggestion(None, "Chưa chọn đơn vị của người bị khiếu nại, tố cáo nên chưa gợi ý được.")
    on = petition.received_on
    reason = f"Đơn vị của người bị khiếu nại/tố cáo: {unit.name}"
    target = unit
    if petition.type == PetitionType.COMPLAINT and petition.resolution_status == ResolutionStatus.FIRST_ROUND_DONE:
        if unit.parent is None:
            return CompetenceSuggestion(None, f"{unit.name} không có cấp trên trực tiếp trong cây tổ chức.")
        target = unit.parent
        reason += f"; đã giải quyết lần đầu nên thẩm quyền lần hai thuộc cấp trên trực tiếp: {target.name}"
    seen = 0
    while not target.is_valid_on(max(on, today())) and seen < 10:
        successor = successors_of(target).first()
        if successor is None:
            break
        reason += f"; {target.name} đã sắp xếp lại, kế thừa bởi {successor.name}"
        target = successor
        seen += 1
    return CompetenceSuggestion(target, reason + ".")


FLAG_FIELDS = (
    "is_anonymous", "is_impersonated", "several_signatories", "mass_delegation", "sent_to_several_bodies",
    "bypasses_level", "multi_site", "originals_attached", "signature_present",
)  # fmt: skip


@transaction.atomic
def classify_petition(
    *,
    actor: User,
    petition: Petition,
    subject_field: SubjectField | None,
    failed_conditions: Sequence[str] = (),
    within_competence: bool,
    competent_unit: OrgUnit | None = None,
    competent_body_name: str = "",
    resolution_status: str = ResolutionStatus.UNRESOLVED,
    type: str | None = None,
    respondent_unit: OrgUnit | None = None,
    flags: dict[str, bool] | None = None,
    version: int | None = None,
) -> Petition:
    """Record the classification (TT 05/2021 Art 6): field, eligibility, competence, status and flags."""
    petition = _locked(petition, version=version)
    _require_handler(actor, petition)
    if not petition.is_open:
        raise DomainError("Đơn đã được xử lý hoặc đã tách; không phân loại lại được.")
    new_type = type or petition.type
    if new_type not in PetitionType.values:
        raise DomainError("Loại đơn không hợp lệ.", field="type")
    if new_type != petition.type and PetitionType.DENUNCIATION in (new_type, petition.type):
        raise DomainError(
            "Không đổi loại đơn giữa tố cáo và loại khác vì danh tính người tố cáo phải được bảo mật: "
            "hãy dùng chức năng tách đơn (đơn có nhiều nội dung) hoặc vào sổ lại.",
            field="type",
        )
    unknown = [c for c in failed_conditions if c not in rules.ELIGIBILITY_CONDITIONS]
    if unknown:
        raise DomainError("Điều kiện xử lý không hợp lệ: " + ", ".join(unknown), field="failed_conditions")
    if resolution_status not in ResolutionStatus.values:
        raise DomainError("Tình trạng giải quyết không hợp lệ.", field="resolution_status")
    if subject_field is None:
        raise DomainError("Hãy chọn lĩnh vực của đơn.", field="subject_field")
    _check_subject_field(subject_field, petition_type=new_type, on=petition.received_on)
    competent_body_name = nfc(competent_body_name).strip()
    if within_competence:
        competent_unit = competent_unit or petition.unit
    elif competent_unit is None and not competent_body_name:
        raise DomainError(
            "Đơn không thuộc thẩm quyền: hãy chọn đơn vị hoặc ghi tên cơ quan có thẩm quyền.", field="competent_unit"
        )
    if competent_unit is not None and not competent_unit.is_valid_on(today()):
        raise DomainError("Đơn vị có thẩm quyền đã chọn không còn hoạt động.", field="competent_unit")
    before = {
        "type": petition.type, "subject_field": petition.subject_field_id, "eligible": petition.eligible,
        "within_competence": petition.within_competence, "competent_unit": petition.competent_unit_id,
        "resolution_status": petition.resolution_status,
    }  # fmt: skip
    old_type, old_multi_site = petition.type, petition.multi_site
    petition.type = new_type
    petition.subject_field = subject_field
    petition.eligibility_failures = sorted(set(failed_conditions))
    petition.eligible = not failed_conditions
    petition.within_competence = within_competence
    petition.competent_unit = competent_unit
    petition.competent_body_name = competent_body_name
    petition.resolution_status = resolution_status
    if respondent_unit is not None:
        petition.respondent_unit = respondent_unit
    for name, value in (flags or {}).items():
        if name not in FLAG_FIELDS:
            raise DomainError(f"Dấu hiệu không hợp lệ: {name}", field="flags")
        setattr(petition, name, bool(value))
    petition.status = PetitionStatus.CLASSIFIED
    fields = [
        "type", "subject_field", "eligibility_failures", "eligible", "within_competence", "competent_unit",
        "competent_body_name", "resolution_status", "respondent_unit", "status", *FLAG_FIELDS,
    ]  # fmt: skip
    if petition.type != old_type or petition.multi_site != old_multi_site:
        # The processing limit depends on the type and on multi-site verification (TC Art 24(1)).
        _close_processing_deadline(actor=actor, petition=petition, on=today(), reason="Phân loại lại đơn")
        _start_processing_deadline(actor=actor, petition=petition)
        fields += ["due_rule", "due_on"]
    petition.search_folded = _search_text(petition, _petitioner_names(petition))
    fields.append("search_folded")
    _bump(petition, fields)
    after = {
        "type": petition.type, "subject_field": petition.subject_field_id, "eligible": petition.eligible,
        "within_competence": petition.within_competence, "competent_unit": petition.competent_unit_id,
        "resolution_status": petition.resolution_status,
    }  # fmt: skip
    failed_text = "; ".join(rules.ELIGIBILITY_CONDITIONS[c] for c in petition.eligibility_failures)
    message = f"Phân loại: {petition.get_type_display().lower()}, lĩnh vực {subject_field.name}, " + (
        "đủ điều kiện xử lý" if petition.eligible else f"chưa đủ điều kiện ({failed_text})"
    ) + (", thuộc thẩm quyền" if within_competence else ", không thuộc thẩm quyền")  # fmt: skip
    _event(petition, actor=actor, kind="classify", message=message)
    record_event(
        actor=actor,
        action="petitions.classify",
        obj=petition,
        changes={k: [before[k], after[k]] for k in before if before[k] != after[k]},
        legal_basis=f"{rules.TT05}, Điều 6",
    )
    return petition


def _petitioner_names(petition: Petition) -> list[str]:
    names: list[str] = []
    for p in petition.petitioners.filter(person__isnull=False).select_related("person"):
        assert p.person is not None
        names += [p.person.full_name, p.person.id_number]
    return names


@transaction.atomic
def split_petition(
    *, actor: User, petition: Petition, parts: Sequence[tuple[str, str]], version: int | None = None
) -> list[Petition]:
    """Split a mixed petition into one petition per type (TT 05/2021 Art 6(1)), linked to the original.

    `parts` is a list of (type, summary). Denunciation parts put the petitioners in the vault.
    """
    petition = _locked(petition, version=version)
    _require_handler(actor, petition)
    if not petition.is_open:
        raise DomainError("Đơn đã được xử lý hoặc đã tách; không tách được nữa.")
    if len(parts) < 2:
        raise DomainError("Tách đơn cần ít nhất hai phần nội dung.", field="parts")
    types = [t for t, _s in parts]
    if any(t not in PetitionType.values for t in types):
        raise DomainError("Loại đơn của phần tách không hợp lệ.", field="parts")
    if len(set(types)) != len(types):
        raise DomainError("Mỗi loại nội dung chỉ tách thành một đơn.", field="parts")
    if any(not nfc(s).strip() for _t, s in parts):
        raise DomainError("Hãy nhập tóm tắt nội dung cho từng phần tách.", field="parts")
    if petition.type == PetitionType.DENUNCIATION and any(t != PetitionType.DENUNCIATION for t in types):
        raise DomainError(
            "Đơn đã vào sổ là tố cáo: danh tính người tố cáo không được chuyển sang đơn loại khác.", field="parts"
        )
    signers = list(petition.petitioners.select_related("person"))
    children = []
    for index, (part_type, part_summary) in enumerate(parts, start=1):
        child = Petition(
            code=f"{petition.code}.{index}",
            unit=petition.unit,
            channel=petition.channel,
            type=part_type,
            received_on=petition.received_on,
            letter_date=petition.letter_date,
            summary=nfc(part_summary).strip(),
            summary_folded=fold(nfc(part_summary)),
            respondent_name=petition.respondent_name,
            respondent_unit=petition.respondent_unit,
            referring_body=petition.referring_body,
            referring_doc_number=petition.referring_doc_number,
            referring_doc_date=petition.referring_doc_date,
            signature_present=petition.signature_present,
            originals_attached=petition.originals_attached,
            is_anonymous=petition.is_anonymous,
            several_signatories=petition.several_signatories,
            mass_delegation=petition.mass_delegation,
            sent_to_several_bodies=petition.sent_to_several_bodies,
            bypasses_level=petition.bypasses_level,
            assignee=petition.assignee,
            split_from=petition,
            created_by=actor,
        )
        if part_type == PetitionType.DENUNCIATION:
            child.content_enc = petition.content_enc or (
                crypto.encrypt_text(petition.content) if petition.content else ""
            )
        else:
            child.content = petition.content
        child.save()
        for signer in signers:
            if part_type == PetitionType.DENUNCIATION and signer.person is not None:
                person = signer.person
                identity = people_services.create_protected_identity(
                    actor=actor, unit=petition.unit, full_name=person.full_name, id_number=person.id_number,
                    address=person.address, phone=person.phone, email=person.email,
                    date_of_birth=person.date_of_birth,
                )  # fmt: skip
                Petitioner.objects.create(
                    petition=child, identity=identity, is_representative=signer.is_representative,
                    position=signer.position,
                )  # fmt: skip
            else:
                Petitioner.objects.create(
                    petition=child, person=signer.person, identity=signer.identity,
                    is_representative=signer.is_representative, position=signer.position,
                )  # fmt: skip
        child.search_folded = _search_text(child, _petitioner_names(child))
        _start_processing_deadline(actor=actor, petition=child)
        child.save(update_fields=["search_folded", "due_rule", "due_on"])
        _grant_assignee(actor=actor, petition=child)
        duplicates.index_petition(child)  # duplicate detection: MinHash bands of the part's summary
        _event(child, actor=actor, kind="split", message=f"Tách từ đơn {petition.code}")
        children.append(child)
    _close_processing_deadline(actor=actor, petition=petition, on=today(), reason="Tách đơn")
    petition.status = PetitionStatus.SPLIT
    _bump(petition, ["status"])
    _event(
        petition,
        actor=actor,
        kind="split",
        message="Tách thành các đơn " + ", ".join(c.code for c in children),
    )
    record_event(
        actor=actor,
        action="petitions.split",
        obj=petition,
        changes={"parts": [None, [f"{c.code}:{c.type}" for c in children]]},
        legal_basis=f"{rules.TT05}, Điều 6",
    )
    return children


# --- Duplicates and cases -----------------------------------------------------------------------------


def _case_code(unit: OrgUnit, year: int) -> str:
    count = Case.objects.filter(unit=unit, opened_on__year=year).count() + 1
    code = f"VV-{unit.code}-{year}-{count:05d}"
    while Case.objects.filter(code=code).exists():
        count += 1
        code = f"VV-{unit.code}-{year}-{count:05d}"
    return code


def _open_case(*, actor: User | None, petition: Petition) -> Case:
    # Lock the unit's counter row so two cases opened at once do not take the same code.
    PetitionCounter.objects.select_for_update().filter(unit=petition.unit, year=petition.received_on.year).first()
    case = Case.objects.create(
        code=_case_code(petition.unit, petition.received_on.year),
        unit=petition.unit,
        type=petition.type,
        title=petition.summary[:500],
        title_folded=fold(petition.summary[:500]),
        subject_field=petition.subject_field,
        opened_on=petition.received_on,
        created_by=actor,
    )
    record_event(actor=actor, action="cases.open", obj=case, changes={"petition": [None, petition.pk]})
    return case


@transaction.atomic
def resolve_duplicate(
    *,
    actor: User,
    petition: Petition,
    decision: str,
    other: Petition | None = None,
    version: int | None = None,
) -> Petition:
    """The handler's decision on the duplicate panel: a new matter, a new letter on the case of `other`,
    or a duplicate of `other` (same person, same content, nothing new)."""
    from .selectors import visible_petitions

    petition = _locked(petition, version=version)
    _require_handler(actor, petition)
    if decision not in (DuplicateStatus.NEW, DuplicateStatus.LINKED, DuplicateStatus.DUPLICATE):
        raise DomainError("Quyết định không hợp lệ (đơn mới, cùng vụ việc, hoặc đơn trùng).", field="decision")
    if decision == DuplicateStatus.NEW:
        other = None
        case = petition.case or _open_case(actor=actor, petition=petition)
        message = f"Xác nhận là vụ việc mới {case.code}"
    else:
        if other is None or other.pk == petition.pk:
            raise DomainError("Hãy chọn đơn đã có để liên kết.", field="other")
        if not visible_petitions(actor).filter(pk=other.pk).exists():
            raise NotFoundError("Không tìm thấy đơn này trong phạm vi của bạn.")
        if other.type != petition.type:
            raise DomainError("Chỉ liên kết với đơn cùng loại (khiếu nại, tố cáo, kiến nghị/phản ánh).", field="other")
        other = Petition.objects.select_for_update().get(pk=other.pk)
        if other.case is None:
            other.case = _open_case(actor=actor, petition=other)
            other.save(update_fields=["case"])
        case = other.case
        message = (
            f"Liên kết với vụ việc {case.code} (đơn {other.code})"
            if decision == DuplicateStatus.LINKED
            else f"Đánh dấu trùng với đơn {other.code} (vụ việc {case.code})"
        )
    before = [petition.duplicate_status, petition.case_id]
    petition.duplicate_status = decision
    petition.duplicate_of = other if decision == DuplicateStatus.DUPLICATE else None
    petition.case = case
    _bump(petition, ["duplicate_status", "duplicate_of", "case"])
    _event(petition, actor=actor, kind="duplicate", message=message)
    record_event(
        actor=actor,
        action="petitions.duplicate",
        obj=petition,
        changes={"duplicate_status": [before[0], decision], "case": [before[1], case.pk]},
    )
    return petition


# --- Outcomes -----------------------------------------------------------------------------------------


@dataclass
class Signer:
    title: str
    name: str


def default_signer(unit: OrgUnit) -> Signer:
    """The head of the unit signs; the title follows the kind of body (Decree 30/2020 Appendix I)."""
    head = unit.memberships.valid_on(today()).filter(role=Role.UNIT_HEAD).select_related("user").order_by("pk").first()
    titles = {"province": "CHỦ TỊCH", "commune": "CHỦ TỊCH", "ward": "CHỦ TỊCH", "special_zone": "CHỦ TỊCH",
              "district": "CHỦ TỊCH", "inspectorate": "CHÁNH THANH TRA"}  # fmt: skip
    return Signer(titles.get(unit.kind, "THỦ TRƯỞNG"), head.user.get_full_name() if head else "")


def _petitioner_lines(actor: User, petition: Petition) -> tuple[str, str, bool]:
    """Name and address of the petitioner for a letter, and whether they are a protected identity.

    For a denunciation the identity is revealed (and the read audited) only for users the law allows;
    anybody else cannot produce a letter addressed to the denouncer.
    """
    signers = list(petition.petitioners.select_related("person", "identity__unit"))
    if not signers:
        return "Người gửi đơn không ghi tên (đơn nặc danh)", "", False
    main = next((s for s in signers if s.is_representative), signers[0])
    others = len(signers) - 1
    suffix = f" và {others} người khác" if others else ""
    if main.identity is not None:
        if not can_see_identity(actor, main.identity):
            raise DomainError(
                "Văn bản này gửi người tố cáo nên chỉ người được phân công, thủ trưởng đơn vị hoặc cán bộ bảo mật "
                "được lập (danh tính người tố cáo được bảo mật)."
            )
        clear = people_services.reveal_identity(
            actor=actor, identity=main.identity, purpose=f"Lập văn bản gửi người tố cáo, đơn {petition.code}"
        )
        return clear.full_name + suffix, clear.address, True
    assert main.person is not None
    return main.person.full_name + suffix, main.person.address or "(không ghi địa chỉ)", False


def head_title(unit: OrgUnit) -> str:
    """Who a proposal goes to: the head of the receiving body (Kính gửi)."""
    if unit.kind == "inspectorate":
        return f"Chánh {unit.name}"
    if unit.kind in ("province", "commune", "ward", "special_zone", "district"):
        return f"Chủ tịch Ủy ban nhân dân {unit.name[0].lower()}{unit.name[1:]}"
    return f"Thủ trưởng {unit.name}"


def _base_context(petition: Petition, signer: Signer | None) -> dict[str, Any]:
    signer = signer or default_signer(petition.unit)
    if not signer.name:
        raise DomainError(
            "Chưa có người ký: đơn vị chưa có thủ trưởng trong hệ thống, hãy ghi họ tên và chức vụ người ký.",
            field="signer",
        )
    return {
        "chuc_vu_nguoi_ky": signer.title,
        "ho_ten_nguoi_ky": signer.name,
        "ngay_nhan_don": petition.received_on.strftime("%d/%m/%Y"),
        "tom_tat_noi_dung": petition.summary,
    }


def document_symbol(template_code: str, unit: OrgUnit) -> str:
    from tiepdan.documents.specs import TEMPLATE_SPECS

    body = "UBND" if unit.kind in ("province", "commune", "ward", "special_zone", "district") else "TTr"
    if unit.kind == "inspectorate":
        body = "TTr"
    return f"{TEMPLATE_SPECS[template_code].default_symbol}-{body}"


def _already_done(petition: Petition, outcome: str) -> bool:
    """True when another petition of the same case (or the one this duplicates) already had `outcome`."""
    if petition.case_id is None:
        return False
    return Petition.objects.filter(case_id=petition.case_id, outcome=outcome).exclude(pk=petition.pk).exists()


def _start_outcome(actor: User, petition: Petition, version: int | None) -> Petition:
    """Lock the row and check the actor before any context (or identity) is read for the document."""
    petition = _locked(petition, version=version)
    _require_handler(actor, petition)
    return petition


def _apply_outcome(
    *,
    actor: User,
    petition: Petition,
    outcome: str,
    on: dt.date | None,
    ground: str = "",
    note: str = "",
    target: str = "",
    version: int | None,
    document: tuple[str, dict[str, Any], bool] | None,
    follow_up: tuple[str, dt.date] | None = None,
    follow_up_date: tuple[str, dt.date] | None = None,
    message: str,
    legal_basis: str,
) -> Petition:
    """The common steps of every outcome service. `document` is (template, context, names the denouncer)."""
    petition = _locked(petition, version=version)
    _require_handler(actor, petition)
    day = on or today()
    if day > today():
        raise DomainError("Ngày xử lý không được sau ngày hôm nay.", field="on")
    if day < petition.received_on:
        raise DomainError("Ngày xử lý không được trước ngày nhận đơn.", field="on")
    try:
        rules.check_outcome(
            outcome=outcome,
            petition_type=petition.type,
            status=petition.status,
            eligible=petition.eligible,
            within_competence=petition.within_competence,
            ground=ground,
            already_guided=_already_done(petition, Outcome.GUIDE),
            already_transferred=_already_done(petition, Outcome.TRANSFER),
        )
    except rules.RuleViolation as exc:
        raise DomainError(str(exc)) from None
    if petition.case_id is None:
        petition.case = _open_case(actor=actor, petition=petition)
        if petition.duplicate_status == DuplicateStatus.UNCHECKED:
            petition.duplicate_status = DuplicateStatus.NEW
    generated = None
    if document is not None:
        template_code, context, names_denouncer = document
        generated = document_services.generate_document(
            actor=actor,
            template_code=template_code,
            unit=petition.unit,
            context=context,
            related_object=petition,
            symbol=document_symbol(template_code, petition.unit),
            issued_on=day,
            contains_denouncer_identity=names_denouncer,
        )
    _close_processing_deadline(actor=actor, petition=petition, on=day, reason=f"Đã xử lý: {message}")
    petition.status = PetitionStatus.PROCESSED
    petition.outcome = outcome
    petition.outcome_on = day
    petition.outcome_ground = ground
    petition.outcome_note = nfc(note).strip()
    petition.outcome_target = nfc(target).strip()
    petition.outcome_document = generated
    fields = ["status", "outcome", "outcome_on", "outcome_ground", "outcome_note", "outcome_target",
              "outcome_document", "case", "duplicate_status"]  # fmt: skip
    if follow_up is not None:
        rule_code, trigger = follow_up
        tracked = deadline_services.track_deadline(
            actor=actor, item=petition, rule_code=rule_code, trigger_on=trigger, unit=petition.unit,
            assignee=petition.assignee,
        )  # fmt: skip
        petition.follow_up_rule = rule_code
        petition.follow_up_due_on = tracked.due_on
        fields += ["follow_up_rule", "follow_up_due_on"]
    elif follow_up_date is not None:
        # A date the letter itself sets (e.g. the report date of an urging letter), not a statutory limit.
        petition.follow_up_rule, petition.follow_up_due_on = follow_up_date
        fields += ["follow_up_rule", "follow_up_due_on"]
    _bump(petition, fields)
    _event(petition, actor=actor, kind=f"outcome.{outcome}", message=message, document=generated)
    record_event(
        actor=actor,
        action=f"petitions.outcome.{outcome}",
        obj=petition,
        changes={
            "status": ["open", petition.status],
            "outcome": [None, outcome],
            "ground": [None, ground or None],
            "document": [None, generated.number_string if generated else None],
        },
        reason=petition.outcome_note,
        legal_basis=legal_basis,
    )
    if generated is not None:
        document_id = generated.pk
        transaction.on_commit(lambda: _prepare_pdf(document_id))
    return petition


def _prepare_pdf(document_id: int) -> None:
    """After commit: render the PDF in the background so the download is instant.

    Only with a real broker: without one (embedded `make run`) Celery runs tasks in-process and LibreOffice
    would hold up the handler's request; the download then converts on demand.
    """
    from django.conf import settings

    from tiepdan.documents.tasks import render_pdf_task

    if not settings.CELERY_TASK_ALWAYS_EAGER:
        render_pdf_task.delay(document_id)


@transaction.atomic
def propose_acceptance(
    *, actor: User, petition: Petition, proposal: str, on: dt.date | None = None, signer: Signer | None = None,
    recipient: str = "", version: int | None = None,
) -> Petition:  # fmt: skip
    """Đề xuất thụ lý (Mẫu 01): within competence and eligible; starts the acceptance time limit."""
    petition = _start_outcome(actor, petition, version)
    proposal = nfc(proposal).strip()
    if not proposal:
        raise DomainError("Hãy ghi nội dung đề xuất thụ lý.", field="proposal")
    name, address, names_denouncer = _petitioner_lines(actor, petition)
    context = {
        **_base_context(petition, signer),
        "nguoi_nhan": nfc(recipient).strip() or head_title(petition.unit),
        "nguoi_gui_don": name,
        "dia_chi_nguoi_gui": address or "(không ghi địa chỉ)",
        "loai_don": petition.get_type_display().lower(),
        "de_xuat": proposal,
        "nguoi_de_xuat": actor.get_full_name(),
    }
    rule = rules.acceptance_rule(petition.type)
    petition = _apply_outcome(
        actor=actor, petition=petition, outcome=Outcome.PROPOSE_ACCEPTANCE, on=on, note=proposal,
        version=version, document=("tt05.mau01", context, names_denouncer),
        follow_up=(rule, petition.received_on) if rule else None,
        message="Đề xuất thụ lý (Phiếu đề xuất thụ lý đơn)", legal_basis=f"{rules.TT05}, Mẫu 01",
    )  # fmt: skip
    # The case now waits for the acceptance decision (cases workflow).
    from tiepdan.cases.services import open_for_resolution

    assert petition.case is not None
    open_for_resolution(actor=actor, case=petition.case, on=petition.outcome_on or today())
    return petition


@transaction.atomic
def reject_acceptance(
    *, actor: User, petition: Petition, ground: str, note: str = "", on: dt.date | None = None,
    signer: Signer | None = None, version: int | None = None,
) -> Petition:  # fmt: skip
    """Thông báo không thụ lý khiếu nại, with one ground of Law on Complaints Art 11."""
    petition = _start_outcome(actor, petition, version)
    info = rules.COMPLAINT_REJECTION_GROUNDS.get(ground)
    if info is None:
        raise DomainError("Hãy chọn một căn cứ không thụ lý trong danh sách của Điều 11 Luật Khiếu nại.",
                          field="ground")  # fmt: skip
    name, address, names_denouncer = _petitioner_lines(actor, petition)
    context = {
        **_base_context(petition, signer),
        "nguoi_nhan": name,
        "dia_chi_nguoi_nhan": address or "(không ghi địa chỉ)",
        "ly_do_khong_thu_ly": info.text + (f". {nfc(note)}" if note else ""),
        "can_cu": f"{info.source} {rules.LAW_COMPLAINTS}",
    }
    return _apply_outcome(
        actor=actor, petition=petition, outcome=Outcome.REJECT_ACCEPTANCE, on=on, ground=ground, note=note,
        version=version, document=("tt05.thong_bao_khong_thu_ly", context, names_denouncer),
        message=f"Thông báo không thụ lý ({info.source} Luật Khiếu nại)",
        legal_basis=f"{info.source} {rules.LAW_COMPLAINTS}",
    )  # fmt: skip


@transaction.atomic
def guide(
    *, actor: User, petition: Petition, competent_body: str, reason: str, on: dt.date | None = None,
    signer: Signer | None = None, version: int | None = None,
) -> Petition:  # fmt: skip
    """Hướng dẫn (once per matter): tell the citizen which body is competent."""
    petition = _start_outcome(actor, petition, version)
    competent_body = (
        nfc(competent_body).strip()
        or petition.competent_body_name
        or (petition.competent_unit.name if petition.competent_unit else "")
    )
    if not competent_body:
        raise DomainError("Hãy ghi cơ quan có thẩm quyền mà công dân cần gửi đơn.", field="competent_body")
    if not nfc(reason).strip():
        raise DomainError("Hãy ghi lý do đơn không thuộc thẩm quyền.", field="reason")
    name, address, names_denouncer = _petitioner_lines(actor, petition)
    context = {
        **_base_context(petition, signer),
        "nguoi_nhan": name,
        "dia_chi_nguoi_nhan": address or "(không ghi địa chỉ)",
        "ly_do": nfc(reason),
        "co_quan_co_tham_quyen": competent_body,
    }
    return _apply_outcome(
        actor=actor, petition=petition, outcome=Outcome.GUIDE, on=on, note=reason, target=competent_body,
        version=version, document=("tt05.huong_dan", context, names_denouncer),
        message=f"Hướng dẫn công dân gửi đơn đến {competent_body}", legal_basis=f"{rules.TT05}, Điều 8",
    )  # fmt: skip


@transaction.atomic
def transfer(
    *, actor: User, petition: Petition, to_body: str, note: str = "", on: dt.date | None = None,
    include_identity: bool = True, signer: Signer | None = None, version: int | None = None,
) -> Petition:  # fmt: skip
    """Chuyển đơn to the competent body: Mẫu 03 for a denunciation (once per content), the transfer slip
    for a recommendation/feedback. A complaint outside competence is guided, not transferred (TT 05/2021)."""
    petition = _start_outcome(actor, petition, version)
    if petition.type == PetitionType.COMPLAINT:
        raise DomainError("Đơn khiếu nại không thuộc thẩm quyền được hướng dẫn, không chuyển đơn.", field="outcome")
    to_body = (
        nfc(to_body).strip()
        or petition.competent_body_name
        or (petition.competent_unit.name if petition.competent_unit else "")
    )
    if not to_body:
        raise DomainError("Hãy ghi cơ quan nhận đơn chuyển.", field="to_body")
    context = {**_base_context(petition, signer), "co_quan_nhan": to_body}
    if petition.type == PetitionType.DENUNCIATION:
        context["nguoi_bi_to_cao"] = petition.respondent_name or "(không ghi)"
        names_denouncer = False
        if include_identity and petition.petitioners.exists():
            # The competent body must know the denouncer; the slip is then marked as naming them.
            name, address, names_denouncer = _petitioner_lines(actor, petition)
            context[DENOUNCER_IDENTITY_KEY] = f"{name}, {address}" if address else name
        template = "tt05.mau03"
        basis = f"{rules.LAW_DENUNCIATIONS}, Điều 24; {rules.TT05}, Mẫu 03"
    else:
        name, address, names_denouncer = _petitioner_lines(actor, petition)
        context |= {"nguoi_gui_don": name, "dia_chi_nguoi_gui": address or "(không ghi địa chỉ)"}
        template = "tt05.chuyen_don_kien_nghi"
        basis = f"{rules.TT05}, Điều 8"
    return _apply_outcome(
        actor=actor, petition=petition, outcome=Outcome.TRANSFER, on=on, note=note, target=to_body,
        version=version, document=(template, context, names_denouncer),
        message=f"Chuyển đơn đến {to_body}", legal_basis=basis,
    )  # fmt: skip


@transaction.atomic
def urge(
    *, actor: User, petition: Petition, subordinate_body: str, earlier_document: str, report_by: dt.date,
    request: str, on: dt.date | None = None, signer: Signer | None = None, version: int | None = None,
) -> Petition:  # fmt: skip
    """Đôn đốc: the matter sits with a subordinate body that has not resolved it; sets the report date."""
    petition = _start_outcome(actor, petition, version)
    subordinate_body = nfc(subordinate_body).strip()
    if not subordinate_body:
        raise DomainError("Hãy ghi cơ quan cấp dưới được đôn đốc.", field="subordinate_body")
    if not nfc(earlier_document).strip():
        raise DomainError("Hãy ghi văn bản đã chuyển, giao trước đây (số, ngày).", field="earlier_document")
    if report_by <= (on or today()):
        raise DomainError("Thời hạn báo cáo phải sau ngày đôn đốc.", field="report_by")
    context = {
        **_base_context(petition, signer),
        "co_quan_nhan": subordinate_body,
        "ten_vu_viec": petition.summary,
        "van_ban_giao": nfc(earlier_document),
        "han_giai_quyet": report_by.strftime("%d/%m/%Y"),
        "yeu_cau": nfc(request).strip() or "Giải quyết dứt điểm và báo cáo kết quả",
    }
    return _apply_outcome(
        actor=actor, petition=petition, outcome=Outcome.URGE, on=on, note=request, target=subordinate_body,
        version=version, document=("tt05.don_doc", context, False), follow_up_date=("urge.report_by", report_by),
        message=f"Đôn đốc {subordinate_body}, hạn báo cáo {report_by:%d/%m/%Y}", legal_basis=f"{rules.TT05}, Điều 8",
    )  # fmt: skip


@transaction.atomic
def transfer_to_party(
    *, actor: User, petition: Petition, party_body: str, note: str = "", on: dt.date | None = None,
    signer: Signer | None = None, version: int | None = None,
) -> Petition:  # fmt: skip
    """Chuyển đơn đến tổ chức Đảng: the matter concerns a Party member's conduct under Party rules."""
    petition = _start_outcome(actor, petition, version)
    party_body = nfc(party_body).strip()
    if not party_body:
        raise DomainError("Hãy ghi tổ chức Đảng nhận đơn (ví dụ Ủy ban Kiểm tra Thành ủy).", field="party_body")
    context = {**_base_context(petition, signer), "co_quan_nhan": party_body}
    if petition.type == PetitionType.DENUNCIATION:
        context["nguoi_bi_to_cao"] = petition.respondent_name or "(không ghi)"
        template, names_denouncer = "tt05.mau03", False
    else:
        name, address, names_denouncer = _petitioner_lines(actor, petition)
        context |= {"nguoi_gui_don": name, "dia_chi_nguoi_gui": address or "(không ghi địa chỉ)"}
        template = "tt05.chuyen_don_kien_nghi"
    return _apply_outcome(
        actor=actor, petition=petition, outcome=Outcome.TRANSFER_PARTY, on=on, note=note, target=party_body,
        version=version, document=(template, context, names_denouncer),
        message=f"Chuyển đơn đến {party_body}", legal_basis=f"{rules.TT05}, Điều 8",
    )  # fmt: skip


@transaction.atomic
def archive(
    *, actor: User, petition: Petition, reason: str, note: str = "", on: dt.date | None = None,
    version: int | None = None,
) -> Petition:  # fmt: skip
    """Lưu đơn: duplicate, nothing new, already guided, anonymous (TT 05/2021 Art 6–8). No letter is sent."""
    petition = _start_outcome(actor, petition, version)
    label = dict(ArchiveReason.choices).get(reason)
    if label is None:
        raise DomainError("Hãy chọn lý do lưu đơn trong danh sách.", field="reason")
    if reason == ArchiveReason.OTHER and not nfc(note).strip():
        raise DomainError("Lý do khác: hãy ghi rõ lý do lưu đơn.", field="note")
    return _apply_outcome(
        actor=actor, petition=petition, outcome=Outcome.ARCHIVE, on=on, ground=reason, note=note,
        version=version, document=None, message=f"Lưu đơn: {label}", legal_basis=f"{rules.TT05}, Điều 6",
    )  # fmt: skip


@transaction.atomic
def return_originals(
    *, actor: User, petition: Petition, documents: Sequence[str], reason: str, on: dt.date | None = None,
    signer: Signer | None = None, version: int | None = None,
) -> Petition:  # fmt: skip
    """Trả lại đơn và giấy tờ gốc: alongside the outcome (any state), once; produces the return letter."""
    petition = _locked(petition, version=version)
    _require_handler(actor, petition)
    if petition.originals_returned_on is not None:
        raise DomainError(f"Giấy tờ gốc đã được trả lại ngày {petition.originals_returned_on:%d/%m/%Y}.")
    items = [nfc(d).strip() for d in documents if nfc(d).strip()]
    if not items:
        raise DomainError("Hãy liệt kê đơn, giấy tờ, tài liệu gốc trả lại.", field="documents")
    if not nfc(reason).strip():
        raise DomainError("Hãy ghi lý do trả lại.", field="reason")
    day = on or today()
    if day > today() or day < petition.received_on:
        raise DomainError("Ngày trả lại phải trong khoảng từ ngày nhận đơn đến hôm nay.", field="on")
    name, address, names_denouncer = _petitioner_lines(actor, petition)
    context = {
        **_base_context(petition, signer),
        "nguoi_nhan": name,
        "dia_chi_nguoi_nhan": address or "(không ghi địa chỉ)",
        "giay_to_tra_lai": items,
        "ly_do": nfc(reason),
    }
    generated = document_services.generate_document(
        actor=actor, template_code="tt05.tra_lai_don", unit=petition.unit, context=context,
        related_object=petition, symbol=document_symbol("tt05.tra_lai_don", petition.unit), issued_on=day,
        contains_denouncer_identity=names_denouncer,
    )  # fmt: skip
    petition.originals_returned_on = day
    _bump(petition, ["originals_returned_on"])
    _event(petition, actor=actor, kind="return_originals", message=f"Trả lại {len(items)} giấy tờ gốc",
           document=generated)  # fmt: skip
    record_event(
        actor=actor, action="petitions.return_originals", obj=petition,
        changes={"documents": [None, len(items)], "document": [None, generated.number_string]},
        legal_basis=f"{rules.TT05}, Điều 6",
    )  # fmt: skip
    document_id = generated.pk
    transaction.on_commit(lambda: _prepare_pdf(document_id))
    return petition


OUTCOME_SERVICES = {
    Outcome.PROPOSE_ACCEPTANCE: propose_acceptance,
    Outcome.REJECT_ACCEPTANCE: reject_acceptance,
    Outcome.GUIDE: guide,
    Outcome.TRANSFER: transfer,
    Outcome.URGE: urge,
    Outcome.TRANSFER_PARTY: transfer_to_party,
    Outcome.ARCHIVE: archive,
}


def outcomes_allowed(petition: Petition) -> list[str]:
    """The outcomes the guards allow now, for pages to offer only legal next steps."""
    allowed = []
    for outcome in Outcome.values:
        try:
            rules.check_outcome(
                outcome=outcome,
                petition_type=petition.type,
                status=petition.status,
                eligible=petition.eligible,
                within_competence=petition.within_competence,
                ground="other" if outcome == Outcome.ARCHIVE else next(iter(rules.COMPLAINT_REJECTION_GROUNDS)),
                already_guided=_already_done(petition, Outcome.GUIDE),
                already_transferred=_already_done(petition, Outcome.TRANSFER),
            )
        except rules.RuleViolation:
            continue
        if outcome == Outcome.TRANSFER and petition.type == PetitionType.COMPLAINT:
            continue
        allowed.append(outcome)
    return allowed


# --- Registries of other apps: reorganisations and person merges ---------------------------------------


def move_open_petitions(*, actor: User | None, old_unit: OrgUnit, new_unit: OrgUnit, effective_on: dt.date) -> int:
    """A unit closed by a reorganisation hands its open petitions to its successor (orgs.OPEN_WORK_MOVERS).

    The running time limits and the denouncers' vault entries move too, so the successor's handlers, head and
    vault officer keep the access the law gives them. Processed petitions stay with the unit that decided them.
    """
    open_ids = list(
        Petition.objects.filter(unit=old_unit, status__in=[PetitionStatus.REGISTERED, PetitionStatus.CLASSIFIED])
        .select_for_update()
        .values_list("pk", flat=True)
    )
    if not open_ids:
        return 0
    Petition.objects.filter(pk__in=open_ids).update(unit=new_unit)
    # Their near-duplicate bands follow: the successor's new letters are compared with them (MinHashBand.unit).
    MinHashBand.objects.filter(petition_id__in=open_ids).update(unit=new_unit)
    TrackedDeadline.objects.filter(
        content_type=ContentType.objects.get_for_model(Petition),
        object_id__in=[str(pk) for pk in open_ids],
        closed_on__isnull=True,
    ).update(unit=new_unit)
    ProtectedIdentity.objects.filter(
        pk__in=Petitioner.objects.filter(petition_id__in=open_ids, identity__isnull=False).values("identity_id")
    ).update(unit=new_unit)
    for petition in Petition.objects.filter(pk__in=open_ids):
        _event(
            petition,
            actor=actor,
            kind="reorganize",
            message=f"Chuyển từ {old_unit.name} sang {new_unit.name} do sắp xếp đơn vị từ {effective_on:%d/%m/%Y}",
        )
    record_event(
        actor=actor,
        action="petitions.move_open",
        obj=new_unit,
        changes={"from_unit": [old_unit.code, new_unit.code], "petitions": [None, len(open_ids)]},
    )
    return len(open_ids)


def move_petitioner_links(*, actor: User | None, keep: Person, duplicate: Person) -> int:
    """people.merge_people: the petitions signed by the duplicate record now point to the kept one."""
    moved = Petitioner.objects.filter(person=duplicate).update(person=keep)
    for petition in Petition.objects.filter(petitioners__person=keep).distinct():
        petition.search_folded = _search_text(petition, _petitioner_names(petition))
        petition.save(update_fields=["search_folded"])
    return moved


def assigned_handler_may_open(user: User, document: Any) -> bool:
    """documents.IDENTITY_READERS: the handler assigned to a denunciation may open its documents that name the
    denouncer, as long as they may see every identity of that petition (the grant of the assignment)."""
    if document.content_type is None or document.content_type.model_class() is not Petition:
        return False
    petition = Petition.objects.filter(pk=document.object_id, assignee=user).first()
    if petition is None:
        return False
    identities = [p.identity for p in petition.petitioners.select_related("identity__unit") if p.identity is not None]
    return bool(identities) and all(can_see_identity(user, identity) for identity in identities)
