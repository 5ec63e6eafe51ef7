"""Duplicate candidates for a petition being registered: same person, or similar content.

**Same person.** The normalised ID number or the folded full name of a petitioner (registry petitioners only:
a denouncer lives in the vault and is never matched this way). An ID number is also looked up in the vault
through its blind index, and only the identities the user may see (`people.selectors.can_see_identity`) count,
so a match tells nobody anything they could not already read.

**Similar content**, among the petitions of the receiving unit, in a bounded number of queries whatever the
number of petitions:

1. *Find* — MinHash LSH (datasketch) on both databases. The summary's word set (`content_words`) is
   sketched with `NUM_PERM` permutations cut into `NUM_BANDS` bands of `ROWS_PER_BAND` rows; one
   `MinHashBand` row per band holds a 63-bit hash of the band and the receiving unit. One UNION ALL of
   index-only range scans reads the unit's newest `PER_BAND` petitions of each band of the new text; the
   `MAX_SCORED` sharing the most bands are scored, those in the user's scope. The unit's `RECENT_WINDOW`
   latest letters are scored too: a citizen who writes again soon often words the matter more briefly,
   which LSH (built for "similar sets", not "one set inside another") may miss.
2. *Score* — the larger of the word-set score (`content_score`, rapidfuzz) and the pg_trgm trigram
   similarity of the folded summaries, computed by PostgreSQL (`similarity()`) or, on SQLite, by the same
   formula in Python (`trigram_similarity`). The word score is blind to typos, the trigram one is not.

Why not a pg_trgm `%` query on a GIN index. Measured on 200,000 generated petitions (bench/
explain_duplicates.py), it takes 0.25–0.3 s at threshold 0.8, 0.3–0.7 s at 0.6 and 2.4–4.5 s at 0.4:
summaries share most of their trigrams ("khieu nai quyet dinh … phuong …"), so the GIN bitmap scan alone
costs 250–450 ms at any threshold, then the recheck; a GiST `<->` nearest-neighbour scan took 135–170 ms.
The band lookup takes a few milliseconds. So PostgreSQL uses trigrams to score, not to find.

Why words and not characters. Character-level ratios (rapidfuzz `ratio`, `WRatio`, `token_set_ratio`) give
two unrelated petitions of the same unit 50–70 %, so they cannot tell a repeat letter from a neighbour's.
On sets of folded syllables, without function words and the petition-type words, a sample of 30
real-looking summaries and 14 rewordings gave: rewordings (other word order, no diacritics, a few words
added or dropped) word-Jaccard ≥ 0.67, unrelated pairs ≤ 0.30 (99 % ≤ 0.25). Syllable pairs ("word
2-shingles") lose too much under reordering (rewordings down to 0.33), and character 4-grams separate
less (0.54 vs 0.32).

LSH parameters: 16 bands × 4 rows (64 permutations) put the 50 % detection point at Jaccard
(1/16)^(1/4) = 0.5: a rewording at 0.67 is found with probability 97 % (at 0.75, 99.8 %), an unrelated
summary at 0.15 with 0.8 %. 32 bands would find a pair at 0.5 more often (87 % instead of 64 %) but double
the table (about 120 bytes a row with its two indexes on PostgreSQL: 16 rows are 2 GB for a million petitions).

The bands are written on both databases when a petition is registered or split (`index_petition`), so
switching databases loses nothing; `rebuild_index` (command `tiepdan reindex_duplicates`) rebuilds them.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from django.contrib.postgres.search import TrigramSimilarity
from django.db import connections, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rapidfuzz.distance import LCSseq

from tiepdan.core.bulk import insert_tuples
from tiepdan.core.models import User
from tiepdan.core.text import fold, nfc
from tiepdan.orgs.models import OrgUnit
from tiepdan.orgs.selectors import today, user_scope
from tiepdan.people import rules as people_rules
from tiepdan.people import services as people_services

from .models import MinHashBand, Petition, PetitionStatus, PetitionType
from .selectors import visible_petitions

if TYPE_CHECKING:
    from datasketch import MinHash

CONTENT_THRESHOLD = 0.6  # below this a similar summary is not worth the handler's attention
RECENT_YEARS = 5  # limitation periods and repeated letters: older petitions are not offered
RECENT_WINDOW = 100  # the unit's latest petitions, always scored
MAX_SCORED = 100  # petitions found through the bands and scored per query (most shared bands first)
PER_BAND = 200  # petitions read per band (the newest): bounds the work when a text is very common

# MinHash LSH. Changing any of these (or the word rules below) changes every band: bump INDEX_VERSION so
# that old rows stop matching, then run `tiepdan reindex_duplicates`.
NUM_BANDS = 16
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
_WORD = re.compile(r"[^\W_]+")


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
    return _folded_words(fold(nfc(text)))


def _folded_words(folded: str) -> list[str]:
    """`content_words` of a text already folded (`Petition.summary_folded`)."""
    folded = _NON_WORD.sub(" ", folded)
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
    # Imported on first use: datasketch loads scipy (0.85 s), which every process started paid at start-up
    # (each `tiepdan` command, web and Celery worker) although most never look for a duplicate.
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, scheme="affine32").permutations


def new_sketch() -> MinHash:
    """An empty MinHash with the index's permutations, for `band_keys` (reusable: building one per summary
    was a tenth of an import's Python time)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, permutations=_permutations(), scheme="affine32")


