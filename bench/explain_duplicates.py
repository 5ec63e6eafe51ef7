"""Hand-run check of duplicate detection on PostgreSQL (not a test, not part of `make bench`; runs on SQLite
too, without the EXPLAIN ANALYZE).

Inserts synthetic petitions with bulk_create into the database of DATABASE_URL (use a throwaway one), builds
their MinHash bands, then prints EXPLAIN ANALYZE of the candidate queries and of the `?q=` search, and the
end-to-end time of `find_candidates` for rewordings of existing petitions and for new texts.

Usage:
    createdb -h 127.0.0.1 -U postgres tiepdan_dupbench
    TIEPDAN_DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/tiepdan_dupbench \\
        .venv/bin/python bench/explain_duplicates.py [ROWS] [--compare-trigram]

ROWS (default 200,000) is the number of petitions wanted; rows already there are kept, and bands are built
for the petitions that have none. --compare-trigram also creates a GIN trigram index on summary_folded
(kept, it is a throwaway database) and times the pg_trgm `%` query that the bands replace.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time

UNITS = 40  # wards under one province; the first one receives a fifth of all letters
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tiepdan.settings")
os.environ.setdefault("TIEPDAN_CLI", "1")

import django  # noqa: E402

django.setup()

from django.contrib.postgres.search import TrigramSimilarity  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from tiepdan.core.models import User  # noqa: E402
from tiepdan.core.text import fold  # noqa: E402
from tiepdan.orgs import services as org_services  # noqa: E402
from tiepdan.orgs.models import OrgUnit, Role, UnitKind  # noqa: E402
from tiepdan.petitions import duplicates  # noqa: E402
from tiepdan.petitions.models import Petition  # noqa: E402
from tiepdan.petitions.selectors import search, visible_petitions  # noqa: E402

SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()
MIDDLES = "Văn Thị Hữu Đức Minh Thanh Ngọc Quang Xuân Thu".split()
GIVEN = "An Bình Cường Dũng Giang Hà Hải Hạnh Hoa Hùng Hương Khánh Lan Long Mai Nam Phúc Quân Sơn Tâm Thảo Tuấn".split()
STREETS = [
    "Nguyễn Trãi", "Bạch Mai", "Lò Đúc", "Minh Khai", "Trần Khát Chân", "Đại La", "Kim Ngưu", "Lạc Trung",
    "Thanh Nhàn", "Hồng Mai", "Quỳnh Lôi", "Vĩnh Tuy", "Tam Trinh", "Lĩnh Nam", "Phạm Văn Đồng", "Cầu Diễn",
    "Xuân Đỉnh", "Đông Ngạc", "Thụy Phương", "Cổ Nhuế", "Hoàng Liên", "Kim Đồng", "Nguyễn Huệ", "Cốc Lếu",
]  # fmt: skip
PLACES = ["phường An Bình", "phường Bình Minh", "phường Vĩnh Tuy", "phường Bạch Mai", "xã Cẩm Thạch",
          "phường Cốc Lếu", "xã Đông Anh", "phường Xuân Đỉnh", "phường Thanh Nhàn", "xã Tả Van"]  # fmt: skip
PROJECTS = ["mở rộng đường {street}", "khu đô thị mới {place}", "khu công nghiệp Phú Thịnh", "cầu vượt {street}",
            "trường tiểu học {place}", "khu tái định cư {place}", "công viên {street}"]  # fmt: skip
SCHOOLS = ["trường mầm non Hoa Sen", "trường tiểu học Kim Liên", "trường THCS Lê Ngọc Hân", "trường THPT Trần Phú"]
TEMPLATES = [
    ("complaint", "Khiếu nại quyết định thu hồi đất của UBND {place} đối với thửa đất số {n} tờ bản đồ số {m}"),
    ("complaint", "Khiếu nại việc bồi thường, hỗ trợ khi Nhà nước thu hồi đất thực hiện dự án {project}"),
    ("complaint", "Khiếu nại về giá đất tính bồi thường thấp hơn giá thị trường tại dự án {project}"),
    ("complaint", "Khiếu nại quyết định xử phạt vi phạm hành chính về xây dựng đối với hộ {person} tại phố {street}"),
    ("complaint", "Khiếu nại việc không được cấp giấy chứng nhận quyền sử dụng đất thửa số {n} tại {place}"),
    ("complaint", "Khiếu nại quyết định kỷ luật buộc thôi việc đối với {person}, giáo viên {school}"),
    ("complaint", "Khiếu nại việc phân bổ căn hộ tái định cư số {n} không đúng diện tích tại {project}"),
    ("complaint", "Khiếu nại quyết định cưỡng chế thu hồi đất để thực hiện dự án {project} của hộ {person}"),
    ("complaint", "Khiếu nại quyết định giải quyết khiếu nại lần đầu của Chủ tịch UBND {place} về bồi thường đất"),
    ("denunciation", "Tố cáo cán bộ địa chính {place} nhận tiền khi làm thủ tục cấp giấy chứng nhận cho hộ {person}"),
    ("denunciation", "Tố cáo hộ {person} xây dựng nhà trái phép trên đất nông nghiệp tại {place}"),
    ("denunciation", "Tố cáo Chủ tịch UBND {place} chiếm đoạt tiền hỗ trợ giải phóng mặt bằng dự án {project}"),
    ("denunciation", "Tố cáo Hiệu trưởng {school} lạm thu tiền ăn bán trú của học sinh năm học {year}"),
    ("denunciation", "Tố cáo Ban quản lý chợ {street} thu phí trông giữ xe sai quy định và không cấp vé"),
    ("denunciation", "Tố cáo doanh nghiệp xả thải chưa qua xử lý ra mương thoát nước phố {street}"),
    ("denunciation", "Tố cáo tổ trưởng tổ dân phố {n} {place} lập danh sách khống để nhận tiền hỗ trợ"),
    ("rec_feedback", "Kiến nghị giải quyết tình trạng ngập úng tại ngõ {n} phố {street} mỗi khi mưa lớn"),
    ("rec_feedback", "Phản ánh cơ sở sản xuất tại số {n} phố {street} gây tiếng ồn và bụi ảnh hưởng đến các hộ dân"),
    ("rec_feedback", "Kiến nghị sửa chữa tuyến đường {street} bị xuống cấp gây nguy hiểm cho người đi đường"),
    ("rec_feedback", "Đề nghị xem xét chế độ trợ cấp người có công với cách mạng của {person}"),
    ("rec_feedback", "Phản ánh tình trạng lấn chiếm vỉa hè phố {street} để kinh doanh gây ách tắc giao thông"),
    ("rec_feedback", "Kiến nghị cấp lại sổ hộ nghèo cho gia đình {person} ở tổ dân phố {n} {place}"),
    ("rec_feedback", "Phản ánh nước sinh hoạt bị nhiễm bẩn, có mùi hôi tại chung cư số {n} phố {street}"),
    ("rec_feedback", "Phản ánh cán bộ một cửa {place} giải quyết hồ sơ của {person} chậm, gây phiền hà"),
]  # fmt: skip
SUFFIXES = [
    "", "", "", " (lần 2)", ", đề nghị giải quyết dứt điểm", ", đơn gửi nhiều nơi", " (đơn có chữ ký của nhiều hộ)"
]  # fmt: skip


def person(rng: random.Random) -> str:
    return f"{rng.choice(['ông', 'bà'])} {rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"


def summary(rng: random.Random) -> tuple[str, str]:
    kind, template = rng.choice(TEMPLATES)
    place = rng.choice(PLACES)
    street = rng.choice(STREETS)
    project = rng.choice(PROJECTS).format(street=rng.choice(STREETS), place=rng.choice(PLACES))
    text = template.format(
        place=place, street=street, project=project, person=person(rng), school=rng.choice(SCHOOLS),
        n=rng.randint(1, 400), m=rng.randint(1, 60), year=f"{rng.randint(2019, 2025)}-{rng.randint(2020, 2026)}",
    )  # fmt: skip
    return kind, text + rng.choice(SUFFIXES)


def reword(text: str, rng: random.Random) -> str:
    """What a second officer might type for the same letter: other order, no diacritics, a word changed."""
    words = fold(text).replace(",", "").split()
    cut = rng.randint(2, max(2, len(words) - 2))
    words = words[cut:] + words[:cut]
    if len(words) > 6:
        words.pop(rng.randrange(len(words)))
    return " ".join(words)


def setup_world() -> tuple[list[OrgUnit], User, User]:
    province = OrgUnit.objects.filter(code="DUPB").first()
    if province is None:
        province = org_services.create_unit(
            actor=None, code="DUPB", name="Tỉnh Đo Thử", kind=UnitKind.PROVINCE, parent=None,
            valid_from=dt.date(2008, 8, 1),
        )  # fmt: skip
        for i in range(UNITS):
            org_services.create_unit(
                actor=None, code=f"DUPB{i:02d}", name=f"Phường Đo Thử {i}", kind=UnitKind.WARD, parent=province,
                valid_from=dt.date(2008, 8, 1),
            )  # fmt: skip
    units = list(OrgUnit.objects.filter(code__startswith="DUPB", parent=province).order_by("code"))
    handler, created = User.objects.get_or_create(username="dupbench_handler")
    if created:
        org_services.add_membership(
            actor=None, user=handler, unit=units[0], role=Role.PETITION_HANDLER, valid_from=dt.date(2008, 8, 1)
        )
    statistician, created = User.objects.get_or_create(username="dupbench_statistician")
    if created:
        org_services.add_membership(
            actor=None, user=statistician, unit=province, role=Role.STATISTICIAN, valid_from=dt.date(2008, 8, 1)
        )
    return units, handler, statistician


def fill(units: list[OrgUnit], rows: int, rng: random.Random) -> None:
    have = Petition.objects.filter(unit__in=units).count()
    start = time.perf_counter()
    batch: list[Petition] = []
    first_day = dt.date.today().toordinal() - 4 * 365
    for i in range(have, rows):
        kind, text = summary(rng)
        unit = units[0] if rng.random() < 0.2 else rng.choice(units)
        folded = fold(text)
        code = f"DUPB-{i:07d}"
        batch.append(
            Petition(
                code=code, unit=unit, channel="post", type=kind, summary=text, summary_folded=folded,
                search_folded=f"{code.lower()} {folded}",
                received_on=dt.date.fromordinal(first_day + rng.randrange(4 * 365)),
            )
        )  # fmt: skip
        if len(batch) == 5000:
            Petition.objects.bulk_create(batch)
            batch = []
    if batch:
        Petition.objects.bulk_create(batch)
    if rows > have:
        print(f"inserted {rows - have:,} petitions in {time.perf_counter() - start:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE petitions_petition")


def explain(title: str, qs) -> None:
    print(f"\n--- EXPLAIN ANALYZE: {title}")
    print(qs.explain(analyze=True, buffers=True))


def timed(label: str, calls) -> None:
    times = []
    found = 0
    for call in calls:
        began = time.perf_counter()
        found += bool(call())
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"{label}: n={len(times)} p50={statistics.median(times):.1f} ms p95={p95:.1f} ms max={times[-1]:.1f} ms"
        f" (with a candidate: {found})"
    )


def explain_sql(title: str, sql: str, params: list) -> None:
    print(f"\n--- EXPLAIN ANALYZE: {title}")
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        lines = [row[0] for row in cursor.fetchall()]
    print("\n".join(lines if len(lines) < 30 else [*lines[:12], "  …", *lines[-6:]]))


def build_bands() -> None:
    began = time.perf_counter()
    done = duplicates.rebuild_index(batch_size=5000, missing_only=True)
    if done:
        print(f"bands for {done:,} petitions in {time.perf_counter() - began:.1f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE petitions_minhashband")


def compare_trigram(text: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS bench_summary_trgm ON petitions_petition "
            "USING gin (summary_folded gin_trgm_ops)"
        )
        for threshold in ("0.4", "0.6", "0.8"):
            cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, false)", [threshold])
            began = time.perf_counter()
            cursor.execute("SELECT count(*) FROM petitions_petition WHERE summary_folded %% %s", [text])
            matched = cursor.fetchone()[0]
            print(f"pg_trgm %% at {threshold}: {matched:,} rows in {(time.perf_counter() - began) * 1000:.0f} ms")


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)
    postgres = connection.vendor == "postgresql"
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    rows = int(args[0]) if args else 200_000
    call_command("migrate", verbosity=0)
    rng = random.Random(7)
    units, handler, statistician = setup_world()
    fill(units, rows, rng)
    build_bands()
    busiest = Petition.objects.filter(unit=units[0]).count()
    print(
        f"{Petition.objects.count():,} petitions, {busiest:,} in the busiest unit {units[0].code} ({connection.vendor})"
    )

    existing = list(Petition.objects.filter(unit=units[0]).order_by("?").values_list("pk", "type", "summary")[:100])
    rewordings = [(pk, kind, reword(text, rng)) for pk, kind, text in existing]
    new_texts = [(None, *summary(rng)) for _ in range(100)]

    _pk, kind, text = rewordings[0]
    keys = duplicates.band_keys(duplicates.content_words(text))
    sql, params = duplicates.band_sql(keys, unit_id=units[0].pk, type=kind, using="default")
    if not postgres:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            print("\n--- EXPLAIN QUERY PLAN: band lookup\n" + "\n".join(str(r[-1]) for r in cursor.fetchall()[-8:]))
    else:
        explain_sql(f"band lookup for {text!r}", sql, params)
        scoped = visible_petitions(statistician).filter(received_on__gte=dt.date(2021, 1, 1))
        chosen = list(Petition.objects.filter(unit=units[0]).values_list("pk", flat=True)[:200])
        explain(
            "summaries and pg_trgm similarity of 200 chosen petitions, statistician's scope",
            scoped.filter(pk__in=chosen)
            .order_by()
            .annotate(trigram=TrigramSimilarity("summary_folded", fold(text)))
            .values_list("pk", "summary_folded", "trigram"),
        )
        explain("?q=thu hồi đất, whole province", search(visible_petitions(statistician), "thu hồi đất")[:50])
        explain("?q=Nguyễn Trãi, whole province", search(visible_petitions(statistician), "Nguyễn Trãi")[:50])
        if "--compare-trigram" in sys.argv:
            compare_trigram(fold(text))

    for user, label in ((handler, "handler of the busiest unit"), (statistician, "statistician (whole province)")):
        for name, texts in (("rewordings", rewordings), ("new texts", new_texts)):
            timed(
                f"find_candidates, {label}, {name}",
                [
                    # A fresh user object per call, as in a request: the scope is computed each time.
                    (
                        lambda k=k, t=t, pk=user.pk: duplicates.find_candidates(
                            User.objects.get(pk=pk), unit=units[0], type=k, summary=t
                        )
                    )
                    for _source, k, t in texts
                ],
            )
    found = displaced = 0
    for source, kind, text in rewordings:
        candidates = duplicates.find_candidates(handler, unit=units[0], type=kind, summary=text)
        if source in {c.petition_id for c in candidates}:
            found += 1
        else:
            # Generated summaries repeat: the source may be pushed out by petitions at least as similar.
            own = Petition.objects.get(pk=source).summary
            score = duplicates.content_score(duplicates.content_words(text), duplicates.content_words(own))
            displaced += len(candidates) == 10 and min(c.score for c in candidates) >= score - 0.05
    print(
        f"rewordings: the reworded petition is a candidate for {found} of {len(rewordings)}; for {displaced} more,"
        " ten petitions at least as similar were offered instead"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
