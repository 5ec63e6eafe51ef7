"""`tiepdan demo generate --petitions N [--unit CODE] [--seed S]`: realistic petitions for demos and benchmarks.

Petitions are spread over the real demo units (`tiepdan demo load`: the wards of the former Hai Bà Trưng and
Bắc Từ Liêm districts and their 2025 successors, the Hà Nội bodies, the communes and wards of Lào Cai), each
received on a day when its unit existed, between 1 Jan 2023 and today. Kinds of matters, places and bodies
follow the seed texts (see `generate_data`). The proportions are those of the reports: complaints 45 %,
denunciations 15 %, recommendations and feedback 40 %; most letters are about land.

The demo's historical wards are not receiving units: their codes ("H01.quanhaibatrung.phuong…") are too long
for "<unit>-<year>-<number>" in the 40-character code columns (the services would fail the same way); before
the reform the districts and their inspectorates receive the letters of those wards' residents.

What a registration through `petitions.services` would store is stored here too, computed the same way:
codes continue the unit's `PetitionCounter` sequence, `search_folded` is `services._search_text` with a
faster but identical fold (a denunciation's signers and text never enter it), due dates from the lawcal
rules in force on the receipt
day, each processed petition belongs to a case, a denouncer is only a `ProtectedIdentity` in the vault
(Fernet-encrypted, with blind indexes) and the assigned handler gets the grant to see it. Open petitions get
their `TrackedDeadline`. What is not produced: documents (too slow in bulk; outcomes carry no letter) and one
audit event per row (one `demo.generate` event records the run instead).

Rows are written with `bulk_create` in batches, each batch in its own transaction, so a million petitions
take minutes rather than hours. Petition numbers are reserved in `PetitionCounter` before writing, so a
registration made meanwhile never takes a number the generator uses; case numbers follow the services'
count-based scheme and should not be created concurrently. Given the same `--seed` and the same database
state the content is the same; a second run continues the sequences and adds N more. On PostgreSQL large
runs use two processes that write disjoint sets of units (each unit has its own random stream, so the data
do not depend on the number of processes); 1,000,000 petitions take about 7 minutes on 2 cores
(bench/README.md).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import heapq
import itertools
import math
import multiprocessing
import os
import queue as queue_module
import random
import re
import secrets
import time
import traceback
import unicodedata
import zlib
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar, cast
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections, models, transaction
from django.db.models import Count
from django.db.models.base import ModelState
from django.db.models.functions import ExtractYear
from django.utils import timezone

from tiepdan.cases.models import Case, CaseDecision, CaseEvent
from tiepdan.core.audit import record_event
from tiepdan.core.errors import DomainError
from tiepdan.core.models import User
from tiepdan.core.text import _SPACES, fold
from tiepdan.lawcal import rules as lawcal_rules
from tiepdan.lawcal import workcal
from tiepdan.lawcal.models import TrackedDeadline
from tiepdan.orgs.models import Membership, OrgUnit, Role, Succession, UnitKind
from tiepdan.orgs.selectors import today
from tiepdan.people import crypto
from tiepdan.people.models import IdentityGrant, Person, PersonKind, ProtectedIdentity
from tiepdan.petitions import rules as petition_rules
from tiepdan.petitions import services as petition_services
from tiepdan.petitions.models import (
    ArchiveReason,
    Channel,
    DuplicateStatus,
    Outcome,
    Petition,
    PetitionCounter,
    Petitioner,
    PetitionEvent,
    PetitionStatus,
    PetitionType,
    ResolutionStatus,
    SubjectField,
)

from . import generate_data as data
from .orgs_data import UNIT_A, UNIT_B

FIRST_DAY = dt.date(2023, 1, 1)
MAX_PETITIONS = 2_000_000
DEFAULT_BATCH = 5000
TZ = ZoneInfo(settings.TIME_ZONE)

TYPE_WEIGHTS = [(PetitionType.COMPLAINT.value, 45), (PetitionType.DENUNCIATION.value, 15),
                (PetitionType.REC_FEEDBACK.value, 40)]  # fmt: skip
CHANNEL_WEIGHTS = {
    "complaint": [("post", 30), ("in_person", 25), ("reception", 20), ("transferred", 15), ("online", 10)],
    "denunciation": [("post", 35), ("in_person", 12), ("reception", 13), ("transferred", 22), ("online", 18)],
    "rec_feedback": [("post", 20), ("in_person", 18), ("reception", 25), ("transferred", 12), ("online", 25)],
}
# Outcomes of processed letters (repeats marked duplicate are archived separately).
OUTCOME_WEIGHTS = {
    "complaint": [("propose_acceptance", 38), ("reject_acceptance", 10), ("guide", 32), ("archive", 20)],
    "denunciation": [("propose_acceptance", 30), ("transfer", 38), ("transfer_party", 4), ("archive", 28)],
    "rec_feedback": [("propose_acceptance", 45), ("transfer", 33), ("urge", 6), ("archive", 16)],
}
# Results of decisions and conclusions (DOMAIN §10): most complaints are found wrong, most denunciations untrue.
RESULT_WEIGHTS = {
    "complaint": [("right", 18), ("partly_right", 27), ("wrong", 55)],
    "denunciation": [("right", 20), ("partly_right", 30), ("untrue", 47), ("knowingly_false", 3)],
}
REJECTION_GROUNDS = [("art11.2", 25), ("art11.5", 20), ("art11.6", 25), ("art11.7", 20), ("art11.9", 10)]
REPEAT_RATE = 0.15  # share of letters that repeat a matter already processed (same or another signer)
POOL_SIZE = 300  # recent processed letters per unit and type that a repeat is drawn from
ANONYMOUS_DENUNCIATIONS = 0.10
MASS_DELEGATION_FIELDS = {"KN.HC.DD.TH", "KN.HC.DD.BT", "KNPA.DD", "KNPA.MT"}
COMMUNE_KINDS = {UnitKind.COMMUNE, UnitKind.WARD, UnitKind.SPECIAL_ZONE}
RECEIVING_KINDS = COMMUNE_KINDS | {UnitKind.DISTRICT, UnitKind.INSPECTORATE, UnitKind.RECEPTION_BOARD,
                                   UnitKind.PROVINCE}  # fmt: skip
KIND_WEIGHT = {UnitKind.WARD: 1.0, UnitKind.COMMUNE: 0.55, UnitKind.SPECIAL_ZONE: 0.55, UnitKind.DISTRICT: 2.5,
               UnitKind.INSPECTORATE: 0.8, UnitKind.RECEPTION_BOARD: 1.2, UnitKind.PROVINCE: 1.5}  # fmt: skip
DEMO_UNIT_BOOST = 4.0  # the demo accounts' units A and B are the busiest, so their screens are full

Progress = Callable[[str], None]
M = TypeVar("M", bound=models.Model)


@dataclass
class GenerateResult:
    petitions: int = 0
    people: int = 0
    identities: int = 0
    cases: int = 0
    deadlines: int = 0
    events: int = 0
    repeats: int = 0
    decisions: int = 0
    seed: int = 0
    workers: int = 1
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)


# --- Folding, faster ----------------------------------------------------------------------------------

# The marks NFD produces for Vietnamese letters (tones, circumflex, breve, horn). Removing them with
# str.replace is much faster than testing every character; anything else goes through core.text.fold.
_VIETNAMESE_MARKS = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def fast_fold(text: str | None) -> str:
    """Exactly `core.text.fold(text)`, several times faster on Vietnamese text (the generator folds ~1 KB of
    letter per petition). Falls back to `fold` whenever a character other than the usual marks might be a
    combining one."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "d").replace("ð", "d"))
    for mark in _VIETNAMESE_MARKS:
        decomposed = decomposed.replace(mark, "")
    if not decomposed.isascii() and any(unicodedata.combining(ch) for ch in set(_NON_ASCII.findall(decomposed))):
        return fold(text)
    return _SPACES.sub(" ", decomposed.replace("đ", "d").replace("Đ", "d").replace("ð", "d").casefold()).strip()


def search_text(petition: Petition, names: Sequence[str]) -> str:
    """`petitions.services._search_text` with the fast fold (tests check both give the same text)."""
    return fast_fold(" ".join(petition_services.search_parts(petition, names)))


# --- The world: receiving units, where their petitioners live -----------------------------------------


@dataclass
class Place:
    unit: OrgUnit
    province_unit: OrgUnit
    area: str  # key of data.STREETS / PROJECTS
    province: str  # "Hà Nội" or "Lào Cai"
    rural: bool
    weight: float
    lower: str  # "phường Bạch Mai"
    ubnd: str  # "UBND phường Bạch Mai"
    homes: list[Place] = field(default_factory=list)  # where the letters' writers live
    children: list[Place] = field(default_factory=list)  # bodies it may urge (DOMAIN §4 "urge")
    handlers: list[tuple[User, dt.date, dt.date | None]] = field(default_factory=list)

    def valid_on(self, day: dt.date) -> bool:
        return self.unit.is_valid_on(day)


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def _stable_noise(code: str) -> float:
    """A unit's own size (log-normal), the same in every run: busy units stay busy."""
    r = random.Random(zlib.crc32(code.encode()))
    return math.exp(r.gauss(0.0, 0.55))


