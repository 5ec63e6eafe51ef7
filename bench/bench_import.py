"""Import speed of `tiepdan import petitions` (not a test): a realistic register of N rows into a fresh
database, on SQLite and on PostgreSQL when one answers. Prints rows per second (see bench/README.md).

Usage: .venv/bin/python bench/bench_import.py [--rows 20000] [--only sqlite|pg] [--template tiepdan_bench]
       [--repeat N]

`--template DB` makes the PostgreSQL database a copy of DB (e.g. the 1,000,000-petition bench database) instead
of an empty one, so the import meets full tables and indexes; the copy is dropped afterwards.

The rows mix complaints, denunciations (their signers go to the vault) and recommendations, transferred
letters with their referral, anonymous letters, citizens who write twice, and subject-field codes, with the
summaries of `tiepdan demo generate`. The import runs as the handler `xuly1` of demo unit A, in one
transaction, as a user would run it.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def make_rows(n: int, seed: int = 2026) -> tuple[list[str], list[list[str]]]:
    from tiepdan.demo import generate_data as data
    from tiepdan.petitions.imports import COLUMNS

    rng = random.Random(seed)
    headers = [c.header for c in COLUMNS]
    types = [
        ("Khiếu nại", "complaint", 45),
        ("Tố cáo", "denunciation", 15),
        ("Kiến nghị, phản ánh", "rec_feedback", 40),
    ]
    channels = [("Trực tiếp", 30), ("Qua bưu chính", 35), ("Cơ quan khác chuyển đến", 20), ("Trực tuyến", 15)]
    writers: list[tuple[str, str, str, str]] = []
    rows = []
    for i in range(n):
        label, ptype, _w = rng.choices(types, weights=[t[2] for t in types])[0]
        channel = rng.choices([c[0] for c in channels], weights=[c[1] for c in channels])[0]
        fields = data.FIELD_WEIGHTS[ptype]
        code = rng.choices([f[0] for f in fields], weights=[f[1] for f in fields])[0]
        summary_t, body_t = rng.choice(data.TEMPLATES[code])
        slots = {k: str(rng.randint(1, 999)) for k in re.findall(r"{(\w+)}", summary_t + body_t)}
        slots.update(ubnd="UBND phường Hoàng Liệt", unit="phường Hoàng Liệt", relative="mẹ tôi")
        summary, body = summary_t.format_map(slots), body_t.format_map(slots)
        if writers and rng.random() < 0.2:
            name, cccd, address, phone = rng.choice(writers)  # a citizen who writes again
        else:
            male = rng.random() < 0.55
            given = rng.choice(data.MALE_GIVEN if male else data.FEMALE_GIVEN)
            middles = data.MALE_MIDDLE if male else data.FEMALE_MIDDLE  # (middle name, weight)
            middle = rng.choices([m for m, _w in middles], weights=[w for _m, w in middles])[0]
            name = f"{rng.choice(['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đỗ'])} {middle} {given}"
            cccd = (
                f"001{rng.randint(0, 1)}{rng.randint(50, 99)}{rng.randint(0, 999999):06d}" if rng.random() < 0.8 else ""
            )
            address = f"Số {rng.randint(1, 200)} phố Tân Mai, phường Tương Mai, Hà Nội"
            phone = f"09{rng.randint(10000000, 99999999)}" if rng.random() < 0.7 else ""
            writers.append((name, cccd, address, phone))
        if ptype == "denunciation" and rng.random() < 0.1:
            name, cccd, address, phone = "Nặc danh", "", "", ""
        day = 1 + i % 28
        received = f"{day:02d}/{1 + (i // 28) % 10:02d}/2026"
        transferred = channel == "Cơ quan khác chuyển đến"
        values = {
            "external_ref": f"SO-{i + 1:07d}", "received_on": received, "letter_date": "", "channel": channel,
            "type": label, "full_name": name, "id_number": cccd, "address": address, "phone": phone,
            "summary": summary, "content": body,
            "respondent_name": "Chủ tịch UBND phường" if ptype != "rec_feedback" else "",
            "referring_body": "Ban Tiếp công dân thành phố Hà Nội" if transferred else "",
            "referring_doc_number": f"{rng.randint(1, 999)}/BTCD-TD" if transferred else "",
            "referring_doc_date": received if transferred else "", "subject_field": code,
        }  # fmt: skip
        rows.append([values[c.key] for c in COLUMNS])
    return headers, rows


def postgres_cpu() -> float:
    """CPU seconds used so far by this machine's PostgreSQL processes (the server runs here: bench/README.md),
    with the backends that have ended (counted in the postmaster's children's time); 0 where /proc does not
    tell."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # the process ended meanwhile
        name, rest = text[text.index("(") + 1 : text.rindex(")")], text[text.rindex(")") + 2 :].split()
        if name == "postgres":
            total += sum(int(x) for x in rest[11:15])  # utime, stime, cutime, cstime (fields 14–17 of proc(5))
    return total / os.sysconf("SC_CLK_TCK")


