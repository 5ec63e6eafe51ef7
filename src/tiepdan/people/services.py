"""Writes to the people registry and the identity vault. Each checks, writes and audits in one transaction."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from tiepdan.core.audit import record_event, snapshot
from tiepdan.core.bulk import build
from tiepdan.core.errors import DomainError, NotFoundError
from tiepdan.core.models import User
from tiepdan.core.text import fold, nfc
from tiepdan.orgs.models import OrgUnit, Role, UnitKind
from tiepdan.orgs.selectors import is_system_admin, today, user_roles_in, user_scope

from . import crypto, rules
from .models import IdentityFile, IdentityGrant, Person, PersonKind, ProtectedIdentity
from .selectors import can_see_identity

LAW_DENUNCIATION = "Luật Tố cáo số 25/2018/QH14, Điều 9, 47, 48"

_PERSON_FIELDS = (
    "kind", "full_name", "id_type", "id_number", "date_of_birth", "address", "address_recorded_on",
    "province", "commune", "phone", "email", "owner_unit", "merged_into",
)  # fmt: skip

# Functions that move references from a duplicate person to the kept one during a merge. Each app that
# points at Person (petitions, receptions…) appends `(name, mover)` from its AppConfig.ready(); a mover is
# called as mover(actor=, keep=, duplicate=) inside the merge transaction and returns how many rows moved.
PersonReferenceMover = Callable[..., int]
PERSON_REFERENCE_MOVERS: list[tuple[str, PersonReferenceMover]] = []

COMMUNE_KINDS = (UnitKind.COMMUNE, UnitKind.WARD, UnitKind.SPECIAL_ZONE)
# Checked once per entry; Django's `Choices.values` builds a new list at every call (felt in imports).
_KINDS = frozenset(PersonKind.values)


def _check_place(province: OrgUnit | None, commune: OrgUnit | None, on: dt.date) -> None:
    """The address's units as they stood on the day it was recorded."""
    if province is not None:
        if province.kind != UnitKind.PROVINCE:
            raise DomainError("Tỉnh, thành phố của địa chỉ phải là đơn vị cấp tỉnh.", field="province")
        if not province.is_valid_on(on):
            raise DomainError(
                f"Tỉnh, thành phố “{province.name}” không tồn tại vào ngày {on:%d/%m/%Y}.", field="province"
            )
    if commune is not None:
        if commune.kind not in COMMUNE_KINDS:
            raise DomainError("Xã, phường của địa chỉ phải là xã, phường hoặc đặc khu.", field="commune")
        if not commune.is_valid_on(on):
            raise DomainError(f"Xã, phường “{commune.name}” không tồn tại vào ngày {on:%d/%m/%Y}.", field="commune")
        if province is not None and not commune.path.startswith(province.path):
            raise DomainError(f"“{commune.name}” không thuộc “{province.name}”.", field="commune")


def _check_can_register(actor: User, unit: OrgUnit) -> None:
    if not user_scope(actor).allows(unit):
        raise NotFoundError("Không tìm thấy đơn vị này trong phạm vi của bạn.")


@transaction.atomic
def create_person(
    *,
    actor: User,
    owner_unit: OrgUnit,
    full_name: str,
    kind: str = PersonKind.CITIZEN,
    id_type: str = "",
    id_number: str = "",
    date_of_birth: dt.date | None = None,
    address: str = "",
    address_recorded_on: dt.date | None = None,
    province: OrgUnit | None = None,
    commune: OrgUnit | None = None,
    phone: str = "",
    email: str = "",
) -> Person:
    _check_can_register(actor, owner_unit)
    person = build_person(
        actor=actor, owner_unit=owner_unit, full_name=full_name, kind=kind, id_type=id_type, id_number=id_number,
        date_of_birth=date_of_birth, address=address, address_recorded_on=address_recorded_on, province=province,
        commune=commune, phone=phone, email=email,
    )  # fmt: skip
    person.save()
    record_person_created(actor=actor, person=person)
    return person


