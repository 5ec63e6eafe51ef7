"""Import of existing petition registers (sổ theo dõi đơn) from .xlsx or .csv, and the template to fill.

Each row is registered through `services.register_petition`, so it is validated exactly like the form;
the file is imported all or nothing (one transaction: any bad row and nothing is written), and a row whose
reference (`Mã tham chiếu`) the unit already holds is skipped, so the same file can be imported again.
The column rules are documented in docs/import.md; `COLUMNS` below is their single source.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from django.db import DatabaseError, transaction
from django.utils import translation

from tiepdan.core import audit
from tiepdan.core.bulk import GinMerge, drain, long_lived_batch, merged_gin_once, pipelined
from tiepdan.core.errors import DomainError
from tiepdan.core.models import User
from tiepdan.core.text import fold, nfc
from tiepdan.lawcal import workcal
from tiepdan.orgs.models import OrgUnit
from tiepdan.orgs.selectors import same_day
from tiepdan.people.models import Person
from tiepdan.people.rules import normalize_id_number

from . import seed, services
from .models import Channel, Petition, PetitionType, SubjectField

TEMPLATE_PATH = Path(__file__).with_name("import_template.xlsx")
TEMPLATE_SHEET = "Đơn"
NOTES_SHEET = "Hướng dẫn"
EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (with the 1900 leap-year bug already absorbed)
EXCEL_SERIAL_RANGE = ((dt.date(1950, 1, 1) - EXCEL_EPOCH).days, (dt.date(2099, 12, 31) - EXCEL_EPOCH).days)
# The template's example row carries this reference; it is skipped if the user forgets to delete it.
EXAMPLE_REF = "VÍ DỤ (xóa dòng này)"
# Rows checked and written together (one progress step); the whole file is still one transaction.
CHUNK_ROWS = 1000
# The search indexes' pending entries merged every this many chunks while the next rows are checked
# (`core.bulk.GinMerge.now`), so the import does not wait for one large merge at its end (bench/README.md).
GIN_MERGE_CHUNKS = 3
ANONYMOUS_NAMES = frozenset({"nac danh", "(nac danh)", "don nac danh", "khong ro", "an danh"})


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    rule: str  # Vietnamese, shown in the template's notes and in docs/import.md
    example: str
    aliases: tuple[str, ...] = ()
    max_length: int | None = None


COLUMNS: tuple[Column, ...] = (
    Column("external_ref", "Mã tham chiếu", True,
           "Mã của đơn trong sổ cũ, duy nhất trong đơn vị (tối đa 100 ký tự). Dùng để nhận ra đơn đã nhập: "
           "nhập lại cùng tệp thì dòng đã có được bỏ qua.", EXAMPLE_REF,
           ("ma", "so thu tu don", "external_ref", "ref"), 100),
    Column("received_on", "Ngày nhận đơn", True,
           "Ngày dạng dd/mm/yyyy hoặc yyyy-mm-dd, hoặc ô ngày của Excel; không sau hôm nay.", "02/03/2026",
           ("ngay nhan", "received_on")),
    Column("letter_date", "Ngày viết đơn", False,
           "Ngày ghi trên đơn (cùng dạng); không sau ngày nhận đơn. Để trống nếu đơn không ghi ngày.",
           "27/02/2026", ("ngay ghi tren don", "letter_date")),
    Column("channel", "Nguồn đơn", True,
           "Trực tiếp · Qua bưu chính · Cơ quan khác chuyển đến · Qua tiếp công dân · Trực tuyến "
           "(viết có dấu hay không dấu đều được, hoặc mã in_person, post, transferred, reception, online).",
           "Qua bưu chính", ("nguon", "channel")),
    Column("type", "Loại đơn", True,
           "Khiếu nại · Tố cáo · Kiến nghị, phản ánh (có dấu hay không dấu, hoặc mã complaint, denunciation, "
           "rec_feedback).", "Khiếu nại", ("loai", "type")),
    Column("full_name", "Họ tên người gửi", False,
           "Họ và tên người đứng đơn (một người mỗi dòng). Đơn nặc danh: ghi “Nặc danh”. Với đơn tố cáo, "
           "danh tính được mã hóa vào kho bảo mật.", "Nguyễn Văn An",
           ("ho ten", "ho va ten", "nguoi gui", "ho ten nguoi gui don", "full_name"), 255),
    Column("id_number", "Số CCCD/CMND", False,
           "Căn cước công dân 12 số hoặc chứng minh nhân dân 9 số (hoặc số hộ chiếu). Nên định dạng cột là "
           "Văn bản; nếu Excel đã bỏ số 0 ở đầu, hệ thống tự thêm lại.", "001085012345",
           ("cccd", "so cccd", "cmnd", "so giay to", "so cccd cmnd", "id_number")),
    Column("address", "Địa chỉ", False, "Địa chỉ người gửi (tối đa 500 ký tự).", "Số 5 ngõ 12 phố Huế, Hà Nội",
           ("dia chi nguoi gui", "address"), 500),
    Column("phone", "Điện thoại", False,
           "Số di động 10 số (03x, 05x, 07x, 08x, 09x) hoặc số cố định bắt đầu bằng 02; có thể viết +84.",
           "0912345678", ("so dien thoai", "dien thoai lien he", "phone")),
    Column("summary", "Tóm tắt nội dung", True, "Tóm tắt nội dung đơn (bắt buộc).",
           "Khiếu nại quyết định thu hồi đất của UBND phường", ("tom tat", "noi dung tom tat", "summary")),
    Column("content", "Nội dung", False,
           "Toàn văn hoặc nội dung chi tiết (không bắt buộc). Với đơn tố cáo, nội dung được mã hóa.",
           "Ông An khiếu nại việc thu hồi 120 m² đất ở tổ dân phố 5.", ("noi dung don", "noi dung chi tiet",
                                                                        "content")),
    Column("respondent_name", "Người bị khiếu nại/tố cáo", False,
           "Người, cơ quan bị khiếu nại hoặc bị tố cáo (tối đa 500 ký tự).", "Chủ tịch UBND phường An Bình",
           ("nguoi bi khieu nai", "nguoi bi to cao", "nguoi bi khieu nai, to cao", "respondent_name"), 500),
    Column("referring_body", "Cơ quan chuyển đơn", False,
           "Bắt buộc khi Nguồn đơn là “Cơ quan khác chuyển đến” (tối đa 300 ký tự).", "",
           ("co quan chuyen", "referring_body"), 300),
    Column("referring_doc_number", "Số văn bản chuyển", False,
           "Số văn bản chuyển đơn; bắt buộc khi đơn do cơ quan khác chuyển đến (tối đa 80 ký tự).", "",
           ("so van ban chuyen don", "referring_doc_number"), 80),
    Column("referring_doc_date", "Ngày văn bản chuyển", False,
           "Ngày của văn bản chuyển đơn; bắt buộc khi đơn do cơ quan khác chuyển đến; không sau ngày nhận đơn.",
           "", ("ngay van ban chuyen don", "referring_doc_date")),
    Column("subject_field", "Lĩnh vực", False,
           "Mã lĩnh vực chi tiết nhất của danh mục (ví dụ KN.HC.DD.TH — thu hồi đất), đúng loại đơn; danh sách "
           "mã ở cuối trang “Hướng dẫn” của tệp mẫu. Để trống nếu chưa phân loại.", "KN.HC.DD.TH",
           ("ma linh vuc", "linh vuc (ma)", "linh vuc (code)", "subject_field")),
)  # fmt: skip
BY_KEY = {c.key: c for c in COLUMNS}
REQUIRED = tuple(c for c in COLUMNS if c.required)
DATE_KEYS = ("received_on", "letter_date", "referring_doc_date")
# register_petition's DomainError fields → our columns.
SERVICE_FIELDS = {
    "received_on": "received_on", "letter_date": "letter_date", "channel": "channel", "type": "type",
    "summary": "summary", "referring_body": "referring_body", "referring_doc_number": "referring_doc_number",
    "referring_doc_date": "referring_doc_date", "subject_field": "subject_field", "full_name": "full_name",
    "id_number": "id_number", "id_type": "id_number", "phone": "phone", "email": "full_name",
    "date_of_birth": "full_name",
}  # fmt: skip


class ImportFileError(DomainError):
    """The file as a whole cannot be read (format, encoding, missing columns): exit status 2."""


@dataclass(frozen=True)
class RowError:
    row: int  # the row number as the user sees it in Excel (header = 1)
    column: str  # the column header, "" for the whole row
    message: str

    def __str__(self) -> str:
        where = f"Dòng {self.row}" + (f", cột “{self.column}”" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class ImportResult:
    rows: int = 0  # data rows read (blank rows ignored)
    created: int = 0  # registered (or, in a dry run, that would be)
    skipped: int = 0  # reference already held by the unit ("đã có, bỏ qua")
    errors: list[RowError] = field(default_factory=list)
    seconds: float = 0.0
    dry_run: bool = False
    ignored_columns: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run


# --- Reading files ------------------------------------------------------------------------------------


def _header_key(text: Any) -> str:
    folded = fold(str(text or "")).replace("*", " ")
    return re.sub(r"\s+", " ", folded).strip()


@cache
def _header_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for column in COLUMNS:
        for name in (column.header, *column.aliases):
            index[_header_key(name)] = column.key
            # "Lĩnh vực (mã)" and "Lĩnh vực" both name the same column: the part before a parenthesis.
            index.setdefault(_header_key(re.sub(r"\(.*?\)", "", name)), column.key)
    return index


def map_headers(headers: Sequence[Any]) -> tuple[dict[str, int], list[str]]:
    """{column key: position} and the headers that name no known column (they are ignored)."""
    index = _header_index()
    positions: dict[str, int] = {}
    ignored: list[str] = []
    for position, header in enumerate(headers):
        text = nfc(str(header)) if header is not None else ""
        if not text:
            continue
        key = index.get(_header_key(text)) or index.get(_header_key(re.sub(r"\(.*?\)", "", text)))
        if key is None:
            ignored.append(text)
            continue
        if key in positions:
            raise ImportFileError(f"Cột “{BY_KEY[key].header}” xuất hiện hai lần trong dòng tiêu đề.")
        positions[key] = position
    missing = [c.header for c in REQUIRED if c.key not in positions]
    if missing:
        raise ImportFileError(
            "Dòng đầu tiên của tệp phải là dòng tiêu đề; thiếu cột bắt buộc: "
            + ", ".join(f"“{m}”" for m in missing)
            + ". Hãy dùng tệp mẫu (tiepdan import template hoặc trang Đơn → Tải tệp mẫu)."
        )
    return positions, ignored


def _blank(values: Iterable[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def read_xlsx(path: Path) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise ImportFileError(f"Không đọc được tệp Excel (.xlsx): {type(exc).__name__}.") from None
    except Exception as exc:  # zipfile.BadZipFile and the XML parser's errors
        raise ImportFileError(f"Tệp không phải tệp Excel .xlsx hợp lệ ({type(exc).__name__}).") from None
    try:
        sheet = workbook[TEMPLATE_SHEET] if TEMPLATE_SHEET in workbook.sheetnames else workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise ImportFileError("Tệp Excel không có dữ liệu (trang tính đầu tiên trống).")
        data = [(number, list(values)) for number, values in enumerate(rows, start=2) if not _blank(values)]
        return list(header), data
    finally:
        workbook.close()


def read_csv(path: Path) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            "Tệp CSV phải mã hóa UTF-8 (trong Excel: Lưu thành → “CSV UTF-8 (phân cách bằng dấu phẩy)”)."
        ) from None
    if not text.strip():
        raise ImportFileError("Tệp CSV trống.")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    if first_line.count("\t") > max(first_line.count(";"), first_line.count(",")):
        delimiter = "\t"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
        data = [(number, list(values)) for number, values in enumerate(reader, start=2) if not _blank(values)]
    except csv.Error as exc:
        raise ImportFileError(f"Tệp CSV sai định dạng ở dòng {reader.line_num}: {exc}.") from None
    return list(header), data


def read_file(path: Path) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    if not path.is_file():
        raise ImportFileError(f"Không tìm thấy tệp “{path}”.")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return read_xlsx(path)
    if suffix == ".csv":
        return read_csv(path)
    raise ImportFileError("Chỉ nhập được tệp Excel .xlsx hoặc .csv (UTF-8).")


# --- Cell values --------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)  # a column of labels repeats a few values ("Khiếu nại", "Qua bưu chính"…)
def _plain(text: str) -> str:
    return re.sub(r"[^a-z0-9_]+", " ", fold(text)).strip()


@cache
def _choice_index(kind: str) -> dict[str, str]:
    choices = Channel.choices if kind == "channel" else PetitionType.choices
    index: dict[str, str] = {}
    with translation.override("vi"):
        for value, label in choices:
            index[_plain(value)] = value
            index[_plain(str(label))] = value
    extra = {
        "channel": {
            "truc tiep": "in_person", "nop truc tiep": "in_person", "buu chinh": "post", "buu dien": "post",
            "qua buu dien": "post", "chuyen den": "transferred", "co quan chuyen den": "transferred",
            "chuyen don": "transferred", "tiep cong dan": "reception", "truc tuyen": "online", "email": "online",
            "thu dien tu": "online", "cong thong tin": "online",
        },
        "type": {
            "kien nghi": "rec_feedback", "phan anh": "rec_feedback", "kien nghi phan anh": "rec_feedback",
            "phan anh kien nghi": "rec_feedback",
        },
    }[kind]  # fmt: skip
    index.update(extra)
    return index


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return nfc(str(value))


_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_date(value: Any) -> dt.date | None:
    """dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy), yyyy-mm-dd, Excel dates and serial numbers."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # An unformatted Excel date cell: days since 30/12/1899 (only 1950–2099 make sense here).
        if EXCEL_SERIAL_RANGE[0] <= value <= EXCEL_SERIAL_RANGE[1]:
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValueError
    text = str(value).strip()
    text = text.split(" ", 1)[0] if re.fullmatch(r"\S+ \d{1,2}:\d{2}(:\d{2})?", text) else text
    if m := _DMY.fullmatch(text):
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    if m := _YMD.fullmatch(text):
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    raise ValueError


