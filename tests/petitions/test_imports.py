"""`tiepdan import petitions`: rows checked as by register_petition, written in bulk, all or nothing, idempotent."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tiepdan.core.errors import DomainError
from tiepdan.core.models import AuditEvent, User
from tiepdan.people.models import Person, ProtectedIdentity
from tiepdan.petitions import imports, services
from tiepdan.petitions.models import Petition, PetitionCounter, SubjectField
from tiepdan.petitions.services import PetitionerInput

pytestmark = pytest.mark.django_db

HEADERS = [c.header for c in imports.COLUMNS]


def row(**values: object) -> dict[str, object]:
    base: dict[str, object] = {
        "Mã tham chiếu": "SO-001",
        "Ngày nhận đơn": "02/03/2026",
        "Ngày viết đơn": "27/02/2026",
        "Nguồn đơn": "Qua bưu chính",
        "Loại đơn": "Khiếu nại",
        "Họ tên người gửi": "Nguyễn Văn An",
        "Số CCCD/CMND": "001085012345",
        "Địa chỉ": "Tổ 5, phường An Bình",
        "Điện thoại": "0912345678",
        "Tóm tắt nội dung": "Khiếu nại quyết định thu hồi đất",
        "Nội dung": "Tôi khiếu nại việc thu hồi 120 m² đất.",
        "Người bị khiếu nại/tố cáo": "Chủ tịch UBND phường An Bình",
        "Lĩnh vực": "KN.HC.DD.TH",
    }
    base.update(values)
    return base


ROWS = [
    row(),
    row(**{"Mã tham chiếu": "SO-002", "Ngày nhận đơn": "2026-03-03", "Ngày viết đơn": "", "Nguồn đơn": "truc tiep",
           "Loại đơn": "to cao", "Họ tên người gửi": "Lê Thị Tố Giác", "Số CCCD/CMND": "", "Điện thoại": "",
           "Tóm tắt nội dung": "Tố cáo cán bộ địa chính", "Nội dung": "Tôi là Lê Thị Tố Giác ...",
           "Người bị khiếu nại/tố cáo": "Ông Lê Văn Bị", "Lĩnh vực": "TC.TN"}),
    row(**{"Mã tham chiếu": "SO-003", "Ngày nhận đơn": "04/03/2026", "Ngày viết đơn": "", "Nguồn đơn":
           "Cơ quan khác chuyển đến", "Loại đơn": "rec_feedback", "Họ tên người gửi": "Nặc danh", "Số CCCD/CMND": "",
           "Địa chỉ": "", "Điện thoại": "", "Tóm tắt nội dung": "Phản ánh đèn đường hỏng", "Nội dung": "",
           "Người bị khiếu nại/tố cáo": "", "Cơ quan chuyển đơn": "UBND tỉnh Kiểm Thử",
           "Số văn bản chuyển": "12/UBND-TCD", "Ngày văn bản chuyển": "01/03/2026", "Lĩnh vực": ""}),
]  # fmt: skip


def write_csv(path: Path, rows: list[dict[str, object]], *, delimiter: str = ",", bom: bool = False) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(HEADERS)
    for r in rows:
        writer.writerow([r.get(h, "") for h in HEADERS])
    path.write_text(("\ufeff" if bom else "") + buffer.getvalue(), encoding="utf-8")
    return path


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fail(*args: str) -> tuple[CommandError, str]:
    err = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("import", *args, stdout=io.StringIO(), stderr=err)
    return exc.value, err.getvalue()


def counts() -> tuple[int, ...]:
    return (
        Petition.objects.count(),
        Person.objects.count(),
        ProtectedIdentity.objects.count(),
        AuditEvent.objects.count(),
        sum(PetitionCounter.objects.values_list("last_number", flat=True)),
    )


def test_csv_happy_path(world, tmp_path):
    path = write_csv(tmp_path / "so-don.csv", ROWS)
    out, err = run("petitions", str(path), "--unit", "A", "--actor", "handler")
    assert "Đọc 3 dòng: thêm mới 3; đã có, bỏ qua 0; lỗi 0" in out and "dòng/giây" in out
    assert "Đã nhập xong vào đơn vị A" in out and "dòng/giây" in err  # the progress bar
    first, second, third = (Petition.objects.get(unit=world.unit_a, external_ref=f"SO-00{i}") for i in (1, 2, 3))
    assert first.type == "complaint" and first.channel == "post" and first.received_on == dt.date(2026, 3, 2)
    assert first.letter_date == dt.date(2026, 2, 27) and first.subject_field.code == "KN.HC.DD.TH"
    assert first.code == "A-2026-000001" and first.due_on is not None and first.created_by == world.handler
    signer = first.petitioners.get().person
    assert (signer.full_name, signer.id_number, signer.phone) == ("Nguyễn Văn An", "001085012345", "0912345678")
    # The denunciation went through the same service: its denouncer is in the vault, its text encrypted.
    assert second.type == "denunciation" and second.channel == "in_person" and second.content == ""
    assert second.petitioners.get().identity is not None and not Person.objects.filter(full_name__contains="Tố Giác")
    assert "to giac" not in second.search_folded
    assert third.is_anonymous and not third.petitioners.exists() and third.channel == "transferred"
    assert (third.referring_doc_number, third.referring_doc_date) == ("12/UBND-TCD", dt.date(2026, 3, 1))
    assert AuditEvent.objects.filter(action="petitions.register", actor_username="handler").count() == 3
    assert PetitionCounter.objects.get(unit=world.unit_a, year=2026).last_number == 3


def test_default_actor_is_the_first_superuser_and_semicolon_csv_with_bom(world, tmp_path):
    path = write_csv(tmp_path / "so.csv", ROWS[:1], delimiter=";", bom=True)
    out, _err = run("petitions", str(path), "--unit", "A")
    assert "thêm mới 1" in out
    # world.admin, unless an earlier module left older superusers in the database (the demo tests do).
    first = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    assert first is not None and Petition.objects.get().created_by == first


def test_xlsx_happy_path_with_excel_dates_and_numbers(world, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([*HEADERS, "STT"])
    values = row(**{"Ngày nhận đơn": dt.datetime(2026, 3, 2), "Ngày viết đơn": 46079,  # 26/02/2026 as a serial
                    "Số CCCD/CMND": 1085012345, "Điện thoại": 912345678, "Mã tham chiếu": 2025001})  # fmt: skip
    sheet.append([*[values.get(h) for h in HEADERS], 1])
    sheet.append([None] * len(HEADERS))  # blank rows are ignored
    second = row(**{"Mã tham chiếu": "SO-2", "Ngày nhận đơn": "05/03/2026", "Số CCCD/CMND": "", "Điện thoại": ""})
    sheet.append([second.get(h) for h in HEADERS])
    path = tmp_path / "so-don.xlsx"
    workbook.save(path)
    out, err = run("petitions", str(path), "--unit", "A", "--actor", "reception")
    assert "Đọc 2 dòng: thêm mới 2" in out and "bỏ qua cột không dùng “STT”" in err
    petition = Petition.objects.get(external_ref="2025001")
    assert petition.received_on == dt.date(2026, 3, 2) and petition.letter_date == dt.date(2026, 2, 26)
    person = petition.petitioners.get().person
    assert person.id_number == "001085012345" and person.phone == "0912345678"
    other = Petition.objects.get(external_ref="SO-2").petitioners.get().person
    assert other.full_name == "Nguyễn Văn An" and other.id_number == ""  # no ID number: a new registry entry


def test_dry_run_writes_nothing(world, tmp_path):
    path = write_csv(tmp_path / "so.csv", ROWS)
    before = counts()
    out, _err = run("petitions", str(path), "--unit", "A", "--dry-run", "--actor", "handler")
    assert "sẽ thêm mới 3" in out and "Chạy thử (--dry-run): tệp hợp lệ, không ghi gì" in out
    assert counts() == before


def test_one_bad_row_writes_nothing_and_names_row_and_column(world, tmp_path):
    rows = [
        ROWS[0],
        row(**{"Mã tham chiếu": "SO-010", "Ngày nhận đơn": "31/02/2026"}),  # no such day (a cell error)
        row(**{"Mã tham chiếu": "SO-011", "Số CCCD/CMND": "12345"}),  # refused by register_petition
        row(**{"Mã tham chiếu": "SO-012", "Ngày nhận đơn": "01/01/2099"}),  # in the future (service)
        row(**{"Mã tham chiếu": "SO-013", "Loại đơn": "Khiếu kiện", "Nguồn đơn": "fax", "Tóm tắt nội dung": ""}),
        row(**{"Mã tham chiếu": "SO-001"}),  # the same reference twice in the file
        row(**{"Mã tham chiếu": "SO-014", "Lĩnh vực": "TC.TN"}),  # a denunciation field on a complaint
        row(**{"Mã tham chiếu": "SO-015", "Điện thoại": "12345", "Số CCCD/CMND": ""}),  # checked for a new person
        row(**{"Mã tham chiếu": "SO-016", "Nguồn đơn": "Cơ quan khác chuyển đến"}),  # no referring document
        row(**{"Mã tham chiếu": "SO-017", "Lĩnh vực": "KN.HC"}),  # not the most detailed entry
    ]
    path = write_csv(tmp_path / "so.csv", rows)
    before = counts()
    error, err = fail("petitions", str(path), "--unit", "A", "--actor", "handler")
    assert error.returncode == 1
    assert "KHÔNG dòng nào được ghi" in str(error) and "Có 9 dòng lỗi" in str(error)
    expected = [
        "Dòng 3, cột “Ngày nhận đơn”: Ngày “31/02/2026” không hợp lệ; dùng dạng dd/mm/yyyy",
        "Dòng 4, cột “Số CCCD/CMND”: Người gửi đơn thứ 1:",
        "Dòng 5, cột “Ngày nhận đơn”: Ngày nhận đơn không được sau ngày hôm nay.",
        "Dòng 6, cột “Nguồn đơn”: Nguồn đơn “fax” không hợp lệ",
        "Dòng 6, cột “Loại đơn”: Loại đơn “Khiếu kiện” không hợp lệ",
        "Dòng 6, cột “Tóm tắt nội dung”: Ô này bắt buộc",
        "Dòng 7, cột “Mã tham chiếu”: Mã tham chiếu “SO-001” đã dùng ở dòng 2 của tệp này.",
        "Dòng 8, cột “Lĩnh vực”: Mã lĩnh vực “TC.TN” thuộc danh mục đơn tố cáo",
        "Dòng 9, cột “Điện thoại”: Số điện thoại không hợp lệ",
        "Dòng 10, cột “Cơ quan chuyển đơn”: Đơn do cơ quan khác chuyển đến",
        "Dòng 11, cột “Lĩnh vực”: Hãy chọn lĩnh vực chi tiết nhất",
    ]
    for line in expected:
        assert line in err, line
    assert counts() == before


def test_bulk_registration_keeps_codes_gap_free(world):
    def one(bulk, **kwargs):
        data = {"channel": "post", "type": "complaint", "received_on": dt.date(2026, 3, 2), "summary": "Khiếu nại",
                "petitioners": [PetitionerInput(full_name="Nguyễn Văn An")], **kwargs}  # fmt: skip
        return services.register_petition(actor=world.handler, unit=world.unit_a, bulk=bulk, **data).petition

    with services.bulk_registration() as bulk:
        # Refused inside the row's savepoint (the phone is checked when the person is created): its number
        # is given back, and the counter, created by this very row, survives the rollback of the row.
        with pytest.raises(DomainError, match="Số điện thoại"):
            one(bulk, petitioners=[PetitionerInput(full_name="Lê Văn Sai", phone="12345")])
        first, second = one(bulk, external_ref="X1"), one(bulk, external_ref="X2")
        with pytest.raises(DomainError, match="chi tiết nhất"):
            one(bulk, subject_field=SubjectField.objects.get(code="KN.HC", applies_to="complaint"))
        assert PetitionCounter.objects.get(unit=world.unit_a).last_number == 0  # saved at the end
    assert (first.code, second.code) == ("A-2026-000001", "A-2026-000002")
    assert PetitionCounter.objects.get(unit=world.unit_a).last_number == 2
    assert one(None).code == "A-2026-000003"  # the single-row path goes on from the saved counter


def test_rerun_skips_every_row(world, tmp_path):
    path = write_csv(tmp_path / "so.csv", ROWS)
    run("petitions", str(path), "--unit", "A", "--actor", "handler")
    before = counts()
    out, _err = run("petitions", str(path), "--unit", "A", "--actor", "handler")
    assert "Đọc 3 dòng: thêm mới 0; đã có, bỏ qua 3; lỗi 0" in out
    assert counts() == before
    # One new row among known ones: only it is added; known rows are not read again (even if edited since).
    write_csv(path, [row(**{"Ngày nhận đơn": "sửa sau"}), *ROWS[1:], row(**{"Mã tham chiếu": "SO-004"})])
    out, _err = run("petitions", str(path), "--unit", "A", "--actor", "handler")
    assert "thêm mới 1; đã có, bỏ qua 3" in out and Petition.objects.count() == 4


def test_the_same_reference_in_another_unit_is_another_petition(world, tmp_path):
    path = write_csv(tmp_path / "so.csv", ROWS[:1])
    run("petitions", str(path), "--unit", "A", "--actor", "handler")
    run("petitions", str(path), "--unit", "B", "--actor", "handler_b")
    assert Petition.objects.filter(external_ref="SO-001").count() == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--unit", "KHONG-CO"), "Không tìm thấy đơn vị có mã “KHONG-CO”"),
        (("--unit", "C", "--actor", "handler"), "Không tìm thấy đơn vị có mã “C”"),  # outside the actor's scope
        (("--unit", "A", "--actor", "khong-ai"), "Không có tài khoản đang hoạt động tên “khong-ai”"),
        (("--unit", "A", "--actor", "verifier"), "không có vai trò vào sổ đơn tại đơn vị A"),
    ],
)
def test_unit_and_actor_problems_exit_2(world, tmp_path, args, message):
    path = write_csv(tmp_path / "so.csv", ROWS)
    error, _err = fail("petitions", str(path), *args)
    assert error.returncode == 2 and message in str(error)
    assert not Petition.objects.exists()


def test_file_problems_exit_2(world, tmp_path):
    missing = tmp_path / "khong-co.csv"
    assert "Không tìm thấy tệp" in str(fail("petitions", str(missing), "--unit", "A")[0])
    odd = tmp_path / "so.txt"
    odd.write_text("x")
    assert "Chỉ nhập được tệp Excel .xlsx hoặc .csv" in str(fail("petitions", str(odd), "--unit", "A")[0])
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Mã,Ngày\n".encode("latin-1"))  # a legacy 8-bit encoding
    assert "UTF-8" in str(fail("petitions", str(latin), "--unit", "A")[0])
    headers = tmp_path / "thieu-cot.csv"
    headers.write_text("Mã tham chiếu,Ngày nhận đơn,Họ tên\nX,02/03/2026,An\n", encoding="utf-8")
    error = fail("petitions", str(headers), "--unit", "A")[0]
    assert error.returncode == 2 and "thiếu cột bắt buộc: “Nguồn đơn”, “Loại đơn”, “Tóm tắt nội dung”" in str(error)
    fake = tmp_path / "gia.xlsx"
    fake.write_bytes(b"<html></html>")
    assert "không phải tệp Excel .xlsx hợp lệ" in str(fail("petitions", str(fake), "--unit", "A")[0])


def test_bad_arguments_exit_2_in_vietnamese(world):
    error = fail("petitions")[0]
    assert error.returncode == 2 and "Tham số dòng lệnh không hợp lệ" in str(error)


def test_headers_are_matched_without_accents_and_aliases():
    positions, ignored = imports.map_headers(
        ["STT", "ma tham chieu", "NGÀY NHẬN ĐƠN *", "Nguồn", "Loại", "Tóm tắt", "Lĩnh vực (mã)", "Ho va ten"]
    )
    assert positions == {"external_ref": 1, "received_on": 2, "channel": 3, "type": 4, "summary": 5,
                         "subject_field": 6, "full_name": 7}  # fmt: skip
    assert ignored == ["STT"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("02/03/2026", dt.date(2026, 3, 2)),
        ("2/3/2026", dt.date(2026, 3, 2)),
        ("02-03-2026", dt.date(2026, 3, 2)),
        ("2026-03-02", dt.date(2026, 3, 2)),
        ("02/03/2026 08:30", dt.date(2026, 3, 2)),
        (dt.datetime(2026, 3, 2, 8, 30), dt.date(2026, 3, 2)),
        (46083, dt.date(2026, 3, 2)),
        ("", None),
    ],
)
def test_dates(raw, expected):
    assert imports.parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["03/02", "2026/03/02", "32/01/2026", "hôm qua", 12, 2026])
def test_bad_dates(raw):
    with pytest.raises(ValueError):
        imports.parse_date(raw)


# --- The template -------------------------------------------------------------------------------------


def _cells(workbook) -> dict[str, list[tuple]]:
    return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in workbook.worksheets}


def test_shipped_template_is_the_one_the_code_builds():
    shipped = load_workbook(imports.TEMPLATE_PATH)
    assert _cells(shipped) == _cells(load_workbook(io.BytesIO(imports.template_bytes())))
    assert [c.value for c in shipped[imports.TEMPLATE_SHEET][1]] == HEADERS
    assert shipped.sheetnames == ["Đơn", "Hướng dẫn"]


def test_template_page_and_the_template_imports_cleanly(world, client, tmp_path):
    client.force_login(world.reception)
    response = client.get(reverse("petitions:import-template"))
    assert response.status_code == 200 and response["Content-Disposition"].endswith('"mau-nhap-don.xlsx"')
    path = tmp_path / "mau.xlsx"
    path.write_bytes(response.content)
    # The example row is recognised and skipped, so an untouched template imports nothing.
    out, err = run("petitions", str(path), "--unit", "A", "--actor", "reception")
    assert "Đọc 0 dòng: thêm mới 0" in out and "dòng ví dụ của tệp mẫu" in err
    client.logout()
    assert client.get(reverse("petitions:import-template")).status_code == 302


def test_template_command_writes_the_file(tmp_path):
    target = tmp_path / "mau.xlsx"
    out, _err = run("template", "-o", str(target))
    assert "Đã ghi tệp mẫu" in out
    assert _cells(load_workbook(target)) == _cells(load_workbook(imports.TEMPLATE_PATH))


# --- The real console script --------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_real_console_script(tmp_path):
    exe = Path(sys.executable).with_name("tiepdan")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}", "TIEPDAN_DEBUG": "1"}
    for args in (["migrate", "-v0"], ["demo", "load"]):
        subprocess.run([exe, *args], env=env, check=True, capture_output=True, timeout=600)
    path = write_csv(tmp_path / "so.csv", ROWS)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([exe, "import", *args], env=env, capture_output=True, text=True, timeout=600)

    dry = cli("petitions", str(path), "--unit", "00256", "--dry-run")
    assert dry.returncode == 0 and "sẽ thêm mới 3" in dry.stdout
    done = cli("petitions", str(path), "--unit", "00256")
    assert done.returncode == 0 and "thêm mới 3" in done.stdout and "dòng/giây" in done.stderr
    again = cli("petitions", str(path), "--unit", "00256")
    assert again.returncode == 0 and "đã có, bỏ qua 3" in again.stdout
    unknown = cli("petitions", str(path), "--unit", "KHONG-CO")
    assert unknown.returncode == 2 and "Không tìm thấy đơn vị có mã “KHONG-CO”" in unknown.stderr
    write_csv(path, [row(**{"Mã tham chiếu": "MOI-1", "Ngày nhận đơn": "30/02/2026"})])
    bad = cli("petitions", str(path), "--unit", "00256")
    assert bad.returncode == 1 and "Dòng 2, cột “Ngày nhận đơn”" in bad.stderr


# --- The bulk write path: the same rows, events and audit as one register_petition per row ----------------


def _snapshot() -> dict[str, object]:
    from collections import Counter

    from tiepdan.lawcal.models import TrackedDeadline
    from tiepdan.people.models import IdentityGrant
    from tiepdan.petitions.models import MinHashBand, PetitionEvent

    petitions = []
    for p in Petition.objects.order_by("code"):
        signers = [
            (s.person.full_name, s.person.id_number, s.person.phone) if s.person else ("vault", s.identity.unit_id)
            for s in p.petitioners.order_by("position").select_related("person", "identity")
        ]
        deadlines = list(
            TrackedDeadline.objects.filter(object_id=str(p.pk), content_type__model="petition").values_list(
                "rule_code", "due_on", "unit_id", "assignee_id", "trigger_on"
            )
        )
        petitions.append(
            (
                p.code, p.type, p.channel, p.external_ref, p.due_rule, p.due_on, p.search_folded, p.summary_folded,
                p.assignee_id, p.is_anonymous, p.several_signatories, p.content, bool(p.content_enc), signers,
                deadlines, sorted(MinHashBand.objects.filter(petition=p).values_list("unit_id", "band")),
                list(PetitionEvent.objects.filter(petition=p).values_list("kind", "message", "actor_id")),
            )
        )  # fmt: skip
    return {
        "petitions": petitions,
        "people": sorted(Person.objects.values_list("full_name", "id_number", "phone", "owner_unit_id")),
        "identities": ProtectedIdentity.objects.count(),
        "grants": sorted(IdentityGrant.objects.values_list("user_id", "reason")),
        "audit": Counter(AuditEvent.objects.values_list("action", flat=True)),
    }


def test_bulk_write_matches_one_registration_per_row(world, tmp_path, monkeypatch):
    from django.db import transaction

    # Chunks of two rows: the citizen of rows 1 and 4 is written in one chunk and met again in another (on
    # PostgreSQL maybe before the first chunk's COPYs ran) and must stay one registry entry.
    monkeypatch.setattr(imports, "CHUNK_ROWS", 2)

    from tiepdan.core import audit
    from tiepdan.people import services as people_services

    Person.objects.create(full_name="Trần Văn Cũ", name_folded="tran van cu", id_number="001090000001",
                          id_type="cccd", owner_unit=world.unit_a)  # fmt: skip
    rows = [
        *ROWS,
        # The same citizen on two rows and a citizen the registry already holds.
        row(**{"Mã tham chiếu": "SO-004", "Tóm tắt nội dung": "Khiếu nại bồi thường giải phóng mặt bằng"}),
        row(**{"Mã tham chiếu": "SO-005", "Họ tên người gửi": "Trần Văn Cũ", "Số CCCD/CMND": "001090000001",
               "Tóm tắt nội dung": "Khiếu nại cấp giấy chứng nhận quyền sử dụng đất"}),
        row(**{"Mã tham chiếu": "SO-006", "Loại đơn": "Tố cáo", "Lĩnh vực": "TC.TN", "Họ tên người gửi": "Phạm Thị Kín",
               "Tóm tắt nội dung": "Tố cáo chủ tịch xã nhận tiền"}),
    ]  # fmt: skip
    path = write_csv(tmp_path / "so.csv", rows)
    header, data = imports.read_file(path)
    positions, _ignored = imports.map_headers(header)
    fields = imports.SubjectFieldCache()
    inputs = [imports.convert_row(number, values, positions, fields) for number, values in data]

    # One register_petition per row (the path of the form and the API), then rolled back.
    with transaction.atomic():
        for item in inputs:
            services.register_petition(actor=world.handler, unit=world.unit_a, external_ref=item.external_ref,
                                       **item.kwargs)  # fmt: skip
        one_by_one = _snapshot()
        transaction.set_rollback(True)
    assert Petition.objects.count() == 0

    out, _err = run("petitions", str(path), "--unit", "A", "--actor", "handler")
    assert "thêm mới 6" in out
    bulk = _snapshot()
    assert bulk == one_by_one
    assert len(bulk["people"]) == 2  # type: ignore[arg-type]  # An (on two rows) and the existing Cũ
    assert bulk["identities"] == 2 and len(bulk["grants"]) == 2  # type: ignore[arg-type]
    assert audit.verify_chain()[1] is None
    # The handler who imported handles the denunciations and may open their denouncers, as on the form.
    identity = ProtectedIdentity.objects.order_by("pk").first()
    assert people_services.reveal_identity(actor=world.handler, identity=identity, purpose="x").full_name


def test_errors_in_a_later_chunk_roll_back_earlier_chunks_and_all_are_reported(world, tmp_path, monkeypatch):
    monkeypatch.setattr(imports, "CHUNK_ROWS", 2)
    rows = [row(**{"Mã tham chiếu": f"C-{i}", "Số CCCD/CMND": ""}) for i in range(1, 6)]
    rows[3]["Điện thoại"] = "12345"  # a phone the registry refuses (checked by the people service)
    rows[4]["Số CCCD/CMND"] = "999"  # and an ID number no document has
    path = write_csv(tmp_path / "so.csv", rows)
    before = counts()
    result = imports.import_petitions(actor=world.handler, unit=world.unit_a, path=path)
    assert [(e.row, e.column) for e in result.errors] == [(5, "Điện thoại"), (6, "Số CCCD/CMND")]
    assert counts() == before  # the first two chunks were written, then rolled back with the file


@pytest.mark.parametrize(
    "refs, bad_phone_at",
    [(["X-1", "Y-2", "Y-3", "Y-4", "Y-5"], None), (["Y-1", "Y-2", "X-1"], None), (["X-1", "Y-2", "Y-3", "Y-4"], 3)],
    ids=["in-the-first-chunk", "in-the-last-chunk", "with-a-row-error"],
)
def test_rows_the_database_refuses_are_reported_and_nothing_is_written(world, tmp_path, monkeypatch, refs,
                                                                        bad_phone_at):  # fmt: skip
    # A reference another import inserted meanwhile (simulated: the start-of-file read did not see it), so the
    # database's unique index refuses the row — on PostgreSQL inside a queued COPY, found later, with a merge of
    # the search indexes queued after every chunk (`GinMerge.now`).
    monkeypatch.setattr(imports, "CHUNK_ROWS", 2)
    monkeypatch.setattr(imports, "GIN_MERGE_CHUNKS", 1)
    first = write_csv(tmp_path / "first.csv", [row(**{"Mã tham chiếu": "X-1", "Số CCCD/CMND": ""})])
    assert imports.import_petitions(actor=world.handler, unit=world.unit_a, path=first).created == 1
    assert Petition.objects.filter(external_ref="X-1").count() == 1  # written, not only counted
    monkeypatch.setattr(services.BulkRegistration, "may_exist", lambda self, unit, ref: False)
    rows = [row(**{"Mã tham chiếu": ref, "Số CCCD/CMND": ""}) for ref in refs]
    if bad_phone_at is not None:
        rows[bad_phone_at]["Điện thoại"] = "12345"
    before = counts()
    result = imports.import_petitions(actor=world.handler, unit=world.unit_a, path=write_csv(tmp_path / "so.csv", rows))
    assert not result.ok and any("Không dòng nào được nhập" in e.message for e in result.errors)
    assert counts() == before


def test_the_import_runs_without_collector_passes_over_its_rows(world, tmp_path, monkeypatch):
    # core.bulk.long_lived_batch: a quarter of an import's CPU went to the garbage collector re-scanning rows
    # kept until the file is written. Checked while rows are being read, then restored.
    import gc

    from tiepdan.core import bulk

    monkeypatch.setattr(imports, "CHUNK_ROWS", 1)
    seen: list[tuple[int, int]] = []
    path = write_csv(tmp_path / "so.csv", [row(**{"Mã tham chiếu": f"G-{i}"}) for i in range(2)])
    result = imports.import_petitions(
        actor=world.handler, unit=world.unit_a, path=path,
        progress=lambda *_: seen.append((gc.get_threshold()[0], gc.get_freeze_count())),
    )  # fmt: skip
    assert result.created == 2
    assert seen and all(threshold >= bulk.BATCH_GC_THRESHOLD and frozen > 0 for threshold, frozen in seen)
    assert gc.get_threshold()[0] < bulk.BATCH_GC_THRESHOLD and gc.get_freeze_count() == 0


def test_the_import_leaves_no_pending_trigram_entries_on_postgresql(world, tmp_path):
    # core.bulk.merged_gin_once: the search indexes' pending list is merged by the import itself, not by the next
    # user's registration (without it, even one imported row would wait in the list: the server's limit is MBs).
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("GIN pending lists are PostgreSQL's")
    path = write_csv(tmp_path / "so.csv", [row(**{"Mã tham chiếu": "GIN-1"})])
    assert imports.import_petitions(actor=world.handler, unit=world.unit_a, path=path).created == 1
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, gin_clean_pending_list(i.indexrelid) FROM pg_index i JOIN pg_class c "
            "ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'gin' "
            "AND i.indrelid IN ('petitions_petition'::regclass, 'people_person'::regclass)"
        )
        pending = dict(cursor.fetchall())
    assert len(pending) == 2 and set(pending.values()) == {0}


def test_the_search_indexes_are_merged_as_the_import_goes(world, tmp_path, monkeypatch):
    from tiepdan.core import bulk

    monkeypatch.setattr(imports, "CHUNK_ROWS", 2)
    monkeypatch.setattr(imports, "GIN_MERGE_CHUNKS", 2)
    merged_after: list[int] = []
    now = bulk.GinMerge.now
    monkeypatch.setattr(bulk.GinMerge, "now", lambda self: (merged_after.append(len(merged_after)), now(self))[1])
    path = write_csv(tmp_path / "so.csv", [row(**{"Mã tham chiếu": f"M-{i}", "Số CCCD/CMND": ""}) for i in range(9)])
    result = imports.import_petitions(actor=world.handler, unit=world.unit_a, path=path)
    assert result.ok and result.created == 9
    assert len(merged_after) == 2  # after the 2nd and the 4th chunk of 2 rows (the end merges the rest)