def build_person(
    *,
    actor: User,
    owner_unit: OrgUnit,
    full_name: str,
    kind: str = PersonKind.CITIZEN,
    id_type: str = "",
    id_number: str = "",
    date_of_birth: dt.date | None = None,
    address: str = "",
    address_recorded_on: dt.date | None = None,
    province: OrgUnit | None = None,
    commune: OrgUnit | None = None,
    phone: str = "",
    email: str = "",
) -> Person:
    """Every check of `create_person`, returning the unsaved entry (the import saves many in one insert and
    then calls `record_person_created` for each). The caller checks the actor's scope of `owner_unit`."""
    name = nfc(full_name)
    if not name:
        raise DomainError("Họ và tên không được để trống.", field="full_name")
    if kind not in _KINDS:
        raise DomainError("Loại người gửi không hợp lệ (công dân hoặc cơ quan, tổ chức).", field="kind")
    now = today()
    dob = rules.validate_date_of_birth(date_of_birth, today=now)
    number = rules.normalize_id_number(id_number)
    if number and not id_type:
        id_type = rules.guess_id_type(number)
    number = rules.validate_id_number(id_type, number, date_of_birth=dob) if number else ""
    recorded_on = address_recorded_on or now
    _check_place(province, commune, recorded_on)
    return build(  # Person(…), faster (an import builds thousands)
        Person,
        kind=kind,
        full_name=name,
        name_folded=fold(name),
        id_type=id_type if number else "",
        id_number=number,
        date_of_birth=dob,
        address=nfc(address),
        address_recorded_on=recorded_on if (address or province or commune) else None,
        province=province,
        commune=commune,
        phone=rules.normalize_phone(phone),
        email=rules.normalize_email(email),
        owner_unit=owner_unit,
        created_by=actor,
    )


def record_person_created(*, actor: User, person: Person) -> None:
    record_event(
        actor=actor,
        action="people.person.create",
        obj=person,
        changes={k: [None, v] for k, v in snapshot(person, _PERSON_FIELDS).items() if v not in (None, "")},
    )


def move_identity_links(*, actor: User | None, keep: Person, duplicate: Person) -> int:
    return ProtectedIdentity.objects.filter(person=duplicate).update(person=keep)


def _may_merge(actor: User, unit: OrgUnit) -> bool:
    return is_system_admin(actor) or Role.UNIT_HEAD in user_roles_in(actor, unit)


@transaction.atomic
def merge_people(*, actor: User, keep: Person, duplicate: Person, reason: str) -> dict[str, int]:
    """Move every reference from `duplicate` to `keep`; the duplicate stays, marked `merged_into`."""
    reason = nfc(reason)
    if not reason:
        raise DomainError("Cần ghi lý do gộp hồ sơ.", field="reason")
    locked = {p.pk: p for p in Person.objects.select_for_update().filter(pk__in=[keep.pk, duplicate.pk])}
    keep, duplicate = locked[keep.pk], locked[duplicate.pk]
    for person in (keep, duplicate):
        if not user_scope(actor).allows(person.owner_unit):
            raise NotFoundError("Không tìm thấy công dân này trong phạm vi của bạn.")
        if not _may_merge(actor, person.owner_unit):
            raise DomainError("Chỉ thủ trưởng đơn vị hoặc quản trị hệ thống được gộp hồ sơ công dân.")
    if keep.pk == duplicate.pk:
        raise DomainError("Không thể gộp một hồ sơ với chính nó.")
    if keep.merged_into_id is not None or duplicate.merged_into_id is not None:
        raise DomainError("Hồ sơ này đã được gộp trước đó.")
    moved: dict[str, int] = {}
    for name, mover in PERSON_REFERENCE_MOVERS:
        moved[name] = mover(actor=actor, keep=keep, duplicate=duplicate)
    # Earlier duplicates of the duplicate now point to the kept record.
    moved["people.person"] = Person.objects.filter(merged_into=duplicate).update(merged_into=keep)
    # How many vault links moved would tell the merger (and audit readers) that this citizen is a protected
    # denouncer (Law on Denunciations Art 47): the links move, the count is not reported.
    moved.pop("people.protected_identity", None)
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into", "updated_at"])
    record_event(
        actor=actor,
        action="people.person.merge",
        obj=duplicate,
        changes={"merged_into": [None, keep.pk], "moved": [None, moved]},
        reason=reason,
    )
    return moved


# --- Identity vault -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class VaultUpload:
    name: str
    content: bytes
    content_type: str = "application/octet-stream"