def band_keys(words: Sequence[str], sketch: MinHash | None = None) -> list[int]:
    """One non-negative 63-bit key per LSH band of the MinHash of `words` (none for an empty list); `sketch`
    (from `new_sketch()`) is cleared and reused."""
    if not words:
        return []
    if sketch is None:
        sketch = new_sketch()
    else:
        sketch.clear()
    sketch.update_batch([w.encode() for w in words])
    return _keys_of(sketch.hashvalues.astype("<u4").tobytes())  # fixed byte order: the keys are stored


_BAND_PREFIXES = [band.to_bytes(2, "big") for band in range(NUM_BANDS)]
_BAND_PERSON = f"tiepdan-lsh-v{INDEX_VERSION}".encode()
# The permuted hashes of one word (its MinHash alone): a letter's MinHash is their element-wise minimum over its
# words. Syllables repeat from letter to letter, so an import computes each a few thousand times, not millions.
_WORD_SKETCHES: dict[str, Any] = {}
_WORD_SKETCHES_MAX = 200_000


def _word_sketch(word: str, sketch: MinHash) -> Any:
    values = _WORD_SKETCHES.get(word)
    if values is None:
        if len(_WORD_SKETCHES) >= _WORD_SKETCHES_MAX:
            _WORD_SKETCHES.clear()
        sketch.clear()
        sketch.update_batch([word.encode()])
        values = _WORD_SKETCHES[word] = sketch.hashvalues.copy()
    return values


def _keys_of(values: bytes) -> list[int]:
    """The band keys of one MinHash given as its little-endian uint32 bytes (as `band_keys`)."""
    width = ROWS_PER_BAND * 4
    return [
        int.from_bytes(
            hashlib.blake2b(prefix + values[i * width : (i + 1) * width], digest_size=8, person=_BAND_PERSON).digest(),
            "big",
        )
        >> 1
        for i, prefix in enumerate(_BAND_PREFIXES)
    ]


def band_keys_many(word_lists: Sequence[Sequence[str]]) -> list[list[int]]:
    """`band_keys` of many word lists at once (an import): the same keys, from the cached MinHash of each word
    reduced with one numpy minimum per batch instead of one MinHash per letter."""
    sketch = new_sketch()
    out: list[list[int]] = [[] for _ in word_lists]
    filled = [i for i, words in enumerate(word_lists) if words]
    if not filled:
        return out
    local: dict[str, int] = {}
    rows: list[Any] = []
    index: list[int] = []
    starts: list[int] = []
    for i in filled:
        starts.append(len(index))
        for word in word_lists[i]:
            at = local.get(word)
            if at is None:
                at = local[word] = len(rows)
                rows.append(_word_sketch(word, sketch))
            index.append(at)
    matrix = np.stack(rows)[np.asarray(index, dtype=np.intp)]
    minima = np.minimum.reduceat(matrix, np.asarray(starts, dtype=np.intp), axis=0).astype("<u4")
    for i, values in zip(filled, minima, strict=True):
        out[i] = _keys_of(values.tobytes())
    return out