class World:
    """The demo units as places: which receive letters, on which days, from which residents."""

    def __init__(self, unit_code: str = "") -> None:
        self.admin = User.objects.filter(username="admin").first()
        hanoi = OrgUnit.objects.filter(code="01").first()
        if self.admin is None or hanoi is None:
            raise DomainError("Chưa có dữ liệu mẫu: hãy chạy `tiepdan demo load` trước khi sinh đơn.")
        units = {u.pk: u for u in OrgUnit.objects.all()}
        by_code = {u.code: u for u in units.values()}
        predecessors: dict[int, list[int]] = defaultdict(list)
        for s in Succession.objects.all():
            predecessors[s.successor_id].append(s.predecessor_id)
        provinces = {u.path: u for u in units.values() if u.kind == UnitKind.PROVINCE}

        def province_of(u: OrgUnit) -> OrgUnit:
            root = "/" + u.path.strip("/").split("/")[0] + "/"
            return provinces.get(root, u)

        def area_of(u: OrgUnit) -> str:
            if province_of(u).code != "01":
                return "Lào Cai"
            for ancestor_id in u.ancestor_ids():
                name = units[ancestor_id].name
                if name in data.STREETS:
                    return name
            if u.name in data.STREETS:
                return u.name
            for pred in predecessors.get(u.pk, []):
                parent = units[pred].parent_id
                if parent is not None and units[parent].name in data.STREETS:
                    return units[parent].name
            return "Quận Hai Bà Trưng"

        self.places: dict[int, Place] = {}
        code_room = min(
            Petition._meta.get_field("code").max_length or 40, Case._meta.get_field("code").max_length or 40
        )
        self.skipped: list[OrgUnit] = []
        for u in sorted(units.values(), key=lambda x: x.path):
            if u.kind not in RECEIVING_KINDS:
                continue
            if len(f"VV-{u.code}-2026-00000") > code_room:
                # The petition and case codes ("<unit>-<year>-<number>") would not fit the code columns: the
                # demo's historical wards have long codes. They still serve as homes (addresses) below.
                self.skipped.append(u)
            prov = province_of(u)
            weight = KIND_WEIGHT.get(UnitKind(u.kind), 1.0) * _stable_noise(u.code)
            if u.kind in COMMUNE_KINDS and prov.code == "01":
                weight *= 1.6  # denser city wards write more
            if u.code in (UNIT_A, UNIT_B):
                weight *= DEMO_UNIT_BOOST
            lower = _lower_first(u.name)
            self.places[u.pk] = Place(
                unit=u, province_unit=prov, area=area_of(u), province="Hà Nội" if prov.code == "01" else "Lào Cai",
                rural=u.kind == UnitKind.COMMUNE, weight=weight, lower=lower,
                ubnd=f"UBND {lower}" if u.kind in COMMUNE_KINDS | {UnitKind.DISTRICT, UnitKind.PROVINCE} else u.name,
            )  # fmt: skip
        communes = [p for p in self.places.values() if p.unit.kind in COMMUNE_KINDS]
        skipped = {u.pk for u in self.skipped}
        for place in self.places.values():
            u = place.unit
            if u.kind in COMMUNE_KINDS:
                place.homes = [place]
                continue
            # A district's bodies serve the district's wards, a province's bodies the whole province.
            scope_unit = u if u.kind in (UnitKind.DISTRICT, UnitKind.PROVINCE) else units.get(u.parent_id or 0, u)
            place.homes = [c for c in communes if c.unit.path.startswith(scope_unit.path)]
            place.children = place.homes
        for m in Membership.objects.filter(role=Role.PETITION_HANDLER).select_related("user"):
            if m.unit_id in self.places:
                self.places[m.unit_id].handlers.append((m.user, m.valid_from, m.valid_to))

        self.receiving = [p for p in self.places.values() if p.unit.pk not in skipped]
        if unit_code:
            root = by_code.get(unit_code)
            if root is None:
                raise DomainError(f"Không có đơn vị mã “{unit_code}” trong dữ liệu mẫu.")
            chosen = {pk for pk, p in self.places.items() if p.unit.path.startswith(root.path)}
            frontier = set(chosen)
            while frontier:  # the units it succeeded received its earlier letters
                frontier = {pred for pk in frontier for pred in predecessors.get(pk, [])} - chosen
                chosen |= {pk for pk in frontier if pk in self.places}
            self.receiving = [p for p in self.receiving if p.unit.pk in chosen]
            if not self.receiving:
                raise DomainError(f"Đơn vị “{root.name}” không nhận đơn (không phải xã, phường, cơ quan tiếp dân).")
        self.fields = {
            (f.applies_to, f.code): f
            for f in SubjectField.objects.filter(code__in=[c for w in data.FIELD_WEIGHTS.values() for c, _ in w])
        }
        missing = [c for w in data.FIELD_WEIGHTS.values() for c, _ in w if not any(k[1] == c for k in self.fields)]
        if missing:
            raise DomainError("Danh mục lĩnh vực thiếu mã: " + ", ".join(missing))
        self._eras: dict[frozenset[int], tuple[list[Place], list[float]]] = {}
        self._days: dict[dt.date, tuple[list[Place], list[float]]] = {}
        self._homes: dict[tuple[int, bool], list[Place]] = {}

    def receiving_on(self, day: dt.date) -> tuple[list[Place], list[float]]:
        """The receiving places that existed on `day`, with cumulative weights (cached per day and per set)."""
        era = self._days.get(day)
        if era is None:
            valid = frozenset(p.unit.pk for p in self.receiving if p.valid_on(day))
            era = self._eras.get(valid)
            if era is None:
                places = [p for p in self.receiving if p.unit.pk in valid]
                era = self._eras[valid] = (places, list(itertools.accumulate(p.weight for p in places)))
            self._days[day] = era
        return era

    def homes_on(self, place: Place, day: dt.date) -> list[Place]:
        key = (place.unit.pk, day < dt.date(2025, 7, 1))
        homes = self._homes.get(key)
        if homes is None:
            homes = self._homes[key] = [h for h in place.homes if h.valid_on(day)] or [place]
        return homes


# --- Deadlines through the lawcal rules, cached ------------------------------------------------------


class Deadlines:
    def __init__(self) -> None:
        self.cal = workcal.get_calendar()
        self.rules = workcal.get_rules()
        self._due: dict[tuple[str, int, tuple[str, ...]], tuple[dt.date, int]] = {}
        self._add: dict[tuple[int, int], dt.date] = {}
        self._elapsed: dict[int, int] = {}

    def due(self, code: str, day: dt.date, flags: tuple[str, ...] = ()) -> tuple[dt.date, int]:
        """(due date, rule version id) of `code` triggered on `day`, the rule version in force that day."""
        key = (code, day.toordinal(), flags)
        found = self._due.get(key)
        if found is None:
            rule = lawcal_rules.pick_rule(self.rules, code, day)
            deadline = lawcal_rules.compute_deadline(self.cal, rule, day, flags=flags)
            assert deadline.due is not None
            found = self._due[key] = (deadline.due, int(rule.version_id or 0))
        return found

    def length(self, code: str, day: dt.date, flags: tuple[str, ...] = ()) -> int:
        rule = lawcal_rules.pick_rule(self.rules, code, day)
        return rule.variants.get("+".join(flags), rule.length) if flags else rule.length

    def add_working(self, day: dt.date, n: int) -> dt.date:
        key = (day.toordinal(), n)
        found = self._add.get(key)
        if found is None:
            found = self._add[key] = self.cal.add_working_days(day, n)
        return found

    def elapsed(self, day: dt.date, now: dt.date) -> int:
        found = self._elapsed.get(day.toordinal())
        if found is None:
            found = self._elapsed[day.toordinal()] = self.cal.working_days_between(day, now)
        return found


# --- People -------------------------------------------------------------------------------------------


@dataclass
class PersonSpec:
    full_name: str
    male: bool
    birth_year: int
    date_of_birth: dt.date | None
    id_type: str
    id_number: str
    address: str
    phone: str
    home: Place
    kind: str = PersonKind.CITIZEN
    email: str = ""
    person: Person | None = None  # the registry row once created (reused by repeat letters)


