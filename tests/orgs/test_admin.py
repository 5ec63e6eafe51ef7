from __future__ import annotations

from tiepdan.core.models import AuditEvent
from tiepdan.orgs.models import Membership, OrgUnit


def test_admin_adds_a_unit_through_the_service(world, client):
    client.force_login(world.admin)
    response = client.post(
        "/quan-tri/orgs/orgunit/add/",
        {
            "code": "NEW",
            "name": "Phường Mới",
            "kind": "ward",
            "parent": world.province.pk,
            "valid_from": "01/01/2026",
            "official_code": "",
            "legal_basis": "Nghị quyết thử",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    unit = OrgUnit.objects.get(code="NEW")
    assert unit.path == f"{world.province.path}{unit.pk}/"
    assert AuditEvent.objects.filter(action="orgs.unit.create", object_id=str(unit.pk)).exists()


def test_admin_adds_a_membership_through_the_service(world, client):
    client.force_login(world.admin)
    response = client.post(
        "/quan-tri/orgs/membership/add/",
        {"user": world.handler_b.pk, "unit": world.unit_a.pk, "role": "verifier", "valid_from": "01/01/2026"},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=world.handler_b, unit=world.unit_a, role="verifier").exists()
    assert AuditEvent.objects.filter(action="orgs.membership.add").count() >= 1
