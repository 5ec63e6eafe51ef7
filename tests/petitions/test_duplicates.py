"""Duplicate candidates: same person, similar content (pg_trgm on PostgreSQL, MinHash LSH on SQLite), scope,
and the denouncer's protection. The same tests run on both databases."""

from __future__ import annotations

import io
import random
from itertools import count

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tiepdan.core.models import User
from tiepdan.core.text import fold
from tiepdan.petitions import duplicates, services
from tiepdan.petitions.duplicates import (
    band_keys,
    candidates_for,
    content_score,
    content_words,
    find_candidates,
    trigram_similarity,
)
from tiepdan.petitions.models import MinHashBand, Petition
from tiepdan.petitions.services import PetitionerInput

from .conftest import register

LAND = "Khiếu nại quyết định thu hồi đất của UBND phường An Bình đối với thửa đất số 125 tờ bản đồ số 8"
# The same matter: other word order, no diacritics, "UBND" spelt out.
REWORDED = "Doi voi thua dat so 125 to ban do so 8, khieu nai quyet dinh thu hoi dat cua Uy ban nhan dan phuong An Binh"
OTHERS = [
    "Khiếu nại việc bồi thường, hỗ trợ khi Nhà nước thu hồi đất thực hiện dự án mở rộng đường Nguyễn Trãi",
    "Khiếu nại quyết định xử phạt vi phạm hành chính trong lĩnh vực xây dựng của Chủ tịch UBND phường",
    "Khiếu nại quyết định kỷ luật buộc thôi việc đối với giáo viên trường tiểu học Kim Liên",
    "Khiếu nại về giá đất tính bồi thường thấp hơn giá thị trường tại dự án khu đô thị mới",
    "Khiếu nại việc phân bổ căn hộ tái định cư không đúng diện tích đã thông báo",
    "Khiếu nại quyết định giải quyết khiếu nại lần đầu của Chủ tịch UBND phường về việc bồi thường đất",
]
UNRELATED = "Khiếu nại việc thu các khoản đóng góp ngoài quy định tại trường trung học cơ sở Lê Ngọc Hân"

_numbers = count(1)


def signer(name: str = "", id_number: str = "") -> list[PetitionerInput]:
    n = next(_numbers)
    return [PetitionerInput(full_name=name or f"Người Gửi Số {n}", id_number=id_number or f"0010900{n:05d}")]


def reg(world, summary: str, **kwargs) -> Petition:
    kwargs.setdefault("petitioners", signer())
    return register(world, summary=summary, **kwargs)


def ids(candidates) -> list[int]:
    return [c.petition_id for c in candidates]


# --- Words and score (no database) ---------------------------------------------------------------------


def test_words_ignore_diacritics_case_order_type_and_function_words():
    assert content_words(LAND) == content_words(REWORDED)
    assert content_words("Tố cáo ông Bình") == ["binh", "ong"]
    assert content_words("Khiếu nại của, về việc") == []
    assert content_score(content_words(LAND), content_words(REWORDED)) == 1.0


def test_score_is_symmetric_and_rewards_a_brief_restatement():
    land = content_words(LAND)
    brief = content_words("Khiếu nại lần 2 thu hồi đất An Bình")
    unrelated = content_words(UNRELATED)
    assert content_score(land, brief) == content_score(brief, land) >= duplicates.CONTENT_THRESHOLD
    assert content_score(land, unrelated) < duplicates.CONTENT_THRESHOLD
    assert content_score(land, []) == 0.0


# --- Similar content -----------------------------------------------------------------------------------


def test_rewording_is_found_with_a_high_score_and_unrelated_text_is_not(world):
    land = reg(world, LAND)
    for text in OTHERS:
        reg(world, text)
    found = find_candidates(world.handler, unit=world.unit_a, type="complaint", summary=REWORDED)
    assert ids(found) == [land.pk]
    assert found[0].score >= 0.95
    assert found[0].reason == f"Nội dung tương tự ({round(found[0].score * 100)}%)"
    assert find_candidates(world.handler, unit=world.unit_a, type="complaint", summary=UNRELATED) == []


