"""Statutory reports at scale on PostgreSQL (not a test): each form (01/TCD, 02/XLD, 03/GQKN, 04/GQTC) for a province
over a report year, through the application (`reports.selectors.compute`: roll-up + grouped conditional
aggregates), next to a hand-written SQL query computing the same totals. Checks that both give the same totals and
prints p50/p95 and the ratio (issue 6: < 2 s and ≤ 1.5× the hand-written query at 1,000,000 petitions).

Usage: .venv/bin/python bench/bench_reports.py [--petitions 1000000] [--runs 5] [--unit CODE] [--period 2026]
       [--explain]

Database: BENCH_DATABASE_URL, else DATABASE_URL with its database renamed to `tiepdan_bench`, else
postgres://postgres@127.0.0.1:5432/tiepdan_bench (the one bench_petitions.py uses). Created, migrated, demo
world loaded and filled with `tiepdan demo generate` (seed 2026) when it holds fewer petitions; kept.
Cases need the resolution data `demo generate` writes since the reports branch (decisions, case events,
resolution limits): a database generated before holds cases without them (the figures are then mostly zeros).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_petitions import ROOT, SEED, bench_url, child_env, ensure_database, p, sql, timed

# --- The hand-written queries (psycopg parameters: ids = unit ids of the subtree and its predecessors) ----

SQL_02_XLD = """
SELECT
  count(*) AS total,
  count(*) FILTER (WHERE p.received_on < %(from)s) AS carried_over,
  count(*) FILTER (WHERE p.received_on >= %(from)s) AS received,
  count(*) FILTER (WHERE x.done) AS processed,
  count(*) FILTER (WHERE x.ok) AS eligible,
  count(DISTINCT p.case_id) FILTER (WHERE x.ok) AS eligible_cases,
  count(*) FILTER (WHERE NOT x.done) AS unprocessed,
  count(*) FILTER (WHERE x.done AND p.outcome IN ('archive', 'reject_acceptance')) AS archived,
  count(*) FILTER (WHERE x.ok AND p.type = 'complaint') AS content_complaint,
  count(*) FILTER (WHERE x.ok AND p.type = 'denunciation') AS content_denunciation,
  count(*) FILTER (WHERE x.ok AND p.type = 'rec_feedback') AS content_rec_feedback,
  count(*) FILTER (WHERE x.ok AND p.resolution_status = 'unresolved') AS status_unresolved,
  count(*) FILTER (WHERE x.ok AND p.resolution_status = 'first_round_done') AS status_first_round,
  count(*) FILTER (WHERE x.ok AND p.resolution_status IN ('second_round_done', 'further_denunciation'))
    AS status_final,
  count(*) FILTER (WHERE x.ok AND p.resolution_status = 'court') AS status_court,
  count(*) FILTER (WHERE x.kt AND (f.code IN ('KN.HC.CS', 'TC.HC.CS') OR f.code LIKE 'KN.HC.CS.%%'
    OR f.code LIKE 'TC.HC.CS.%%')) AS field_policy,
  count(*) FILTER (WHERE x.kt AND (f.code IN ('KN.HC.DD', 'TC.HC.DD') OR f.code LIKE 'KN.HC.DD.%%'
    OR f.code LIKE 'TC.HC.DD.%%')) AS field_land,
  count(*) FILTER (WHERE x.kt AND (f.code = 'TC.HC.CC' OR f.code LIKE 'TC.HC.CC.%%')) AS field_civil_service,
  count(*) FILTER (WHERE x.kt AND (f.code IN ('KN.HC.K', 'TC.HC.K') OR f.code LIKE 'KN.HC.K.%%'
    OR f.code LIKE 'TC.HC.K.%%')) AS field_admin_other,
  count(*) FILTER (WHERE x.kt AND (f.code = 'TC.TN' OR f.code LIKE 'TC.TN.%%')) AS field_corruption,
  count(*) FILTER (WHERE x.kt AND (f.code IN ('KN.TP', 'TC.TP') OR f.code LIKE 'KN.TP.%%'
    OR f.code LIKE 'TC.TP.%%')) AS field_judicial,
  count(*) FILTER (WHERE x.kt AND (f.code IN ('KN.DANG', 'TC.DANG') OR f.code LIKE 'KN.DANG.%%'
    OR f.code LIKE 'TC.DANG.%%')) AS field_party,
  count(*) FILTER (WHERE x.kt AND (f.code IN ('KN.K', 'TC.K') OR f.code LIKE 'KN.K.%%' OR f.code LIKE 'TC.K.%%'))
    AS field_other,
  count(*) FILTER (WHERE x.ok AND p.within_competence AND p.type = 'complaint') AS within_complaint,
  count(*) FILTER (WHERE x.ok AND p.within_competence AND p.type = 'denunciation') AS within_denunciation,
  count(*) FILTER (WHERE x.ok AND p.within_competence AND p.type = 'rec_feedback') AS within_rec_feedback,
  count(DISTINCT p.case_id) FILTER (WHERE x.ok AND p.within_competence AND p.type = 'complaint')
    AS within_complaint_cases,
  count(DISTINCT p.case_id) FILTER (WHERE x.ok AND p.within_competence AND p.type = 'denunciation')
    AS within_denunciation_cases,
  count(DISTINCT p.case_id) FILTER (WHERE x.ok AND p.within_competence AND p.type = 'rec_feedback')
    AS within_rec_feedback_cases,
  count(*) FILTER (WHERE x.done AND p.outcome = 'guide') AS guided,
  count(*) FILTER (WHERE x.done AND p.outcome IN ('transfer', 'transfer_party')) AS transferred,
  count(*) FILTER (WHERE x.done AND p.outcome = 'urge') AS urged
