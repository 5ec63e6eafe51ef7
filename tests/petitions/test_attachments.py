"""Attachments: accepted by content only, stored outside the web root under random names, downloaded only
within the petition's scope; a denouncer's scans go to the identity vault."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from tiepdan.core.errors import DomainError, NotFoundError
from tiepdan.core.models import AuditEvent
from tiepdan.people import services as people_services
from tiepdan.people.models import IdentityFile
from tiepdan.petitions import attachment_services, attachments
from tiepdan.petitions.models import Attachment, PetitionEvent
from tiepdan.petitions.services import PetitionerInput

from ..conftest import login_api
from . import files
from .conftest import register

pytestmark = pytest.mark.django_db

LIMIT = 20 * 1024 * 1024
DENOUNCER = "Trần Thị Tố Giác"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def complaint(world):
    return register(world)


@pytest.fixture
def denunciation(world):
    return register(
        world,
        type="denunciation",
        summary="Tố cáo cán bộ địa chính nhận tiền",
        content=f"Tôi là {DENOUNCER}, tố cáo ông Lê Văn Bị.",
        petitioners=[PetitionerInput(full_name=DENOUNCER, id_number="001190012345")],
        respondent_name="Ông Lê Văn Bị",
    )


def stored_files(media) -> list:
    folder = media / "petitions"
    return sorted(folder.iterdir()) if folder.exists() else []


def add(world, petition, name, data, actor=None, **kwargs):
    return attachment_services.add_attachment(
        actor=actor or world.handler, petition=petition, upload_name=name, data=data, **kwargs
    )


# --- Accepted files -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "builder", "content_type"),
    [
        ("Đơn khiếu nại.pdf", files.pdf_bytes, "application/pdf"),
        ("ảnh hiện trường.PNG", files.png_bytes, "image/png"),
        ("biên bản.jpg", files.jpeg_bytes, "image/jpeg"),
        ("ảnh 2.jpeg", files.jpeg_bytes, "image/jpeg"),
        ("Giấy tờ kèm theo.docx", files.docx_bytes, attachments.DOCX.content_type),
    ],
)
def test_accepted_types_are_stored_outside_web_root_under_random_names(
    world, complaint, media, name, builder, content_type
):
    data = builder()
    attachment = add(world, complaint, name, data, description="Bản chụp")
    assert isinstance(attachment, Attachment)
    assert attachment.content_type == content_type and attachment.size == len(data)
    assert attachment.sha256 == hashlib.sha256(data).hexdigest()
    assert attachment.original_name == name and attachment.description == "Bản chụp"
    on_disk = stored_files(media)
    assert on_disk == [media / "petitions" / attachment.storage_name]
    assert on_disk[0].read_bytes() == data
    assert len(attachment.storage_name) == 40 and all(c in "0123456789abcdef" for c in attachment.storage_name)
    event = AuditEvent.objects.get(action="petitions.attachment.add")
    assert event.changes["sha256"] == [None, attachment.sha256] and name not in str(event.changes)
    assert PetitionEvent.objects.filter(petition=complaint, kind="attachment.add").exists()


def test_upload_from_a_stream_and_by_reception_and_head(world, complaint):
    for persona in ("reception", "head"):
        attachment = add(world, complaint, "don.pdf", io.BytesIO(files.pdf_bytes()), actor=getattr(world, persona))
        assert attachment.uploaded_by == getattr(world, persona)
    assert Attachment.objects.count() == 2


# --- Refused files: a Vietnamese reason, no row, no file -----------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "phrase"),
    [
        ("ghi-chu.pdf", files.TEXT, "tệp văn bản thuần"),  # a renamed text file
        ("don.txt", files.TEXT, "Chỉ nhận tệp PDF, JPEG, PNG hoặc Word"),
        ("don.pdf", files.HTML, "trang web (HTML/XML)"),  # an HTML page named .pdf
        ("anh.pdf", files.png_bytes(), "tệp thực chất là ảnh PNG"),  # content and extension disagree
        ("don.png", files.pdf_bytes(), "tệp thực chất là tài liệu PDF"),
        ("ho-so.docx", files.plain_zip_bytes(), "tệp nén ZIP thông thường"),  # a zip named .docx
        ("ho-so.docx", files.EXE, "chương trình chạy được"),  # a renamed program
        ("ho-so.docx", files.HTML, "trang web"),
        ("ho-so.docx", files.docm_like_bytes(), "macro"),
        ("ho-so.pdf", files.docx_bytes(), "tệp nén (ZIP)"),
        ("ho-so.docx", b"PK\x03\x04" + b"\x00" * 40, "bị hỏng"),
        ("rong.pdf", b"", "rỗng"),
        ("khong-duoi", files.pdf_bytes(), "tên không có đuôi hợp lệ"),
    ],
)
def test_refused_with_vietnamese_reason_and_nothing_stored(world, complaint, media, name, data, phrase):
    before = AuditEvent.objects.count()
    with pytest.raises(DomainError) as refused:
        add(world, complaint, name, data)
    assert phrase in refused.value.message
    assert name.rsplit(".", 1)[0] not in refused.value.message  # the user's file name is never repeated
    assert not Attachment.objects.exists() and stored_files(media) == []
    assert AuditEvent.objects.count() == before
    assert not PetitionEvent.objects.filter(kind__startswith="attachment").exists()


def test_oversized_file_refused_before_and_while_reading(world, complaint, media):
    too_big = files.pdf_bytes() + b"\x00" * (LIMIT + 1 - len(files.pdf_bytes()))
    assert len(too_big) == LIMIT + 1
    for data in (too_big, io.BytesIO(too_big)):
        with pytest.raises(DomainError, match=r"tối đa 20 MB, tệp tải lên có 20\.971\.521 byte"):
            add(world, complaint, "lon.pdf", data)

    class Unsized(io.RawIOBase):  # a stream that does not tell its size: refused while copying
        def __init__(self) -> None:
            self.inner = io.BytesIO(too_big)

        def readable(self) -> bool:
            return True

        def read(self, n: int = -1) -> bytes:
            return self.inner.read(n)

    with pytest.raises(DomainError, match="tối đa 20 MB"):
        add(world, complaint, "lon.pdf", Unsized())
    assert not Attachment.objects.exists() and stored_files(media) == []
    exactly = files.pdf_bytes() + b"\x00" * (LIMIT - len(files.pdf_bytes()))
    assert add(world, complaint, "vua.pdf", exactly).size == LIMIT


def test_limit_follows_the_setting(world, complaint, settings):
    settings.TIEPDAN_MAX_UPLOAD_MB = 1
    with pytest.raises(DomainError, match="tối đa 1 MB"):
        add(world, complaint, "a.pdf", files.pdf_bytes() + b"\x00" * (1024 * 1024))


@pytest.mark.parametrize(("persona", "error"), [("verifier", DomainError), ("statistician", DomainError),
                                                ("handler_b", NotFoundError), ("outsider", NotFoundError)])  # fmt: skip
def test_only_registering_or_handling_roles_of_the_unit_may_attach(world, complaint, media, persona, error):
    with pytest.raises(error):
        add(world, complaint, "don.pdf", files.pdf_bytes(), actor=getattr(world, persona))
    assert not Attachment.objects.exists() and stored_files(media) == []


# --- Download -----------------------------------------------------------------------------------------


def test_download_is_scoped_audited_and_never_rendered(world, complaint, client):
    attachment = add(world, complaint, "Đơn khiếu nại (bản gốc).pdf", files.pdf_bytes())
    url = reverse("petitions:attachment", kwargs={"pk": complaint.pk, "att_pk": attachment.pk})
    assert url == f"/don/{complaint.pk}/tep/{attachment.pk}/"
    client.force_login(world.leader)  # a supervising role sees the unit's petitions
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == files.pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="don-khieu-nai-ban-goc.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    read = AuditEvent.objects.get(action="petitions.attachment.read")
    assert read.actor_id == world.leader.pk and read.object_id == str(attachment.pk)
    for persona in ("handler_b", "outsider"):
        client.force_login(getattr(world, persona))
        assert client.get(url).status_code == 404
    assert AuditEvent.objects.filter(action="petitions.attachment.read").count() == 1
    # The attachment asked for under another petition's number is not found either.
    other = register(world, summary="Đơn khác")
    client.force_login(world.handler)
    assert client.get(f"/don/{other.pk}/tep/{attachment.pk}/").status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_read_attachment_service_refuses_out_of_scope(world, complaint):
    attachment = add(world, complaint, "don.pdf", files.pdf_bytes())
    with pytest.raises(NotFoundError):
        attachment_services.read_attachment(actor=world.handler_b, attachment=attachment)
    opened = attachment_services.read_attachment(actor=world.statistician_p, attachment=attachment)
    with opened.file:
        assert opened.file.read() == files.pdf_bytes()
    assert opened.filename == "don.pdf"


# --- Upload page --------------------------------------------------------------------------------------


def test_upload_view_redirects_with_vietnamese_messages(world, complaint, media, client):
    client.force_login(world.handler)
    url = reverse("petitions:attachment-upload", kwargs={"pk": complaint.pk})
    assert url == f"/don/{complaint.pk}/tep/"
    back = reverse("petitions:detail", kwargs={"pk": complaint.pk})
    good = io.BytesIO(files.png_bytes())
    good.name = "ảnh.png"
    response = client.post(url, {"file": good, "description": "Ảnh hiện trường"})
    assert response.status_code == 302 and response["Location"] == back
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Đã đính kèm tệp “ảnh.png”."]
    attachment = Attachment.objects.get()
    assert attachment.description == "Ảnh hiện trường"
    page = client.get(back).content.decode()
    # The petition page lists the file with its download link, and offers the upload form.
    assert (
        "ảnh.png" in page
        and reverse("petitions:attachment", kwargs={"pk": complaint.pk, "att_pk": attachment.pk}) in page
    )
    assert 'enctype="multipart/form-data"' in page
    bad = io.BytesIO(files.HTML)
    bad.name = "don.pdf"
    response = client.post(url, {"file": bad})
    assert response.status_code == 302 and response["Location"] == back
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("trang web (HTML/XML)" in m for m in messages)
    assert Attachment.objects.count() == 1 and len(stored_files(media)) == 1
    response = client.post(url, {})
    assert any("Hãy chọn tệp" in str(m) for m in get_messages(response.wsgi_request))
    assert client.get(url).status_code == 405


def test_upload_view_needs_csrf_and_scope(world, complaint, media):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(world.handler)
    upload = io.BytesIO(files.pdf_bytes())
    upload.name = "don.pdf"
    response = csrf_client.post(f"/don/{complaint.pk}/tep/", {"file": upload})
    assert response.status_code == 403 and not Attachment.objects.exists()
    outsider = Client()
    outsider.force_login(world.handler_b)
    upload.seek(0)
    assert outsider.post(f"/don/{complaint.pk}/tep/", {"file": upload}).status_code == 404
    assert not Attachment.objects.exists() and stored_files(media) == []


# --- Denunciations: the signed letter identifies the denouncer ----------------------------------------


def test_denunciation_scan_goes_to_the_vault(world, denunciation, media):
    scan = files.pdf_bytes(text="Tran Thi To Giac ky ten")
    stored = add(world, denunciation, f"Đơn tố cáo của {DENOUNCER}.pdf", scan)
    assert isinstance(stored, IdentityFile)
    assert not Attachment.objects.exists() and stored_files(media) == []
    identity = denunciation.petitioners.get().identity
    assert stored.identity == identity and stored.content_type == "application/pdf" and stored.size == len(scan)
    raw = (media / "vault" / stored.storage_name).read_bytes()
    assert b"Tran Thi To Giac" not in raw and b"%PDF" not in raw
    assert DENOUNCER not in stored.original_name_enc
    event = AuditEvent.objects.get(action="petitions.attachment.vault_add")
    assert DENOUNCER not in str(event.changes) and "sha256" not in event.changes
    timeline = PetitionEvent.objects.get(petition=denunciation, kind="attachment.vault")
    assert DENOUNCER not in timeline.message
    # The vault officer and the competent unit's head read it (audited); the assigned handler holds a grant.
    for persona in ("vault", "head", "handler"):
        content, name, content_type = people_services.read_identity_file(
            actor=getattr(world, persona), file=stored, purpose="Xác minh chữ ký"
        )
        assert content == scan and name == f"Đơn tố cáo của {DENOUNCER}.pdf" and content_type == "application/pdf"
    for persona in ("reception", "verifier", "leader", "statistician", "statistician_p", "handler_b", "admin"):
        with pytest.raises(NotFoundError):
            people_services.read_identity_file(actor=getattr(world, persona), file=stored, purpose="x")
    assert AuditEvent.objects.filter(action="people.identity.file_view").count() == 3


def test_denunciation_file_without_identity_is_an_ordinary_attachment(world, denunciation, media):
    attachment = add(world, denunciation, "so-do-thua-dat.png", files.png_bytes(), identifying=False)
    assert isinstance(attachment, Attachment) and len(stored_files(media)) == 1
    assert not IdentityFile.objects.exists()


def test_denunciation_scan_refused_checks_apply_and_anonymous_has_no_vault(world, denunciation, media):
    with pytest.raises(DomainError, match="trang web"):
        add(world, denunciation, "don.pdf", files.HTML)
    assert not IdentityFile.objects.exists()
    assert not (media / "vault").exists() or list((media / "vault").iterdir()) == []
    anonymous = register(world, type="denunciation", summary="Tố cáo nặc danh", petitioners=[], is_anonymous=True)
    with pytest.raises(DomainError, match="nặc danh"):
        add(world, anonymous, "don.pdf", files.pdf_bytes())
    assert isinstance(add(world, anonymous, "don.pdf", files.pdf_bytes(), identifying=False), Attachment)


def test_upload_view_puts_denunciation_scans_in_the_vault_by_default(world, denunciation, client, media):
    client.force_login(world.reception)
    upload = io.BytesIO(files.jpeg_bytes())
    upload.name = "chu-ky.jpg"
    response = client.post(f"/don/{denunciation.pk}/tep/", {"file": upload})
    assert response.status_code == 302
    assert any("kho bảo mật" in str(m) for m in get_messages(response.wsgi_request))
    assert IdentityFile.objects.count() == 1 and not Attachment.objects.exists()
    upload.seek(0)
    client.post(f"/don/{denunciation.pk}/tep/", {"file": upload, "identifying": "0"})
    assert Attachment.objects.count() == 1


# --- API ----------------------------------------------------------------------------------------------


def test_api_upload_list_and_download(world, complaint, api_client, media):
    login_api(api_client, world.handler)
    url = f"/api/v1/petitions/{complaint.pk}/attachments/"
    docx = files.docx_bytes()  # python-docx stamps the time: build it once
    upload = io.BytesIO(docx)
    upload.name = "Biên bản làm việc.docx"
    response = api_client.post(url, {"file": upload, "description": "Biên bản"}, format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["name"] == "Biên bản làm việc.docx" and body["in_vault"] is False
    assert body["sha256"] == hashlib.sha256(docx).hexdigest()
    assert body["download"] == f"{url}{body['id']}/"
    listed = api_client.get(url).json()
    assert [a["id"] for a in listed] == [body["id"]]
    download = api_client.get(body["download"], HTTP_ACCEPT="application/octet-stream")
    assert download.status_code == 200 and b"".join(download.streaming_content) == docx
    assert download["Content-Disposition"] == 'attachment; filename="bien-ban-lam-viec.docx"'
    assert download["X-Content-Type-Options"] == "nosniff"
    bad = io.BytesIO(files.plain_zip_bytes())
    bad.name = "ho-so.docx"
    refused = api_client.post(url, {"file": bad}, format="multipart")
    assert refused.status_code == 400 and "tệp nén ZIP thông thường" in refused.json()["detail"]
    missing = api_client.post(url, {"description": "x"}, format="multipart")
    assert missing.status_code == 400 and "file" in missing.json()["errors"]
    assert Attachment.objects.count() == 1 and len(stored_files(media)) == 1
    login_api(api_client, world.handler_b)
    assert api_client.get(url).status_code == 404
    assert api_client.get(body["download"]).status_code == 404
    upload.seek(0)
    assert api_client.post(url, {"file": upload}, format="multipart").status_code == 404


def test_api_denunciation_scan_answers_without_name(world, denunciation, api_client):
    login_api(api_client, world.handler)
    upload = io.BytesIO(files.pdf_bytes())
    upload.name = f"{DENOUNCER}.pdf"
    response = api_client.post(f"/api/v1/petitions/{denunciation.pk}/attachments/", {"file": upload},
                               format="multipart")  # fmt: skip
    assert response.status_code == 201
    assert response.json()["in_vault"] is True and DENOUNCER not in response.content.decode()
    assert api_client.get(f"/api/v1/petitions/{denunciation.pk}/attachments/").json() == []


# --- Pure helpers -------------------------------------------------------------------------------------


def test_names_are_cleaned_and_download_names_are_ascii():
    assert attachments.clean_name("C:\\Users\\an\\..\\Đơn.pdf") == "Đơn.pdf"
    assert attachments.clean_name("../../etc/passwd.pdf") == "passwd.pdf"
    assert attachments.clean_name("a\x00b\r\n.pdf") == "ab.pdf"
    assert attachments.safe_download_name("Đơn khiếu nại.pdf", attachments.PDF) == "don-khieu-nai.pdf"
    assert attachments.safe_download_name("ảnh.JPEG", attachments.JPEG) == "anh.jpeg"
    assert attachments.safe_download_name('"; rm -rf.pdf', attachments.PDF) == "rm-rf.pdf"
    assert attachments.safe_download_name("Đ.png", attachments.PDF) == "d.pdf"  # the real content decides
    assert attachments.safe_download_name("", attachments.PNG) == "tep-dinh-kem.png"


def test_sniff_reads_magic_bytes_only():
    assert attachments.sniff(files.pdf_bytes()[:16]) is attachments.PDF
    assert attachments.sniff(files.png_bytes()[:16]) is attachments.PNG
    assert attachments.sniff(files.jpeg_bytes()[:16]) is attachments.JPEG
    assert attachments.sniff(files.docx_bytes()[:16]) is attachments.DOCX
    assert attachments.sniff(files.HTML[:16]) is None and attachments.sniff(b"GIF89a") is None
