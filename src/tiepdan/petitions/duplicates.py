"""Duplicate candidates for a petition being registered: same person, or similar content.

Same person: the normalised ID number or the folded full name of a petitioner (registry petitioners only;
a denouncer is matched through the vault's blind index, and only for users allowed to see that identity).
Similar content: rapidfuzz scoring of the folded summaries of the unit's recent petitions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from tiepdan.core.models import User
from tiepdan.core.text import fold, nfc
from tiepdan.orgs.models import OrgUnit
from tiepdan.orgs.selectors import today
from tiepdan.people import rules as people_rules

from .models import Petition, PetitionType
from .selectors import visible_petitions

CONTENT_THRESHOLD = 0.6  # below this a similar summary is not worth the handler's attention
RECENT_YEARS = 5  # limitation periods and repeated letters: older petitions are not offered
SCAN_LIMIT = 3000  # most recent petitions scored by content on the fallback path


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
    """Candidates among the petitions the user may see, best first, each with a Vietnamese reason."""
    since = today().replace(year=today().year - RECENT_YEARS)
    base = visible_petitions(user).filter(received_on__gte=since).select_related("case")
    if exclude_id is not None:
        base = base.exclude(pk=exclude_id).exclude(split_from_id=exclude_id)
    found: dict[int, Candidate] = {}
    numbers = [n for n in (people_rules.normalize_id_number(x) for x in id_numbers) if n]
    if numbers:
        for petition in base.filter(petitioners__person__id_number__in=numbers).distinct()[:limit]:
            _add(found, petition, 1.0, "Cùng số giấy tờ của người gửi")
    folded = [f for f in (fold(nfc(n)) for n in names) if f]
    if folded:
        for petition in base.filter(petitioners__person__name_folded__in=folded).distinct()[:limit]:
            _add(found, petition, 0.7, "Cùng họ tên người gửi")
    text = fold(nfc(summary))
    if text:
        recent = base.filter(unit=unit)
        if type:
            recent = recent.filter(type=type)
        rows = recent.order_by("-received_on", "-pk").values_list("pk", "summary_folded")[:SCAN_LIMIT]
        scored = []
        for pk, other in rows:
            score = fuzz.token_set_ratio(text, other) / 100
            if score >= CONTENT_THRESHOLD:
                scored.append((score, pk))
        scored.sort(reverse=True)
        top = {pk: score for score, pk in scored[:limit]}
        for petition in base.filter(pk__in=top):
            _add(found, petition, top[petition.pk], f"Nội dung tương tự ({round(top[petition.pk] * 100)}%)")
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