def test_old_petitions_are_found_through_the_bands_not_only_the_latest(world, monkeypatch):
    """With no recent window, only the MinHash bands find it."""
    monkeypatch.setattr(duplicates, "RECENT_WINDOW", 0)
    land = reg(world, LAND)
    for text in OTHERS:
        reg(world, text)
    found = find_candidates(world.handler, unit=world.unit_a, type="complaint", summary=REWORDED)
    assert ids(found) == [land.pk] and found[0].score >= 0.95
    assert find_candidates(world.handler, unit=world.unit_a, type="complaint", summary=UNRELATED) == []
    MinHashBand.objects.all().delete()
    assert find_candidates(world.handler, unit=world.unit_a, summary=REWORDED) == []
    duplicates.rebuild_index()
    assert ids(find_candidates(world.handler, unit=world.unit_a, summary=REWORDED)) == [land.pk]


def test_the_newest_petitions_of_a_band_are_read_first(world, monkeypatch):
    monkeypatch.setattr(duplicates, "RECENT_WINDOW", 0)
    monkeypatch.setattr(duplicates, "PER_BAND", 2)
    same = [reg(world, LAND) for _ in range(4)]
    found = find_candidates(world.handler, unit=world.unit_a, summary=REWORDED)
    assert ids(found) == [same[3].pk, same[2].pk]


def test_a_band_is_read_within_the_unit_so_other_units_letters_do_not_crowd_out_its_own(world, monkeypatch):
    """The band index begins with the receiving unit: newer letters of the same text elsewhere (a letter sent to
    several bodies) do not use up the unit's `PER_BAND` reads."""
    monkeypatch.setattr(duplicates, "RECENT_WINDOW", 0)
    monkeypatch.setattr(duplicates, "PER_BAND", 2)
    own = reg(world, LAND)
    elsewhere = [reg(world, LAND, unit=world.unit_b, actor=world.handler_b) for _ in range(3)]
    assert set(MinHashBand.objects.filter(petition=own).values_list("unit_id", flat=True)) == {world.unit_a.pk}
    assert set(MinHashBand.objects.filter(petition=elsewhere[0]).values_list("unit_id", flat=True)) == {world.unit_b.pk}
    assert ids(find_candidates(world.handler, unit=world.unit_a, type="complaint", summary=REWORDED)) == [own.pk]
    assert ids(find_candidates(world.handler_b, unit=world.unit_b, summary=REWORDED)) == [
        elsewhere[2].pk, elsewhere[1].pk
    ]  # fmt: skip


def test_a_brief_restatement_of_a_recent_letter_is_found(world):
    land = reg(world, LAND)
    found = find_candidates(world.handler, unit=world.unit_a, summary="Khiếu nại lần 2 thu hồi đất An Bình")
    assert ids(found) == [land.pk] and 0.6 <= found[0].score < 0.9


def test_content_is_compared_within_the_unit_and_type(world):
    reg(world, LAND, unit=world.unit_b, actor=world.handler_b)
    feedback = reg(world, LAND, type="rec_feedback")
    assert find_candidates(world.handler, unit=world.unit_a, type="complaint", summary=REWORDED) == []
    assert ids(find_candidates(world.handler, unit=world.unit_a, type="rec_feedback", summary=REWORDED)) == [
        feedback.pk
    ]
    assert ids(find_candidates(world.handler, unit=world.unit_a, summary=REWORDED)) == [feedback.pk]


def test_content_is_used_when_there_is_no_summary(world):
    land = reg(world, LAND)
    assert ids(find_candidates(world.handler, unit=world.unit_a, content=REWORDED)) == [land.pk]
    assert find_candidates(world.handler, unit=world.unit_a, content=UNRELATED) == []


def test_the_query_count_does_not_grow_with_the_petitions(world):
    def queries() -> int:
        head = User.objects.get(pk=world.head.pk)  # a fresh object: no cached scope
        with CaptureQueriesContext(connection) as captured:
            found = find_candidates(
                head, unit=world.unit_a, summary=REWORDED, id_numbers=["001090099999"], names=["Ai Đó"]
            )
        assert len(found) == 1
        return len(captured)

    reg(world, LAND)
    for text in OTHERS:
        reg(world, text)
    few = queries()
    for text in OTHERS * 3:
        reg(world, text)
    assert queries() == few


# --- Same person ---------------------------------------------------------------------------------------


