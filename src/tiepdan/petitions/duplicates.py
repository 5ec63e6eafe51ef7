"""Duplicate candidates for a petition being registered: same person, or similar content.

**Same person.** The normalised ID number or the folded full name of a petitioner (registry petitioners only:
a denouncer lives in the vault and is never matched this way). An ID number is also looked up in the vault
through its blind index, and only the identities the user may see (`people.selectors.can_see_identity`) count,
so a match tells nobody anything they could not already read.

**Similar content.** Every candidate is scored the same way on both databases (`content_score`); only the
way candidates are *found* differs, so that no query reads every row:

* PostgreSQL: the pg_trgm `%` operator on `summary_folded`, served by a GIN trigram index (migration 0003),
  with the similarity threshold set for the query only, best `MAX_SCORED` by `similarity()`.
* SQLite: MinHash LSH (datasketch). Each petition's word set is sketched with `NUM_PERM` permutations cut
  into `NUM_BANDS` bands of `ROWS_PER_BAND` rows; one `MinHashBand` row per band holds a 63-bit hash of the
  band. Petitions sharing at least one band with the new text are found with one indexed query.
* On both, the unit's `RECENT_WINDOW` latest letters are scored too: a citizen who writes again soon often
  words the matter more briefly, and neither index is built for "one text contained in a longer one".

The bands are written on both databases when a petition is registered or split (`index_petition`), so
switching databases loses nothing; `rebuild_index` (command `tiepdan reindex_duplicates`) rebuilds them.

Why words and not characters. Petition summaries share a lot of vocabulary ("khiếu nại quyết định thu hồi
đất của UBND phường …"). Character-level ratios (rapidfuzz `ratio`, `WRatio`, `token_set_ratio`) give two
unrelated petitions of the same unit 50–70 %, so they cannot tell a repeat letter from a neighbour's. On
sets of folded syllables, without function words and the petition-type words, a sample of 30 real-looking
summaries and 14 rewordings gave: rewordings (other word order, no diacritics, a few words added or dropped)
word-Jaccard ≥ 0.67, unrelated pairs ≤ 0.30 (99 % ≤ 0.25). Syllable pairs ("word 2-shingles") lose too much
under reordering (rewordings down to 0.33), and character 4-grams separate less (0.54 vs 0.32).

LSH parameters: 32 bands × 4 rows (128 permutations) put the 50 % detection point near Jaccard
(1/32)^(1/4) ≈ 0.42: a rewording (≥ 0.6) is found with probability ≥ 98 %, an unrelated petition
(≤ 0.15) with ≤ 2 %.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from datasketch import MinHash
from django.contrib.postgres.lookups import TrigramSimilar
from django.contrib.postgres.search import TrigramSimilarity
from django.db import connections, transaction
from django.db.models import Count, F, QuerySet, Value
from django.utils.translation import gettext as _
from rapidfuzz.distance import LCSseq

from tiepdan.core.models import User
from tiepdan.core.text import fold, nfc
from tiepdan.orgs.models import OrgUnit
from tiepdan.orgs.selectors import today, user_scope
from tiepdan.people import rules as people_rules
from tiepdan.people import services as people_services

from .models import MinHashBand, Petition, PetitionStatus, PetitionType
from .selectors import visible_petitions

CONTENT_THRESHOLD = 0.6  # below this a similar summary is not worth the handler's attention
RECENT_YEARS = 5  # limitation periods and repeated letters: older petitions are not offered
RECENT_WINDOW = 200  # the unit's latest petitions, always scored
MAX_SCORED = 200  # index hits scored per query (best first)
TRIGRAM_THRESHOLD = 0.4  # pg_trgm similarity of the folded summaries for a PostgreSQL index hit

# MinHash LSH. Changing any of these (or the word rules below) changes every band: bump INDEX_VERSION so
# that old rows stop matching, then run `tiepdan reindex_duplicates`.
NUM_BANDS = 32
ROWS_PER_BAND = 4
NUM_PERM = NUM_BANDS * ROWS_PER_BAND
MINHASH_SEED = 1
INDEX_VERSION = 1

# Words that say nothing about the matter: the petition type, "regarding", "of", "at", "the 2nd time"…
_TYPE_PHRASES = re.compile(r"\b(?:khieu nai|to cao|kien nghi|phan anh|de nghi|doi voi|lan thu)\b")
_ABBREVIATIONS = ((re.compile(r"\buy ban nhan dan\b"), "ubnd"), (re.compile(r"\bhoi dong nhan dan\b"), "hdnd"))
STOP_WORDS = frozenset(
    "cua va voi ve viec cac nhung cho khi tai o la duoc bi da dang se nay theo trong mot lan".split()
)
_NON_WORD = re.compile(r"[\W_]+")


@dataclass
class Candidate:
    petition_id: int
    code: str
    score: float  # 0..1, the strongest reason
    reasons: list[str] = field(default_factory=list)
    summary: str = ""
    received_on: dt.date | None = None
    case_code: str = ""

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


# --- Content: words, score, MinHash bands --------------------------------------------------------------


def content_words(text: str) -> list[str]:
    """The sorted set of meaningful folded syllables of a summary (diacritics, case, punctuation, word order,
    petition-type words and function words do not count)."""
    folded = _NON_WORD.sub(" ", fold(nfc(text)))
    for pattern, short in _ABBREVIATIONS:
        folded = pattern.sub(short, folded)
    folded = _TYPE_PHRASES.sub(" ", folded)
    return sorted({w for w in folded.split() if w not in STOP_WORDS})


def content_score(a: Sequence[str], b: Sequence[str]) -> float:
    """Similarity 0..1 of two `content_words` lists: the mean of their Dice coefficient (how much of both is
    shared) and their overlap coefficient (how much of the shorter one is in the longer one).

    The shared words are counted with rapidfuzz's LCS on the sorted lists (for two sorted sets the longest
    common subsequence is exactly their intersection). The overlap half lets a brief restatement of a longer
    letter score well; the Dice half keeps a long letter from scoring 100 % against a two-word one.
    """
    if not a or not b:
        return 0.0
    shared = LCSseq.similarity(a, b)
    dice = 2 * shared / (len(a) + len(b))
    overlap = shared / min(len(a), len(b))
    return round((dice + overlap) / 2, 4)


@functools.cache
def _permutations() -> Any:
    return MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, scheme="affine32").permutations


def band_keys(words: Sequence[str]) -> list[int]:
    """One non-negative 63-bit key per LSH band of the MinHash of `words` (none for an empty list)."""
    if not words:
        return []
    sketch = MinHash(num_perm=NUM_PERM, permutations=_permutations(), scheme="affine32")
    sketch.update_batch([w.encode() for w in words])
    values = sketch.hashvalues.astype("<u4")  # fixed byte order: the keys are stored
    keys = []
    for band in range(NUM_BANDS):
        chunk = values[band * ROWS_PER_BAND : (band + 1) * ROWS_PER_BAND].tobytes()
        digest = hashlib.blake2b(
            band.to_bytes(2, "big") + chunk, digest_size=8, person=f"tiepdan-lsh-v{INDEX_VERSION}".encode()
        ).digest()
        keys.append(int.from_bytes(digest, "big") >> 1)
    return keys


def index_petition(petition: Petition) -> int:
    """(Re)write the MinHash bands of one petition's summary; returns how many were written."""
    keys = band_keys(content_words(petition.summary))
    MinHashBand.objects.filter(petition_id=petition.pk).delete()
    MinHashBand.objects.bulk_create([MinHashBand(petition_id=petition.pk, band=k) for k in keys])
    return len(keys)