def index_petition(petition: Petition) -> int:
    """(Re)write the MinHash bands of one petition's summary; returns how many were written."""
    keys = band_keys(content_words(petition.summary))
    MinHashBand.objects.filter(petition_id=petition.pk).delete()
    MinHashBand.objects.bulk_create(
        [MinHashBand(petition_id=petition.pk, unit_id=petition.unit_id, band=k) for k in keys]
    )
    return len(keys)


def index_petitions(petitions: Sequence[Petition]) -> int:
    """The bands of many new petitions (an import) in one statement per 5,000 rows; returns how many.

    Plain value tuples rather than `bulk_create`: 16 bands per petition would otherwise build tens of
    thousands of model instances, which took most of an import's time.
    """
    # The summaries were folded when the petitions were built: `_folded_words` skips folding them again.
    keys = band_keys_many([_folded_words(p.summary_folded or fold(nfc(p.summary))) for p in petitions])
    rows = [(p.pk, p.unit_id, k) for p, petition_keys in zip(petitions, keys, strict=True) for k in petition_keys]
    insert_tuples(MinHashBand, ["petition", "unit", "band"], rows)
    return len(rows)


def rebuild_index(*, batch_size: int = 1000, missing_only: bool = False) -> int:
    """Rebuild the bands of every petition (after a change of the LSH parameters), or with `missing_only` of
    the petitions that have none (after a bulk import), one transaction per batch; returns the number of
    petitions indexed."""
    if batch_size < 1:
        raise ValueError("batch_size must be positive")
    petitions = Petition.objects.order_by("pk")
    done = 0
    last_pk = 0
    while True:
        ids = list(petitions.filter(pk__gt=last_pk).values_list("pk", flat=True)[:batch_size])
        if not ids:
            return done
        last_pk = ids[-1]
        if missing_only:
            # Which of this range already have bands, asked of the range itself: an anti-join written as one
            # query let PostgreSQL hash the whole band table per batch once it grew (~20,000 petitions a
            # minute past 600,000 in `demo generate`).
            indexed = set(
                MinHashBand.objects.filter(petition_id__in=ids).values_list("petition_id", flat=True).distinct()
            )
            ids = [pk for pk in ids if pk not in indexed]
            if not ids:
                continue
        with transaction.atomic():
            connection = transaction.get_connection()
            if connection.vendor == "postgresql":
                # Whoever else writes bands (a reorganisation moving open petitions, `services.move_open_petitions`;
                # an edit of a summary; a registration) waits for this batch, or this batch for them, before the
                # summaries and units are read: a move committed meanwhile is either read here or applied by the
                # mover to the rows written here, never overwritten with what was read before it. A table lock, not
                # row locks on the petitions, which would write a lock into every petition row (WAL) on a rebuild.
                table = connection.ops.quote_name(MinHashBand._meta.db_table)
                with connection.cursor() as cursor:
                    cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
            batch = list(Petition.objects.filter(pk__in=ids).order_by("pk").values_list("pk", "unit_id", "summary"))
            keys = band_keys_many([content_words(summary) for _pk, _unit, summary in batch])
            rows = [(pk, unit, k) for (pk, unit, _summary), own in zip(batch, keys, strict=True) for k in own]
            MinHashBand.objects.filter(petition_id__in=ids).delete()
            insert_tuples(MinHashBand, ["petition", "unit", "band"], rows)
        done += len(batch)


# --- Finding candidates --------------------------------------------------------------------------------


def trigram_similarity(a: str, b: str) -> float:
    """pg_trgm's `similarity()` of two folded texts, computed in Python (the SQLite path; on PostgreSQL the
    database computes it): shared trigrams of the words padded "  word " over all trigrams of both."""
    return _trigram_ratio(_trigrams(a), _trigrams(b))