class People:
    """Invented Vietnamese people with valid identity numbers, unique across the registry and the vault."""

    def __init__(self, rng: random.Random, slots: int) -> None:
        self.rng = rng
        # Numbers are drawn in one residue class per receiving unit (`slot` of `slots`), so workers writing
        # different units never draw the same number, and a unit's numbers do not depend on the others'.
        self.slots = slots
        self.slot = 0
        self.used: set[str] = set(Person.objects.exclude(id_number="").values_list("id_number", flat=True))
        self.vault_hmacs: set[str] = set(
            ProtectedIdentity.objects.exclude(id_number_hmac="").values_list("id_number_hmac", flat=True)
        )
        self.family = _cum(data.FAMILY_NAMES)
        self.male_middle = _cum(data.MALE_MIDDLE)
        self.female_middle = _cum(data.FEMALE_MIDDLE)
        self.birth_codes = {k: _cum(v) for k, v in data.BIRTH_PROVINCES.items()}

    def name(self, home: Place, male: bool, birth_year: int) -> str:
        r = self.rng
        highland = home.province == "Lào Cai" and r.random() < (0.5 if home.rural else 0.15)
        if highland:
            family, middle = r.choice(data.HIGHLAND_MALE if male else data.HIGHLAND_FEMALE)
            given = r.choice(data.HIGHLAND_MALE_GIVEN if male else data.HIGHLAND_FEMALE_GIVEN)
            return f"{family} {middle} {given}"
        family = _pick(r, self.family)
        if male:
            middle = "Văn" if birth_year < 1965 and r.random() < 0.5 else _pick(r, self.male_middle)
            return f"{family} {middle} {r.choice(data.MALE_GIVEN)}"
        middle = "Thị" if birth_year < 1975 and r.random() < 0.5 else _pick(r, self.female_middle)
        given = r.choice(data.FEMALE_GIVEN)
        if r.random() < 0.12:  # compound given names: "Thị Bích Hòa"
            given = f"{r.choice(data.FEMALE_GIVEN)} {given}"
        return f"{family} {middle} {given}"

    def _fresh(self, prefix: str, digits: int) -> str:
        """`prefix` + `digits` random-looking digits, unique in the registry and the vault (see `slots`)."""
        space = 10**digits
        per_slot = space // self.slots
        multiplier = (7_654_321 % space) | 1  # odd and not a multiple of 5: a bijection modulo 10**digits
        for attempt in range(10_000):
            if attempt < 200:
                x = self.rng.randrange(per_slot) * self.slots + self.slot
            else:  # this unit's share of the space is nearly used up: draw anywhere
                x = self.rng.randrange(space)
            number = f"{prefix}{(x * multiplier + 4_242) % space:0{digits}d}"
            if number in self.used:
                continue
            if self.vault_hmacs and crypto.blind_index("id", number) in self.vault_hmacs:
                continue
            self.used.add(number)
            return number
        raise DomainError(f"Đã dùng hết số định danh có đầu {prefix} trong dữ liệu mẫu.")

    def cccd(self, home: Place, male: bool, birth_year: int) -> str:
        """Circular 59/2021/TT-BCA: birth province (3) + sex and century (1) + year (2) + 6 random digits."""
        province = _pick(self.rng, self.birth_codes[home.province])
        century = (birth_year // 100 - 19) * 2 + (0 if male else 1)
        prefix = f"{province}{century}{birth_year % 100:02d}"
        return self._fresh(prefix, 6)

    def address(self, home: Place, slots: Slots) -> str:
        unit_name = home.unit.name
        if home.province == "Hà Nội":
            district = f", {home.area}" if not home.valid_on(dt.date(2025, 7, 1)) else ""
            return f"{_upper_first(slots['addr'])}, {unit_name}{district}, Thành phố Hà Nội"
        return f"{_upper_first(slots['addr'])}, {unit_name}, Tỉnh Lào Cai"

    def phone(self) -> str:
        r = self.rng
        prefix = r.choice(["09", "09", "09", "03", "08", "07", "05"])
        return f"{prefix}{r.randrange(10**8):08d}"

    def citizen(self, home: Place, day: dt.date, slots: Slots) -> PersonSpec:
        r = self.rng
        male = r.random() < 0.58
        birth_year = min(day.year - 20, int(r.triangular(1938, 2004, 1962)))
        dob = None
        if r.random() < 0.75:
            dob = dt.date(birth_year, r.randint(1, 12), r.randint(1, 28))
        roll = r.random()
        if roll < 0.06:
            id_type, number = "", ""
        elif roll < 0.10 and day.year < 2025:
            # the old 9-digit identity card, still seen on letters before 2025
            id_type, number = "cmnd", self._fresh(r.choice("0111"), 8)
        else:
            id_type, number = "cccd", self.cccd(home, male, birth_year)
        return PersonSpec(
            full_name=self.name(home, male, birth_year), male=male, birth_year=birth_year, date_of_birth=dob,
            id_type=id_type, id_number=number, address=self.address(home, slots),
            phone=self.phone() if r.random() < 0.8 else "", home=home,
        )  # fmt: skip

    def organisation(self, home: Place, slots: Slots) -> PersonSpec:
        r = self.rng
        prefix = "01" if home.province == "Hà Nội" else "53"
        return PersonSpec(
            full_name=f"{r.choice(data.COMPANY_KINDS)} {r.choice(data.COMPANY_NAMES)}", male=True, birth_year=0,
            date_of_birth=None, id_type="other", id_number=self._fresh(prefix, 8),
            address=self.address(home, slots), phone=self.phone(), home=home, kind=PersonKind.ORGANISATION,
        )  # fmt: skip


def _cum(pairs: Sequence[tuple[Any, float]]) -> tuple[list[Any], list[float]]:
    return [v for v, _ in pairs], list(itertools.accumulate(w for _, w in pairs))


def _pick(r: random.Random, table: tuple[list[Any], list[float]]) -> Any:
    values, cum = table
    return values[bisect.bisect(cum, r.random() * cum[-1])]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- Slots of the templates (computed on first use) ---------------------------------------------------


class Slots(dict[str, str]):
    def __init__(self, gen: Generator, home: Place, day: dt.date) -> None:
        super().__init__()
        self.gen, self.home, self.day = gen, home, day

    def __missing__(self, key: str) -> str:
        value = self.gen.slot(key, self)
        self[key] = value
        return value


# --- One petition, as plain objects -------------------------------------------------------------------


@dataclass
class Letter:
    petition: Petition
    signers: list[PersonSpec]
    representative: int
    home: Place
    subject: SubjectField
    original: Letter | None = None  # the earlier letter this one repeats (duplicate/linked)
    new_case: Case | None = None
    events: list[tuple[str, str, dt.datetime]] = field(default_factory=list)
    grant_to: User | None = None
    identities: list[ProtectedIdentity] = field(default_factory=list)
    deadline: TrackedDeadline | None = None
    body: str = ""
    # The resolution of a new case proposed for acceptance (`Generator._resolve_case`), written with it.
    case_events: list[tuple[str, dt.date, str, str]] = field(default_factory=list)
    case_decision: CaseDecision | None = None
    case_deadline: TrackedDeadline | None = None


TYPE_LABELS = {t.value: str(t.label) for t in PetitionType}
CHANNEL_LABELS = {c.value: str(c.label) for c in Channel}
ARCHIVE_LABELS = {a.value: str(a.label) for a in ArchiveReason}


class Generator:
    def __init__(self, world: World, seed_key: str, numbers: dict[tuple[int, int], int], now: dt.date) -> None:
        self.world, self.seed_key, self.now = world, seed_key, now
        # One random stream per receiving unit: a unit's letters do not depend on the other units' (so
        # worker processes can share the units out and the result is the same).
        self.rngs: dict[int, random.Random] = {}
        self.slots = {pk: i for i, pk in enumerate(sorted(world.places, key=lambda pk: world.places[pk].unit.code))}
        self.rng = random.Random(seed_key)
        self.now_moment = timezone.now()
        self.numbers = numbers  # (unit id, year) → next petition number (reserved)
        self.people = People(self.rng, len(self.slots))
        self.deadlines = Deadlines()
        self.types = _cum(TYPE_WEIGHTS)
        self.channels = {k: _cum(v) for k, v in CHANNEL_WEIGHTS.items()}
        self.fields = {k: _cum(v) for k, v in data.FIELD_WEIGHTS.items()}
        self.outcomes = {k: _cum(v) for k, v in OUTCOME_WEIGHTS.items()}
        self.grounds = _cum(REJECTION_GROUNDS)
        # Letters a later letter may repeat: processed ones wait in `pending` (a heap by outcome day) until the
        # generation reaches that day, then join the unit's recent processed letters of their type.
        self.pending: dict[int, list[tuple[int, int, Letter]]] = defaultdict(list)
        self.ready: dict[tuple[int, str], deque[Letter]] = defaultdict(lambda: deque(maxlen=POOL_SIZE))
        self.sequence = itertools.count()
        self.case_numbers: dict[tuple[int, int], int] = {}
        self.decision_numbers: dict[int, int] = {}
        self.results = {k: _cum(v) for k, v in RESULT_WEIGHTS.items()}
        self.case_codes: set[str] = set()
        if Case.objects.exists():
            self.case_codes = set(Case.objects.values_list("code", flat=True))
            for row in (
                Case.objects.annotate(year=ExtractYear("opened_on")).values("unit_id", "year").annotate(n=Count("pk"))
            ):
                self.case_numbers[(row["unit_id"], row["year"])] = row["n"]

    def moment(self, day: dt.date, start_hour: int = 7) -> dt.datetime:
        """A time in office hours on `day`, never later than now."""
        r = self.rng
        minutes = r.randrange(start_hour * 60 + 30, 17 * 60)
        at = dt.datetime(day.year, day.month, day.day, minutes // 60, minutes % 60, r.randrange(60), tzinfo=TZ)
        return min(at, self.now_moment)

    # -- slots
    def slot(self, key: str, s: Slots) -> str:
        r, home, day = self.rng, s.home, s.day
        if key == "ubnd":
            return home.ubnd
        if key == "unit":
            return home.lower
        if key == "place":
            if home.rural:
                if home.province == "Lào Cai":
                    return f"thôn {r.choice(data.HAMLETS_LAO_CAI)}"
                return _lower_first(r.choice(data.VILLAGES_HA_NOI))
            return f"{data.STREET_WORD[home.area]} {r.choice(data.STREETS[home.area])}"
        if key == "addr":
            place = s["place"]
            if home.rural:
                return place
            roll = r.random()
            if roll < 0.35:
                return f"số {r.randint(1, 320)} {place}"
            if roll < 0.75:
                return f"số {r.randint(1, 80)} ngõ {r.randint(2, 250)} {place}"
            if roll < 0.9:
                return f"số {r.randint(1, 40)} ngách {r.randint(2, 250)}/{r.randint(2, 60)} {place}"
            return f"tổ dân phố số {r.randint(1, 30)}, {place}"
        if key == "project":
            return r.choice(data.PROJECTS[home.area]).format(place=s["place"])
        if key == "area":
            low, high = (200, 3000) if home.rural else (25, 320)
            return f"{r.randint(low, high)},{r.randint(0, 9)}"
        if key == "small_area":
            return f"{r.randint(2, 40)},{r.randint(0, 9)}"
        if key == "qd":
            return str(r.randint(120, 9800))
        if key == "qd_date":
            return (day - dt.timedelta(days=r.randint(20, 400))).strftime("%d/%m/%Y")
        if key in ("month", "year"):
            back = day - dt.timedelta(days=r.randint(60, 540))
            s.setdefault("month", str(back.month))
            s.setdefault("year", str(back.year))
            return s[key]
        if key == "parcel":
            return str(r.randint(1, 900))
        if key == "sheet":
            return str(r.randint(1, 60))
        if key == "official":
            male = r.random() < 0.7
            name = self.people.name(home, male, r.randint(1960, 1990))
            honorific = "ông" if male else "bà"
            if home.rural and r.random() < 0.4:
                position = r.choice(data.HAMLET_POSITIONS)
                where = s["place"] if position.startswith(("Trưởng", "Bí thư")) else home.lower
                return f"{honorific} {name}, {position} {where}"
            position = r.choice(data.OFFICIAL_POSITIONS)
            if position == "Tổ trưởng tổ dân phố":
                return f"{honorific} {name}, Tổ trưởng tổ dân phố số {r.randint(1, 30)}, {home.lower}"
            return f"{honorific} {name}, {position} {home.lower}"
        if key == "money":
            if r.random() < 0.8:
                return f"{r.randint(5, 950)} triệu đồng"
            return f"{r.randint(1, 25)},{r.randint(1, 9)} tỷ đồng"
        if key == "business":
            return f"{r.choice(data.BUSINESS_KINDS)} {r.choice(data.BUSINESS_NAMES)}"
        if key == "relative":
            return r.choice(data.RELATIVES)
        if key == "hamlet_or_group":
            return s["place"] if home.rural else f"tổ dân phố số {r.randint(1, 30)}"
        raise KeyError(key)

    # -- one letter
    def letter(self, day: dt.date, place: Place) -> Letter:
        r = self.rngs.get(place.unit.pk)
        if r is None:
            r = self.rngs[place.unit.pk] = random.Random(f"{self.seed_key}:{place.unit.code}")
        self.rng = self.people.rng = r
        self.people.slot = self.slots[place.unit.pk]
        ptype = _pick(r, self.types)
        original = self._repeat_target(place, ptype, day) if r.random() < REPEAT_RATE else None
        channel = _pick(r, self.channels[ptype])
        letter_date = self._letter_date(day, channel)
        if original is not None:
            # A new letter on a matter already processed: the same signers again (a duplicate), or a
            # neighbour writing about the same thing (linked to the same case).
            home = original.home
            slots = Slots(self, home, day)
            field_obj = original.subject
            summary = original.petition.summary
            if r.random() < 0.5 and not summary.startswith("Tiếp tục"):
                summary = "Tiếp tục " + _lower_first(summary)
            body = original.body
            same_signers = ptype == PetitionType.DENUNCIATION or r.random() < 0.6
            signers = list(original.signers) if same_signers else [self.people.citizen(home, day, slots)]
            repeat_kind: str = DuplicateStatus.DUPLICATE if same_signers else DuplicateStatus.LINKED
            respondent_name = original.petition.respondent_name
            respondent_unit = original.petition.respondent_unit
        else:
            home = r.choice(self.world.homes_on(place, day))
            slots = Slots(self, home, day)
            code = _pick(r, self.fields[ptype])
            field_obj = self.world.fields[(ptype, code)]
            summary_t, body_t = r.choice(data.TEMPLATES[code])
            summary = _upper_first(summary_t.format_map(slots))
            body = _upper_first(body_t.format_map(slots))
            repeat_kind = ""
            if ptype == PetitionType.DENUNCIATION and r.random() < ANONYMOUS_DENUNCIATIONS:
                signers = []
            elif ptype == PetitionType.REC_FEEDBACK and r.random() < 0.03:
                signers = [self.people.organisation(home, slots)]
            elif code in MASS_DELEGATION_FIELDS and r.random() < 0.06:
                signers = [self.people.citizen(home, day, slots if i == 0 else Slots(self, home, day))
                           for i in range(r.randint(5, 12))]  # fmt: skip
            elif r.random() < 0.07:
                signers = [self.people.citizen(home, day, slots if i == 0 else Slots(self, home, day))
                           for i in range(r.randint(2, 4))]  # fmt: skip
            else:
                signers = [self.people.citizen(home, day, slots)]
            respondent_name = self._respondent(ptype, code, home, slots)
            respondent_unit = home.unit if ptype != PetitionType.REC_FEEDBACK and code.count(".") >= 2 else None
        petition = make(
            Petition,
            code=self._code(place, day),
            unit=place.unit,
            channel=channel,
            type=ptype,
            received_on=day,
            letter_date=letter_date,
            summary=summary,
            summary_folded=fast_fold(summary),
            signature_present=True,
            originals_attached=r.random() < 0.15,
            is_anonymous=not signers,
            several_signatories=len(signers) > 1,
            mass_delegation=len(signers) >= petition_services.MASS_DELEGATION_MIN,
            sent_to_several_bodies=r.random() < 0.08,
            bypasses_level=place.unit.kind not in COMMUNE_KINDS and r.random() < 0.2,
            multi_site=ptype == PetitionType.DENUNCIATION and r.random() < 0.06,
            respondent_name=respondent_name,
            respondent_unit=respondent_unit,
        )
        if channel == Channel.TRANSFERRED:
            self._referral(petition, home, letter_date)
        letter = Letter(petition, signers, 0, home=home, subject=field_obj, original=original, body=body)
        content = self._content(letter, place, home)
        if ptype == PetitionType.DENUNCIATION:
            petition.content_enc = crypto.encrypt_text(content)
        else:
            petition.content = content
        self._lifecycle(letter, place, field_obj, repeat_kind)
        return letter

    def _repeat_target(self, place: Place, ptype: str, day: dt.date) -> Letter | None:
        """A letter of this unit and type already processed by `day` (it has a case), or None."""
        pending = self.pending.get(place.unit.pk)
        while pending and pending[0][0] <= day.toordinal():
            _outcome_day, _n, letter = heapq.heappop(pending)
            self.ready[(place.unit.pk, letter.petition.type)].append(letter)
        pool = self.ready.get((place.unit.pk, ptype))
        return pool[self.rng.randrange(len(pool))] if pool else None

    def _code(self, place: Place, day: dt.date) -> str:
        key = (place.unit.pk, day.year)
        number = self.numbers[key]
        self.numbers[key] = number + 1
        return f"{place.unit.code}-{day.year}-{number:06d}"

    def _letter_date(self, day: dt.date, channel: str) -> dt.date:
        r = self.rng
        back = {"post": (2, 12), "in_person": (0, 3), "reception": (0, 0), "online": (0, 1),
                "transferred": (10, 60)}[channel]  # fmt: skip
        return day - dt.timedelta(days=r.randint(*back))

    def _referral(self, petition: Petition, home: Place, letter_date: dt.date) -> None:
        r = self.rng
        body, abbr = r.choice(data.REFERRING_BODIES)
        province_short = "thành phố Hà Nội" if home.province == "Hà Nội" else "tỉnh Lào Cai"
        petition.referring_body = body.format(
            province_short=province_short, unit_lower=home.lower,
            party_short="Thành ủy Hà Nội" if home.province == "Hà Nội" else "Tỉnh ủy Lào Cai",
            newspaper=r.choice(data.NEWSPAPERS[home.province]),
        )  # fmt: skip
        petition.referring_doc_number = f"{r.randint(35, 4800)}/{abbr}"
        span = max(0, (petition.received_on - letter_date).days - 2)
        petition.referring_doc_date = letter_date + dt.timedelta(days=r.randint(0, span))

    def _respondent(self, ptype: str, code: str, home: Place, slots: Slots) -> str:
        if ptype == PetitionType.DENUNCIATION:
            return _upper_first(slots["official"]) if code not in ("TC.K", "TC.HC.K") else ""
        if ptype == PetitionType.COMPLAINT:
            if code == "KN.TP":
                return "Chấp hành viên, cơ quan thi hành án dân sự"
            if code == "KN.DANG":
                return f"Ủy ban Kiểm tra Đảng ủy {home.lower}"
            if code == "KN.HC.DD.BT":
                return f"Hội đồng bồi thường, hỗ trợ và tái định cư {home.lower}"
            return f"Chủ tịch {home.ubnd}"
        return ""

    def _content(self, letter: Letter, place: Place, home: Place) -> str:
        r = self.rng
        p = letter.petition
        lines = [f"Kính gửi: {petition_services.head_title(place.unit)}."]
        signers = letter.signers
        if not signers:
            lines.append(f"Tôi là người dân đang sinh sống tại {home.lower}, xin được giấu tên.")
        elif signers[0].kind == PersonKind.ORGANISATION:
            lines.append(f"{signers[0].full_name}, địa chỉ: {signers[0].address}, mã số doanh nghiệp "
                         f"{signers[0].id_number}.")  # fmt: skip
        elif len(signers) > 1:
            rep = signers[letter.representative]
            lines.append(f"Chúng tôi gồm {len(signers)} công dân cùng cư trú tại {home.lower}, cử ông (bà) "
                         f"{rep.full_name}, địa chỉ {rep.address}, làm người đại diện.")  # fmt: skip
            lines.append("Những người cùng ký đơn: " + "; ".join(f"{x.full_name}, {x.address}" for x in signers) + ".")
        else:
            s = signers[0]
            ident = f", số định danh cá nhân {s.id_number}" if s.id_type == "cccd" else (
                f", số CMND {s.id_number}" if s.id_number else "")  # fmt: skip
            phone = f", điện thoại {s.phone}" if s.phone else ""
            lines.append(f"Tôi tên là {s.full_name}, sinh năm {s.birth_year}{ident}, địa chỉ: {s.address}{phone}.")
        if letter.original is not None:
            lines.append(f"Ngày {letter.original.petition.received_on:%d/%m/%Y} tôi đã gửi đơn về việc này nhưng "
                         "đến nay chưa được giải quyết thỏa đáng.")  # fmt: skip
        lines.append(letter.body)
        lines.append(r.choice(data.REQUESTS[p.type]).format(ubnd=home.ubnd))
        lines.append("Tôi xin cam đoan những nội dung trình bày trên là đúng sự thật.")
        return "\n".join(lines)

    # -- classification, outcome, dates
    def _lifecycle(self, letter: Letter, place: Place, field_obj: SubjectField, repeat_kind: str) -> None:
        r, p, dl = self.rng, letter.petition, self.deadlines
        day = p.received_on
        p.assignee = self._handler(place, day)
        p.created_by = p.assignee
        rule = petition_rules.processing_rule(p.type)
        flags = tuple(petition_rules.processing_flags(petition_type=p.type, multi_site=p.multi_site))
        p.due_rule = rule
        p.due_on, rule_version = dl.due(rule, day, flags)
        length = dl.length(rule, day, flags)
        elapsed = dl.elapsed(day, self.now)
        if elapsed >= 3 * length:
            p_done = 0.995
        elif elapsed >= length:
            p_done = 0.93
        else:
            p_done = 0.05 + 0.85 * elapsed / length
        created = self.moment(day)
        p.created_at = created
        p.updated_at = created
        registered = (f"Vào sổ đơn {TYPE_LABELS[p.type].lower()} ({CHANNEL_LABELS[p.channel].lower()}), "
                      f"hạn xử lý {p.due_on:%d/%m/%Y}")  # fmt: skip
        letter.events.append(("register", registered, created))
        if r.random() >= p_done:
            # Still open: classified already or waiting; its processing limit runs.
            p.duplicate_status = DuplicateStatus.UNCHECKED
            if r.random() < min(0.85, elapsed / length + 0.1):
                self._classify(letter, place, field_obj, within=r.random() < 0.6)
            elif r.random() < 0.4:
                p.subject_field = field_obj
            letter.deadline = make(TrackedDeadline,
                object_id="", rule_code=rule, rule_id=rule_version, trigger_on=day, flags=list(flags), due_on=p.due_on,
                unit=place.unit, assignee=p.assignee, created_at=created,
            )  # fmt: skip
            return
        # Processed: the outcome day, mostly within the limit, sometimes late.
        roll = r.random()
        k = r.randint(1, length) if roll < 0.85 else length + (r.randint(1, 10) if roll < 0.97 else r.randint(11, 40))
        on = min(dl.add_working(day, k), self.now)
        at = self.moment(on, start_hour=8)
        if at < created:
            at = created + dt.timedelta(minutes=r.randint(5, 90))
        original = letter.original
        if repeat_kind == DuplicateStatus.DUPLICATE and original is not None:
            p.subject_field = field_obj
            self._decide_duplicate(letter, repeat_kind, at)
            self._outcome(letter, place, Outcome.ARCHIVE, on, at, ground=ArchiveReason.DUPLICATE)
            return
        if p.is_anonymous:
            outcome = Outcome.ARCHIVE if r.random() < 0.7 else Outcome.TRANSFER
        else:
            outcome = _pick(r, self.outcomes[p.type])
            if outcome == Outcome.URGE and not place.children:
                outcome = Outcome.TRANSFER
        if outcome == Outcome.ARCHIVE:
            if r.random() < 0.5:
                self._classify(letter, place, field_obj, within=True, at=at)
        else:
            within = outcome in (Outcome.PROPOSE_ACCEPTANCE, Outcome.REJECT_ACCEPTANCE)
            self._classify(letter, place, field_obj, within=within, at=at, outcome=outcome)
        if repeat_kind == DuplicateStatus.LINKED and original is not None:
            self._decide_duplicate(letter, repeat_kind, at)
        ground = ""
        if outcome == Outcome.ARCHIVE:
            ground = ArchiveReason.ANONYMOUS if p.is_anonymous else r.choice(
                [ArchiveReason.NO_NEW_FACTS, ArchiveReason.NO_NEW_FACTS, ArchiveReason.ALREADY_GUIDED])  # fmt: skip
        elif outcome == Outcome.REJECT_ACCEPTANCE:
            ground = p.outcome_ground
        self._outcome(letter, place, outcome, on, at, ground=ground)

    def _handler(self, place: Place, day: dt.date) -> User | None:
        for user, start, end in place.handlers:
            if start <= day and (end is None or day <= end):
                return user
        return None

    def _classify(
        self, letter: Letter, place: Place, field_obj: SubjectField, *, within: bool, at: dt.datetime | None = None,
        outcome: str = "",
    ) -> None:  # fmt: skip
        r, p = self.rng, letter.petition
        p.status = PetitionStatus.CLASSIFIED
        p.subject_field = field_obj
        p.within_competence = within
        failures: list[str] = ["named"] if p.is_anonymous else []
        if outcome == Outcome.REJECT_ACCEPTANCE:
            ground = _pick(r, self.grounds)
            p.outcome_ground = ground
            if ground == "art11.5":
                p.signature_present = False
                failures.append("signed")
            elif ground == "art11.7":
                p.resolution_status = ResolutionStatus.SECOND_ROUND_DONE
                failures.append("not_processed")
            elif ground == "art11.9":
                p.resolution_status = ResolutionStatus.COURT
        elif outcome in ("", Outcome.ARCHIVE) and not p.is_anonymous and r.random() < 0.08:
            failures.append(r.choice(["clear", "dated", "signed"]))
        elif p.type == PetitionType.COMPLAINT and r.random() < 0.12:
            p.resolution_status = ResolutionStatus.FIRST_ROUND_DONE
        p.eligibility_failures = sorted(set(failures))
        p.eligible = not p.eligibility_failures
        if within:
            p.competent_unit = place.unit
        else:
            p.competent_body_name = self._elsewhere(p, place, letter.home, outcome)
        if at is None:
            at = min(p.created_at + dt.timedelta(hours=r.randint(2, 70)), self.now_moment)
        failed = "; ".join(petition_rules.ELIGIBILITY_CONDITIONS[c] for c in p.eligibility_failures)
        message = f"Phân loại: {TYPE_LABELS[p.type].lower()}, lĩnh vực {field_obj.name}, " + (
            "đủ điều kiện xử lý" if p.eligible else f"chưa đủ điều kiện ({failed})"
        ) + (", thuộc thẩm quyền" if within else ", không thuộc thẩm quyền")  # fmt: skip
        letter.events.append(("classify", message, at))

    def _elsewhere(self, p: Petition, place: Place, home: Place, outcome: str) -> str:
        r = self.rng
        where = home.lower
        hanoi = place.province == "Hà Nội"
        province = "thành phố Hà Nội" if hanoi else "tỉnh Lào Cai"
        before_reform = p.received_on < dt.date(2025, 7, 1)
        if outcome == Outcome.TRANSFER_PARTY:
            return f"Ủy ban Kiểm tra Đảng ủy {where}"
        if outcome == Outcome.URGE:
            child = r.choice(self.world.homes_on(place, p.received_on))
            return f"UBND {child.lower}"
        # The provincial department of natural resources merged into agriculture and environment on 1 Mar 2025.
        environment = "Sở Tài nguyên và Môi trường" if p.received_on < dt.date(2025, 3, 1) else (
            "Sở Nông nghiệp và Môi trường")  # fmt: skip
        district = _lower_first(home.area) if before_reform and hanoi else ""
        code = p.subject_field.code if p.subject_field else ""
        superior = f"Chủ tịch UBND {district}" if district else f"Chủ tịch UBND {province}"
        if code in ("KN.TP", "TC.TP"):
            options = [
                f"Chi cục Thi hành án dân sự {district}" if district else f"Thi hành án dân sự {province}",
                f"Tòa án nhân dân {district}" if district else f"Tòa án nhân dân khu vực ({province})",
            ]
        elif code.startswith(("KN.HC.DD", "TC.HC.DD", "KNPA.DD")):
            options = [superior, f"{environment} {province}", f"Sở Xây dựng {province}"]
        elif code in ("KN.DANG", "TC.DANG"):
            options = [f"Ủy ban Kiểm tra Đảng ủy {where}"]
        elif code == "TC.TN":
            options = [f"Cơ quan Cảnh sát điều tra Công an {province}", f"Thanh tra {province}"]
        elif code in ("TC.HC.CC", "TC.HC.CS", "KN.HC.CS", "KN.HC.K", "KNPA.HC", "KNPA.CS"):
            options = [superior, f"Thanh tra {province}", f"Sở Nội vụ {province}"]
        elif code == "KNPA.MT":
            options = (["Công ty TNHH MTV Nước sạch Hà Nội", "Công ty TNHH MTV Môi trường đô thị Hà Nội",
                        "Tổng công ty Điện lực thành phố Hà Nội"] if hanoi else
                       ["Công ty cổ phần Cấp nước Lào Cai", "Công ty Điện lực Lào Cai"]) + [
                f"{environment} {province}"]  # fmt: skip
        else:
            options = [f"Công an {where}", superior]
        return r.choice(options)

    def _decide_duplicate(self, letter: Letter, decision: str, at: dt.datetime) -> None:
        p, original = letter.petition, letter.original
        assert original is not None and original.petition.case is not None
        case = original.petition.case
        p.case = case
        p.duplicate_status = decision
        if decision == DuplicateStatus.DUPLICATE:
            p.duplicate_of = original.petition
            message = f"Đánh dấu trùng với đơn {original.petition.code} (vụ việc {case.code})"
        else:
            message = f"Liên kết với vụ việc {case.code} (đơn {original.petition.code})"
        letter.events.append(("duplicate", message, at))

    def _outcome(
        self, letter: Letter, place: Place, outcome: str, on: dt.date, at: dt.datetime, *, ground: str
    ) -> None:
        r, p = self.rng, letter.petition
        p.status = PetitionStatus.PROCESSED
        p.outcome = outcome
        p.outcome_on = on
        p.outcome_ground = ground
        p.updated_at = at
        if p.case is None:
            p.case = letter.new_case = self._new_case(p, at)
            p.duplicate_status = DuplicateStatus.NEW
        target = p.competent_body_name
        if outcome == Outcome.PROPOSE_ACCEPTANCE:
            p.outcome_note = data.PROPOSALS[p.type]
            message = "Đề xuất thụ lý (Phiếu đề xuất thụ lý đơn)"
            follow = petition_rules.acceptance_rule(p.type)
            if follow:
                p.follow_up_rule = follow
                p.follow_up_due_on = self.deadlines.due(follow, p.received_on)[0]
        elif outcome == Outcome.REJECT_ACCEPTANCE:
            info = petition_rules.COMPLAINT_REJECTION_GROUNDS[ground]
            message = f"Thông báo không thụ lý ({info.source} Luật Khiếu nại)"
        elif outcome == Outcome.GUIDE:
            p.outcome_note = r.choice(data.GUIDE_REASONS)
            p.outcome_target = target
            message = f"Hướng dẫn công dân gửi đơn đến {target}"
        elif outcome in (Outcome.TRANSFER, Outcome.TRANSFER_PARTY):
            p.outcome_target = target
            message = f"Chuyển đơn đến {target}"
        elif outcome == Outcome.URGE:
            report_by = on + dt.timedelta(days=r.choice([15, 20, 30]))
            p.outcome_target = target
            p.outcome_note = "Giải quyết dứt điểm và báo cáo kết quả"
            p.follow_up_rule, p.follow_up_due_on = "urge.report_by", report_by
            message = f"Đôn đốc {target}, hạn báo cáo {report_by:%d/%m/%Y}"
        else:
            p.outcome_note = data.ARCHIVE_NOTES.get(ground, "")
            message = f"Lưu đơn: {ARCHIVE_LABELS[ground]}"
        letter.events.append((f"outcome.{outcome}", message, at))
        if outcome == Outcome.PROPOSE_ACCEPTANCE and letter.new_case is not None:
            self._resolve_case(letter, on)
        if letter.original is None and p.case is not None and letter.new_case is not None:
            heapq.heappush(self.pending[place.unit.pk], (on.toordinal(), next(self.sequence), letter))

    def _resolve_case(self, letter: Letter, proposed_on: dt.date) -> None:
        """Walk a new case from the proposal to where it stands `now` (DOMAIN §1–§2): acceptance or refusal,
        verification, the decision or conclusion with its result and figures (money, land, people), sending,
        effect, enforcement or handling, closure; some complaints withdrawn. The resolution limit is tracked
        (closed by the decision), so reports see on-time and overdue cases."""
        r, dl, now = self.rng, self.deadlines, self.now
        case = letter.new_case
        assert case is not None
        events = letter.case_events

        def step(action: str, on: dt.date, to: str) -> None:
            events.append((action, on, case.state, to))
            case.state = to

        case.state = ""
        step("propose", proposed_on, "pending_acceptance")
        accepted = dl.add_working(proposed_on, r.randint(1, 7))
        if accepted > now:
            return
        if case.type != "rec_feedback" and r.random() < 0.07:
            step("refuse", accepted, "refused")
            return
        case.accepted_on = accepted
        step("accept", accepted, "accepted")
        if case.type == "rec_feedback":
            answered = accepted + dt.timedelta(days=r.randint(5, 40))
            if answered <= now:
                step("consider", answered - dt.timedelta(days=2), "considered")
                step("answer", answered, "answered")
                if answered + dt.timedelta(days=10) <= now:
                    step("close", answered + dt.timedelta(days=10), "closed")
            return
        complex_ = r.random() < 0.12
        if complex_:
            case.complexity_criteria = ["many_people"]
        code = "complaint.first.resolve" if case.type == "complaint" else "denunciation.resolve"
        flags: tuple[str, ...] = ("complex",) if complex_ and case.type == "complaint" else ()
        due, version = dl.due(code, accepted, flags)
        length = (due - accepted).days
        roll = r.random()
        days = r.randint(max(5, length // 3), length) if roll < 0.82 else length + r.randint(1, 35)
        issued = accepted + dt.timedelta(days=days)
        deadline = make(TrackedDeadline,
            object_id="", rule_code=code, rule_id=version, trigger_on=accepted, flags=list(flags), due_on=due,
            unit=case.unit, assignee=case.created_by, created_at=self.moment(accepted),
        )  # fmt: skip
        letter.case_deadline = deadline
        verify_on = min(accepted + dt.timedelta(days=r.randint(1, 5)), now)
        step("start_verification", verify_on, "verification")
        if case.type == "complaint" and r.random() < 0.06:
            withdrawn = accepted + dt.timedelta(days=r.randint(3, max(4, length)))
            if withdrawn <= now:
                step("withdraw", withdrawn, "terminated")
                deadline.closed_on = withdrawn
                return
        if issued > now:
            case.due_on = due
            return
        if case.type == "complaint":
            if r.random() < 0.6:
                step("hold_dialogue", max(verify_on, issued - dt.timedelta(days=3)), "dialogue")
            result = _pick(r, self.results["complaint"])
            step("issue_decision", issued, "decided")
            later = [("send_decision", 3, "decision_sent"), ("become_effective", 33, "effective"),
                     ("start_enforcement", 38, "enforcement"),
                     ("close", 38 + r.randint(15, 120), "closed")]  # fmt: skip
        else:
            result = _pick(r, self.results["denunciation"])
            step("conclude", issued, "concluded")
            later = [("send_conclusion", 3, "conclusion_sent"), ("handle_conclusion", 8, "handling"),
                     ("publish", 12, "published"), ("close", 12 + r.randint(15, 120), "closed")]  # fmt: skip
        deadline.closed_on = issued
        positive = result in ("right", "partly_right")
        figures: dict[str, Any] = {}
        if positive and r.random() < 0.35:
            figures["money_to_state"] = Decimal(r.randint(10, 2000) * 1_000_000)
        if positive and r.random() < 0.15:
            figures["land_to_state_m2"] = Decimal(r.randint(200, 50_000)) / 10
        if positive and case.type == "complaint" and r.random() < 0.4:
            figures["money_to_citizens"] = Decimal(r.randint(5, 800) * 1_000_000)
            figures["people_benefited"] = r.randint(1, 6)
        if positive and case.type == "complaint" and r.random() < 0.15:
            figures["land_to_citizens_m2"] = Decimal(r.randint(100, 20_000)) / 10
        if positive and r.random() < 0.5:
            recommended = r.randint(1, 4)
            figures["people_recommended_sanction"] = recommended
            figures["people_sanctioned"] = r.randint(0, recommended) if issued + dt.timedelta(days=60) <= now else 0
        if positive and r.random() < 0.03:
            figures["transferred_to_investigators"] = 1
            figures["people_transferred_to_investigators"] = r.randint(1, 3)
        n = self.decision_numbers[case.unit_id] = self.decision_numbers.get(case.unit_id, 0) + 1
        letter.case_decision = make(CaseDecision,
            number=f"{n}/{'QĐ' if case.type == 'complaint' else 'KL'}-{case.unit.code}", issued_on=issued,
            signer="", result=result, summary=data.DECISION_SUMMARIES[result], created_by=case.created_by,
            created_at=self.moment(issued), **figures,
        )  # fmt: skip
        for action, after, to in later:
            on = issued + dt.timedelta(days=after)
            if on > now:
                break
            step(action, on, to)

    def _new_case(self, p: Petition, at: dt.datetime) -> Case:
        key = (p.unit.pk, p.received_on.year)
        n = self.case_numbers.get(key, 0) + 1
        code = f"VV-{p.unit.code}-{p.received_on.year}-{n:05d}"
        while code in self.case_codes:
            n += 1
            code = f"VV-{p.unit.code}-{p.received_on.year}-{n:05d}"
        self.case_numbers[key] = n
        title = p.summary[:500]
        return make(Case, code=code, unit=p.unit, type=p.type, title=title, title_folded=fast_fold(title),
                    subject_field=p.subject_field, opened_on=p.received_on, created_by=p.assignee,
                    created_at=at)  # fmt: skip


# --- Writing ------------------------------------------------------------------------------------------


class Maker:
    """Builds unsaved model instances several times faster than `Model(**kwargs)`, which the generator calls
    millions of times: defaults are computed once, related objects go to the instance's field cache exactly
    as the FK descriptor would put them (bulk_create takes their ids once they are saved). No model of these
    has `pre_init`/`post_init` receivers, which this skips."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.defaults: dict[str, Any] = {}
        self.callables: list[Any] = []
        self.relations: dict[str, str] = {}
        for f in model._meta.concrete_fields:
            if f.has_default() and callable(f.default):
                self.callables.append(f)
            else:
                self.defaults[f.attname] = f.get_default()
            if f.is_relation:
                self.relations[f.name] = f.attname

    def __call__(self, **values: Any) -> Any:
        obj = self.model.__new__(self.model)
        d = obj.__dict__
        d.update(self.defaults)
        for f in self.callables:
            d[f.attname] = f.get_default()
        state = ModelState()
        cache = state.fields_cache
        for name, value in values.items():
            attname = self.relations.get(name)
            if attname is None:
                d[name] = value
            elif value is None:
                d[attname] = None
            else:
                d[attname] = value.pk
                cache[name] = value
        d["_state"] = state
        return obj


_MAKERS: dict[type[models.Model], Maker] = {}


def make(model: type[M], **values: Any) -> M:
    maker = _MAKERS.get(model)
    if maker is None:
        maker = _MAKERS[model] = Maker(model)
    return cast(M, maker(**values))


AUTO_FIELDS = [
    (Petition, "created_at"), (Petition, "updated_at"), (Person, "created_at"), (Person, "updated_at"),
    (ProtectedIdentity, "created_at"), (Case, "created_at"), (TrackedDeadline, "created_at"),
    (PetitionEvent, "at"), (IdentityGrant, "created_at"), (CaseEvent, "at"), (CaseDecision, "created_at"),
]  # fmt: skip


@contextmanager
def historical_timestamps() -> Iterator[None]:
    """Let bulk_create store the historical times we set (receipt, outcome) instead of "now"."""
    saved = []
    for model, name in AUTO_FIELDS:
        f: Any = model._meta.get_field(name)
        saved.append((f, f.auto_now, f.auto_now_add))
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


class Writer:
    """Writes one batch of letters in one transaction, in dependency order, with bulk inserts."""

    def __init__(self, result: GenerateResult) -> None:
        self.result = result
        self.content_type = ContentType.objects.get_for_model(Petition)
        self.timings: dict[str, float] = defaultdict(float)

    def _timed(self, name: str, fn: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        value = fn()
        self.timings[name] += time.perf_counter() - start
        return value

    def write(self, letters: list[Letter]) -> None:
        people: list[Person] = []
        identities: list[ProtectedIdentity] = []
        started = time.perf_counter()
        for letter in letters:
            p = letter.petition
            if p.type == PetitionType.DENUNCIATION:
                letter.identities = [self._identity(s, p) for s in letter.signers]
                identities.extend(letter.identities)
                continue
            for s in letter.signers:
                if s.person is None:  # a repeat letter reuses the registry entry of its signer
                    s.person = self._person(s, p)
                    people.append(s.person)
        self.timings["vault encryption, people"] += time.perf_counter() - started
        cases = [letter.new_case for letter in letters if letter.new_case is not None]
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    # Only this transaction's wait for the disk: a crash loses at most the last batches.
                    cursor.execute("SET LOCAL synchronous_commit = off")
            self._timed("insert people", lambda: Person.objects.bulk_create(people, batch_size=1000))
            self._timed("insert vault", lambda: ProtectedIdentity.objects.bulk_create(identities, batch_size=1000))
            self._timed("insert cases", lambda: Case.objects.bulk_create(cases, batch_size=1000))
            self._timed("insert case resolution", lambda: self._write_resolution(letters))
            started = time.perf_counter()
            for letter in letters:
                names: list[str] = []
                if letter.petition.type != PetitionType.DENUNCIATION:
                    for s in letter.signers:
                        assert s.person is not None
                        names += [s.person.full_name, s.person.id_number]
                # The same search text the registration service stores (no denouncer ever enters it).
                letter.petition.search_folded = search_text(letter.petition, names)
            self.timings["search text"] += time.perf_counter() - started
            # A repeat letter points at the letter it repeats, which may be in this batch: originals first.
            firsts = [x.petition for x in letters if x.original is None]
            repeats = [x.petition for x in letters if x.original is not None]
            self._timed("insert petitions", lambda: Petition.objects.bulk_create(firsts, batch_size=1000))
            self._timed("insert petitions", lambda: Petition.objects.bulk_create(repeats, batch_size=1000))
            signers: list[Petitioner] = []
            grants: list[IdentityGrant] = []
            deadlines: list[TrackedDeadline] = []
            events: list[PetitionEvent] = []
            for letter in letters:
                p = letter.petition
                rep = letter.representative if len(letter.signers) > 1 else -1
                for i, identity in enumerate(letter.identities):
                    signers.append(
                        make(Petitioner, petition=p, identity=identity, is_representative=i == rep, position=i)
                    )
                    if p.assignee is not None:
                        # The assigned handler may see the denouncer (as `_grant_assignee` does).
                        grants.append(make(IdentityGrant,
                            identity=identity, user=p.assignee, granted_by=None, valid_from=p.received_on,
                            reason=f"Được phân công xử lý đơn {p.code}", created_at=p.created_at,
                        ))  # fmt: skip
                if p.type != PetitionType.DENUNCIATION:
                    for i, s in enumerate(letter.signers):
                        signers.append(
                            make(Petitioner, petition=p, person=s.person, is_representative=i == rep, position=i)
                        )
                if letter.deadline is not None:
                    letter.deadline.object_id = str(p.pk)
                    letter.deadline.content_type = self.content_type
                    deadlines.append(letter.deadline)
                for kind, message, at in letter.events:
                    events.append(
                        make(PetitionEvent, petition=p, actor=p.assignee, kind=kind, message=message[:500], at=at)
                    )
            self._timed("insert petitioners", lambda: Petitioner.objects.bulk_create(signers, batch_size=2000))
            self._timed("insert grants", lambda: IdentityGrant.objects.bulk_create(grants, batch_size=2000))
            self._timed("insert deadlines", lambda: TrackedDeadline.objects.bulk_create(deadlines, batch_size=2000))
            self._timed("insert events", lambda: PetitionEvent.objects.bulk_create(events, batch_size=2000))
        for letter in letters:  # a written letter may stay in a repeat pool: keep only what a repeat reads
            letter.petition.content = letter.petition.content_enc = letter.petition.search_folded = ""
            letter.events, letter.identities, letter.deadline = [], [], None
        r = self.result
        r.petitions += len(letters)
        r.people += len(people)
        r.identities += len(identities)
        r.cases += len(cases)
        r.deadlines += len(deadlines)
        r.events += len(events)
        r.repeats += len(repeats)

    def _write_resolution(self, letters: list[Letter]) -> None:
        """The decisions, case events and resolution limits of the new cases (ids known once inserted)."""
        case_type = ContentType.objects.get_for_model(Case)
        decisions: list[CaseDecision] = []
        events: list[CaseEvent] = []
        deadlines: list[TrackedDeadline] = []
        for letter in letters:
            case = letter.new_case
            if case is None:
                continue
            for action, on, before, after in letter.case_events:
                events.append(make(CaseEvent, case=case, on=on, action=action, from_state=before, to_state=after,
                                   actor=case.created_by, at=timezone.make_aware(
                                       dt.datetime.combine(on, dt.time(9, 0)))))  # fmt: skip
            if letter.case_decision is not None:
                letter.case_decision.case_id = case.pk
                decisions.append(letter.case_decision)
            if letter.case_deadline is not None:
                letter.case_deadline.content_type = case_type
                letter.case_deadline.object_id = str(case.pk)
                deadlines.append(letter.case_deadline)
            letter.case_events, letter.case_decision, letter.case_deadline = [], None, None
        CaseDecision.objects.bulk_create(decisions, batch_size=1000)
        CaseEvent.objects.bulk_create(events, batch_size=2000)
        TrackedDeadline.objects.bulk_create(deadlines, batch_size=2000)
        self.result.decisions += len(decisions)

    def _person(self, s: PersonSpec, p: Petition) -> Person:
        home = s.home
        return make(Person,
            kind=s.kind, full_name=s.full_name, name_folded=fast_fold(s.full_name), id_type=s.id_type,
            id_number=s.id_number, date_of_birth=s.date_of_birth, address=s.address,
            address_recorded_on=p.received_on, province=home.province_unit, commune=home.unit,
            phone=s.phone, email=s.email, owner_unit=p.unit, created_by=p.assignee, created_at=p.created_at,
            updated_at=p.created_at,
        )  # fmt: skip

    def _identity(self, s: PersonSpec, p: Petition) -> ProtectedIdentity:
        """A denouncer: only encrypted values and blind indexes, never a registry row (Law 25/2018 Art 47)."""
        enc = crypto.encrypt_text
        return make(ProtectedIdentity,
            unit=p.unit, person=None, created_by=p.assignee, created_at=p.created_at,
            full_name_enc=enc(s.full_name), id_number_enc=enc(s.id_number), address_enc=enc(s.address),
            phone_enc=enc(s.phone), email_enc=enc(s.email),
            date_of_birth_enc=enc(s.date_of_birth.isoformat() if s.date_of_birth else ""),
            name_hmac=crypto.blind_index("name", fast_fold(s.full_name)),
            id_number_hmac=crypto.blind_index("id", s.id_number),
        )  # fmt: skip


# --- The run ------------------------------------------------------------------------------------------


def _day_weights(cal: lawcal_rules.WorkCalendar, first: dt.date, last: dt.date) -> tuple[list[dt.date], list[float]]:
    """Letters arrive mostly on working days (online and post also at weekends), a little more each year."""
    days, weights = [], []
    day = first
    while day <= last:
        w = 1.0 if cal.is_working(day) else (0.12 if day.weekday() == 5 else 0.04)
        days.append(day)
        weights.append(w * (1.0 + 0.12 * (day - first).days / 365))
        day += dt.timedelta(days=1)
    return days, weights


def plan(world: World, rng: random.Random, n: int, now: dt.date) -> list[tuple[dt.date, Place]]:
    """The receipt day and receiving unit of each letter, in date order."""
    cal = workcal.get_calendar()
    days, weights = _day_weights(cal, FIRST_DAY, now)
    weights = [w if world.receiving_on(d)[0] else 0.0 for d, w in zip(days, weights, strict=True)]
    if not any(weights):
        raise DomainError("Đơn vị đã chọn không tồn tại vào ngày nào trong khoảng 2023 đến nay.")
    cum = list(itertools.accumulate(weights))
    total = cum[-1]
    ordinals = sorted(bisect.bisect(cum, rng.random() * total) for _ in range(n))
    result = []
    for index in ordinals:
        day = days[min(index, len(days) - 1)]
        places, place_cum = world.receiving_on(day)
        result.append((day, places[bisect.bisect(place_cum, rng.random() * place_cum[-1])]))
    return result


@transaction.atomic
def reserve_numbers(letters: Sequence[tuple[dt.date, Place]]) -> dict[tuple[int, int], int]:
    """Take the petition numbers the run needs from each unit's `PetitionCounter` (locked rows), so that a
    registration made meanwhile continues after them. Returns the first free number per (unit, year)."""
    wanted = Counter((place.unit.pk, day.year) for day, place in letters)
    first: dict[tuple[int, int], int] = {}
    for (unit_id, year), count in sorted(wanted.items()):
        counter, _created = PetitionCounter.objects.get_or_create(unit_id=unit_id, year=year)
        counter = PetitionCounter.objects.select_for_update().get(pk=counter.pk)
        first[(unit_id, year)] = counter.last_number + 1
        counter.last_number += count
        counter.save(update_fields=["last_number"])
    return first


def _worker_count(requested: int | None, petitions: int, report: Progress) -> int:
    """Several processes only on PostgreSQL, outside a transaction (workers cannot see uncommitted rows)."""
    if requested is not None and not 1 <= requested <= 16:
        raise DomainError("Số tiến trình phải từ 1 đến 16.")
    parallel_ok = connection.vendor == "postgresql" and not connection.in_atomic_block
    if requested is None:
        return min(2, os.cpu_count() or 1) if parallel_ok and petitions >= 20_000 else 1
    if requested > 1 and not parallel_ok:
        report("Chỉ chạy song song trên PostgreSQL và ngoài giao dịch: dùng 1 tiến trình.")
        return 1
    return requested


def share_out(letters: Sequence[tuple[dt.date, Place]], workers: int) -> list[list[tuple[dt.date, Place]]]:
    """Split the letters by receiving unit (the busiest first, each to the least loaded share), keeping the
    date order: a unit's letters stay together so its sequences, pools and cases live in one process."""
    if workers == 1:
        return [list(letters)]
    per_unit = Counter(place.unit.pk for _day, place in letters)
    load = [0] * workers
    owner: dict[int, int] = {}
    for unit_id, count in sorted(per_unit.items(), key=lambda item: (-item[1], item[0])):
        target = load.index(min(load))
        owner[unit_id] = target
        load[target] += count
    shares: list[list[tuple[dt.date, Place]]] = [[] for _ in range(workers)]
    for day, place in letters:
        shares[owner[place.unit.pk]].append((day, place))
    return [share for share in shares if share]


def _run_share(
    gen: Generator, share: Sequence[tuple[dt.date, Place]], batch_size: int, result: GenerateResult,
    on_batch: Callable[[int], None],
) -> None:  # fmt: skip
    writer = Writer(result)
    with historical_timestamps():
        for start in range(0, len(share), batch_size):
            chunk = share[start : start + batch_size]
            t0 = time.perf_counter()
            letters = [gen.letter(day, place) for day, place in chunk]
            writer.timings["generate letters"] += time.perf_counter() - t0
            writer.write(letters)
            on_batch(len(chunk))
    for name, seconds in writer.timings.items():
        result.timings[name] = result.timings.get(name, 0.0) + seconds


def _child(gen: Generator, share: list[tuple[dt.date, Place]], batch_size: int, queue: Any) -> None:
    """A forked worker: its own database connection, its share of the units."""
    try:
        result = GenerateResult()
        _run_share(gen, share, batch_size, result, lambda n: queue.put(("batch", n)))
        queue.put(("done", dataclasses.asdict(result)))
    except BaseException:
        queue.put(("error", traceback.format_exc()))
    finally:
        connections.close_all()


def _run_parallel(
    gen: Generator, shares: list[list[tuple[dt.date, Place]]], batch_size: int, result: GenerateResult,
    on_batch: Callable[[int], None],
) -> None:  # fmt: skip
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    connections.close_all()  # each child opens its own connection; none may share the parent's socket
    children = [context.Process(target=_child, args=(gen, share, batch_size, queue)) for share in shares]
    for child in children:
        child.start()
    finished, errors = 0, []
    while finished < len(children):
        try:
            kind, payload = queue.get(timeout=5)
        except queue_module.Empty:
            if any(not c.is_alive() and c.exitcode not in (0, None) for c in children) and queue.empty():
                errors.append("một tiến trình con đã dừng bất thường")
                break
            continue
        if kind == "batch":
            on_batch(payload)
        elif kind == "done":
            finished += 1
            for name in ("petitions", "people", "identities", "cases", "deadlines", "events", "repeats", "decisions"):
                setattr(result, name, getattr(result, name) + payload[name])
            for name, seconds in payload["timings"].items():
                result.timings[name] = result.timings.get(name, 0.0) + seconds
        else:
            finished += 1
            errors.append(payload.strip().splitlines()[-1])
    for child in children:
        child.join(timeout=60)
    if errors:
        raise DomainError("Sinh dữ liệu song song bị lỗi (các lô đã ghi vẫn được giữ): " + "; ".join(errors))


def generate(
    *, petitions: int, unit_code: str = "", seed: int | None = None, batch_size: int = DEFAULT_BATCH,
    workers: int | None = None, progress: Progress | None = None,
) -> GenerateResult:  # fmt: skip
    """Add `petitions` generated petitions (see the module docstring). Raises DomainError on bad input.

    `workers` processes write disjoint sets of units (PostgreSQL only; default 2 for large runs). The data
    do not depend on the number of workers: every unit has its own random stream.
    """
    if not 1 <= petitions <= MAX_PETITIONS:
        raise DomainError(f"Số đơn cần sinh phải từ 1 đến {MAX_PETITIONS:,}.".replace(",", "."))
    if batch_size < 1:
        raise DomainError("Kích thước lô phải là số dương.")
    report = progress or (lambda _msg: None)
    began = time.perf_counter()
    world = World(unit_code)
    workers = _worker_count(workers, petitions, report)
    seed = seed if seed is not None else secrets.randbelow(10**9)
    seed_key = f"tiepdan-demo:{seed}:{Petition.objects.count()}"
    now = today()
    letters_plan = plan(world, random.Random(seed_key), petitions, now)
    numbers = reserve_numbers(letters_plan)
    gen = Generator(world, seed_key, numbers, now)
    result = GenerateResult(seed=seed, workers=workers)
    done = 0

    def on_batch(count: int) -> None:
        nonlocal done
        done += count
        rate = done / (time.perf_counter() - began)
        report(f"Đã sinh {done:,}/{petitions:,} đơn ({rate:,.0f} đơn/giây)…".replace(",", "."))

    shares = share_out(letters_plan, workers)
    if len(shares) == 1:
        _run_share(gen, shares[0], batch_size, result, on_batch)
    else:
        _run_parallel(gen, shares, batch_size, result, on_batch)
    # The near-duplicate index (MinHash bands) of the new petitions, as registration writes it.
    from tiepdan.petitions.duplicates import rebuild_index

    report("Lập chỉ mục đơn trùng cho các đơn mới…")
    rebuild_index(missing_only=True)
    result.seconds = time.perf_counter() - began
    with transaction.atomic():
        record_event(
            actor=world.admin,
            action="demo.generate",
            object_type="petitions.petition",
            changes={
                "petitions": [None, result.petitions],
                "cases": [None, result.cases],
                "people": [None, result.people],
                "identities": [None, result.identities],
            },
            reason=f"Sinh dữ liệu mẫu (seed {seed}{', đơn vị ' + unit_code if unit_code else ''})",
        )
    return result
