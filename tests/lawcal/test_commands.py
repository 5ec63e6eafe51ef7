import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command


def run(*args, stdin=None):
    out = io.StringIO()
    if stdin is not None:
        old = sys.stdin
        sys.stdin = io.StringIO(stdin)
    try:
        call_command("deadline", *args, stdout=out)
    finally:
        if stdin is not None:
            sys.stdin = old
    return out.getvalue()


@pytest.mark.django_db
def test_single_json_object():
    data = json.loads(run("complaint.accept", "2026-02-13"))
    # Fri 13/02/2026 + 10 wd: Tết 16–20/02 and weekends skipped; 23–27 (5), 02–06/03 (10).
    assert data["due"] == "2026-03-06"
    assert data["unit"] == "working" and data["length"] == 10 and data["start"] == "2026-02-13"
    assert "Điều 27" in data["source"] and "2026-02-17" in data["skipped"]


@pytest.mark.django_db
def test_flags_and_extensions():
    # Mon 06/10/2025 + 30 + 30 = Fri 05/12/2025.
    data = json.loads(run("denunciation.resolve", "2025-10-06", "--flag", "complex", "--extensions", "1"))
    assert data["due"] == "2025-12-05" and data["length"] == 60


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args",
    [
        ("no.rule", "2026-01-05"),
        ("complaint.accept", "2026-02-30"),
        ("complaint.file", "2026-01-05", "--flag", "complex"),
        ("denunciation.resolve", "2026-01-05", "--extensions", "1"),
        ("complaint.accept",),
        ("complaint.accept", "2026-01-05", "--extensions", "x"),
    ],
)
def test_bad_input_exit_2(args):
    with pytest.raises(CommandError) as exc:
        run(*args)
    assert exc.value.returncode == 2
    assert any(ch in str(exc.value) for ch in "ôạếủá")  # Vietnamese text


@pytest.mark.django_db
def test_batch_keeps_going(tmp_path):
    lines = [
        {"rule": "complaint.accept", "start": "2026-07-01"},
        {"rule": "nope", "start": "2026-07-01"},
        "not json",
        {"rule": "denunciation.resolve", "start": "2025-10-06", "flags": ["very_complex"], "extensions": 2},
    ]
    text = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n"
    path = tmp_path / "in.jsonl"
    path.write_text(text)
    for source, stdin in ((str(path), None), ("-", text)):
        out = [json.loads(x) for x in run("--batch", source, stdin=stdin).splitlines()]
        assert len(out) == 4
        assert out[0]["due"] == "2026-07-10"  # new 7-wd version: 2, 3, 6–10
        assert "error" in out[1] and "error" in out[2]
        assert out[3]["due"] == "2026-01-05"  # +90 = Sun 04/01/2026 → Mon 05/01


@pytest.mark.django_db(transaction=True)
def test_real_console_script(tmp_path):
    exe = Path(sys.executable).with_name("tiepdan")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}"}
    subprocess.run([exe, "migrate", "-v0"], env=env, check=True, capture_output=True, timeout=300)
    ok = subprocess.run([exe, "deadline", "complaint.accept", "2026-07-01"], env=env, capture_output=True, text=True)
    assert ok.returncode == 0 and json.loads(ok.stdout)["due"] == "2026-07-10"
    bad = subprocess.run([exe, "deadline", "complaint.accept", "01/07/2026"], env=env, capture_output=True, text=True)
    assert bad.returncode == 2 and "không hợp lệ" in bad.stderr
    argp = subprocess.run([exe, "deadline", "--nope"], env=env, capture_output=True, text=True)
    assert argp.returncode == 2 and "Tham số dòng lệnh không hợp lệ" in argp.stderr
