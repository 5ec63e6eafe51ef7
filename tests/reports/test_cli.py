"""`tiepdan report` (CONTRACTS.md): JSON shape, the .xlsx in the official layout (opened by LibreOffice), and
Vietnamese errors with exit status 2."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tiepdan.cli import main

from .fixtures import build

pytestmark = pytest.mark.django_db


def run_json(*args: str) -> dict:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return json.loads(out.getvalue())


def test_json_contract(world):
    build(world)
    data = run_json("02/XLD", "--unit", "P", "--period", "2026-Q2", "--format", "json")
    assert {"form", "unit", "period", "columns", "rows", "total"} <= set(data)
    assert data["form"] == "02/XLD" and data["unit"] == "P"
    assert data["period"]["from"] == "2026-03-15" and data["period"]["to"] == "2026-06-14"
    assert all({"key", "label"} <= set(c) for c in data["columns"])
    keys = [c["key"] for c in data["columns"]]
    assert [r["unit"] for r in data["rows"]] == ["P", "A", "B"]
    for row in data["rows"]:
        assert list(row["values"]) == keys
        assert all(isinstance(v, int | float) for v in row["values"].values())
    assert data["total"]["total"] == 11


def test_json_to_file(world, tmp_path):
    build(world)
    target = tmp_path / "bc.json"
    call_command("report", "04/GQTC", "--unit", "A", "--period", "2026-03-15:2026-06-14", "-o", str(target))
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["total"]["knowingly_false"] == 1


def test_xlsx_official_layout_and_libreoffice_opens_it(world, tmp_path):
    build(world)
    target = tmp_path / "03-GQKN.xlsx"
    call_command("report", "03/GQKN", "--unit", "P", "--period", "2026-Q2", "--format", "xlsx", "-o", str(target))
    wb = load_workbook(target)
    ws = wb.active
    texts = {str(c.value) for row in ws.iter_rows() for c in row if c.value is not None}
    assert "TỔNG HỢP KẾT QUẢ GIẢI QUYẾT KHIẾU NẠI" in texts
    assert "Biểu số 03/GQKN" in texts
    assert "(Số liệu tính từ ngày 15/03/2026 đến ngày 14/06/2026)" in texts
    assert "Kỳ báo cáo: Quý II năm 2026 (từ 15/03/2026 đến 14/06/2026)" in texts
    assert {"NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "Tổng cộng"} <= texts
    merged = {str(r) for r in ws.merged_cells.ranges}
    # Header rows 9–10 (one group level): "STT" merged down, a group merged across its columns.
    assert "A9:A10" in merged and "B9:B10" in merged
    assert "C9:F9" in merged  # "Đơn, vụ việc khiếu nại thuộc thẩm quyền" over columns 1–4
    assert ws["C9"].value == "Đơn, vụ việc khiếu nại thuộc thẩm quyền"
    assert [ws.cell(row=11, column=c).value for c in range(1, 6)] == ["A", "B", 1, 2, 3]
    # Rows: P's own, A, B, then the totals; column 2 ("cases") = 2, 5, 1 → 8.
    assert [ws.cell(row=r, column=4).value for r in range(12, 16)] == [2, 5, 1, 8]
    assert ws.cell(row=15, column=2).value == "Tổng cộng"
    money_col = 2 + 13  # column 13: money to the State
    assert ws.cell(row=15, column=money_col).value == 1_000_000
    assert ws.cell(row=15, column=money_col).number_format == "#,##0"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.print_title_rows == "$9:$11"
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(target)],
        check=True, capture_output=True, timeout=180, text=True,
    )  # fmt: skip
    assert "could not be loaded" not in done.stderr, "LibreOffice Calc is missing: apt install libreoffice-calc-nogui"
    pdf = tmp_path / "03-GQKN.pdf"
    assert pdf.exists() and pdf.read_bytes()[:5] == b"%PDF-"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["05/KQTH", "--unit", "P", "--period", "2026"], "Biểu 05/KQTH (Tổng hợp kết quả thực hiện kết luận"),
        (["05/XYZ", "--unit", "P", "--period", "2026"], "Không có biểu báo cáo “05/XYZ”"),
        (["02/XLD", "--unit", "KHONGCO", "--period", "2026"], "Không có đơn vị mã “KHONGCO”"),
        (["02/XLD", "--unit", "P", "--period", "2026-Q7"], "Quý phải từ 1 đến 4"),
        (["02/XLD", "--unit", "P", "--period", "2026", "--format", "pdf"], "Định dạng “pdf” không hợp lệ"),
        (["02/XLD", "--unit", "P", "--period", "2026", "--format", "xlsx"], "cần tệp kết quả"),
    ],
)
def test_bad_input_exit_2_vietnamese(world, args, message):
    with pytest.raises(CommandError, match=re.escape(message)) as info:
        call_command("report", *args)
    assert info.value.returncode == 2


def test_command_line_writes_stderr_and_exits_2(world, capsys):
    with pytest.raises(SystemExit) as info:
        main(["report", "02/XLD", "--unit", "P", "--period", "quý ba"])
    assert info.value.code == 2
    assert "Kỳ báo cáo “quý ba” không hợp lệ" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["report", "02/XLD", "--period", "2026"])
    assert info.value.code == 2
    assert "Tham số dòng lệnh không hợp lệ" in capsys.readouterr().err
