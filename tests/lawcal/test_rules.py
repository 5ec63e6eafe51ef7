"""Table tests for every rule code and flag (expected dates reasoned by hand, see comments)."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiepdan.lawcal import rules, workcal
from tiepdan.lawcal.models import CalendarOverride, DayKind
from tiepdan.lawcal.seed import RULES

D = dt.date.fromisoformat

# Trigger Monday 06/10/2025: no holiday in Oct–Dec 2025 (Culture Day 24/11 starts in 2026 in the library).
T = "2025-10-06"
TABLE = [
    # code, flags, extensions, expected due, article cited, how
    ("complaint.file", [], 0, "2026-01-05", "Điều 9", "6/10+90 = 4/1/2026 Sunday → Monday 5/1"),
    ("complaint.accept", [], 0, "2025-10-20", "Điều 27", "10 wd: 7–10 (4), 13–17 (9), 20 (10)"),
    ("complaint.first.resolve", [], 0, "2025-11-05", "Điều 28", "+30 = Wed 5/11"),
    ("complaint.first.resolve", ["complex"], 0, "2025-11-20", "Điều 28", "+45 = Thu 20/11"),
    ("complaint.first.resolve", ["remote"], 0, "2025-11-20", "Điều 28", "+45"),
    ("complaint.first.resolve", ["complex", "remote"], 0, "2025-12-05", "Điều 28", "+60 = Fri 5/12"),
    ("complaint.first.send", [], 0, "2025-10-09", "Điều 32", "3 wd: 7, 8, 9"),
    ("complaint.second.file", [], 0, "2025-11-05", "Điều 33", "+30"),
    ("complaint.second.file", ["remote"], 0, "2025-11-20", "Điều 33", "+45"),
    ("complaint.second.resolve", [], 0, "2025-11-20", "Điều 37", "+45"),
    ("complaint.second.resolve", ["complex"], 0, "2025-12-05", "Điều 37", "+60"),
    ("complaint.second.resolve", ["remote"], 0, "2025-12-05", "Điều 37", "+60"),
    ("complaint.second.resolve", ["complex", "remote"], 0, "2025-12-15", "Điều 37", "+70 = Mon 15/12"),
    ("complaint.second.send", [], 0, "2025-10-13", "Điều 41", "+7 = Mon 13/10"),
    ("complaint.effective", [], 0, "2025-11-05", "Điều 44", "+30"),
    ("complaint.effective", ["remote"], 0, "2025-11-20", "Điều 44", "+45"),
    ("denunciation.process", [], 0, "2025-10-15", "Điều 24", "7 wd: 7–10 (4), 13, 14, 15"),
    ("denunciation.process", ["multi_site"], 0, "2025-10-20", "Điều 24", "10 wd"),
    ("denunciation.transfer", [], 0, "2025-10-13", "Điều 24", "5 wd: 7–10 (4), 13"),
    ("denunciation.notify_accept", [], 0, "2025-10-13", "Điều 29", "5 wd"),
    ("denunciation.resolve", [], 0, "2025-11-05", "Điều 30", "+30"),
    ("denunciation.resolve", ["complex"], 0, "2025-11-05", "Điều 30", "complex without extension: +30"),
    ("denunciation.resolve", ["complex"], 1, "2025-12-05", "Điều 30", "+60"),
    ("denunciation.resolve", ["very_complex"], 1, "2025-12-05", "Điều 30", "+60"),
    ("denunciation.resolve", ["very_complex"], 2, "2026-01-05", "Điều 30", "+90 = Sun 4/1 → Mon 5/1"),
    ("denunciation.send_conclusion", [], 0, "2025-10-13", "Điều 35", "5 wd"),
    ("denunciation.publish", [], 0, "2025-10-15", "Điều 40", "7 wd"),
    ("denunciation.review_further", [], 0, "2025-10-27", "Điều 37", "+20 = Sun 26/10 → Mon 27/10"),
    ("petition.process", [], 0, "2025-10-20", "05/2021", "10 wd"),
    ("reception.notify_result", [], 0, "2025-10-20", "Điều 28", "10 wd"),
    ("asset.first_declaration", [], 0, "2025-10-16", "Điều 36", "+10 = Thu 16/10"),
    ("asset.handover", [], 0, "2025-10-27", "Điều 38", "+20 = Sun → Mon 27/10"),
    ("inspection.publish_min", [], 0, "2025-10-21", "43/2023", "+15 = Tue 21/10"),
    ("rec_feedback.resolve", [], 0, "2025-10-27", "Quy chế nội bộ", "15 wd: …, 20–24 (14), 27 (15)"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "flags", "ext", "due", "article", "how"), TABLE)
def test_rule_table(code, flags, ext, due, article, how):
    result = workcal.calculate(code, D(T), flags=flags, extensions=ext)
    assert result.due == D(due), how
    assert article in result.rule.source
    assert any(article in line for line in result.explanation)


@pytest.mark.django_db
def test_refusal_notice_from_2026():
    # ND 154/2026 Art 4 is in force from 01/07/2026: Mon 05/10/2026 + 3 wd = Thu 08/10/2026.
    assert workcal.calculate("reception.refusal_notice", D("2026-10-05")).due == D("2026-10-08")
    with pytest.raises(rules.RuleError, match="không có phiên bản hiệu lực"):
        workcal.calculate("reception.refusal_notice", D("2026-06-30"))


def test_every_domain_code_is_seeded():
    codes = {r[0] for r in RULES}
    tested = {row[0] for row in TABLE} | {"reception.refusal_notice"}
    assert tested == codes


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "flags", "ext", "message"),
    [
        ("complaint.file", ["complex"], 0, "không áp dụng tình tiết"),
        ("denunciation.resolve", [], 1, "tối đa 0 lần"),
        ("denunciation.resolve", ["complex"], 2, "tối đa 1 lần"),
        ("denunciation.resolve", ["very_complex"], 3, "tối đa 2 lần"),
        ("complaint.first.resolve", ["very_complex"], 0, "không áp dụng tình tiết"),
        ("no.such.rule", [], 0, "Không có quy tắc"),
    ],
)
def test_refusals(code, flags, ext, message):
    with pytest.raises(rules.RuleError, match=message):
        workcal.calculate(code, D(T), flags=flags, extensions=ext)


@pytest.mark.django_db
def test_complaint_accept_switch_2026_07_01():
    # Receipt Tue 30/06/2026: old version, 10 wd: 1,2,3 (3), 6–10 (8), 13, 14 → 14/07/2026.
    old = workcal.calculate("complaint.accept", D("2026-06-30"))
    assert (old.due, old.length) == (D("2026-07-14"), 10)
    # Receipt Wed 01/07/2026: new version, 7 wd: 2, 3 (2), 6–10 (7) → 10/07/2026.
    new = workcal.calculate("complaint.accept", D("2026-07-01"))
    assert (new.due, new.length) == (D("2026-07-10"), 7)
    assert "136/2025" in new.rule.source


# Mùng 1 Tết (lunar new year) 2016–2035, from the lunar calendar (hand table, not from the library).
TET = {
    2016: "02-08",
    2017: "01-28",
    2018: "02-16",
    2019: "02-05",
    2020: "01-25",
    2021: "02-12",
    2022: "02-01",
    2023: "01-22",
    2024: "02-10",
    2025: "01-29",
    2026: "02-17",
    2027: "02-06",
    2028: "01-26",
    2029: "02-13",
    2030: "02-03",
    2031: "01-23",
    2032: "02-11",
    2033: "01-31",
    2034: "02-19",
    2035: "02-08",
}


@pytest.mark.django_db
@pytest.mark.parametrize("year", sorted(TET))
def test_tet_crossed(year):
    cal = workcal.get_calendar()
    new_year = D(f"{year}-{TET[year]}")
    # Labour Code Art 112: the Tết block contains at least the eve and mùng 1–4.
    for offset in range(-1, 4):
        assert not cal.is_working(new_year + dt.timedelta(days=offset))
    # Calendar-day limit whose 30th day is mùng 1: rolled forward past the whole block to a working day.
    due = workcal.calculate("complaint.first.resolve", new_year - dt.timedelta(days=30)).due
    assert due > new_year + dt.timedelta(days=3) and cal.is_working(due)
    assert all(not cal.is_working(new_year + dt.timedelta(days=k)) for k in range((due - new_year).days))
    # Working-day limit of 10 from a week before: at least the 3–5 weekdays of the block are skipped, so the
    # due date is later than counting weekdays alone (brute force below).
    start = new_year - dt.timedelta(days=7)
    result = workcal.calculate("petition.process", start)
    day, n = start, 0
    while n < 10:
        day += dt.timedelta(days=1)
        n += day.weekday() < 5
    assert result.due > day
    assert {new_year, new_year + dt.timedelta(days=1)} <= {d for d, _ in result.skipped}


@pytest.mark.django_db
def test_reunification_and_labour_day_block_2025_with_makeup_saturday():
    # Government decision 2025: off Fri 02/05, make-up work on Sat 26/04 (the library carries it).
    # Fri 25/04 + 3 wd: Sat 26/04 (1, make-up), Mon 28 (2), Tue 29 (3).
    assert workcal.calculate("complaint.first.send", D("2025-04-25")).due == D("2025-04-29")
    # Tue 29/04 + 3 wd: 30/04, 01/05, 02/05 off, weekend; Mon 05/05 (1), 06 (2), 07 (3).
    assert workcal.calculate("complaint.first.send", D("2025-04-29")).due == D("2025-05-07")
    # Sun 20/04 + 10 calendar days = Wed 30/04 (holiday) → 1, 2 May off, weekend → Mon 05/05.
    res = workcal.calculate("asset.first_declaration", D("2025-04-20"))
    assert res.due == D("2025-05-05")
    assert [d for d, _ in res.skipped] == [
        D("2025-04-30"),
        D("2025-05-01"),
        D("2025-05-02"),
        D("2025-05-03"),
        D("2025-05-04"),
    ]


@pytest.mark.django_db
def test_national_day_blocks():
    # 2025: Mon 01/09 and Tue 02/09 off. Fri 29/08 + 3 wd → Wed 3 (1), Thu 4 (2), Fri 5 (3).
    assert workcal.calculate("complaint.first.send", D("2025-08-29")).due == D("2025-09-05")
    # 2026: Mon 31/08 (swapped with make-up Sat 22/08), Tue 01/09, Wed 02/09 off.
    # Fri 28/08 + 3 wd → Thu 03/09 (1), Fri 04 (2), Mon 07 (3).
    assert workcal.calculate("complaint.first.send", D("2026-08-28")).due == D("2026-09-07")
    # Make-up Saturday 22/08/2026 counts: Fri 21/08 + 5 wd → Sat 22 (1), Mon 24 … Thu 27 (5).
    assert workcal.calculate("denunciation.transfer", D("2026-08-21")).due == D("2026-08-27")


@pytest.mark.django_db
def test_government_decision_table_overrides_library():
    # An extra day off on Mon 12/10/2026 and a make-up Saturday 10/10/2026 (fictional decision for the test).
    CalendarOverride.objects.create(day=D("2026-10-12"), kind=DayKind.DAY_OFF, name="Nghỉ thêm")
    CalendarOverride.objects.create(day=D("2026-10-10"), kind=DayKind.WORKING_DAY, name="Làm bù")
    workcal.invalidate()
    # Fri 09/10 + 3 wd: Sat 10 (1, make-up), Mon 12 off, Tue 13 (2), Wed 14 (3).
    assert workcal.calculate("complaint.first.send", D("2026-10-09")).due == D("2026-10-14")


@pytest.mark.django_db
def test_suspension_across_tet_calendar_days():
    # 30 cal from Mon 05/01/2026; suspended 15/01 (10 days used, 20 left); resumed 28/01:
    # 28/01 + 20 = Tue 17/02 (mùng 1) → 18–20 Tết, 21–22 weekend → Mon 23/02/2026.
    susp = [rules.Suspension(D("2026-01-15"), D("2026-01-28"))]
    res = workcal.calculate("denunciation.resolve", D("2026-01-05"), suspensions=susp)
    assert res.due == D("2026-02-23")


@pytest.mark.django_db
def test_suspension_across_tet_working_days():
    # 10 wd from Mon 02/02/2026; suspended Wed 04/02 (3, 4 used = 2; 8 left); resumed Thu 12/02:
    # Fri 13 (1), 16–22 off, 23–27 (6), Mon 02/03 (7), Tue 03/03 (8).
    susp = [rules.Suspension(D("2026-02-04"), D("2026-02-12"))]
    assert workcal.calculate("complaint.accept", D("2026-02-02"), suspensions=susp).due == D("2026-03-03")
    pending = workcal.calculate("complaint.accept", D("2026-02-02"), suspensions=[rules.Suspension(D("2026-02-04"))])
    assert pending.due is None and pending.remaining_at_suspension == 8


@pytest.mark.django_db
def test_states():
    cal = workcal.get_calendar()
    due = D("2025-10-20")  # Monday
    assert rules.state_on(cal, due, due).state == rules.DUE_TODAY
    # Wed 15/10: 16, 17, 20 left = 3 working days → due soon with the default 3.
    assert rules.state_on(cal, due, D("2025-10-15"), due_soon_days=3).state == rules.DUE_SOON
    assert rules.state_on(cal, due, D("2025-10-14"), due_soon_days=3).state == rules.ON_TIME
    late = rules.state_on(cal, due, D("2025-10-22"))
    assert (late.state, late.days_overdue, late.label) == (rules.OVERDUE, 2, "Quá hạn 2 ngày")
    soon = rules.state_on(cal, due, D("2025-10-15"), due_soon_days=3)
    assert soon.label == "Sắp đến hạn (còn 3 ngày làm việc)"
    from django.utils import translation

    with translation.override("en"):  # the English pages
        assert (late.label, soon.label) == ("2 days overdue", "Due soon (3 working days left)")
        assert rules.state_on(cal, due, due).label == "Due today"


@pytest.mark.django_db
def test_explanation_lists_skipped_days_in_vietnamese():
    res = workcal.calculate("complaint.accept", D("2026-02-13"))
    text = " ".join(res.explanation)
    assert "Tết Nguyên Đán" in text and "Điều 27" in text and "13/02/2026" in text


# --- properties -------------------------------------------------------------------------------------------
CAL = workcal.build_calendar([])
CODES = sorted({r[0] for r in RULES} - {"reception.refusal_notice"})
RULE_LIST = [
    rules.Rule(
        code=r[0],
        title=r[1],
        unit=r[2],
        length=r[3],
        variants=r[4],
        extensions=r[5],
        extension_length=r[6],
        source=r[7],
        effective_from=D(r[9]),
        effective_to=D(r[10]) if r[10] else None,
    )
    for r in RULES
]
days = st.dates(min_value=dt.date(2023, 7, 1), max_value=dt.date(2035, 12, 31))


@settings(max_examples=300, deadline=None)
@given(code=st.sampled_from(CODES), start=days)
def test_due_is_working_day(code, start):
    due = rules.compute_deadline(CAL, rules.pick_rule(RULE_LIST, code, start), start).due
    assert CAL.is_working(due) and due > start


@settings(max_examples=300, deadline=None)
@given(code=st.sampled_from(CODES), start=days, gap=st.integers(0, 40))
def test_later_start_never_earlier_due(code, start, gap):
    later = min(start + dt.timedelta(days=gap), dt.date(2035, 12, 31))
    r1, r2 = rules.pick_rule(RULE_LIST, code, start), rules.pick_rule(RULE_LIST, code, later)
    if r1.length <= r2.length:  # across the complaint.accept switch the limit shrinks (10 → 7 wd)
        assert rules.compute_deadline(CAL, r1, start).due <= rules.compute_deadline(CAL, r2, later).due


@settings(max_examples=300, deadline=None)
@given(start=days, n=st.integers(1, 60))
def test_working_days_agree_with_brute_force(start, n):
    due = CAL.add_working_days(start, n)
    brute, day = 0, start
    while day < due:
        day += dt.timedelta(days=1)
        brute += CAL.is_working(day)
    assert brute == n and CAL.working_days_between(start, due) == n
