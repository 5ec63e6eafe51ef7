from __future__ import annotations

import datetime as dt
import json
import logging

import pytest
from django.db import connection

from tiepdan.core.errors import DomainError, NotFoundError
from tiepdan.core.models import AuditEvent
from tiepdan.people import selectors, services
from tiepdan.people.models import IdentityFile, ProtectedIdentity

from ..factories import give_role

NAME = "Lê Thị Tố Giác"
ID_NUMBER = "001190012345"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def identity(world, media):
    return services.create_protected_identity(
        actor=world.reception, unit=world.unit_a, full_name=NAME, id_number=ID_NUMBER, address="12 Phố Huế",
        phone="0912345678", email="to.giac@example.vn", date_of_birth=dt.date(1990, 1, 1),
        files=[services.VaultUpload(name="don-to-cao-ky-ten.pdf", content=b"%PDF letter " + NAME.encode(),
                                    content_type="application/pdf")],
    )  # fmt: skip


def test_raw_row_holds_only_ciphertext(identity, media):
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM people_protectedidentity WHERE id = %s", [identity.pk])
        row = " ".join(str(v) for v in cursor.fetchone())
    for clear in (NAME, "Le Thi", ID_NUMBER, "Phố Huế", "0912345678", "to.giac", "1990-01-01"):
        assert clear not in row
    stored = b"".join(p.read_bytes() for p in (media / "vault").iterdir())
    assert NAME.encode() not in stored and b"PDF" not in stored
    assert NAME not in str(identity) and NAME not in repr(identity)


@pytest.mark.parametrize("persona", ["vault", "head"])
def test_reveal_for_vault_officer_and_head(world, identity, persona):
    clear = services.reveal_identity(actor=getattr(world, persona), identity=identity, purpose="Giải quyết tố cáo")
    assert clear.full_name == NAME and clear.id_number == ID_NUMBER and clear.date_of_birth == dt.date(1990, 1, 1)
    assert clear.files[0]["name"] == "don-to-cao-ky-ten.pdf"
    assert NAME not in repr(clear) and NAME not in str(clear)


@pytest.mark.parametrize("persona", ["handler", "reception", "leader", "statistician", "statistician_p",
                                     "handler_b", "outsider", "admin"])  # fmt: skip
def test_reveal_refused_to_everyone_else(world, identity, persona):
    user = getattr(world, persona)
    with pytest.raises(NotFoundError):
        services.reveal_identity(actor=user, identity=identity, purpose="x")
    view = selectors.identity_view(user, identity)
    assert view is not None and view.display_name == "Người tố cáo (đã được bảo mật)"
    assert not AuditEvent.objects.filter(action="people.identity.view").exists()


def test_head_of_parent_unit_does_not_see(world, identity):
    head_p = type(world.handler).objects.create_user(username="head_p")
    give_role(head_p, world.province, "unit_head")
    assert not selectors.can_see_identity(head_p, identity)


def test_grant_then_revoke(world, identity):
    with pytest.raises(NotFoundError):
        services.reveal_identity(actor=world.handler, identity=identity, purpose="x")
    with pytest.raises(DomainError, match="lý do"):
        services.grant_identity_access(actor=world.head, identity=identity, user=world.handler, reason="")
    with pytest.raises(NotFoundError):
        services.grant_identity_access(actor=world.handler, identity=identity, user=world.handler, reason="tự cấp")
    grant = services.grant_identity_access(
        actor=world.head,
        identity=identity,
        user=world.handler,
        reason="Được phân công giải quyết tố cáo số 12",
    )
    assert services.reveal_identity(actor=world.handler, identity=identity, purpose="Xác minh").full_name == NAME
    services.revoke_identity_access(actor=world.vault, grant=grant, reason="Đã giải quyết xong")
    with pytest.raises(NotFoundError):
        services.reveal_identity(actor=world.handler, identity=identity, purpose="x")
    actions = list(AuditEvent.objects.filter(object_type="people.protectedidentity").values_list("action", flat=True))
    assert "people.identity.grant" in actions and "people.identity.revoke" in actions


def test_each_reveal_writes_one_event_without_the_identity(world, identity, caplog):
    caplog.set_level(logging.DEBUG)
    before = AuditEvent.objects.count()
    services.reveal_identity(actor=world.vault, identity=identity, purpose="Kiểm tra")
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("id")
    assert event.action == "people.identity.view" and event.object_id == str(identity.pk)
    dumped = json.dumps([event.changes, event.reason, event.legal_basis, event.object_type], ensure_ascii=False)
    for clear in (NAME, ID_NUMBER, "Phố Huế", "0912345678"):
        assert clear not in dumped
        assert clear not in caplog.text
    services.reveal_identity(actor=world.head, identity=identity, purpose="Kiểm tra")
    mine = AuditEvent.objects.filter(object_type=event.object_type, object_id=str(identity.pk))
    assert mine.filter(action="people.identity.view").count() == 2
    create = mine.get(action="people.identity.create")
    assert NAME not in json.dumps(create.changes, ensure_ascii=False)


def test_hmac_duplicate_finding(world, identity):
    other = services.create_protected_identity(actor=world.handler_b, unit=world.unit_b, full_name="Le thi to giac")
    # The name is matched on its folded form, the ID number exactly; only what the actor may see is returned.
    assert services.find_identity_matches(actor=world.vault, unit=world.unit_a, full_name="LÊ THỊ TỐ GIÁC") == [
        identity
    ]
    assert services.find_identity_matches(actor=world.vault, unit=world.unit_a, id_number="001 190 012345") == [
        identity
    ]
    assert services.find_identity_matches(actor=world.handler, unit=world.unit_a, full_name=NAME) == []
    assert services.find_identity_matches(actor=world.vault, unit=world.unit_a, full_name="Người Khác") == []
    assert identity.name_hmac == other.name_hmac and len(identity.name_hmac) == 64
    assert NAME not in identity.name_hmac


def test_key_rotation(world, identity, settings):
    from cryptography.fernet import Fernet

    old_keys = list(settings.TIEPDAN_VAULT_KEYS)
    new_key = Fernet.generate_key().decode()
    settings.TIEPDAN_VAULT_KEYS = [new_key, *old_keys]
    assert services.rotate_vault_keys(actor=world.admin) == 1
    settings.TIEPDAN_VAULT_KEYS = [new_key]
    identity = ProtectedIdentity.objects.get(pk=identity.pk)
    clear = services.reveal_identity(actor=world.vault, identity=identity, purpose="x")
    assert clear.full_name == NAME
    assert services.find_identity_matches(actor=world.vault, unit=world.unit_a, full_name=NAME) == [identity]
    f = IdentityFile.objects.get()
    content, _, _ = services.read_identity_file(actor=world.vault, file=f, purpose="x")
    assert content.startswith(b"%PDF")