@dataclass(frozen=True, repr=False)
class ClearIdentity:
    """The decrypted identity. repr() prints nothing personal, so it cannot leak through a traceback log."""

    pk: int
    unit_code: str
    full_name: str
    id_number: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    date_of_birth: dt.date | None = None
    files: list[dict[str, Any]] = field(default_factory=list)
    redacted: bool = False

    @property
    def display_name(self) -> str:
        return self.full_name

    def __repr__(self) -> str:
        return f"<ClearIdentity #{self.pk}>"

    __str__ = __repr__


def vault_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "vault"


def _store_file(identity: ProtectedIdentity, upload: VaultUpload) -> IdentityFile:
    directory = vault_dir()
    directory.mkdir(parents=True, exist_ok=True)
    storage_name = secrets.token_hex(20)
    (directory / storage_name).write_bytes(crypto.encrypt_bytes(upload.content))
    return IdentityFile.objects.create(
        identity=identity,
        storage_name=storage_name,
        original_name_enc=crypto.encrypt_text(upload.name or "tep"),
        content_type=upload.content_type[:100],
        size=len(upload.content),
    )


def require_vault_writer(actor: User, unit: OrgUnit) -> None:
    """Raise unless the actor may put identities in the vault of this unit (checked once by an import)."""
    _check_vault_writer(actor, unit)


def _check_vault_writer(actor: User, unit: OrgUnit) -> None:
    if not user_scope(actor).allows(unit):
        raise NotFoundError("Không tìm thấy đơn vị này trong phạm vi của bạn.")


@transaction.atomic
def create_protected_identity(
    *,
    actor: User,
    unit: OrgUnit,
    full_name: str,
    id_number: str = "",
    address: str = "",
    phone: str = "",
    email: str = "",
    date_of_birth: dt.date | None = None,
    files: Iterable[VaultUpload] = (),
    person: Person | None = None,
) -> ProtectedIdentity:
    """Put a denouncer's identity in the vault. The audit event names no value, only which fields exist."""
    _check_vault_writer(actor, unit)
    identity = build_protected_identity(
        actor=actor, unit=unit, full_name=full_name, id_number=id_number, address=address, phone=phone,
        email=email, date_of_birth=date_of_birth, person=person,
    )  # fmt: skip
    identity.save()
    stored = [_store_file(identity, upload) for upload in files]
    record_identity_created(actor=actor, identity=identity, files=len(stored))
    return identity


def build_protected_identity(
    *,
    actor: User,
    unit: OrgUnit,
    full_name: str,
    id_number: str = "",
    address: str = "",
    phone: str = "",
    email: str = "",
    date_of_birth: dt.date | None = None,
    person: Person | None = None,
) -> ProtectedIdentity:
    """Every check of `create_protected_identity`, returning the unsaved, encrypted entry (for the import,
    which saves many at once and then calls `record_identity_created`). The caller checks the writer."""
    name = nfc(full_name)
    if not name:
        raise DomainError("Họ và tên người tố cáo không được để trống.", field="full_name")
    number = rules.normalize_id_number(id_number)
    dob = rules.validate_date_of_birth(date_of_birth, today=today())
    phone_n = rules.normalize_phone(phone)
    email_n = rules.normalize_email(email)
    identity = build(
        ProtectedIdentity,
        unit=unit,
        person=person,
        created_by=actor,
        full_name_enc=crypto.encrypt_text(name),
        id_number_enc=crypto.encrypt_text(number),
        address_enc=crypto.encrypt_text(nfc(address)),
        phone_enc=crypto.encrypt_text(phone_n),
        email_enc=crypto.encrypt_text(email_n),
        date_of_birth_enc=crypto.encrypt_text(dob.isoformat() if dob else ""),
        name_hmac=crypto.blind_index("name", fold(name)),
        id_number_hmac=crypto.blind_index("id", number),
    )
    # Which fields exist (never their values) — all the audit event may say.
    identity._present_fields = [  # type: ignore[attr-defined]
        k for k, v in {"full_name": name, "id_number": number, "address": address, "phone": phone_n,
                       "email": email_n, "date_of_birth": dob}.items() if v
    ]  # fmt: skip
    return identity


def record_identity_created(*, actor: User, identity: ProtectedIdentity, files: int = 0) -> None:
    record_event(
        actor=actor,
        action="people.identity.create",
        obj=identity,
        changes={"fields": [None, list(getattr(identity, "_present_fields", []))], "files": [None, files]},
        legal_basis=LAW_DENUNCIATION,
    )


