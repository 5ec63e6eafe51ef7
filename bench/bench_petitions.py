"""Petition reads at scale on PostgreSQL (not a test): the handler's queue, duplicate candidates, people search,
and the registration rate. Prints p50/p95 latencies and query counts (see bench/README.md).

Usage: .venv/bin/python bench/bench_petitions.py [--petitions 1000000] [--runs 200] [--explain] [--only abcd]

Database: BENCH_DATABASE_URL, else DATABASE_URL with its database renamed to `tiepdan_bench`, else
postgres://postgres@127.0.0.1:5432/tiepdan_bench. Created, migrated and filled with `tiepdan demo generate`
(seed 2026) the first time; later runs reuse it (and top it up if it holds fewer petitions). It is kept.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SEED = 2026


def bench_url() -> str:
    explicit = os.environ.get("BENCH_DATABASE_URL")
    if explicit:
        return explicit
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith(("postgres://", "postgresql://")):
        return urlunsplit(urlsplit(base)._replace(path="/tiepdan_bench"))
    return "postgres://postgres@127.0.0.1:5432/tiepdan_bench"


def ensure_database(url: str) -> bool:
    """Create the bench database if missing. False when no PostgreSQL answers (the bench is then skipped)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres")).replace("postgres://", "postgresql://", 1)
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
                print(f"Created database {name}")
    except psycopg.OperationalError as exc:
        print(f"PostgreSQL không trả lời ({exc}); bỏ qua bench_petitions.")
        return False
    return True


def child_env(url: str) -> dict[str, str]:
    """Settings for the bench: the demo vault key allowed, DEBUG off (no query log kept in memory)."""
    env = dict(os.environ, DATABASE_URL=url, TIEPDAN_RUN_DEMO="1", DJANGO_SETTINGS_MODULE="tiepdan.settings",
               TIEPDAN_LOG_LEVEL="WARNING")  # fmt: skip
    env.pop("TIEPDAN_DEBUG", None)
    return env


def tiepdan(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("tiepdan")
    return subprocess.run([exe, *args], env=child_env(url), text=True, capture_output=True, check=True)


def sql(url: str, query: str) -> Any:
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True) as conn:
        cursor = conn.execute(query)
        row = cursor.fetchone() if cursor.description else None
        return row[0] if row else None


def prepare(url: str, target: int) -> None:
    began = time.perf_counter()
    tiepdan(url, "migrate", "--noinput", "-v", "0")
    print(f"migrate: {time.perf_counter() - began:.1f} s")
    have = sql(url, "SELECT count(*) FROM petitions_petition")
    if have < target:
        print(f"Generating {target - have:,} petitions (have {have:,}) …", flush=True)
        began = time.perf_counter()
        exe = Path(sys.executable).with_name("tiepdan")
        proc = subprocess.run(
            [exe, "demo", "generate", "--petitions", str(target - have), "--seed", str(SEED)],
            env=child_env(url), text=True, capture_output=True, check=True,
        )  # fmt: skip
        print(proc.stdout.strip().splitlines()[-1])
        print(proc.stderr.strip().splitlines()[-1])
        print(f"generate: {time.perf_counter() - began:.0f} s wall")
        began = time.perf_counter()
        sql(url, "VACUUM ANALYZE")
        print(f"vacuum analyze: {time.perf_counter() - began:.0f} s")
    size = sql(url, "SELECT pg_size_pretty(pg_database_size(current_database()))")
    count = sql(url, "SELECT count(*) FROM petitions_petition")
    print(f"database {urlsplit(url).path.lstrip('/')}: {count:,} petitions, {size}")


# --- Measurements (Django set up in this process) ------------------------------------------------------


def timed(fn: Callable[[], Any], runs: int, warmup: int = 5) -> tuple[list[float], Any]:
    start = time.perf_counter()
    value = fn()
    if time.perf_counter() - start > 0.5:  # a pathological plan: a few runs say enough
        runs, warmup = min(runs, 10), 0
    for _ in range(warmup):
        value = fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        value = fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples, value


def p(samples: list[float], q: float) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[int(q) - 1] if len(samples) > 1 else samples[0]


def report(label: str, samples: list[float], queries: int | None = None, extra: str = "") -> None:
    q = f"{queries:>3} queries" if queries is not None else ""
    print(f"  {label:<58} p50 {p(samples, 50):7.1f} ms  p95 {p(samples, 95):7.1f} ms  {q} {extra}", flush=True)


