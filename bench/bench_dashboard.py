"""The leaders' dashboard at scale on PostgreSQL (not a test): `reports.dashboard.build` and the whole page
(scorecard and template included) for the province statistician and a ward head. Prints p50/p95 latencies
and query counts (see bench/README.md). Target (issue 6): < 300 ms at 1,000,000 petitions.

Usage: .venv/bin/python bench/bench_dashboard.py [--petitions 1000000] [--runs 30] [--explain]

Database: as bench_petitions.py (BENCH_DATABASE_URL, else DATABASE_URL renamed to `tiepdan_bench`), created,
migrated and filled with `tiepdan demo generate` when it holds fewer petitions than asked.

`demo generate` writes no resolution workflow (its cases are never accepted) and tracks a deadline only for
the open petitions. So that the dashboard reads realistic tables, this script adds once, in SQL:
- a closed `petition.process` deadline for every processed petition (a real system tracks one per petition);
- for the cases whose letter was proposed for acceptance (complaints and denunciations): acceptance 3–12 days
  after the case opened, the resolution limit (30 days; approximate, this is load, not law), resolved
  within 10–45 days when the acceptance is more than 60 days old (so some late), a decision for resolved
  complaints, and a few complex / mass-delegation flags.
It is marked by the existence of case resolution deadlines and not repeated.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_petitions import (
    ROOT,
    bench_url,
    child_env,
    count_queries,
    ensure_database,
    explain,
    prepare,
    report,
    sql,
    timed,
)

RESOLUTION_SQL = [
    # One closed processing deadline per processed petition that has none.
    """
    INSERT INTO lawcal_trackeddeadline (content_type_id, object_id, rule_code, rule_id, trigger_on, flags,
        extensions, suspensions, due_on, unit_id, assignee_id, closed_on, created_at)
    SELECT {petition_ct}, p.id::text, p.due_rule, r.id, p.received_on, '[]', 0, '[]', p.due_on, p.unit_id,
        p.assignee_id, p.outcome_on, now()
    FROM petitions_petition p
    JOIN LATERAL (SELECT id FROM lawcal_deadlinerule WHERE code = p.due_rule AND effective_from <= p.received_on
                  ORDER BY effective_from DESC LIMIT 1) r ON true
    WHERE p.status IN ('processed', 'split') AND p.due_on IS NOT NULL AND p.outcome_on IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM lawcal_trackeddeadline t WHERE t.content_type_id = {petition_ct}
                      AND t.object_id = p.id::text)
    """,
    # Acceptance of the cases proposed for acceptance.
    """
    UPDATE cases_case c SET accepted_on = c.opened_on + (3 + c.id % 10)::int, state = 'accepted'
    WHERE c.type IN ('complaint', 'denunciation') AND EXISTS (
        SELECT 1 FROM petitions_petition p WHERE p.case_id = c.id AND p.outcome = 'propose_acceptance')
      AND c.opened_on + (3 + c.id % 10)::int <= current_date
    """,
    # Their resolution limits: resolved after 10–45 days when accepted more than 60 days ago.
    """
    INSERT INTO lawcal_trackeddeadline (content_type_id, object_id, rule_code, rule_id, trigger_on, flags,
        extensions, suspensions, due_on, unit_id, assignee_id, closed_on, created_at)
    SELECT {case_ct}, c.id::text, x.code, r.id, c.accepted_on, '[]', 0, '[]', c.accepted_on + 30, c.unit_id,
        c.assignee_id,
        CASE WHEN c.accepted_on < current_date - 60 THEN c.accepted_on + (10 + (c.id * 7) % 36)::int END, now()
    FROM cases_case c
    CROSS JOIN LATERAL (SELECT CASE WHEN c.type = 'complaint' THEN 'complaint.first.resolve'
                                    ELSE 'denunciation.resolve' END AS code) x
    JOIN LATERAL (SELECT id FROM lawcal_deadlinerule WHERE code = x.code AND effective_from <= c.accepted_on
                  ORDER BY effective_from DESC LIMIT 1) r ON true
    WHERE c.accepted_on IS NOT NULL
    """,
    # States that follow; open ones carry their due date; a few flags.
    """
    UPDATE cases_case c SET
        state = CASE WHEN d.closed_on IS NULL THEN 'verification'
                     WHEN c.type = 'denunciation' THEN 'closed'
                     ELSE (ARRAY['decision_sent', 'effective', 'enforcement', 'closed'])[1 + c.id % 4] END,
        due_on = CASE WHEN d.closed_on IS NULL THEN d.due_on END,
        complexity_criteria = CASE WHEN c.id % 17 = 0 THEN '["multi_site"]'::jsonb
                                   WHEN c.id % 53 = 0 THEN '["multi_site", "foreign"]'::jsonb
                                   ELSE c.complexity_criteria END,
        mass_delegation = c.mass_delegation OR c.id % 41 = 0
    FROM lawcal_trackeddeadline d
    WHERE d.content_type_id = {case_ct} AND d.object_id = c.id::text AND d.rule_code LIKE '%%.resolve'
    """,
    # Decisions of the resolved complaints.
    """
    INSERT INTO cases_casedecision (case_id, number, issued_on, signer, result, first_round_outcome, summary,
        money_to_state, money_to_citizens, land_to_state_m2, land_to_citizens_m2, people_benefited,
        people_recommended_sanction, people_sanctioned, transferred_to_investigators,
        people_transferred_to_investigators, created_at)
    SELECT c.id, c.id || '/QĐ-UBND', d.closed_on, '', (ARRAY['right', 'partly_right', 'wrong'])[1 + c.id % 3],
        '', 'Quyết định giải quyết khiếu nại (dữ liệu đo hiệu năng)', 0, 0, 0, 0, 0, 0, 0, 0, 0, now()
    FROM cases_case c JOIN lawcal_trackeddeadline d
      ON d.content_type_id = {case_ct} AND d.object_id = c.id::text AND d.rule_code = 'complaint.first.resolve'
    WHERE c.type = 'complaint' AND d.closed_on IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM cases_casedecision x WHERE x.case_id = c.id)
    """,
]


def add_resolution_data(url: str) -> None:
    case_ct = sql(url, "SELECT id FROM django_content_type WHERE app_label = 'cases' AND model = 'case'")
    petition_ct = sql(url, "SELECT id FROM django_content_type WHERE app_label = 'petitions' AND model = 'petition'")
    query = "SELECT count(*) FROM lawcal_trackeddeadline WHERE content_type_id = %s AND rule_code LIKE '%%.resolve'"
    done = sql(url, query % int(case_ct))
    if done:
        print(f"resolution data already there ({done:,} case resolution limits)")
        return
    began = time.perf_counter()
    for statement in RESOLUTION_SQL:
        sql(url, statement.format(case_ct=case_ct, petition_ct=petition_ct).replace("%%", "%"))
    sql(url, "VACUUM ANALYZE")
    total = sql(url, "SELECT count(*) FROM lawcal_trackeddeadline")
    print(f"resolution data added in {time.perf_counter() - began:.0f} s ({total:,} tracked deadlines)")


def measure(runs: int, show_plans: bool) -> None:
    from django.conf import settings
    from django.test import Client, override_settings

    from tiepdan.core.models import User
    from tiepdan.orgs.models import OrgUnit
    from tiepdan.orgs.selectors import today
    from tiepdan.reports import dashboard

    year = dashboard.current_year(today())
    periods = [("year", dashboard.year_period(year)), ("quarter", dashboard.quarter_period(
        *dashboard.current_quarter(today())))]  # fmt: skip
    cases = [("thongke", "01", "statistician, Hà Nội (whole city)"), ("lanhdao1", "00256", "head of unit A (ward)")]
    print(f"\n(a) reports.dashboard.build(user, unit, period): every number, {runs} runs")
    for username, code, who in cases:
        unit = OrgUnit.objects.get(code=code)
        for name, period in periods:

            def run(u: str = username, un: Any = unit, pe: Any = period) -> Any:
                user = User.objects.get(username=u)  # a request loads its user and computes its scope
                return dashboard.build(user, un, pe)

            samples, board = timed(run, runs)
            n, statements = count_queries(run)
            t = board.total.counts
            report(f"{who}, {name}", samples, n,
                   f"({t['p_received']:,} petitions, {t['c_resolved']:,} resolved in the period)")  # fmt: skip
            if show_plans and name == "year":
                explain(statements, f"dashboard {username} {name}")
    print(f"\n(b) GET /tong-quan/ (page with scorecard and template, test client), {runs} runs")
    # Static URLs without the collectstatic manifest (the bench does not collect static files).
    plain = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    override = override_settings(STORAGES=plain)
    override.enable()
    client = Client()
    for username, code, who in cases:
        client.force_login(User.objects.get(username=username))
        for name, query in (("year", f"?unit={code}&year={year}"), ("quarter", f"?unit={code}")):

            def page(q: str = query) -> Any:
                response = client.get("/tong-quan/" + q)
                assert response.status_code == 200, response.status_code
                return response

            samples, _ = timed(page, runs)
            n, _ = count_queries(page)
            report(f"{who}, {name}", samples, n)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--petitions", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN (ANALYZE, BUFFERS) of each query")
    args = parser.parse_args()
    url = bench_url()
    if not ensure_database(url):
        return 0
    prepare(url, args.petitions)
    add_resolution_data(url)
    os.environ.update(child_env(url))
    os.environ.pop("TIEPDAN_DEBUG", None)
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    measure(args.runs, args.explain)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