def rebuild_index(*, batch_size: int = 1000) -> int:
    """Rebuild the bands of every petition (after a bulk import or a change of the LSH parameters), one
    transaction per batch; returns the number of petitions indexed."""
    if batch_size < 1:
        raise ValueError("batch_size must be positive")
    done = 0
    last_pk = 0
    while True:
        batch = list(Petition.objects.filter(pk__gt=last_pk).order_by("pk").values_list("pk", "summary")[:batch_size])
        if not batch:
            return done
        rows = [MinHashBand(petition_id=pk, band=k) for pk, summary in batch for k in band_keys(content_words(summary))]
        with transaction.atomic():
            MinHashBand.objects.filter(petition_id__in=[pk for pk, _summary in batch]).delete()
            MinHashBand.objects.bulk_create(rows, batch_size=5000)
        done += len(batch)
        last_pk = batch[-1][0]


# --- Finding candidates --------------------------------------------------------------------------------


@contextmanager
def _trigram_threshold(using: str, value: float) -> Iterator[None]:
    """Set pg_trgm.similarity_threshold for the queries inside the block only (a transaction-local setting,
    put back afterwards in case the caller's transaction goes on)."""
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute("SELECT current_setting('pg_trgm.similarity_threshold', true)")
        previous = cursor.fetchone()[0]
        cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(value)])
        yield
        cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [previous or "0.3"])


def _trigram_hits(scoped: QuerySet[Petition], text: str) -> list[tuple[int, str]]:
    """PostgreSQL: the petitions whose folded summary is trigram-similar to `text` (GIN index), best first."""
    with _trigram_threshold(scoped.db, TRIGRAM_THRESHOLD):
        return list(
            scoped.filter(TrigramSimilar(F("summary_folded"), Value(text)))
            .annotate(similarity=TrigramSimilarity("summary_folded", text))
            .order_by("-similarity", "-pk")
            .values_list("pk", "summary_folded")[:MAX_SCORED]
        )


def _band_hits(scoped: QuerySet[Petition], words: Sequence[str], *, unit: OrgUnit, type: str) -> list[tuple[int, str]]:
    """SQLite (LSH): the petitions of the unit sharing a band with `words`, most shared bands first."""
    keys = band_keys(words)
    if not keys:
        return []
    bands = MinHashBand.objects.filter(band__in=keys, petition__unit=unit)
    if type:
        bands = bands.filter(petition__type=type)
    best = (
        bands.values("petition_id")
        .annotate(shared=Count("pk"))
        .order_by("-shared", "-petition_id")
        .values_list("petition_id", flat=True)[:MAX_SCORED]
    )
    return list(scoped.filter(pk__in=list(best)).values_list("pk", "summary_folded"))