def count_queries(fn: Callable[[], Any]) -> tuple[int, list[str]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


def explain(statements: list[str], title: str) -> None:
    from django.db import connection

    print(f"\n--- EXPLAIN (ANALYZE, BUFFERS): {title}")
    with connection.cursor() as cursor:
        for statement in statements:
            if not statement.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement)
            print(statement[:300] + (" …" if len(statement) > 300 else ""))
            print("\n".join("    " + row[0] for row in cursor.fetchall()))


def measure(runs: int, show_plans: bool, only: str) -> None:
    if "a" in only:
        measure_queue(runs, show_plans)
    if "b" in only:
        measure_duplicates(runs, show_plans)
    if "c" in only:
        measure_people(runs, show_plans)
    if "d" in only:
        measure_registration()


def measure_queue(runs: int, show_plans: bool) -> None:
    """(a) The queue page's reads: the request's user and scope, the first page with its list relations (and
    the due state a row shows, with the calendar loaded once), and the count."""
    from tiepdan.core.models import User
    from tiepdan.lawcal import rules as lawcal_rules
    from tiepdan.lawcal import workcal
    from tiepdan.orgs.selectors import today
    from tiepdan.petitions.selectors import QueueFilters, petition_queue, petitioner_label

    def queue_page(username: str, size: int = 50) -> tuple[int, int]:
        user = User.objects.get(username=username)  # a request loads its user and computes its scope
        qs = petition_queue(user, QueueFilters(status="open"))
        cal = workcal.get_calendar()
        rows = list(qs[:size])
        for row in rows:
            petitioner_label(row)
            _ = (row.unit.name, row.assignee, row.subject_field, row.case)
            if row.due_on:
                lawcal_rules.state_on(cal, row.due_on, today())
        return len(rows), qs.count()

    print(f"\n(a) Queue: petition_queue(user, QueueFilters(status='open')), page of 50 + count, {runs} runs")
    for username, who in (("xuly1", "handler of unit A (busiest ward)"), ("thongke", "statistician, Hà Nội")):
        samples, (_shown, total) = timed(lambda u=username: queue_page(u), runs)
        n50, statements = count_queries(lambda u=username: queue_page(u))
        n10, _ = count_queries(lambda u=username: queue_page(u, 10))
        report(who, samples, n50, f"(page of 10: {n10} queries; {total:,} open)")
        if show_plans:
            explain(statements, f"queue as {username}")


def _unit_a_sample() -> tuple[Any, Any, str, str, str]:
    from tiepdan.core.models import User
    from tiepdan.orgs.models import OrgUnit
    from tiepdan.petitions.models import Petition

    handler = User.objects.get(username="xuly1")
    unit = OrgUnit.objects.get(code="00256")
    sample = (
        Petition.objects.filter(unit=unit, type="complaint", petitioners__person__id_type="cccd")
        .order_by("-received_on", "-pk")
        .values_list("summary", "petitioners__person__id_number", "petitioners__person__full_name")
        .first()
    )
    assert sample is not None
    return handler, unit, sample[0], sample[1], sample[2]


def measure_duplicates(runs: int, show_plans: bool) -> None:
    """(b) duplicates.find_candidates for a new letter at unit A; the user's scope is already computed (it is
    computed once per request, see (a))."""

    from tiepdan.petitions import duplicates

    handler, unit, known, id_number, name = _unit_a_sample()
    summary = known.replace("Khiếu nại", "Đơn khiếu nại", 1)  # a new letter on a known matter, reworded
    print(f"\n(b) Duplicate candidates at unit A (type complaint), {runs} runs; summary: “{summary[:80]}…”")
    cases: list[tuple[str, dict[str, Any]]] = [
        ("ID number only", {"id_numbers": [id_number]}),
        ("name only (folded, exact)", {"names": [name]}),
        ("summary only (MinHash bands, then scored)", {"summary": summary}),
        (
            "summary + ID + name (the registration form)",
            {"summary": summary, "id_numbers": [id_number], "names": [name]},
        ),
    ]
    for label, kwargs in cases:

        def find(k: dict[str, Any] = kwargs) -> list[Any]:
            return duplicates.find_candidates(handler, unit=unit, type="complaint", **k)

        samples, found = timed(find, runs)
        n, statements = count_queries(find)
        top = f"top score {found[0].score:.2f}" if found else "no candidate"
        report(label, samples, n, f"({len(found)} found, {top})")
        if show_plans:
            explain(statements, f"duplicates: {label}")