def test_same_id_number_and_same_name(world):
    first = reg(world, LAND, petitioners=signer("Trần Thị Bình", "001085012345"))
    by_id = find_candidates(world.handler, unit=world.unit_a, id_numbers=["001 085 012 345"])
    assert ids(by_id) == [first.pk] and by_id[0].score == 1.0 and by_id[0].reason == "Cùng số giấy tờ của người gửi"
    by_name = find_candidates(world.handler, unit=world.unit_a, names=["tran thi binh"])
    assert ids(by_name) == [first.pk] and by_name[0].score == 0.7 and by_name[0].reason == "Cùng họ tên người gửi"
    both = find_candidates(world.handler, unit=world.unit_a, summary=REWORDED, names=["Trần Thị Bình"])
    assert ids(both) == [first.pk] and "Cùng họ tên người gửi" in both[0].reasons and both[0].score >= 0.95
    assert find_candidates(world.handler, unit=world.unit_a, id_numbers=["001085099999"], names=["Lê Văn Khác"]) == []


def test_candidates_for_a_registered_petition(world):
    first = reg(world, LAND, petitioners=signer("Trần Thị Bình", "001085012345"))
    again = reg(world, REWORDED, petitioners=signer("Trần Thị Bình", "001085012345"))
    found = candidates_for(world.handler, again)
    assert ids(found) == [first.pk]
    assert found[0].reasons[0] == "Cùng số giấy tờ của người gửi" and len(found[0].reasons) == 3


# --- Scope ---------------------------------------------------------------------------------------------


def test_users_see_only_candidates_in_their_scope(world):
    land = reg(world, LAND, petitioners=signer("Trần Thị Bình", "001085012345"))
    query = {"summary": REWORDED, "id_numbers": ["001085012345"], "names": ["Trần Thị Bình"]}
    assert find_candidates(world.handler_b, unit=world.unit_a, **query) == []
    assert find_candidates(world.handler_b, unit=world.unit_b, **query) == []
    assert find_candidates(world.outsider, unit=world.unit_c, **query) == []
    assert ids(find_candidates(world.statistician_p, unit=world.unit_a, **query)) == [land.pk]


# --- Denunciations -------------------------------------------------------------------------------------

DENOUNCER = "Phạm Thị Kín"
DENOUNCER_ID = "001190000111"
DENUNCIATION = "Tố cáo cán bộ địa chính phường nhận tiền khi làm thủ tục cấp giấy chứng nhận quyền sử dụng đất"


def _denunciation(world) -> Petition:
    # Registered by the reception officer: no handler is assigned, so no one holds a grant on the identity.
    return register(
        world,
        actor=world.reception,
        type="denunciation",
        summary=DENUNCIATION,
        content=f"Tôi là {DENOUNCER}, số định danh {DENOUNCER_ID}, tố cáo ông Lê Văn Tham nhận tiền.",
        petitioners=[PetitionerInput(full_name=DENOUNCER, id_number=DENOUNCER_ID, address="Tổ 9")],
    )


def test_a_denouncer_is_never_matched_by_name_or_id_for_users_who_may_not_see_them(world):
    denunciation = _denunciation(world)
    for user in (world.handler, world.reception, world.statistician_p):
        assert find_candidates(user, unit=world.unit_a, id_numbers=[DENOUNCER_ID], names=[DENOUNCER]) == []
        # The letter's text names the denouncer, but only the summary is ever compared.
        assert find_candidates(user, unit=world.unit_a, summary=DENOUNCER, content=DENOUNCER) == []
    complaint = reg(world, "Khiếu nại việc chậm cấp sổ đỏ", petitioners=signer(DENOUNCER, DENOUNCER_ID))
    assert denunciation.pk not in ids(candidates_for(world.handler, complaint))
    # By content the denunciation is a candidate (its summary is visible in scope), with nothing of the denouncer.
    found = find_candidates(world.handler, unit=world.unit_a, type="denunciation", summary=DENUNCIATION)
    assert ids(found) == [denunciation.pk]
    shown = f"{found[0].summary} {found[0].reason} {found[0].code}"
    assert "Kín" not in shown and "Kin" not in shown and DENOUNCER_ID not in shown


