"""Pure rules of the people registry: identity documents, phone numbers, dates, vault access.

No ORM here. Each validator returns the normalised value or raises DomainError with a Vietnamese message.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from tiepdan.core.errors import DomainError

# Province codes of birth registration used in the first three digits of the 12-digit citizen identity
# number (CCCD). Circular 59/2021/TT-BCA, Appendix (the list kept from Circular 07/2016/TT-BCA): codes run
# 001–096 but only the 63 codes below were assigned; the 2025 merger of provinces did not renumber them
# (a number is never reissued), so the pre-merger list stays the valid one.
CCCD_PROVINCE_CODES: frozenset[str] = frozenset(
    {
        "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022",
        "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042",
        "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060", "062", "064", "066",
        "067", "068", "070", "072", "074", "075", "077", "079", "080", "082", "083", "084", "086", "087",
        "089", "091", "092", "093", "094", "095", "096",
    }
)  # fmt: skip

_DIGITS = re.compile(r"\d+")
_PASSPORT_OLD = re.compile(r"[A-Z]\d{7}")  # Vietnamese passport: one letter and 7 digits
_PASSPORT_OTHER = re.compile(r"[A-Z0-9]{8,9}")  # foreign and new-format passports


class IdType:
    """Kinds of identity document (values match `models.IdDocumentType`)."""

    CCCD = "cccd"
    CMND = "cmnd"
    PASSPORT = "passport"
    OTHER = "other"


def normalize_id_number(raw: str | None) -> str:
    """Strip spaces, dots and dashes; upper case. The search key for an ID number."""
    return re.sub(r"[\s.\-]", "", raw or "").upper()


def cccd_century_start(sex_century_digit: int) -> int:
    """Circular 59/2021/TT-BCA Art. 7 (from Circular 07/2016): 0/1 = 20th century (male/female), 2/3 = 21st,
    4/5 = 22nd, 6/7 = 23rd, 8/9 = 24th."""
    return 1900 + 100 * (sex_century_digit // 2)


def validate_cccd(raw: str, *, date_of_birth: dt.date | None = None) -> str:
    number = normalize_id_number(raw)
    if not (len(number) == 12 and number.isdigit()):
        raise DomainError("Số căn cước công dân phải gồm đúng 12 chữ số.", field="id_number")
    if number[:3] not in CCCD_PROVINCE_CODES:
        raise DomainError(
            f"Số căn cước công dân không hợp lệ: “{number[:3]}” không phải mã tỉnh nơi đăng ký khai sinh "
            "(Thông tư 59/2021/TT-BCA).",
            field="id_number",
        )
    if date_of_birth is not None:
        year = cccd_century_start(int(number[3])) + int(number[4:6])
        if year != date_of_birth.year:
            raise DomainError(
                f"Số căn cước công dân không khớp với năm sinh {date_of_birth.year}: "
                f"chữ số thứ 4–6 cho năm sinh {year}.",
                field="id_number",
            )
    return number


def validate_cmnd(raw: str) -> str:
    number = normalize_id_number(raw)
    if not (len(number) == 9 and number.isdigit()):
        raise DomainError("Số chứng minh nhân dân (mẫu cũ) phải gồm đúng 9 chữ số.", field="id_number")
    return number


def validate_passport(raw: str) -> str:
    number = normalize_id_number(raw)
    if not (_PASSPORT_OLD.fullmatch(number) or _PASSPORT_OTHER.fullmatch(number)):
        raise DomainError(
            "Số hộ chiếu không hợp lệ: cần 1 chữ cái và 7 chữ số (ví dụ C1234567) hoặc 8–9 ký tự chữ và số.",
            field="id_number",
        )
    return number


def validate_id_number(id_type: str, raw: str, *, date_of_birth: dt.date | None = None) -> str:
    """Validate by document type; "" when no number was given."""
    if not normalize_id_number(raw):
        return ""
    if id_type == IdType.CCCD:
        return validate_cccd(raw, date_of_birth=date_of_birth)
    if id_type == IdType.CMND:
        return validate_cmnd(raw)
    if id_type == IdType.PASSPORT:
        return validate_passport(raw)
    if id_type == IdType.OTHER:
        number = normalize_id_number(raw)
        if len(number) > 32:
            raise DomainError("Số giấy tờ quá dài (tối đa 32 ký tự).", field="id_number")
        return number
    raise DomainError("Loại giấy tờ tùy thân không hợp lệ.", field="id_type")


def guess_id_type(raw: str) -> str:
    number = normalize_id_number(raw)
    if len(number) == 12 and number.isdigit():
        return IdType.CCCD
    if len(number) == 9 and number.isdigit():
        return IdType.CMND
    return IdType.PASSPORT


def validate_date_of_birth(value: dt.date | None, *, today: dt.date) -> dt.date | None:
    if value is None:
        return None
    if value > today:
        raise DomainError("Ngày sinh không được ở tương lai.", field="date_of_birth")
    if value.year < 1900:
        raise DomainError("Ngày sinh không hợp lệ (trước năm 1900).", field="date_of_birth")
    return value


# Mobile prefixes after the 2018 renumbering (03x, 05x, 07x, 08x, 09x) and landlines (02x, 10–11 digits).
_PHONE_MOBILE = re.compile(r"0[35789]\d{8}")
_PHONE_LANDLINE = re.compile(r"02\d{8,9}")


def normalize_phone(raw: str | None) -> str:
    """Vietnamese phone → "0…" national form; "+84…"/"84…" accepted. "" when empty."""
    if not raw or not raw.strip():
        return ""
    digits = re.sub(r"[\s.\-()]", "", raw)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not digits.isdigit() or not (_PHONE_MOBILE.fullmatch(digits) or _PHONE_LANDLINE.fullmatch(digits)):
        raise DomainError(
            "Số điện thoại không hợp lệ: nhập số di động 10 chữ số (03x, 05x, 07x, 08x, 09x) "
            "hoặc số cố định bắt đầu bằng 02, có thể viết +84.",
            field="phone",
        )
    return digits


def international_phone(national: str) -> str:
    return "+84" + national[1:] if national.startswith("0") else national


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def normalize_email(raw: str | None) -> str:
    value = (raw or "").strip()
    if value and not _EMAIL.fullmatch(value):
        raise DomainError("Địa chỉ thư điện tử không hợp lệ.", field="email")
    return value.lower()


# Law on Denunciations 25/2018/QH14, Art. 47(1)(b), 48: the denouncer's identity is kept confidential; in
# the system it is disclosed only to the person handling the denunciation, the head of the competent unit
# and the officer who keeps the vault.
IDENTITY_ROLES = frozenset({"vault_officer", "unit_head"})

REDACTED_NAME = "Người tố cáo (đã được bảo mật)"


def identity_access_allowed(roles_at_unit: Iterable[str], *, has_valid_grant: bool) -> bool:
    return has_valid_grant or bool(IDENTITY_ROLES & set(roles_at_unit))