def _digits_cell(value: Any) -> str | None:
    """A number cell that should have been text: Excel dropped the leading zeros."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not value.is_integer():
        return None
    return str(int(value))


def id_number_cell(value: Any) -> str:
    digits = _digits_cell(value)
    if digits is None:
        return _text(value)
    # CMND has 9 digits, CCCD 12 (province codes 001–096 start with zeros).
    return digits.zfill(9) if len(digits) <= 9 else digits.zfill(12)


def phone_cell(value: Any) -> str:
    digits = _digits_cell(value)
    if digits is None:
        return _text(value)
    return digits if digits.startswith("84") and len(digits) in (11, 12) else "0" + digits


# --- Rows → register_petition -------------------------------------------------------------------------


@dataclass
class RowInput:
    row: int
    external_ref: str
    kwargs: dict[str, Any]


class _RowProblems(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(errors)
        self.errors = errors


class SubjectFieldCache:
    """Every version of every subject field loaded once; looked up by (code, type) and date."""

    def __init__(self) -> None:
        self.by_code: dict[tuple[str, str], list[SubjectField]] = {}
        for entry in SubjectField.objects.all():
            self.by_code.setdefault((entry.code.upper(), entry.applies_to), []).append(entry)

    def find(self, code: str, petition_type: str, on: dt.date) -> SubjectField | str:
        versions = self.by_code.get((code.upper(), petition_type))
        if not versions:
            other = [t for (c, t) in self.by_code if c == code.upper()]
            if other:
                with translation.override("vi"):
                    label = str(PetitionType(other[0]).label).lower()
                return f"Mã lĩnh vực “{code}” thuộc danh mục đơn {label}, không dùng cho loại đơn của dòng này."
            return f"Không có lĩnh vực mã “{code}” trong danh mục."
        for entry in versions:
            if entry.valid_from <= on and (entry.valid_to is None or entry.valid_to >= on):
                return entry
        return f"Lĩnh vực mã “{code}” không có hiệu lực vào ngày nhận đơn {on:%d/%m/%Y}."


def convert_row(number: int, values: Sequence[Any], positions: dict[str, int], fields: SubjectFieldCache) -> RowInput:
    """One row → the keyword arguments of `register_petition`, or _RowProblems with every cell error."""
    errors: list[RowError] = []

    def cell(key: str) -> Any:
        position = positions.get(key)
        return values[position] if position is not None and position < len(values) else None

    def fail(key: str, message: str) -> None:
        errors.append(RowError(number, BY_KEY[key].header if key else "", message))

    texts: dict[str, str] = {}
    for column in COLUMNS:
        if column.key in DATE_KEYS:
            continue
        raw = cell(column.key)
        if column.key == "id_number":
            value = id_number_cell(raw)
        elif column.key == "phone":
            value = phone_cell(raw)
        else:
            value = _text(raw)
        if column.required and not value:
            fail(column.key, "Ô này bắt buộc, không được để trống.")
        if column.max_length is not None and len(value) > column.max_length:
            fail(column.key, f"Dài {len(value)} ký tự, tối đa {column.max_length} ký tự.")
        texts[column.key] = value
    dates: dict[str, dt.date | None] = {}
    for key in DATE_KEYS:
        raw = cell(key)
        try:
            dates[key] = parse_date(raw)
        except (ValueError, OverflowError):
            fail(key, f"Ngày “{_text(raw)}” không hợp lệ; dùng dạng dd/mm/yyyy (ví dụ 02/03/2026) hoặc yyyy-mm-dd.")
            dates[key] = None
        if key == "received_on" and dates[key] is None and not any(e.column == BY_KEY[key].header for e in errors):
            fail(key, "Ô này bắt buộc, không được để trống.")
    channel = type_ = ""
    if texts["channel"]:
        channel = _choice_index("channel").get(_plain(texts["channel"]), "")
        if not channel:
            fail("channel", f"Nguồn đơn “{texts['channel']}” không hợp lệ; dùng: Trực tiếp, Qua bưu chính, "
                            "Cơ quan khác chuyển đến, Qua tiếp công dân, Trực tuyến.")  # fmt: skip
    if texts["type"]:
        type_ = _choice_index("type").get(_plain(texts["type"]), "")
        if not type_:
            fail("type", f"Loại đơn “{texts['type']}” không hợp lệ; dùng: Khiếu nại, Tố cáo, Kiến nghị, phản ánh.")
    subject_field = None
    if texts["subject_field"] and type_ and dates["received_on"] is not None:
        found = fields.find(texts["subject_field"], type_, dates["received_on"])
        if isinstance(found, str):
            fail("subject_field", found)
        else:
            subject_field = found
    if errors:
        raise _RowProblems(errors)
    name = texts["full_name"]
    anonymous = _plain(name) in ANONYMOUS_NAMES or name.strip("() ").lower() in ANONYMOUS_NAMES
    petitioners = []
    if name and not anonymous:
        petitioners.append(
            services.PetitionerInput(
                full_name=name, id_number=texts["id_number"], address=texts["address"], phone=texts["phone"]
            )
        )
    elif texts["id_number"] or texts["address"] or texts["phone"]:
        header = BY_KEY["full_name"].header
        raise _RowProblems([RowError(number, header, "Có số giấy tờ, địa chỉ hoặc điện thoại nhưng thiếu họ tên.")])
    kwargs: dict[str, Any] = {
        "channel": channel,
        "type": type_,
        "received_on": dates["received_on"],
        "letter_date": dates["letter_date"],
        "summary": texts["summary"],
        "content": texts["content"],
        "petitioners": petitioners,
        "is_anonymous": anonymous,
        "respondent_name": texts["respondent_name"],
        "referring_body": texts["referring_body"],
        "referring_doc_number": texts["referring_doc_number"],
        "referring_doc_date": dates["referring_doc_date"],
        "subject_field": subject_field,
    }
    return RowInput(row=number, external_ref=texts["external_ref"], kwargs=kwargs)


def _column_of(exc: DomainError, data: RowInput) -> str:
    key = SERVICE_FIELDS.get(exc.field or "")
    if exc.field == "petitioners":
        # _clean_petitioners reports both a missing name and a bad ID number under "petitioners".
        key = "full_name" if "họ và tên" in exc.message or not data.kwargs["petitioners"] else "id_number"
    return BY_KEY[key].header if key else ""


Progress = Callable[[int, int, float], None]


@long_lived_batch()  # every row is kept until the file is written: no garbage-collector passes over them
def import_petitions(
    *,
    actor: User,
    unit: OrgUnit,
    path: Path,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import one file all or nothing. Raises ImportFileError when the file itself is unusable; row
    problems are returned in `errors` (and then nothing is written)."""
    if not services.may_register(actor, unit):
        raise DomainError(f"Tài khoản “{actor.get_username()}” không có vai trò vào sổ đơn tại đơn vị {unit.code}.")
    started = time.perf_counter()
    header, rows = read_file(path)
    positions, ignored = map_headers(header)
    result = ImportResult(rows=len(rows), dry_run=dry_run, ignored_columns=ignored)
    fields = SubjectFieldCache()
    seen: dict[str, int] = {}
    total = len(rows)
    ref_at = positions["external_ref"]
    pending: list[RowInput] = []
    flushes = 0

    def flush(bulk: services.BulkRegistration, *, last: bool = False, merge: GinMerge | None = None) -> None:
        """Check the pending rows exactly as one registration each; write them with multi-row inserts while
        the file has no error so far (after one, the rest is only checked, so every problem is reported)."""
        if not pending:
            if last:
                finish_writes(None)
            return
        inputs = [services.RegistrationInput(external_ref=d.external_ref, **d.kwargs) for d in pending]
        write = not result.errors
        try:
            outcome = services.register_petitions(actor=actor, unit=unit, rows=inputs, bulk=bulk, write=write)
            if write and not outcome.errors:
                audit.write_batch()  # this chunk's events go with its rows
                if merge is not None:
                    merge.now()  # queued behind them (a refusal of an earlier chunk is raised here, as by a write)
        except DatabaseError as exc:
            refused(pending[0].row, exc)
        else:
            for index, problem in outcome.errors:
                data = pending[index]
                result.errors.append(RowError(data.row, _column_of(problem, data), problem.message))
            result.created += len(outcome.petitions)
        if last:
            # Also after a row error: a chunk written before it may still be refused (pipelined writes).
            finish_writes(pending[0].row)
        pending.clear()

    def finish_writes(row: int | None) -> None:
        try:
            audit.write_batch()
            drain()  # the chunks still being written (PostgreSQL): a refusal is reported like any other
        except DatabaseError as exc:
            refused(row or 2, exc)  # 2: the first data row

    def refused(row: int, exc: DatabaseError) -> None:
        # The database refused rows (should not happen after the checks); everything is rolled back. With
        # pipelined writes the refusal may concern a chunk before this row's.
        message = (
            f"Cơ sở dữ liệu không ghi được dữ liệu của tệp ({type(exc).__name__}), phát hiện khi ghi đến dòng "
            "này. Không dòng nào được nhập."
        )
        result.errors.append(RowError(row, "", message))

    # One transaction; the audit chain is written in one batch and the lawcal rules read once (same checks,
    # same events, far fewer round trips); every row is checked against the day the import began; on
    # PostgreSQL the rows of one chunk are written while the next is checked (`core.bulk.pipelined`).
    with services.bulk_registration() as bulk, audit.batch(), workcal.pinned(), same_day():
        # Written while the next chunk is checked; the search indexes merged as the import goes and after the last
        # row (also for a dry run or a file with errors: the entries of rows rolled back would otherwise wait in
        # the list).
        with merged_gin_once(Petition, Person) as gin, pipelined():
            if "id_number" in positions:
                # Every citizen of the file looked up in the registry at once, before anything is written.
                at = positions["id_number"]
                bulk.people_by_id_number(
                    actor, {normalize_id_number(id_number_cell(v[at])) for _n, v in rows if at < len(v) and v[at]}
                )
            for done, (number, values) in enumerate(rows, start=1):
                ref = _text(values[ref_at]) if ref_at < len(values) else ""
                if ref == EXAMPLE_REF:
                    result.notes.append(f"Dòng {number} là dòng ví dụ của tệp mẫu: bỏ qua.")
                    result.rows -= 1
                    continue
                if ref in seen:
                    message = f"Mã tham chiếu “{ref}” đã dùng ở dòng {seen[ref]} của tệp này."
                    result.errors.append(RowError(number, BY_KEY["external_ref"].header, message))
                    continue
                if ref:
                    seen[ref] = number
                    if bulk.may_exist(unit, ref):  # already imported: skipped without reading the rest of the row
                        result.skipped += 1
                        continue
                try:
                    pending.append(convert_row(number, values, positions, fields))
                except _RowProblems as problems:
                    result.errors.extend(problems.errors)
                if len(pending) >= CHUNK_ROWS:
                    flushes += 1
                    flush(bulk, merge=gin if flushes % GIN_MERGE_CHUNKS == 0 else None)
                    if progress is not None:
                        progress(done, total, time.perf_counter() - started)
            flush(bulk, last=True)
        result.errors.sort(key=lambda e: e.row)
        if result.errors or dry_run:
            transaction.set_rollback(True)
    result.seconds = time.perf_counter() - started
    if progress is not None:
        progress(total, total, result.seconds)
    return result