FROM petitions_petition p
LEFT JOIN petitions_subjectfield f ON f.id = p.subject_field_id
CROSS JOIN LATERAL (
  SELECT (p.outcome_on IS NOT NULL AND p.outcome_on <= %(to)s AND p.outcome <> '') AS done
) d
CROSS JOIN LATERAL (
  SELECT d.done, d.done AND p.eligible IS TRUE AS ok,
         d.done AND p.eligible IS TRUE AND p.type IN ('complaint', 'denunciation') AS kt
) x
WHERE p.unit_id = ANY(%(ids)s) AND p.status <> 'split' AND p.received_on <= %(to)s
  AND (p.outcome_on IS NULL OR p.outcome_on >= %(from)s)
"""

# 03/GQKN and 04/GQTC: the same query with the case type, the ending step and the enforcement step as parameters.
SQL_RESOLUTION = """
WITH c AS (
  SELECT c.id, c.round, c.accepted_on, d.issued_on, d.result, d.first_round_outcome,
         d.money_to_state, d.land_to_state_m2, d.money_to_citizens, d.land_to_citizens_m2, d.people_benefited,
         d.people_recommended_sanction, d.people_sanctioned, d.transferred_to_investigators,
         d.people_transferred_to_investigators,
         (SELECT min(e.on) FROM cases_caseevent e WHERE e.case_id = c.id AND e.action = %(end)s) AS ended_on,
         (SELECT min(e.on) FROM cases_caseevent e WHERE e.case_id = c.id AND e.action = %(eff)s) AS effective_on,
         (SELECT min(e.on) FROM cases_caseevent e WHERE e.case_id = c.id AND e.action = 'close') AS done_on
  FROM cases_case c LEFT JOIN cases_casedecision d ON d.case_id = c.id
  WHERE c.unit_id = ANY(%(ids)s) AND c.type = %(type)s
), k AS (
  SELECT c.*,
    (accepted_on <= %(to)s AND (issued_on IS NULL OR issued_on >= %(from)s)
      AND (ended_on IS NULL OR ended_on >= %(from)s)) IS TRUE AS handled,
    (effective_on <= %(to)s AND (done_on IS NULL OR done_on >= %(from)s)) IS TRUE AS enforcing,
    (issued_on BETWEEN %(from)s AND %(to)s) IS TRUE AS decided
  FROM c
), m AS (
  SELECT k.*,
    handled AND ((decided AND result = 'withdrawn') OR (ended_on BETWEEN %(from)s AND %(to)s) IS TRUE) AS withdrawn,
    handled AND decided AND result <> 'withdrawn' AS by_decision,
    handled AND (issued_on IS NULL OR issued_on > %(to)s) AND (ended_on IS NULL OR ended_on > %(to)s) AS open
  FROM k WHERE handled OR enforcing
), late AS (
  SELECT m.id,
    EXISTS (SELECT 1 FROM lawcal_trackeddeadline t WHERE t.content_type_id = %(ct)s AND t.object_id = m.id::text
            AND t.rule_code LIKE '%%.resolve' AND t.due_on < m.issued_on) AS late,
    EXISTS (SELECT 1 FROM lawcal_trackeddeadline t WHERE t.content_type_id = %(ct)s AND t.object_id = m.id::text
            AND t.rule_code LIKE '%%.resolve' AND t.due_on < %(to)s) AS late_at_end
  FROM m WHERE m.by_decision OR m.open
)
SELECT
  (SELECT count(*) FROM petitions_petition pp JOIN m ON m.id = pp.case_id WHERE m.handled) AS petitions,
  count(*) FILTER (WHERE handled) AS cases,
  count(*) FILTER (WHERE handled AND accepted_on < %(from)s) AS carried_over,
  count(*) FILTER (WHERE handled AND accepted_on >= %(from)s) AS accepted,
  count(*) FILTER (WHERE withdrawn OR by_decision) AS resolved,
  count(*) FILTER (WHERE withdrawn) AS withdrawn,
  count(*) FILTER (WHERE by_decision) AS by_decision,
  count(*) FILTER (WHERE by_decision AND round = 1 AND result = 'right') AS first_right,
  count(*) FILTER (WHERE by_decision AND round = 1 AND result = 'partly_right') AS first_partly,
  count(*) FILTER (WHERE by_decision AND round = 1 AND result = 'wrong') AS first_wrong,
  count(*) FILTER (WHERE by_decision AND round = 2 AND first_round_outcome = 'upheld') AS second_upheld,
  count(*) FILTER (WHERE by_decision AND round = 2 AND first_round_outcome IN ('overturned', 'partly'))
    AS second_overturned,
  count(*) FILTER (WHERE by_decision AND result = 'right') AS right,
  count(*) FILTER (WHERE by_decision AND result = 'partly_right') AS partly_right,
  count(*) FILTER (WHERE by_decision AND result IN ('untrue', 'knowingly_false')) AS untrue,
  count(*) FILTER (WHERE by_decision AND result = 'knowingly_false') AS knowingly_false,
  coalesce(sum(money_to_state) FILTER (WHERE by_decision), 0) AS money_to_state,
  coalesce(sum(land_to_state_m2) FILTER (WHERE by_decision), 0) AS land_to_state,
  coalesce(sum(money_to_citizens) FILTER (WHERE by_decision), 0) AS money_to_citizens,
  coalesce(sum(land_to_citizens_m2) FILTER (WHERE by_decision), 0) AS land_to_citizens,
  coalesce(sum(people_benefited) FILTER (WHERE by_decision), 0) AS people_benefited,
  coalesce(sum(people_recommended_sanction) FILTER (WHERE by_decision), 0) AS people_recommended_sanction,
  coalesce(sum(people_sanctioned) FILTER (WHERE by_decision), 0) AS people_sanctioned,
  coalesce(sum(transferred_to_investigators) FILTER (WHERE by_decision), 0) AS transferred_cases,
  coalesce(sum(people_transferred_to_investigators) FILTER (WHERE by_decision), 0) AS transferred_people,
  count(*) FILTER (WHERE by_decision AND NOT late.late) AS on_time,
  count(*) FILTER (WHERE by_decision AND late.late) AS overdue,
  count(*) FILTER (WHERE open) AS unresolved,
  count(*) FILTER (WHERE open AND late.late_at_end) AS unresolved_overdue,
  count(*) FILTER (WHERE enforcing) AS enforce_total,
  count(*) FILTER (WHERE enforcing AND done_on <= %(to)s) AS enforced