def measure_people(runs: int, show_plans: bool) -> None:
    """(c) The people search page's read: `people.selectors.search_page` (a page of 25 with its total in one
    query), and for comparison the paginator's way (the page, then a count query)."""
    from tiepdan.core.models import User
    from tiepdan.people.models import Person
    from tiepdan.people.selectors import search_page, search_people

    handler, unit, _known, _id, _name = _unit_a_sample()
    statistician = User.objects.get(username="thongke")
    person = Person.objects.filter(owner_unit=unit, id_type="cccd").order_by("pk").first()
    assert person is not None
    print(f"\n(c) People search: search_page (page of 25 and its total, one query), {runs} runs")
    searches = [
        ("folded name 'nguyen van hung', handler of A", handler, "nguyen van hung"),
        ("folded name 'nguyen van hung', statistician", statistician, "nguyen van hung"),
        ("rare name 'giang a pao', statistician", statistician, "giang a pao"),
        ("ID number, handler of A", handler, person.id_number),
        ("ID number, statistician", statistician, person.id_number),
    ]
    for label, user, q in searches:

        def search(user: Any = user, q: str = q) -> int:
            return search_page(user, q, 1).paginator.count

        samples, total = timed(search, runs)
        n, statements = count_queries(search)
        report(label, samples, n, f"({total:,} found)")
        if show_plans:
            explain(statements, f"people: {label}")
    print("  before: search_people, the page of 25 then a count query")
    for label, user, q in searches[:3]:

        def search_twice(user: Any = user, q: str = q) -> int:
            qs = search_people(user, q)
            list(qs[:25])
            return qs.count()

        samples, total = timed(search_twice, runs)
        report(label, samples, count_queries(search_twice)[0], f"({total:,} found)")


def measure_registration(rows: int = 5000) -> None:
    """(d) `tiepdan import petitions` does not exist on this branch: the rate of the service it would call,
    `services.register_petition`, in one transaction (rolled back, so the bench database stays the same)."""
    from django.db import transaction

    from tiepdan.core.models import User
    from tiepdan.demo.generate import Generator, PetitionType, World
    from tiepdan.orgs.selectors import today
    from tiepdan.petitions import services
    from tiepdan.petitions.services import PetitionerInput

    world = World("00256")
    handler = User.objects.get(username="xuly1")
    place = world.receiving[0]
    gen = Generator(world, "bench-import", {}, today())
    gen.numbers = _NumberFeed()
    day = today()
    letters = [gen.letter(day, place) for _ in range(rows)]
    inputs = []
    for letter in letters:
        p = letter.petition
        content = p.content or "Nội dung đơn (tố cáo: lưu mã hóa)"
        # (an organisation's business code is not an identity number the registration form accepts)
        several = len(letter.signers) > 1
        signers = [PetitionerInput(full_name=s.full_name, id_number=s.id_number if s.kind == "citizen" else "",
                                   address=s.address, phone=s.phone, date_of_birth=s.date_of_birth,
                                   is_representative=several and i == letter.representative)
                   for i, s in enumerate(letter.signers)]  # fmt: skip
        inputs.append((p, content, signers))
    print(f"\n(d) Registration rate: services.register_petition × {rows:,} in one transaction (rolled back)")
    began = time.perf_counter()
    done = 0
    with transaction.atomic():
        for p, content, signers in inputs:
            services.register_petition(
                actor=handler, unit=place.unit, channel=p.channel, type=p.type, received_on=day,
                summary=p.summary, content=content, petitioners=signers, is_anonymous=not signers,
                letter_date=p.letter_date if p.letter_date and p.letter_date <= day else None,
                respondent_name=p.respondent_name, referring_body=p.referring_body,
                referring_doc_number=p.referring_doc_number, referring_doc_date=p.referring_doc_date,
            )  # fmt: skip
            done += 1
        elapsed = time.perf_counter() - began
        transaction.set_rollback(True)
    kinds = {t: sum(1 for p, _, _ in inputs if p.type == t) for t in PetitionType.values}
    print(f"  {done:,} petitions in {elapsed:.1f} s → {done / elapsed:,.0f} rows/s ({kinds})")


class _NumberFeed(dict[tuple[int, int], int]):
    """Codes for the throw-away letters of the registration bench (the service assigns the real ones)."""

    def __missing__(self, key: tuple[int, int]) -> int:
        return 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--petitions", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN (ANALYZE, BUFFERS) of each query")
    parser.add_argument("--only", default="abcd", help="parts to run: a queue, b duplicates, c people, d import")
    args = parser.parse_args()
    url = bench_url()
    if not ensure_database(url):
        return 0
    prepare(url, args.petitions)
    os.environ.update(child_env(url))
    os.environ.pop("TIEPDAN_DEBUG", None)
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    measure(args.runs, args.explain, args.only)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