def test_denunciation_bands_come_from_the_summary_only(world):
    denunciation = _denunciation(world)
    stored = set(MinHashBand.objects.filter(petition=denunciation).values_list("band", flat=True))
    assert stored == set(band_keys(content_words(DENUNCIATION)))


def test_users_allowed_to_see_the_identity_get_the_vault_match(world):
    denunciation = _denunciation(world)
    found = find_candidates(world.head, unit=world.unit_a, id_numbers=[DENOUNCER_ID])
    assert ids(found) == [denunciation.pk]
    assert found[0].score == 1.0 and "kho bảo mật" in found[0].reason
    assert find_candidates(world.head, unit=world.unit_a, names=[DENOUNCER]) == []  # names only by ID's HMAC
    assert find_candidates(world.handler, unit=world.unit_a, id_numbers=[DENOUNCER_ID]) == []


# --- Exclusions ----------------------------------------------------------------------------------------


def test_exclude_id_leaves_out_the_petition_and_its_parts(world):
    mixed = reg(world, LAND)
    parts = services.split_petition(
        actor=world.handler,
        petition=mixed,
        parts=[("complaint", LAND), ("rec_feedback", "Kiến nghị sửa đường liên thôn An Bình bị xuống cấp")],
    )
    found = find_candidates(world.handler, unit=world.unit_a, summary=REWORDED, exclude_id=mixed.pk)
    assert found == []
    # Without the exclusion the complaint part is offered, never the split letter itself.
    assert ids(find_candidates(world.handler, unit=world.unit_a, summary=REWORDED)) == [parts[0].pk]
    # The other part has the same signer; the split letter is not offered although it has them too.
    assert ids(candidates_for(world.handler, parts[0])) == [parts[1].pk]


# --- The index -----------------------------------------------------------------------------------------


def test_bands_are_written_on_register_and_split(world):
    petition = reg(world, LAND)
    stored = list(MinHashBand.objects.filter(petition=petition).values_list("band", flat=True))
    assert sorted(stored) == sorted(band_keys(content_words(LAND)))
    assert len(stored) == duplicates.NUM_BANDS and all(0 <= b < 2**63 for b in stored)
    parts = services.split_petition(
        actor=world.handler, petition=petition, parts=[("complaint", LAND), ("rec_feedback", OTHERS[0])]
    )
    for part, text in zip(parts, [LAND, OTHERS[0]], strict=True):
        part_bands = set(MinHashBand.objects.filter(petition=part).values_list("band", flat=True))
        assert part_bands == set(band_keys(content_words(text)))
    only_type_words = reg(world, "Khiếu nại")
    assert not MinHashBand.objects.filter(petition=only_type_words).exists()


def test_band_keys_are_stable_and_follow_the_words():
    assert band_keys(content_words(LAND)) == band_keys(content_words(REWORDED))
    assert len(set(band_keys(content_words(LAND))) & set(band_keys(content_words(UNRELATED)))) <= 1
    assert band_keys([]) == []
    # A reused sketch starts afresh for every text: the same keys as a new one, whatever came before.
    sketch = duplicates.new_sketch()
    texts = [LAND, UNRELATED, REWORDED, *OTHERS]
    assert [band_keys(content_words(t), sketch) for t in texts] == [band_keys(content_words(t)) for t in texts]


def test_band_keys_are_the_stored_ones():
    """The keys are stored (MinHashBand): a change of the hashing would orphan every band already written, so it
    must come with a new INDEX_VERSION and a rebuild. These are the keys written since the index began."""
    keys = band_keys(content_words("Khiếu nại quyết định thu hồi đất của UBND phường An Bình"))
    assert keys[:4] == [5420417122449595571, 5708340143186731175, 6491422646348172834, 7116249331263424924]
    assert len(keys) == duplicates.NUM_BANDS


def test_many_letters_get_the_keys_each_would_get_alone():
    rng = random.Random(7)
    vocabulary = sorted({w for t in [LAND, UNRELATED, REWORDED, *OTHERS] for w in content_words(t)})
    lists = [sorted(set(rng.sample(vocabulary, rng.randint(1, 12)))) for _ in range(200)]
    lists[5] = []  # no words, no bands
    lists[9] = lists[10] = content_words(LAND)  # the same words twice in one batch
    assert duplicates.band_keys_many(lists) == [band_keys(words) for words in lists]
    assert duplicates.band_keys_many([]) == [] and duplicates.band_keys_many([[]]) == [[]]