def _decrypt(identity: ProtectedIdentity) -> ClearIdentity:
    dob = crypto.decrypt_text(identity.date_of_birth_enc)
    return ClearIdentity(
        pk=identity.pk,
        unit_code=identity.unit.code,
        full_name=crypto.decrypt_text(identity.full_name_enc),
        id_number=crypto.decrypt_text(identity.id_number_enc),
        address=crypto.decrypt_text(identity.address_enc),
        phone=crypto.decrypt_text(identity.phone_enc),
        email=crypto.decrypt_text(identity.email_enc),
        date_of_birth=dt.date.fromisoformat(dob) if dob else None,
        files=[
            {
                "id": f.pk,
                "name": crypto.decrypt_text(f.original_name_enc),
                "content_type": f.content_type,
                "size": f.size,
            }
            for f in identity.files.order_by("pk")
        ],
    )


def reveal_identity(*, actor: User, identity: ProtectedIdentity, purpose: str) -> ClearIdentity:
    """The only way to read an identity in clear: access checked, one audit event, no value in the event."""
    if not can_see_identity(actor, identity):
        raise NotFoundError("Không tìm thấy hoặc bạn không có quyền xem đối tượng này.")
    with transaction.atomic():
        record_event(
            actor=actor,
            action="people.identity.view",
            obj=identity,
            reason=nfc(purpose) or "Xem danh tính",
            legal_basis=LAW_DENUNCIATION,
        )
    return _decrypt(identity)


def read_identity_file(*, actor: User, file: IdentityFile, purpose: str) -> tuple[bytes, str, str]:
    """(content, original name, content type) of an encrypted scan, access-checked and audited."""
    identity = file.identity
    if not can_see_identity(actor, identity):
        raise NotFoundError("Không tìm thấy hoặc bạn không có quyền xem đối tượng này.")
    with transaction.atomic():
        record_event(
            actor=actor,
            action="people.identity.file_view",
            obj=identity,
            changes={"file": [None, file.pk]},
            reason=nfc(purpose) or "Xem tệp",
            legal_basis=LAW_DENUNCIATION,
        )
    content = crypto.decrypt_bytes((vault_dir() / file.storage_name).read_bytes())
    return content, crypto.decrypt_text(file.original_name_enc), file.content_type


def _may_grant(actor: User, identity: ProtectedIdentity) -> bool:
    # The head of the competent unit assigns the handler; the vault officer records the assignment.
    roles = {m.role for m in identity.unit.memberships.valid_on(today()).filter(user=actor)}
    return bool(roles & {Role.UNIT_HEAD, Role.VAULT_OFFICER})


