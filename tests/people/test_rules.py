from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiepdan.core.errors import DomainError
from tiepdan.core.text import fold
from tiepdan.people import rules


@pytest.mark.parametrize(
    ("number", "dob"),
    [
        ("001090012345", dt.date(1990, 5, 1)),  # Hà Nội, male, 20th century
        ("079 301 012345", dt.date(2001, 1, 2)),  # TP HCM, female, 21st century, spaces accepted
        ("096185000001", None),
    ],
)
def test_valid_cccd(number, dob):
    assert rules.validate_cccd(number, date_of_birth=dob) == number.replace(" ", "")


@pytest.mark.parametrize(
    ("number", "dob", "message"),
    [
        ("00109001234", None, "đúng 12 chữ số"),
        ("00109001234A", None, "đúng 12 chữ số"),
        ("003090012345", None, "mã tỉnh"),  # 003 was never assigned
        ("097090012345", None, "mã tỉnh"),
        ("001090012345", dt.date(1991, 1, 1), "không khớp với năm sinh 1991"),
        ("001290012345", dt.date(1990, 1, 1), "năm sinh 2090"),
    ],
)
def test_invalid_cccd(number, dob, message):
    with pytest.raises(DomainError) as err:
        rules.validate_cccd(number, date_of_birth=dob)
    assert message in err.value.message
    assert err.value.field == "id_number"


def test_province_code_list_has_63_codes_in_range():
    assert len(rules.CCCD_PROVINCE_CODES) == 63
    assert all("001" <= c <= "096" for c in rules.CCCD_PROVINCE_CODES)


def test_cmnd():
    assert rules.validate_cmnd("012 345 678") == "012345678"
    with pytest.raises(DomainError, match="đúng 9 chữ số"):
        rules.validate_cmnd("12345678")


@pytest.mark.parametrize("number", ["C1234567", "b7654321", "AB1234567", "12345678"])
def test_valid_passport(number):
    assert rules.validate_passport(number) == number.upper()


@pytest.mark.parametrize("number", ["C123456", "C12-3456", "ABCDEFGHIJ", "C 1234"])
def test_invalid_passport(number):
    with pytest.raises(DomainError, match="Số hộ chiếu không hợp lệ"):
        rules.validate_passport(number)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("0912 345 678", "0912345678"), ("+84 912345678", "0912345678"), ("84912345678", "0912345678"),
     ("024 3825 1234", "02438251234"), ("", "")],
)  # fmt: skip
def test_phone_normalisation(raw, expected):
    assert rules.normalize_phone(raw) == expected
    if expected:
        assert rules.international_phone(expected) == "+84" + expected[1:]


@pytest.mark.parametrize("raw", ["12345", "0112345678", "+1 555 123 4567", "09123abc78"])
def test_invalid_phone(raw):
    with pytest.raises(DomainError, match="Số điện thoại không hợp lệ"):
        rules.normalize_phone(raw)


def test_date_of_birth_not_in_future():
    today = dt.date(2026, 1, 1)
    with pytest.raises(DomainError, match="tương lai"):
        rules.validate_date_of_birth(dt.date(2026, 1, 2), today=today)
    assert rules.validate_date_of_birth(today, today=today) == today


def test_identity_access_rule():
    assert rules.identity_access_allowed({"vault_officer"}, has_valid_grant=False)
    assert rules.identity_access_allowed({"unit_head"}, has_valid_grant=False)
    assert not rules.identity_access_allowed({"petition_handler", "leader", "system_admin"}, has_valid_grant=False)
    assert rules.identity_access_allowed({"petition_handler"}, has_valid_grant=True)


VIETNAMESE_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"


@given(st.lists(st.text(alphabet=VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper(), min_size=1, max_size=8),
                min_size=1, max_size=4))  # fmt: skip
def test_fold_of_a_name_is_its_undiacritised_form(words):
    name = " ".join(words)
    folded = fold(name)
    assert folded.isascii()
    assert fold(folded) == folded  # the search key of the key is itself: typing it finds the name