def test_rebuild_index_and_its_command(world):
    petitions = [reg(world, text) for text in [LAND, *OTHERS]]
    before = sorted(MinHashBand.objects.values_list("petition_id", "unit_id", "band"))
    assert {unit for _p, unit, _b in before} == {world.unit_a.pk}
    MinHashBand.objects.all().delete()
    MinHashBand.objects.create(petition=petitions[0], unit=world.unit_a, band=12345)  # a stale row goes away
    assert duplicates.rebuild_index(batch_size=3) == len(petitions)
    assert sorted(MinHashBand.objects.values_list("petition_id", "unit_id", "band")) == before
    out = io.StringIO()
    call_command("reindex_duplicates", batch_size=2, stdout=out)
    assert f"cho {len(petitions)} đơn" in out.getvalue()
    assert sorted(MinHashBand.objects.values_list("petition_id", "unit_id", "band")) == before
    with pytest.raises(ValueError):
        duplicates.rebuild_index(batch_size=0)
    # After a bulk import: only the petitions without bands.
    MinHashBand.objects.filter(petition=petitions[2]).delete()
    assert duplicates.rebuild_index(missing_only=True) == 1
    assert sorted(MinHashBand.objects.values_list("petition_id", "unit_id", "band")) == before
    out = io.StringIO()
    call_command("reindex_duplicates", "--missing-only", stdout=out)
    assert "cho 0 đơn" in out.getvalue()


def test_trigram_similarity_is_pg_trgm_similarity(world):
    texts = [fold(t) for t in [LAND, REWORDED, UNRELATED, *OTHERS, "Khieu nai quyet dinhh thu hoi datt", "a", ""]]
    pairs = [(a, b) for a in texts for b in texts]
    ours = [round(trigram_similarity(a, b), 4) for a, b in pairs]
    assert trigram_similarity(fold(LAND), fold(LAND)) == 1.0 and trigram_similarity(fold(LAND), "") == 0.0
    assert 0.5 < trigram_similarity(fold(LAND), fold("Khieu nai quyet dinhh thu hoi datt cua UBND phuong An Binh")) < 1
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT similarity(a, b) FROM unnest(%s::text[], %s::text[]) AS t(a, b)",
            [[a for a, _b in pairs], [b for _a, b in pairs]],
        )
        theirs = [round(row[0], 4) for row in cursor.fetchall()]
    assert ours == theirs


def test_start_up_does_not_load_datasketch() -> None:
    # datasketch loads scipy (~0.85 s); a process that never looks for a duplicate must not pay for it.
    import subprocess
    import sys

    probe = (
        "import os, sys, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'tiepdan.settings'); django.setup(); "
        "from tiepdan.petitions import duplicates; print('datasketch' in sys.modules, 'scipy' in sys.modules); "
        "duplicates.new_sketch(); print('datasketch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False", "True"]


def test_bands_are_keyed_by_petition_and_band_rewritten_and_deleted_with_the_petition(world):
    from django.db import IntegrityError, transaction

    petition = register(world, summary="Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất tổ 7")
    bands = set(MinHashBand.objects.filter(petition_id=petition.pk).values_list("band", flat=True))
    assert len(bands) == duplicates.NUM_BANDS
    with pytest.raises(IntegrityError), transaction.atomic():  # one row per (petition, band)
        MinHashBand.objects.create(petition_id=petition.pk, unit_id=petition.unit_id, band=next(iter(bands)))
    assert duplicates.index_petition(petition) == duplicates.NUM_BANDS  # rewritten in place
    assert set(MinHashBand.objects.filter(petition_id=petition.pk).values_list("band", flat=True)) == bands
    other = register(world, summary="Phản ánh tiếng ồn của quán karaoke tổ 3")
    Petition.objects.get(pk=petition.pk).delete()  # Django's cascade: the bands go too (no constraint in the db)
    assert not MinHashBand.objects.filter(petition_id=petition.pk).exists()
    assert MinHashBand.objects.filter(petition_id=other.pk).count() == duplicates.NUM_BANDS