@transaction.atomic
def grant_identity_access(
    *,
    actor: User,
    identity: ProtectedIdentity,
    user: User,
    reason: str,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> IdentityGrant:
    if not can_see_identity(actor, identity):
        raise NotFoundError("Không tìm thấy hoặc bạn không có quyền xem đối tượng này.")
    if not _may_grant(actor, identity):
        raise DomainError("Chỉ thủ trưởng đơn vị hoặc cán bộ bảo mật được giao quyền xem danh tính.")
    reason = nfc(reason)
    if not reason:
        raise DomainError("Cần ghi lý do giao quyền (ví dụ: được phân công giải quyết tố cáo số …).", field="reason")
    start = valid_from or today()
    if valid_to is not None and valid_to < start:
        raise DomainError("Ngày hết hiệu lực không được trước ngày bắt đầu.", field="valid_to")
    ProtectedIdentity.objects.select_for_update().filter(pk=identity.pk).first()
    grant = IdentityGrant.objects.create(
        identity=identity, user=user, granted_by=actor, reason=reason, valid_from=start, valid_to=valid_to
    )
    record_event(
        actor=actor, action="people.identity.grant", obj=identity,
        changes={"user": [None, user.pk], "valid_from": [None, start.isoformat()],
                 "valid_to": [None, valid_to.isoformat() if valid_to else None]},
        reason=reason, legal_basis=LAW_DENUNCIATION,
    )  # fmt: skip
    return grant


@transaction.atomic
def grant_for_assignment(*, actor: User | None, identity: ProtectedIdentity, user: User, reason: str) -> IdentityGrant:
    """Give the handler assigned to a denunciation access to its denouncer's identity.

    Law 25/2018/QH14 Art. 47(1): the person assigned to handle the denunciation is among those who may know
    the denouncer; the assignment itself (by the petition service, already checked) is the authorisation.
    Idempotent: an open grant for the same user is reused.
    """
    existing = IdentityGrant.objects.valid_on(today()).filter(identity=identity, user=user).first()
    if existing is not None:
        return existing
    grant = build_assignment_grant(actor=actor, identity=identity, user=user, reason=reason)
    grant.save()
    record_grant_created(actor=actor, grant=grant)
    return grant


def build_assignment_grant(
    *, actor: User | None, identity: ProtectedIdentity, user: User, reason: str
) -> IdentityGrant:
    """The unsaved grant of `grant_for_assignment` for an identity that has none yet (a new one)."""
    return IdentityGrant(identity=identity, user=user, granted_by=actor, reason=nfc(reason), valid_from=today())


def record_grant_created(*, actor: User | None, grant: IdentityGrant) -> None:
    record_event(
        actor=actor, action="people.identity.grant", obj=grant.identity,
        changes={"user": [None, grant.user_id], "valid_from": [None, grant.valid_from.isoformat()]},
        reason=grant.reason, legal_basis=LAW_DENUNCIATION,
    )  # fmt: skip


@transaction.atomic
def revoke_identity_access(*, actor: User, grant: IdentityGrant, reason: str) -> IdentityGrant:
    grant = IdentityGrant.objects.select_for_update().select_related("identity__unit").get(pk=grant.pk)
    if not _may_grant(actor, grant.identity):
        raise DomainError("Chỉ thủ trưởng đơn vị hoặc cán bộ bảo mật được thu hồi quyền xem danh tính.")
    reason = nfc(reason)
    if not reason:
        raise DomainError("Cần ghi lý do thu hồi quyền.", field="reason")
    end = today() - dt.timedelta(days=1)
    before = grant.valid_to
    if end < grant.valid_from:
        # Not started yet or started today: close it on its first day minus nothing — delete-free: end = start
        # would still allow today, so move the start too.
        grant.valid_from = end
    grant.valid_to = end
    grant.save(update_fields=["valid_from", "valid_to"])
    record_event(
        actor=actor, action="people.identity.revoke", obj=grant.identity,
        changes={"user": [grant.user_id, grant.user_id], "valid_to": [before.isoformat() if before else None,
                                                                      end.isoformat()]},
        reason=reason, legal_basis=LAW_DENUNCIATION,
    )  # fmt: skip
    return grant


def find_identity_matches(
    *, actor: User, unit: OrgUnit, full_name: str = "", id_number: str = ""
) -> list[ProtectedIdentity]:
    """Earlier identities with the same folded name or ID number, found by HMAC, without decrypting.

    Only identities the actor may see are returned, so a match reveals nothing to anyone else.
    """
    _check_vault_writer(actor, unit)
    name_mac = crypto.blind_index("name", fold(nfc(full_name)))
    id_mac = crypto.blind_index("id", rules.normalize_id_number(id_number))
    if not name_mac and not id_mac:
        return []
    from django.db.models import Q

    condition = Q(pk__in=[])
    if name_mac:
        condition |= Q(name_hmac=name_mac)
    if id_mac:
        condition |= Q(id_number_hmac=id_mac)
    candidates = ProtectedIdentity.objects.filter(condition).select_related("unit")
    return [identity for identity in candidates if can_see_identity(actor, identity)]


def rotate_vault_keys(*, actor: User | None) -> int:
    """Re-encrypt every value under the first key and recompute the blind indexes (key rotation)."""
    count = 0
    with transaction.atomic():
        for identity in ProtectedIdentity.objects.select_for_update():
            clear = _decrypt(identity)
            for name in ("full_name_enc", "id_number_enc", "address_enc", "phone_enc", "email_enc",
                         "date_of_birth_enc"):  # fmt: skip
                setattr(identity, name, crypto.rotate_text(getattr(identity, name)))
            identity.name_hmac = crypto.blind_index("name", fold(clear.full_name))
            identity.id_number_hmac = crypto.blind_index("id", clear.id_number)
            identity.save()
            for f in identity.files.all():
                path = vault_dir() / f.storage_name
                path.write_bytes(crypto.encrypt_bytes(crypto.decrypt_bytes(path.read_bytes())))
                f.original_name_enc = crypto.rotate_text(f.original_name_enc)
                f.save(update_fields=["original_name_enc"])
            count += 1
        record_event(actor=actor, action="people.vault.rotate", changes={"identities": [None, count]})
    return count