FROM m LEFT JOIN late ON late.id = m.id
"""


# 01/TCD per unit, summed: each unit counts its own register; distinct cases are counted within a unit.
def _tcd_measures(prefix: str, scope: str) -> list[str]:
    w = f"{scope} AND " if scope else ""
    return [
        f"count(*) FILTER (WHERE {scope or 'true'}) AS {prefix}visits",
        f"coalesce(sum(persons_count) FILTER (WHERE {scope or 'true'}), 0) AS {prefix}persons",
        f"count(*) FILTER (WHERE {w}NOT is_repeat) AS {prefix}cases_first",
        f"count(*) FILTER (WHERE {w}is_repeat AND case_id IS NULL)"
        f" + count(DISTINCT case_id) FILTER (WHERE {w}is_repeat) AS {prefix}cases_repeat",
        f"count(*) FILTER (WHERE {w}is_delegation) AS {prefix}delegations",
        f"coalesce(sum(persons_count) FILTER (WHERE {w}is_delegation), 0) AS {prefix}delegation_persons",
        f"count(*) FILTER (WHERE {w}is_delegation AND case_id IS NULL)"
        f" + count(DISTINCT case_id) FILTER (WHERE {w}is_delegation) AS {prefix}delegation_cases",
    ]


_TCD = [*_tcd_measures("", ""), *_tcd_measures("regular_", "NOT head"), *_tcd_measures("head_", "head")]
_TCD_FROM = """
WITH v AS (
  SELECT v.unit_id, v.persons_count, v.is_delegation, v.is_repeat, v.case_id,
         coalesce(s.kind IN ('periodic', 'unscheduled'), false) AS head
  FROM reception_visit v LEFT JOIN reception_session s ON s.id = v.session_id
  WHERE v.unit_id = ANY(%(ids)s) AND v.received_on BETWEEN %(from)s AND %(to)s
)"""
_TCD_NAMES = [m.rsplit(" AS ", 1)[1] for m in _TCD]
_TCD_PER_UNIT = ",\n    ".join(_TCD)
_TCD_SUMS = ", ".join(f"sum({n}) AS {n}" for n in _TCD_NAMES)
SQL_01_TCD = f"{_TCD_FROM}, per_unit AS (SELECT unit_id, {_TCD_PER_UNIT} FROM v GROUP BY unit_id) SELECT {_TCD_SUMS} FROM per_unit"  # noqa: E501, S608


# Reception register for the bench (PostgreSQL, deterministic): `demo generate` writes letters, not visits.
# About 40 % of the letters were also brought to a reception desk: one visit each at the letter's unit and date
# (its case, its type and summary; a repeat when the letter repeats a matter already received); 15 % of them at
# the head's monthly periodic session (first Thursday, held), 2 % mass delegations of 5–30 people; outcomes as a
# reception office records them, the accepted ones linked to the letter. Marked note = 'bench' (removable).
VISITS_SQL = [
    "SELECT setseed(0.2026)",
    """CREATE TEMP TABLE bench_pick AS
       SELECT p.id, p.unit_id, p.received_on, p.type, p.summary, p.case_id,
              (p.duplicate_of_id IS NOT NULL OR EXISTS (SELECT 1 FROM petitions_petition q
                 WHERE q.case_id = p.case_id AND q.received_on < p.received_on)) AS is_repeat,
              random() AS r_head, random() AS r_deleg, random() AS r_out, random() AS r_persons,
              (date_trunc('month', p.received_on)::date
                 + ((11 - extract(isodow FROM date_trunc('month', p.received_on))::int) % 7)) AS thursday
       FROM petitions_petition p WHERE random() < 0.4 AND p.type IN ('complaint', 'denunciation', 'rec_feedback')""",
    """INSERT INTO reception_session (kind, "on", start_time, end_time, venue, host_name, host_title, officers,
         status, conclusions, note, created_at, unit_id)
       SELECT DISTINCT 'periodic', thursday, time '08:00', time '11:30', 'Phòng tiếp công dân', 'Chủ tịch UBND',
         'Chủ tịch', '', 'held', '', 'bench', now(), unit_id
       FROM bench_pick WHERE r_head < 0.15""",
    """INSERT INTO reception_visit (unit_id, session_id, year, number, received_on, type, summary, persons_count,
         is_delegation, already_resolved_by, within_competence, outcome, guided_to, follow_up, note, petition_id,
         case_id, is_repeat, result_due_rule, created_at)
       SELECT b.unit_id, s.id, extract(year FROM day)::int,
         1000000 + row_number() OVER (PARTITION BY b.unit_id, extract(year FROM day) ORDER BY day, b.id),
         day, b.type, b.summary, persons, persons >= 5, CASE WHEN b.is_repeat THEN 'UBND phường' ELSE '' END,
         outcome IN ('accept', 'forward_rec', 'explain'), outcome,
         CASE WHEN outcome = 'guide' THEN 'Tòa án nhân dân khu vực' ELSE '' END, '', 'bench',
         CASE WHEN outcome IN ('accept', 'forward_rec') THEN b.id END, b.case_id, b.is_repeat, '', now()
       FROM (SELECT *, CASE WHEN r_head < 0.15 THEN thursday ELSE received_on END AS day,
               CASE WHEN r_deleg < 0.02 THEN 5 + (r_persons * 25)::int
                    WHEN r_persons < 0.1 THEN 2 ELSE 1 END AS persons,
               CASE WHEN type = 'rec_feedback' THEN (CASE WHEN r_out < 0.8 THEN 'forward_rec' ELSE 'guide' END)
                    WHEN r_out < 0.55 THEN 'accept' WHEN r_out < 0.8 THEN 'guide'
                    WHEN r_out < 0.9 THEN 'explain' ELSE 'require_subordinate' END AS outcome
             FROM bench_pick) b
       LEFT JOIN reception_session s ON s.unit_id = b.unit_id AND s."on" = b.thursday AND s.note = 'bench'
                                     AND b.r_head < 0.15""",
    """INSERT INTO reception_visitperson (visit_id, person_id, identity_id, is_representative, position)
       SELECT v.id, pp.person_id, pp.identity_id, false, 0
       FROM reception_visit v JOIN petitions_petitioner pp ON pp.petition_id = v.petition_id AND pp.position = 0
       WHERE v.note = 'bench'""",
    "DROP TABLE bench_pick",
]


def ensure_visits(url: str) -> None:
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as conn:
        if conn.execute("SELECT count(*) FROM reception_visit WHERE note = 'bench'").fetchone()[0]:
            return
        print("Generating the reception register (40 % of the letters also brought in person) …", flush=True)
        began = time.perf_counter()
        with conn.transaction():
            for statement in VISITS_SQL:
                conn.execute(statement)
        conn.execute("ANALYZE reception_visit")
        conn.execute("ANALYZE reception_session")
        visits = conn.execute("SELECT count(*) FROM reception_visit WHERE note = 'bench'").fetchone()[0]
        print(f"reception register: {visits:,} visits in {time.perf_counter() - began:.0f} s")


FLAVOURS = {
    "03/GQKN": {"type": "complaint", "end": "withdraw", "eff": "become_effective"},
    "04/GQTC": {"type": "denunciation", "end": "terminate", "eff": "handle_conclusion"},
}


def prepare(url: str, target: int) -> None:
    exe = Path(sys.executable).with_name("tiepdan")
    env = child_env(url)
    began = time.perf_counter()
    subprocess.run([exe, "migrate", "--noinput", "-v", "0"], env=env, check=True)
    subprocess.run([exe, "demo", "load"], env=env, check=True, capture_output=True)
    print(f"migrate + demo load: {time.perf_counter() - began:.1f} s")
    have = sql(url, "SELECT count(*) FROM petitions_petition")
    if have < target:
        print(f"Generating {target - have:,} petitions (have {have:,}) …", flush=True)
        began = time.perf_counter()
        proc = subprocess.run([exe, "demo", "generate", "--petitions", str(target - have), "--seed", str(SEED)],
                              env=env, text=True, capture_output=True, check=True)  # fmt: skip
        print(proc.stdout.strip().splitlines()[-1])
        print(f"generate: {time.perf_counter() - began:.0f} s wall")
        sql(url, "VACUUM ANALYZE")
    petitions = sql(url, "SELECT count(*) FROM petitions_petition")
    cases = sql(url, "SELECT count(*) FROM cases_case")
    decisions = sql(url, "SELECT count(*) FROM cases_casedecision")
    size = sql(url, "SELECT pg_size_pretty(pg_database_size(current_database()))")
    print(f"database: {petitions:,} petitions, {cases:,} cases, {decisions:,} decisions, {size}")


def hand_written(form: str, ids: list[int], period: Any) -> dict[str, Any]:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from tiepdan.cases.models import Case

    params: dict[str, Any] = {"ids": ids, "from": period.date_from, "to": period.date_to}
    if form == "02/XLD":
        query = SQL_02_XLD
    elif form == "01/TCD":
        query = SQL_01_TCD
    else:
        query = SQL_RESOLUTION
        params.update(FLAVOURS[form], ct=ContentType.objects.get_for_model(Case).pk)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")  # as the application does (see reports.forms.base.no_jit)
        cursor.execute(query, params)
        names = [c.name for c in cursor.description]
        return dict(zip(names, cursor.fetchone(), strict=True))


def same(app: dict[str, Any], raw: dict[str, Any]) -> list[str]:
    """Columns whose values differ (the raw query may compute a few extra columns of the other form)."""
    diffs = []
    for key, value in app.items():
        other = raw.get(key)
        if isinstance(other, Decimal):
            other = float(round(other, 1)) if "land" in key else int(other)
        if other != value:
            diffs.append(f"{key}: app {value} ≠ sql {other}")
    return diffs


def measure(unit_code: str, period_text: str, runs: int, explain: bool) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tiepdan.orgs.models import OrgUnit
    from tiepdan.reports import rollup, selectors
    from tiepdan.reports.forms import available

    if unit_code:
        unit = OrgUnit.objects.get(code=unit_code)
    else:  # the province receiving the most petitions
        unit = max(OrgUnit.objects.filter(kind="province"),
                   key=lambda u: sql_count_subtree(u))  # fmt: skip
    period = selectors.parse_period(period_text)
    grouping = rollup.build(unit, period.date_from, period.date_to)
    ids = grouping.all_unit_ids
    print(f"\n{unit.name} ({unit.code}), {period.label}: {len(grouping.rows)} rows, {len(ids)} units counted")
    failures = 0
    for form in available():
        app_samples, report = timed(
            lambda form=form: selectors.compute(user=None, form_code=form.code, unit_code=unit.code,
                                                period_text=period_text), runs, warmup=1)  # fmt: skip
        sql_samples, raw = timed(lambda form=form: hand_written(form.code, ids, period), runs, warmup=1)
        with CaptureQueriesContext(connection) as ctx:
            selectors.compute(user=None, form_code=form.code, unit_code=unit.code, period_text=period_text)
        diffs = same(report.result.total, raw)
        failures += bool(diffs)
        ratio = p(app_samples, 50) / p(sql_samples, 50)
        print(f"  {form.code:<8} app p50 {p(app_samples, 50):8.1f} ms  p95 {p(app_samples, 95):8.1f} ms  "
              f"{len(ctx.captured_queries):>2} queries | hand-written SQL p50 {p(sql_samples, 50):8.1f} ms  "
              f"ratio {ratio:4.2f}  totals {'equal' if not diffs else 'DIFFER'}", flush=True)  # fmt: skip
        t = report.result.total
        shown = {
            "01/TCD": ["visits", "persons", "cases_first", "cases_repeat", "delegations", "head_visits"],
            "02/XLD": ["total", "received", "processed", "eligible", "eligible_cases"],
        }.get(form.code, ["cases", "resolved", "by_decision", "on_time", "overdue", "money_to_state", "enforce_total"])
        print("           " + ", ".join(f"{k} {t[k]:,}" for k in shown))
        for d in diffs:
            print(f"           {d}")
        if explain:
            for q in ctx.captured_queries:
                if "GROUP BY" in q["sql"]:
                    with connection.cursor() as cursor:
                        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + q["sql"])
                        print("\n".join(row[0] for row in cursor.fetchall()))
    return failures


def sql_count_subtree(unit: Any) -> int:
    from tiepdan.petitions.models import Petition

    return Petition.objects.filter(unit__path__startswith=unit.path).count()


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--petitions", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--unit", default="", help="unit code (default: the province with the most petitions)")
    parser.add_argument("--period", default=str(dt.date.today().year))
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    url = bench_url()
    if not ensure_database(url):
        return 0
    prepare(url, args.petitions)
    ensure_visits(url)
    os.environ.update(child_env(url))
    os.environ.pop("TIEPDAN_DEBUG", None)
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    return 1 if measure(args.unit, args.period, args.runs, args.explain) else 0


if __name__ == "__main__":
    raise SystemExit(main())