def run(label: str, env: dict[str, str], path: Path, n: int, admin: Any = None) -> int:
    """One import into a fresh (or copied) database; returns the command's own rows per second."""
    exe = Path(sys.executable).with_name("tiepdan")
    began = time.perf_counter()
    subprocess.run([exe, "migrate", "--noinput", "-v", "0"], env=env, check=True)
    subprocess.run([exe, "demo", "load"], env=env, check=True, capture_output=True)
    print(f"  {label}: fresh database migrated and demo loaded in {time.perf_counter() - began:.0f} s", flush=True)
    if admin is not None:
        # Every run starts right after a checkpoint: the worst case, and the same for every run (after a
        # checkpoint the first change to each page writes the whole page to the WAL).
        admin.execute("CHECKPOINT")
        wal_before = admin.execute("SELECT pg_current_wal_lsn(), wal_fpi FROM pg_stat_wal").fetchone()
    server_before = postgres_cpu() if admin is not None else 0.0
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    proc = subprocess.run([exe, "import", "petitions", str(path), "--unit", unit_a(), "--actor", "xuly1"],
                          env=env, text=True, capture_output=True)  # fmt: skip
    wall = time.perf_counter() - began
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    server = postgres_cpu() - server_before if admin is not None else 0.0
    if proc.returncode != 0:
        print(proc.stdout[-2000:], proc.stderr[-2000:])
        raise SystemExit(f"import failed on {label}")
    line = next((x for x in proc.stdout.splitlines() if "dòng/giây" in x), proc.stdout.strip())
    print(f"  {label}: {n:,} rows — {line.strip()}  (wall incl. start-up {wall:.1f} s, {n / wall:,.0f} rows/s)")
    cpu = (children.ru_utime - children_before.ru_utime) + (children.ru_stime - children_before.ru_stime)
    server_cpu = f", PostgreSQL's processes {server:.2f} s" if admin is not None else ""
    print(f"  {label}: CPU — import process {cpu:.2f} s (incl. start-up){server_cpu}")
    if admin is not None:
        wal, fpi = admin.execute(
            "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), %s) / 1048576, wal_fpi - %s FROM pg_stat_wal", wal_before
        ).fetchone()
        print(f"  {label}: WAL written during the import {wal:,.0f} MB ({fpi:,} full-page images)")
    # What was really written (pipelined writes must lose nothing): petitions, their bands, and the audit chain.
    check = (
        "from tiepdan.petitions.models import Petition, MinHashBand; from tiepdan.core import audit; "
        "ids = Petition.objects.filter(external_ref__startswith='SO-').values('pk'); "
        "print(ids.count(), MinHashBand.objects.filter(petition_id__in=ids).values('petition_id').distinct().count(), "
        "audit.verify_chain()[1])"
    )
    written = subprocess.run([exe, "shell", "-c", check], env=env, text=True, capture_output=True, check=True)
    petitions, banded, problem = written.stdout.strip().splitlines()[-1].split(maxsplit=2)
    print(f"  {label}: written {int(petitions):,} petitions ({int(banded):,} with bands), audit chain: "
          f"{'intact' if problem.strip() == 'None' else problem.strip()}")  # fmt: skip
    if int(petitions) != n:
        raise SystemExit(f"{label}: {n:,} rows imported but {int(petitions):,} petitions written")
    rate = re.search(r"([\d.]+) dòng/giây", line)
    return int(rate.group(1).replace(".", "")) if rate else 0


def summary(label: str, rates: list[int]) -> None:
    """The runs' rows per second and their median (this kind of machine varies ±15 % from run to run)."""
    if len(rates) > 1:
        shown = ", ".join(f"{r:,}" for r in rates)
        print(f"  {label}: {len(rates)} runs — {shown} rows/s; median {statistics.median(rates):,.0f}")


def unit_a() -> str:
    from tiepdan.demo.accounts import UNIT_A

    return UNIT_A


def run_postgresql(admin: Any, name: str, template: str, base: dict[str, str], path: Path, n: int) -> int:
    if template:
        began = time.perf_counter()
        # FILE_COPY (PostgreSQL 15+) copies the files; the default WAL_LOG would write the whole
        # 1,000,000-petition database to the WAL and set off checkpoints during the import.
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
        print(f"  PostgreSQL: copy of {template} made in {time.perf_counter() - began:.0f} s")
    else:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = f"postgres://postgres@127.0.0.1:5432/{name}"
        return run("PostgreSQL", dict(base, DATABASE_URL=url), path, n, admin)
    finally:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--only", choices=["sqlite", "pg"])
    parser.add_argument("--template", default="", help="copy this PostgreSQL database instead of an empty one")
    parser.add_argument("--repeat", type=int, default=1, help="import this many times, each into a new database")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tiepdan.settings")
    os.environ["TIEPDAN_RUN_DEMO"] = "1"
    import django

    django.setup()
    headers, rows = make_rows(args.rows)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "so-don.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(headers)
            writer.writerows(rows)
        base = dict(os.environ, TIEPDAN_LOG_LEVEL="WARNING", TIEPDAN_RUN_DEMO="1")
        base.pop("TIEPDAN_DEBUG", None)
        if args.only != "pg":
            rates = []
            for attempt in range(args.repeat):
                url = f"sqlite:///{tmp}/bench-{attempt}.sqlite3"
                rates.append(run("SQLite", dict(base, DATABASE_URL=url), path, args.rows))
            summary("SQLite", rates)
        if args.only != "sqlite":
            import psycopg

            name = f"tiepdan_bench_import_{os.getpid()}"
            try:
                admin = psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True)
            except psycopg.OperationalError:
                print("  PostgreSQL không trả lời: bỏ qua.")
                return 0
            rates = []
            try:
                for _attempt in range(args.repeat):
                    rates.append(run_postgresql(admin, name, args.template, base, path, args.rows))
            finally:
                admin.close()
            summary("PostgreSQL", rates)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