def _content_matches(
    base: QuerySet[Petition], *, unit: OrgUnit, type: str, text: str, limit: int
) -> list[tuple[int, float]]:
    """(petition id, score) of the petitions of `unit` whose summary is similar to `text`, best first."""
    words = content_words(text)
    if not words:
        return []
    scoped = base.filter(unit=unit)
    if type:
        scoped = scoped.filter(type=type)
    if connections[scoped.db].vendor == "postgresql":
        rows = dict(_trigram_hits(scoped, fold(nfc(text))))
    else:
        rows = dict(_band_hits(scoped, words, unit=unit, type=type))
    rows.update(scoped.order_by("-received_on", "-pk").values_list("pk", "summary_folded")[:RECENT_WINDOW])
    scored = [(pk, content_score(words, content_words(other))) for pk, other in rows.items()]
    scored = [(pk, score) for pk, score in scored if score >= CONTENT_THRESHOLD]
    scored.sort(key=lambda item: (-item[1], -item[0]))
    return scored[:limit]


def _add(found: dict[int, Candidate], petition: Any, score: float, reason: str) -> None:
    candidate = found.get(petition.pk)
    if candidate is None:
        candidate = found[petition.pk] = Candidate(
            petition_id=petition.pk,
            code=petition.code,
            score=score,
            summary=petition.summary,
            received_on=petition.received_on,
            case_code=petition.case.code if petition.case_id else "",
        )
    if reason not in candidate.reasons:
        candidate.reasons.append(reason)
    candidate.score = max(candidate.score, score)


def _vault_identity_ids(user: User, unit: OrgUnit, numbers: Sequence[str]) -> set[int]:
    """Protected identities with one of these ID numbers that `user` may see (blind index, no decryption)."""
    if not user_scope(user).allows(unit):
        return set()
    found: set[int] = set()
    for number in numbers:
        found |= {i.pk for i in people_services.find_identity_matches(actor=user, unit=unit, id_number=number)}
    return found


def find_candidates(
    user: User,
    *,
    unit: OrgUnit,
    type: str = "",
    summary: str = "",
    content: str = "",
    id_numbers: Sequence[str] = (),
    names: Sequence[str] = (),
    exclude_id: int | None = None,
    limit: int = 10,
) -> list[Candidate]:
    """Candidates among the petitions the user may see, best first, each with a Vietnamese reason.

    People are matched in the whole scope of the user, content among the petitions received by `unit` (of
    `type` when given). The full text `content` is compared only when there is no summary.
    """
    since = today().replace(year=today().year - RECENT_YEARS)
    base = (
        visible_petitions(user)
        .filter(received_on__gte=since)
        .exclude(status=PetitionStatus.SPLIT)  # a split letter lives on in its parts
        .select_related("case")
    )
    if exclude_id is not None:
        base = base.exclude(pk=exclude_id).exclude(split_from_id=exclude_id)
    found: dict[int, Candidate] = {}
    numbers = [n for n in (people_rules.normalize_id_number(x) for x in id_numbers) if n]
    if numbers:
        for petition in base.filter(petitioners__person__id_number__in=numbers).distinct()[:limit]:
            _add(found, petition, 1.0, _("Cùng số giấy tờ của người gửi"))
        identities = _vault_identity_ids(user, unit, numbers)
        if identities:
            for petition in base.filter(petitioners__identity_id__in=identities).distinct()[:limit]:
                _add(found, petition, 1.0, _("Cùng số giấy tờ của người tố cáo (đối chiếu trong kho bảo mật)"))
    folded = [f for f in (fold(nfc(n)) for n in names) if f]
    if folded:
        for petition in base.filter(petitioners__person__name_folded__in=folded).distinct()[:limit]:
            _add(found, petition, 0.7, _("Cùng họ tên người gửi"))
    text = summary if nfc(summary) else content
    matches = _content_matches(base, unit=unit, type=type, text=text, limit=limit)
    if matches:
        scores = dict(matches)
        for petition in base.filter(pk__in=scores):
            percent = round(scores[petition.pk] * 100)
            _add(found, petition, scores[petition.pk], _("Nội dung tương tự (%(percent)s%%)") % {"percent": percent})
    ranked = sorted(found.values(), key=lambda c: (-c.score, -(c.received_on or dt.date.min).toordinal()))
    return ranked[:limit]


def candidates_for(user: User, petition: Petition, *, limit: int = 10) -> list[Candidate]:
    """Candidates for a registered petition (its own petitioners; a denunciation's only by content)."""
    numbers: list[str] = []
    names: list[str] = []
    if petition.type != PetitionType.DENUNCIATION:
        for p in petition.petitioners.select_related("person"):
            if p.person is not None:
                numbers.append(p.person.id_number)
                names.append(p.person.full_name)
    return find_candidates(
        user,
        unit=petition.unit,
        type=petition.type,
        summary=petition.summary,
        id_numbers=numbers,
        names=names,
        exclude_id=petition.pk,
        limit=limit,
    )
