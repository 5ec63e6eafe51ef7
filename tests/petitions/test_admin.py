from __future__ import annotations

from tiepdan.petitions.models import SubjectField

from .conftest import register


def test_admin_lists_subject_fields_and_petitions_read_only(world, client):
    petition = register(world)
    client.force_login(world.admin)
    assert client.get("/quan-tri/petitions/subjectfield/").status_code == 200
    field = SubjectField.objects.get(code="KN.HC.DD.TH", applies_to="complaint")
    assert client.get(f"/quan-tri/petitions/subjectfield/{field.pk}/change/").status_code == 200
    assert client.post(f"/quan-tri/petitions/subjectfield/{field.pk}/delete/").status_code == 403
    page = client.get("/quan-tri/petitions/petition/")
    assert page.status_code == 200 and petition.code in page.content.decode()
    assert "Nguyễn Văn An" not in page.content.decode()
    assert client.get("/quan-tri/petitions/petition/add/").status_code == 403