# --- The template -------------------------------------------------------------------------------------


def build_template() -> Any:
    """The workbook users fill: the "Đơn" sheet (headers, one example row) and the "Hướng dẫn" notes."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = TEMPLATE_SHEET
    bold = Font(bold=True)
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if column.required:
            cell.fill = required_fill
        cell.comment = Comment(("Bắt buộc. " if column.required else "") + column.rule, "Tiếp Dân")
        example = sheet.cell(row=2, column=index, value=column.example or None)
        example.number_format = "@"  # text: keeps leading zeros of ID numbers and phones, and dd/mm/yyyy
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = 40 if column.key in ("summary", "content") else 16
        dimension.number_format = "@"  # the rows users add are text cells too
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet(NOTES_SHEET)
    notes.append(["Cột", "Bắt buộc", "Quy tắc"])
    for cell in notes[1]:
        cell.font = bold
    for column in COLUMNS:
        notes.append([column.header, "Có" if column.required else "", column.rule])
    notes.append([])
    for line in (
        f"Mỗi dòng là một đơn; dòng 2 của trang “Đơn” là ví dụ (Mã tham chiếu “{EXAMPLE_REF}”): hãy xóa hoặc "
        "ghi đè; nếu còn, dòng này được bỏ qua.",
        "Nhập bằng lệnh: tiepdan import petitions TỆP --unit MÃ_ĐƠN_VỊ [--dry-run] [--actor TÊN_ĐĂNG_NHẬP].",
        "Cả tệp được nhập hoặc không dòng nào được nhập: nếu có dòng lỗi, hệ thống báo dòng, cột và lý do.",
        "Dòng có Mã tham chiếu đã có ở đơn vị thì được bỏ qua, nên có thể nhập lại cùng một tệp.",
        "Với đơn tố cáo, họ tên, giấy tờ, địa chỉ, điện thoại và nội dung được mã hóa vào kho bảo mật.",
    ):
        notes.append([line])
    notes.append([])
    notes.append([f"Danh mục lĩnh vực (mã chi tiết nhất, phiên bản {seed.LIST_VERSION})"])
    notes.cell(row=notes.max_row, column=1).font = bold
    with translation.override("vi"):
        type_labels = {value: str(label) for value, label in PetitionType.choices}
    for petition_type, entries in seed.SUBJECT_FIELDS.items():
        codes = [code for code, _name in entries]
        names = dict(entries)
        for code, name in entries:
            if any(other.startswith(code + ".") for other in codes):
                continue
            parent = code.rsplit(".", 1)[0]
            path = f"{names[parent]} — {name}" if parent in names else name
            notes.append([code, type_labels[petition_type], path])
    notes.column_dimensions["A"].width = 28
    notes.column_dimensions["B"].width = 10
    notes.column_dimensions["C"].width = 110
    for row in notes.iter_rows(min_row=2, max_col=3):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
    fixed = dt.datetime(2026, 1, 1)
    workbook.properties.creator = "Tiếp Dân"
    workbook.properties.created = fixed
    workbook.properties.modified = fixed
    return workbook


def template_bytes() -> bytes:
    buffer = io.BytesIO()
    build_template().save(buffer)
    return buffer.getvalue()