def _trigram_ratio(ta: set[str], tb: set[str]) -> float:
    if not ta or not tb:
        return 0.0
    shared = len(ta & tb)
    return shared / (len(ta) + len(tb) - shared)


def _trigrams(text: str) -> set[str]:
    return {p[i : i + 3] for p in ["  " + w + " " for w in _WORD.findall(text.lower())] for i in range(len(p) - 2)}


def band_sql(keys: Sequence[int], *, unit_id: int, type: str, using: str) -> tuple[str, list[Any]]:
    """The band lookup, one query on both databases: the unit's newest `PER_BAND` petitions of each band
    (index-only range scans on (unit, band, petition), joined by UNION ALL), kept if still received by the unit
    and of the type, most shared bands first, at most `MAX_SCORED`. `bench/explain_duplicates.py` EXPLAINs it."""
    ops = connections[using].ops
    bands, petitions = ops.quote_name(MinHashBand._meta.db_table), ops.quote_name(Petition._meta.db_table)
    # Only quoted table names and counters are formatted in; every value is a parameter.
    one = f"SELECT petition_id FROM {bands} WHERE unit_id = %s AND band = %s ORDER BY petition_id DESC LIMIT %s"  # noqa: S608
    hits = " UNION ALL ".join(f"SELECT petition_id FROM ({one}) AS b{i}" for i in range(len(keys)))  # noqa: S608
    params: list[Any] = []
    for key in keys:
        params += [unit_id, key, PER_BAND]
    sql = (
        f"SELECT hits.petition_id FROM ({hits}) AS hits JOIN {petitions} AS p ON p.id = hits.petition_id "  # noqa: S608
        "WHERE p.unit_id = %s"
    )
    params.append(unit_id)
    if type:
        sql += " AND p.type = %s"
        params.append(type)
    sql += " GROUP BY hits.petition_id ORDER BY COUNT(*) DESC, hits.petition_id DESC LIMIT %s"
    params.append(MAX_SCORED)
    return sql, params


def _band_hits(keys: Sequence[int], *, unit: OrgUnit, type: str, using: str) -> list[int]:
    if not keys:
        return []
    with connections[using].cursor() as cursor:
        cursor.execute(*band_sql(keys, unit_id=unit.pk, type=type, using=using))
        return [row[0] for row in cursor.fetchall()]


def _with_similarity(qs: QuerySet[Petition], folded: str) -> list[tuple[int, str, float]]:
    """(pk, folded summary, trigram similarity to `folded`) of the rows of `qs`."""
    if connections[qs.db].vendor == "postgresql":
        rows = qs.annotate(trigram=TrigramSimilarity("summary_folded", folded))
        return list(rows.values_list("pk", "summary_folded", "trigram"))
    query = _trigrams(folded)
    return [
        (pk, other, _trigram_ratio(query, _trigrams(other))) for pk, other in qs.values_list("pk", "summary_folded")
    ]


def _content_matches(
    base: QuerySet[Petition], *, unit: OrgUnit, type: str, text: str, limit: int
) -> list[tuple[int, float]]:
    """(petition id, score) of the petitions of `unit` whose summary is similar to `text`, best first.

    Three queries whatever the number of petitions: the bands (`band_sql`); the unit's latest letters; the
    summaries (and on PostgreSQL the trigram similarity) of the chosen ones, in the user's scope. The first
    two read ids only, so no expression is computed on more rows than are scored.
    """
    words = content_words(text)
    if not words:
        return []
    chosen = _band_hits(band_keys(words), unit=unit, type=type, using=base.db)
    recent = Petition.objects.filter(unit=unit).order_by("-received_on", "-pk")
    if type:
        recent = recent.filter(type=type)
    chosen += recent.values_list("pk", flat=True)[:RECENT_WINDOW]
    if not chosen:
        return []
    rows = _with_similarity(base.filter(pk__in=set(chosen)).order_by(), fold(nfc(text)))
    scored = []
    for pk, other, trigram in rows:
        score = max(content_score(words, _folded_words(other)), round(float(trigram), 4))
        if score >= CONTENT_THRESHOLD:
            scored.append((pk, score))
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
