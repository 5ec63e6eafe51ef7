"""The resolution documents of a case, numbered, from the editable templates "case.*" (documents.specs).

Acceptance decision and notices, extension, suspension, termination and resumption decisions, dialogue
minutes, first- and second-round complaint decisions (Luật Khiếu nại Điều 31, 40), the denunciation
conclusion (Luật Tố cáo Điều 35) and the notice of its result. `generate_case_document` fills the template
variables from the case; the caller adds what only a person can write (verification result, conclusion…).

The denouncer's identity (Điều 47 Luật Tố cáo 2018):
- only the notices addressed to the denouncer name them (`ADDRESSED_TO_DENOUNCER`); they are produced only
  by users who may see every denouncer of the case (`people.selectors.can_see_identity`), the identity is
  read through `people.services.reveal_identity` (audited) and the document is marked
  `contains_denouncer_identity`, so only the roles the law allows can open it;
- no other template has a variable for the denouncer, and before any other document of a denunciation is
  rendered its text is compared with the names and ID numbers of the denouncers the actor knows (by the
  vault's blind index, nothing is decrypted): a match refuses the document. Users who do not know the
  identity are not checked, so the check cannot be used to guess who denounced.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet

from tiepdan.core.errors import DomainError
from tiepdan.core.models import User
from tiepdan.core.text import fold, nfc
from tiepdan.documents import services as document_services
from tiepdan.documents.models import GeneratedDocument
from tiepdan.documents.specs import AUTOMATIC_VARIABLES, DENOUNCER_HIDDEN, TEMPLATE_SPECS
from tiepdan.lawcal import rules as lawcal_rules
from tiepdan.lawcal import workcal
from tiepdan.lawcal.models import TrackedDeadline
from tiepdan.orgs.models import OrgUnit
from tiepdan.orgs.selectors import today
from tiepdan.people import crypto
from tiepdan.people import services as people_services
from tiepdan.people.models import ProtectedIdentity
from tiepdan.people.rules import normalize_id_number
from tiepdan.people.selectors import can_see_identity
from tiepdan.petitions.models import Petition, Petitioner
from tiepdan.petitions.services import Signer, default_signer, document_symbol, head_title

from . import rules
from .models import Case
from .services import require_actor

THU_LY = "case.quyet_dinh_thu_ly"
TB_THU_LY = "case.thong_bao_thu_ly"
TB_BI_TO_CAO = "case.thong_bao_nguoi_bi_to_cao"
GIA_HAN = "case.quyet_dinh_gia_han"
TAM_DINH_CHI = "case.quyet_dinh_tam_dinh_chi"
DINH_CHI = "case.quyet_dinh_dinh_chi"
TIEP_TUC = "case.quyet_dinh_tiep_tuc"
BIEN_BAN = "case.bien_ban_doi_thoai"
LAN_DAU = "case.quyet_dinh_giai_quyet_lan_dau"
LAN_HAI = "case.quyet_dinh_giai_quyet_lan_hai"
KET_LUAN = "case.ket_luan_to_cao"
TB_KET_QUA = "case.thong_bao_ket_qua_to_cao"

# Which templates a case offers, by type and state. A document is usually issued just before the step it
# grounds is recorded (the extension decision's number goes into `services.extend`) and may be produced
# again right after it, so both states offer it. Complaint decisions are further limited by round.
CASE_DOCUMENTS: dict[str, dict[str, tuple[str, ...]]] = {
    rules.COMPLAINT: {
        "pending_acceptance": (THU_LY, TB_THU_LY),
        "accepted": (THU_LY, TB_THU_LY, TAM_DINH_CHI, DINH_CHI),
        "verification": (TB_THU_LY, BIEN_BAN, LAN_DAU, LAN_HAI, TAM_DINH_CHI, DINH_CHI),
        "dialogue": (BIEN_BAN, LAN_DAU, LAN_HAI, TAM_DINH_CHI, DINH_CHI),
        "decided": (LAN_DAU, LAN_HAI),
        "decision_sent": (LAN_DAU, LAN_HAI),
        "suspended": (TAM_DINH_CHI, TIEP_TUC),
        "terminated": (DINH_CHI,),
    },
    rules.DENUNCIATION: {
        "pending_acceptance": (THU_LY,),
        "accepted": (THU_LY, TB_THU_LY, TB_BI_TO_CAO, GIA_HAN, TAM_DINH_CHI, DINH_CHI),
        "verification": (TB_THU_LY, TB_BI_TO_CAO, GIA_HAN, KET_LUAN, TAM_DINH_CHI, DINH_CHI),
        "suspended": (TAM_DINH_CHI, TIEP_TUC),
        "concluded": (KET_LUAN, TB_KET_QUA),
        "conclusion_sent": (KET_LUAN, TB_KET_QUA),
        "handling": (KET_LUAN, TB_KET_QUA),
        "published": (KET_LUAN, TB_KET_QUA),
        "terminated": (DINH_CHI,),
        "further_review": (THU_LY,),
    },
    # Recommendations and feedback are answered by letter; the law sets no resolution documents for them.
    rules.REC_FEEDBACK: {},
}
ROUND_ONLY = {LAN_DAU: 1, LAN_HAI: 2}

# Documents addressed to the denouncer (of a denunciation): the only ones that carry the identity.
ADDRESSED_TO_DENOUNCER = frozenset({TB_THU_LY, TB_KET_QUA})

# Context values that are lists (one paragraph per element); a string is split into lines.
LIST_VARIABLES = frozenset({"can_cu_ban_hanh", "thanh_phan", "noi_nhan"})

DECISIONS = frozenset({THU_LY, GIA_HAN, TAM_DINH_CHI, DINH_CHI, TIEP_TUC, LAN_DAU, LAN_HAI})
RECIPIENTS_DECISION = ["Như Điều cuối;", "Các bên có liên quan;", "Lưu: VT, hồ sơ vụ việc."]
RECIPIENTS_CONCLUSION = ["Người bị tố cáo;", "Cơ quan, tổ chức quản lý người bị tố cáo;", "Lưu: VT, hồ sơ vụ việc."]
RECIPIENTS_NOTICE = ["Như trên;", "Lưu: VT, hồ sơ vụ việc."]

# Words the documents use for the recorded result (DecisionResult): Luật Khiếu nại Điều 40; Luật Tố cáo Điều 35.
RESULT_WORDS = {
    "right": "đúng",
    "partly_right": "đúng một phần",
    "wrong": "sai",
    "untrue": "sai sự thật",
    "knowingly_false": "sai sự thật (người tố cáo cố ý tố cáo sai sự thật)",
}
FIRST_ROUND_WORDS = {
    "upheld": "Công nhận quyết định giải quyết khiếu nại lần đầu",
    "partly": "Công nhận một phần, sửa đổi một phần quyết định giải quyết khiếu nại lần đầu",
    "overturned": "Hủy bỏ, sửa đổi quyết định giải quyết khiếu nại lần đầu",
}
NO_DIALOGUE = (
    "Không tổ chức đối thoại vì yêu cầu của người khiếu nại và kết quả xác minh không có nội dung khác nhau "
    "(Điều 30 Luật Khiếu nại)."
)
VERIFIER_FALLBACK = "công chức được phân công xác minh"

# The amending law and decrees apply to cases accepted (or received) from this day (DOMAIN §0).
REFORM_2026 = dt.date(2026, 7, 1)


def legal_grounds(case_type: str, on: dt.date) -> list[str]:
    """The "Căn cứ …" lines of a decision, by the law in force on `on` (the acceptance or receipt date).

    The titles of Luật 136/2025/QH15 and Nghị định 155/2026, 156/2026 are not yet checked against the
    official text: every line stays editable through `context["can_cu_ban_hanh"]`.
    """
    reform = on >= REFORM_2026
    amending_law = (
        "Căn cứ Luật số 136/2025/QH15 sửa đổi, bổ sung một số điều của Luật Tiếp công dân, Luật Khiếu nại và "
        "Luật Tố cáo;"
    )
    if case_type == rules.COMPLAINT:
        decree = (
            "Căn cứ Nghị định số 124/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính phủ quy định chi tiết một số "
            "điều và biện pháp thi hành Luật Khiếu nại"
        )
        return [
            "Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011;",
            *([amending_law] if reform else []),
            decree + (", được sửa đổi, bổ sung bởi Nghị định số 155/2026/NĐ-CP;" if reform else ";"),
        ]
    if case_type == rules.DENUNCIATION:
        decree = (
            "Căn cứ Nghị định số 31/2019/NĐ-CP ngày 10 tháng 4 năm 2019 của Chính phủ quy định chi tiết một số "
            "điều và biện pháp tổ chức thi hành Luật Tố cáo"
        )
        return [
            "Căn cứ Luật Tố cáo ngày 12 tháng 6 năm 2018;",
            *([amending_law] if reform else []),
            decree + (", được sửa đổi, bổ sung bởi Nghị định số 156/2026/NĐ-CP;" if reform else ";"),
        ]
    return []


def offered_templates(case: Case) -> list[str]:
    """The template codes the case offers in its current type, state and round."""
    codes = list(CASE_DOCUMENTS.get(case.type, {}).get(case.state, ()))
    # The resumption decision is issued as the case goes back to the state it was suspended in.
    if case.state in rules.SUSPENDABLE.get(case.type, frozenset()) and case.events.filter(action="resume").exists():
        codes.append(TIEP_TUC)
    return [code for code in codes if ROUND_ONLY.get(code, case.round) == case.round]


# The document each step needs, issued with the step (DOMAIN §1, §2): the page offers it on the step's form,
# ticked, and the step and its documents are written together or not at all.
STEP_DOCUMENTS: dict[tuple[str, str], tuple[str, ...]] = {
    (rules.COMPLAINT, "accept"): (THU_LY, TB_THU_LY),
    (rules.DENUNCIATION, "accept"): (THU_LY, TB_THU_LY, TB_BI_TO_CAO),
    (rules.DENUNCIATION, "accept_further"): (THU_LY,),
    (rules.COMPLAINT, "suspend"): (TAM_DINH_CHI,),
    (rules.DENUNCIATION, "suspend"): (TAM_DINH_CHI,),
    (rules.COMPLAINT, "resume"): (TIEP_TUC,),
    (rules.DENUNCIATION, "resume"): (TIEP_TUC,),
    (rules.DENUNCIATION, "extend"): (GIA_HAN,),
    (rules.COMPLAINT, "withdraw"): (DINH_CHI,),
    (rules.DENUNCIATION, "terminate"): (DINH_CHI,),
    (rules.COMPLAINT, "hold_dialogue"): (BIEN_BAN,),
    (rules.COMPLAINT, "issue_decision"): (LAN_DAU, LAN_HAI),
    (rules.DENUNCIATION, "conclude"): (KET_LUAN,),
    (rules.DENUNCIATION, "send_conclusion"): (TB_KET_QUA,),
}
# Issued before the step because the step records its number (the extension decision).
BEFORE_STEP = frozenset({GIA_HAN})

# What only a person can write in each step's document (the case fills the rest).
ASKED: dict[str, tuple[str, ...]] = {
    TAM_DINH_CHI: ("trach_nhiem",),
    DINH_CHI: ("trach_nhiem",),
    BIEN_BAN: ("thoi_gian", "ket_qua_doi_thoai"),
    LAN_DAU: ("ket_qua_xac_minh", "can_cu_phap_luat", "xu_ly", "boi_thuong"),
    LAN_HAI: ("ket_qua_xac_minh", "can_cu_phap_luat", "xu_ly", "boi_thuong"),
    KET_LUAN: ("ket_qua_xac_minh", "can_cu_phap_luat", "trach_nhiem", "bien_phap_xu_ly"),
}


def assigned_handler_may_open(user: User, document: Any) -> bool:
    """documents.IDENTITY_READERS: a case document naming the denouncer (a notice addressed to them) may be
    opened by the handler assigned to the case's letters who holds the grant on every denouncer of the case."""
    if document.content_type is None or document.content_type.model_class() is not Case:
        return False
    case = Case.objects.filter(pk=document.object_id).first()
    if case is None or not case.petitions.filter(assignee=user).exists():
        return False
    return may_write_to_denouncer(user, case)


def may_write_to_denouncer(actor: User, case: Case) -> bool:
    identities = _denouncer_identities(case)
    return bool(identities) and all(can_see_identity(actor, identity) for identity in identities)


def step_documents(actor: User, case: Case, action: str) -> list[dict[str, Any]]:
    """The documents offered on the form of `action`: code, name, the variables asked with their defaults.
    A notice to the denouncer is offered only to those who may see the denouncer (and never for an
    anonymous letter)."""
    offered = []
    for code in STEP_DOCUMENTS.get((case.type, action), ()):
        if ROUND_ONLY.get(code, case.round) != case.round:
            continue
        if (
            case.type == rules.DENUNCIATION
            and code in ADDRESSED_TO_DENOUNCER
            and not may_write_to_denouncer(actor, case)
        ):
            continue
        spec = TEMPLATE_SPECS[code]
        defaults = _asked_defaults(case, code)
        labels = spec.all_variables()
        asked = [{"name": var, "label": labels[var], "value": defaults.get(var, "")} for var in ASKED.get(code, ())]
        offered.append({"code": code, "name": spec.name, "asked": asked})
    return offered


def _asked_defaults(case: Case, code: str) -> dict[str, str]:
    values: dict[str, str] = {}
    verification = getattr(case, "verification", None)
    if verification is not None and verification.report:
        values["ket_qua_xac_minh"] = verification.report
    dialogue = case.dialogues.order_by("-scheduled_on", "-pk").first()
    if dialogue is not None:
        values["thoi_gian"] = f"08 giờ 00 ngày {_date(dialogue.held_on or dialogue.scheduled_on)}"
    if code == LAN_DAU and case.round == 1 and not case.request_differs and dialogue is None:
        values["ket_qua_doi_thoai"] = NO_DIALOGUE
    if code in (LAN_DAU, LAN_HAI):
        values["boi_thuong"] = "Không"
    return values


def _dialogue_context(case: Case, code: str) -> dict[str, Any]:
    """Dialogue minutes and the decisions that cite them, from the dialogue actually held."""
    dialogue = case.dialogues.filter(held_on__isnull=False).order_by("-held_on", "-pk").first()
    if dialogue is None:
        return {}
    ctx: dict[str, Any] = {}
    if code == BIEN_BAN:
        ctx["dia_diem"] = dialogue.venue
        ctx["noi_dung_doi_thoai"] = dialogue.minutes
        if dialogue.refused_to_sign:
            ctx["nguoi_khong_ky"] = "; ".join(dialogue.refused_to_sign)
        if dialogue.complainant_absent:
            ctx["noi_dung_doi_thoai"] = "Người khiếu nại vắng mặt không có lý do chính đáng. " + dialogue.minutes
    return ctx


DECISION_DOCUMENTS = frozenset({LAN_DAU, LAN_HAI, KET_LUAN})
PENDING_NUMBER = "(số của văn bản lập cùng bước)"


def adopt_number(case: Case, made: list[GeneratedDocument]) -> None:
    """A decision or conclusion recorded without a number takes the number of its generated document, so the
    case and the document show one number."""
    from .models import CaseDecision

    document = next((d for d in made if d.template_code in DECISION_DOCUMENTS), None)
    if document is None:
        return
    updated = CaseDecision.objects.filter(case=case, number=PENDING_NUMBER).update(number=document.number_string)
    if updated:
        case.events.filter(action__in=("issue_decision", "conclude"), note=PENDING_NUMBER).update(
            note=document.number_string
        )


@transaction.atomic
def generate_for_step(
    *,
    actor: User,
    case: Case,
    action: str,
    codes: list[str],
    values: dict[str, str],
    on: dt.date,
    before: bool,
    criteria: list[str] | None = None,
) -> list[GeneratedDocument]:
    """Generate the ticked documents of a step (those issued before it when `before`, else after it)."""
    allowed = {d["code"]: d for d in step_documents(actor, case, action)}
    made = []
    for code in codes:
        if code not in allowed or (code in BEFORE_STEP) != before:
            continue
        extra = {var: values[var] for var in ASKED.get(code, ()) if values.get(var, "").strip()}
        if code == GIA_HAN and criteria:
            # The extension decision states the criteria ticked on the extension form (not yet on the case).
            ticked = sorted(set(case.complexity_criteria) | set(criteria))
            extra["ly_do_gia_han"] = "; ".join(
                rules.COMPLEXITY_CRITERIA[c] for c in ticked if c in rules.COMPLEXITY_CRITERIA
            )
        made.append(generate_case_document(actor=actor, case=case, template_code=code, context_extra=extra,
                                           issued_on=on))  # fmt: skip
    return made


def documents_for_case(case: Case) -> QuerySet[GeneratedDocument]:
    """Documents generated for the case and for its petitions (e.g. Mẫu 01), in the order they were issued.

    The caller has already checked that the case is in the user's scope; opening a document that names a
    denouncer is checked again on download (documents.selectors.may_open).
    """
    case_ct = ContentType.objects.get_for_model(Case)
    petition_ct = ContentType.objects.get_for_model(Petition)
    petition_ids = [str(pk) for pk in case.petitions.values_list("pk", flat=True)]
    return (
        GeneratedDocument.objects.filter(
            Q(content_type=case_ct, object_id=str(case.pk)) | Q(content_type=petition_ct, object_id__in=petition_ids)
        )
        .select_related("unit")
        .order_by("issued_on", "pk")
    )


def _date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _joined(items: list[str]) -> str:
    """'a', 'a và b', 'a, b và c'."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def _latest_number(case: Case, template_code: str) -> str:
    return (
        GeneratedDocument.objects.filter(
            content_type=ContentType.objects.get_for_model(Case), object_id=str(case.pk), template_code=template_code
        )
        .order_by("-issued_on", "-pk")
        .values_list("number_string", flat=True)
        .first()
        or ""
    )


def _main_signer(petition: Petition) -> Petitioner | None:
    signers = list(petition.petitioners.select_related("person", "identity__unit"))
    return next((s for s in signers if s.is_representative), signers[0] if signers else None)


def _kind_label(case: Case) -> str:
    if case.type == rules.COMPLAINT:
        return "khiếu nại lần hai" if case.round == 2 else "khiếu nại lần đầu"
    if case.type == rules.DENUNCIATION:
        return "tố cáo"
    return "kiến nghị, phản ánh"


def _complainant(case: Case, petitions: list[Petition]) -> tuple[str, str]:
    """Name (with "và N người khác") and address of the complainant of a complaint. Never a denouncer."""
    if case.type != rules.COMPLAINT or not petitions:
        return "", ""
    main = _main_signer(petitions[0])
    if main is None or main.person is None:
        return "", ""
    people = set(
        Petitioner.objects.filter(petition__case=case, person__isnull=False).values_list("person_id", flat=True)
    )
    others = len(people - {main.person_id})
    suffix = f" và {others} người khác" if others else ""
    return main.person.full_name + suffix, main.person.address


def _denouncer_identities(case: Case) -> list[ProtectedIdentity]:
    ids = Petitioner.objects.filter(petition__case=case, identity__isnull=False).values("identity_id")
    return list(ProtectedIdentity.objects.filter(pk__in=ids).select_related("unit").order_by("pk"))


def _denouncer_recipient(
    *, actor: User, case: Case, petitions: list[Petition], identities: list[ProtectedIdentity], purpose: str
) -> tuple[str, str]:
    """Name and address of the denouncer a notice goes to, read from the vault (audited).

    Refused unless the actor may see every denouncer of the case: the notice tells who denounced.
    """
    if not identities:
        raise DomainError(
            "Vụ việc không có người tố cáo được ghi nhận (đơn nặc danh), nên không có người nhận thông báo này."
        )
    if not all(can_see_identity(actor, identity) for identity in identities):
        raise DomainError(
            "Văn bản này gửi người tố cáo nên chỉ người được phân công, thủ trưởng đơn vị hoặc cán bộ bảo mật được "
            "lập (danh tính người tố cáo được giữ bí mật theo Điều 47 Luật Tố cáo 2018)."
        )
    main = _main_signer(petitions[0]) if petitions else None
    identity = main.identity if main is not None and main.identity is not None else identities[0]
    clear = people_services.reveal_identity(actor=actor, identity=identity, purpose=purpose)
    # The same person writing twice has two vault entries with the same blind index of the name.
    others = len({i.name_hmac or str(i.pk) for i in identities} - {identity.name_hmac or str(identity.pk)})
    suffix = f" và {others} người khác" if others else ""
    return clear.full_name + suffix, clear.address or "(không ghi địa chỉ)"


def _texts(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)


_ID_SEPARATORS = re.compile(r"(?<=\d)[ .\-](?=\d)")
NAME_WINDOW = range(2, 9)  # a Vietnamese full name has 2 to 8 words


def mentions_identity(text: str, *, name_macs: set[str], id_macs: set[str]) -> bool:
    """Whether `text` contains a full name or an ID number whose blind index is among the given ones."""
    words = re.findall(r"\w+", fold(text))
    if name_macs:
        for size in NAME_WINDOW:
            for start in range(len(words) - size + 1):
                if crypto.blind_index("name", " ".join(words[start : start + size])) in name_macs:
                    return True
    if id_macs:
        for token in re.findall(r"\w+", _ID_SEPARATORS.sub("", text)):
            number = normalize_id_number(token)
            if len(number) >= 8 and any(ch.isdigit() for ch in number):
                if crypto.blind_index("id", number) in id_macs:
                    return True
    return False


def _check_no_identity(
    *, actor: User, identities: list[ProtectedIdentity], template_code: str, context: dict[str, Any]
) -> None:
    """Refuse a document for the denounced party or for publication whose text names a denouncer the actor
    knows. Identities the actor cannot see are not compared (the refusal would tell who denounced)."""
    known = [identity for identity in identities if can_see_identity(actor, identity)]
    name_macs = {identity.name_hmac for identity in known if identity.name_hmac}
    id_macs = {identity.id_number_hmac for identity in known if identity.id_number_hmac}
    if not (name_macs or id_macs):
        return
    printed = TEMPLATE_SPECS[template_code].all_variables()
    for key, value in context.items():
        if key in printed and any(
            mentions_identity(text, name_macs=name_macs, id_macs=id_macs) for text in _texts(value)
        ):
            raise DomainError(
                f"Thông tin “{key}” có họ tên hoặc số giấy tờ của người tố cáo. Văn bản này không gửi người tố cáo "
                "nên không được ghi thông tin về người tố cáo (Điều 47 Luật Tố cáo 2018); hãy sửa lại nội dung.",
                field=key,
            )


def _extension_preview(case: Case) -> tuple[int, dt.date | None]:
    """(Which extension this is, the due date after it) for the extension decision, computed the way
    `services.extend` will compute it once the decision is recorded."""
    deadline = (
        TrackedDeadline.objects.filter(
            content_type=ContentType.objects.get_for_model(Case),
            object_id=str(case.pk),
            rule_code="denunciation.resolve",
            closed_on__isnull=True,
        )
        .select_related("rule")
        .first()
    )
    if deadline is None:
        return 0, None
    level = rules.complexity(set(case.complexity_criteria))
    flags = set(deadline.flags) | {"complex"} | ({"very_complex"} if level == "very_complex" else set())
    try:
        computed = lawcal_rules.compute_deadline(
            workcal.get_calendar(),
            deadline.rule.to_rule(),
            deadline.trigger_on,
            flags=sorted(flags),
            extensions=deadline.extensions + 1,
            suspensions=deadline.suspension_values(),
        )
    except lawcal_rules.RuleError as exc:
        raise DomainError(f"Không thể gia hạn thêm: {exc}") from None
    return deadline.extensions + 1, computed.due


def _last_event_note(case: Case, actions: tuple[str, ...]) -> tuple[str, dt.date | None]:
    event = case.events.filter(action__in=actions).order_by("-at", "-pk").first()
    return (event.note, event.on) if event else ("", None)


def _superior_title(unit: OrgUnit) -> str:
    return head_title(unit.parent) if unit.parent_id and unit.parent is not None else ""


def case_context(
    *, case: Case, template_code: str, petitions: list[Petition], issued_on: dt.date, signer: Signer
) -> dict[str, Any]:
    """The variables the case itself can fill (never the denouncer's identity)."""
    unit = case.unit
    first = petitions[0] if petitions else None
    is_denunciation = case.type == rules.DENUNCIATION
    complainant, complainant_address = _complainant(case, petitions)
    received = sorted({p.received_on for p in petitions}) or [case.opened_on]
    ctx: dict[str, Any] = {
        "chuc_vu_nguoi_ky": signer.title,
        "ho_ten_nguoi_ky": signer.name,
        "tham_quyen": head_title(unit).upper(),
        "nguoi_giai_quyet": head_title(unit),
        "can_cu_ban_hanh": legal_grounds(case.type, case.accepted_on or case.opened_on),
        "loai_viec": _kind_label(case),
        "la_to_cao": is_denunciation,
        "ma_vu_viec": case.code,
        "ngay_nhan_don": _joined([_date(day) for day in received]),
        "tom_tat_noi_dung": case.title,
        "noi_dung_khieu_nai": case.title,
        "doi_tuong": (first.respondent_name if first else "") or "",
        "nguoi_gui_don": DENOUNCER_HIDDEN if is_denunciation else complainant,
        "nguoi_khieu_nai": complainant,
        "dia_chi_nguoi_khieu_nai": complainant_address or ("(không ghi địa chỉ)" if complainant else ""),
        "ngay_thu_ly": _date(case.accepted_on or issued_on),
        "so_quyet_dinh_thu_ly": _latest_number(case, THU_LY),
        "han_giai_quyet": _date(case.due_on) if case.accepted_on else "",
        "giao_xac_minh": (case.assignee.get_full_name() if case.assignee else "") or VERIFIER_FALLBACK,
        "thoi_han_khieu_nai_tiep": "45" if case.remote_area else "30",
        "nguoi_giai_quyet_lan_hai": _superior_title(unit),
        "noi_nhan": (
            RECIPIENTS_DECISION
            if template_code in DECISIONS
            else RECIPIENTS_CONCLUSION
            if template_code == KET_LUAN
            else RECIPIENTS_NOTICE
        ),
    }
    if template_code == TB_BI_TO_CAO:
        ctx["nguoi_nhan"] = ctx["doi_tuong"]
    if template_code == TB_THU_LY and not is_denunciation:
        ctx["nguoi_nhan"], ctx["dia_chi_nguoi_nhan"] = complainant, ctx["dia_chi_nguoi_khieu_nai"]
    if template_code == BIEN_BAN:
        ctx["thanh_phan"] = [
            f"Người chủ trì: {signer.name}, {signer.title.lower()}",
            f"Người khiếu nại: {complainant}",
            *([f"Người bị khiếu nại: {ctx['doi_tuong']}"] if ctx["doi_tuong"] else []),
        ]
    if template_code in (LAN_DAU, LAN_HAI):
        held_dialogue = case.events.filter(action="hold_dialogue").exists()
        if case.round == 1 and not held_dialogue and not case.request_differs:
            ctx["ket_qua_doi_thoai"] = NO_DIALOGUE
        previous = getattr(case.previous_round, "decision", None) if case.previous_round_id else None
        if previous is not None:
            ctx["ket_qua_lan_dau"] = (
                f"Quyết định số {previous.number} ngày {_date(previous.issued_on)}: {previous.summary}"
            )
    ctx.update(_dialogue_context(case, template_code))
    verification = getattr(case, "verification", None)
    if verification is not None and verification.report:
        ctx["ket_qua_xac_minh"] = verification.report
    if template_code in (LAN_DAU, LAN_HAI) and "ket_qua_doi_thoai" not in ctx:
        held = case.dialogues.filter(held_on__isnull=False).order_by("-held_on", "-pk").first()
        if held is not None:
            ctx["ket_qua_doi_thoai"] = f"Đối thoại ngày {_date(held.held_on)}: {held.minutes}"
    decision = getattr(case, "decision", None)
    if decision is not None:
        ctx["danh_gia"] = RESULT_WORDS.get(decision.result, "")
        ctx["ket_luan"] = decision.summary
        ctx["so_ket_luan"] = decision.number
        ctx["ngay_ket_luan"] = _date(decision.issued_on)
        ctx["ket_qua"] = decision.summary
        if decision.first_round_outcome:
            ctx["xu_ly"] = FIRST_ROUND_WORDS[decision.first_round_outcome] + "."
    if template_code == GIA_HAN:
        ctx["ly_do_gia_han"] = "; ".join(rules.COMPLEXITY_CRITERIA[c] for c in case.complexity_criteria)
        ctx["so_ngay_gia_han"] = "30"
    if template_code == TAM_DINH_CHI and case.state == "suspended":
        ctx["ly_do"], _ = _last_event_note(case, ("suspend",))
    if template_code == DINH_CHI and case.state == "terminated":
        ctx["ly_do"], _ = _last_event_note(case, ("withdraw", "terminate"))
    if template_code == TIEP_TUC:
        resumed_because, _ = _last_event_note(case, ("resume",))
        if resumed_because:
            ctx["ly_do"] = resumed_because
        ctx["so_quyet_dinh_tam_dinh_chi"] = _latest_number(case, TAM_DINH_CHI)
        _, suspended_on = _last_event_note(case, ("suspend",))
        ctx["ngay_tam_dinh_chi"] = _date(suspended_on)
    return ctx


def _extra_context(template_code: str, context_extra: dict[str, Any] | None) -> dict[str, Any]:
    """The caller's values: only variables of the template, lists split into lines."""
    spec = TEMPLATE_SPECS[template_code]
    allowed = set(spec.all_variables()) - set(AUTOMATIC_VARIABLES)
    extra = dict(context_extra or {})
    unknown = sorted(set(extra) - allowed)
    if unknown:
        raise DomainError(
            f"Mẫu “{spec.name}” không có thông tin: {', '.join(unknown)}. Các thông tin của mẫu: "
            f"{', '.join(sorted(allowed))}.",
            field="context",
        )
    for key in LIST_VARIABLES & set(extra):
        if isinstance(extra[key], str):
            extra[key] = [line.strip() for line in nfc(extra[key]).splitlines() if line.strip()]
    return extra


@transaction.atomic
def generate_case_document(
    *,
    actor: User,
    case: Case,
    template_code: str,
    context_extra: dict[str, Any] | None = None,
    issued_on: dt.date | None = None,
    signer_title: str = "",
    signer_name: str = "",
) -> GeneratedDocument:
    """Render one resolution document of `case`, numbered per unit, year and symbol (e.g. 3/QĐ-UBND).

    Refuses with a Vietnamese DomainError, writing nothing and taking no number: a case outside the actor's
    scope (NotFoundError), a role that does not act on cases, a template the case does not offer now, a
    missing or unknown variable, a notice to the denouncer by someone who may not see them, a document for
    others that names the denouncer.
    """
    case = Case.objects.select_related("unit__parent", "assignee", "previous_round").get(pk=case.pk)
    require_actor(actor, case)
    spec = TEMPLATE_SPECS.get(template_code)
    if spec is None or not template_code.startswith("case."):
        raise DomainError(f"Không có mẫu văn bản giải quyết vụ việc mã “{template_code}”.", field="template")
    if template_code not in offered_templates(case):
        state = rules.STATE_LABELS.get(case.state, "không giải quyết tại đơn vị")
        offered = ", ".join(TEMPLATE_SPECS[c].name for c in offered_templates(case)) or "không có mẫu nào"
        raise DomainError(
            f"Vụ việc đang ở trạng thái “{state}” nên chưa lập được “{spec.name}”. Mẫu dùng được lúc này: {offered}.",
            field="template",
        )
    day = issued_on or today()
    if day > today():
        raise DomainError("Ngày ban hành không được sau ngày hôm nay.", field="issued_on")
    if day < case.opened_on:
        raise DomainError("Ngày ban hành không được trước ngày nhận đơn của vụ việc.", field="issued_on")
    signer = default_signer(case.unit)
    signer = Signer(nfc(signer_title) or signer.title, nfc(signer_name) or signer.name)
    if not signer.name:
        raise DomainError(
            "Chưa có người ký: đơn vị chưa có thủ trưởng trong hệ thống, hãy ghi họ tên và chức vụ người ký.",
            field="signer",
        )
    extra = _extra_context(template_code, context_extra)
    petitions = list(case.petitions.order_by("received_on", "pk"))
    context = case_context(case=case, template_code=template_code, petitions=petitions, issued_on=day, signer=signer)
    if template_code == GIA_HAN and not extra.get("han_giai_quyet_moi"):
        number, due = _extension_preview(case)
        context["lan_gia_han"], context["han_giai_quyet_moi"] = (str(number) if number else ""), _date(due)
    identities = _denouncer_identities(case) if case.type == rules.DENUNCIATION else []
    names_denouncer = case.type == rules.DENUNCIATION and template_code in ADDRESSED_TO_DENOUNCER
    if names_denouncer:
        name, address = _denouncer_recipient(
            actor=actor, case=case, petitions=petitions, identities=identities,
            purpose=f"Lập “{spec.name}” gửi người tố cáo, vụ việc {case.code}",
        )  # fmt: skip
        context["nguoi_nhan"], context["dia_chi_nguoi_nhan"] = name, address
    context.update(extra)
    if case.type == rules.DENUNCIATION and not names_denouncer:
        _check_no_identity(actor=actor, identities=identities, template_code=template_code, context=context)
    document = document_services.generate_document(
        actor=actor,
        template_code=template_code,
        unit=case.unit,
        context=context,
        related_object=case,
        symbol=document_symbol(template_code, case.unit),
        issued_on=day,
        contains_denouncer_identity=names_denouncer,
    )
    document_id = document.pk
    transaction.on_commit(lambda: _prepare_pdf(document_id))
    return document


def _prepare_pdf(document_id: int) -> None:
    """After commit, with a real broker only: convert to PDF in the background (the download converts on
    demand otherwise, so an embedded run does not hold the request for LibreOffice)."""
    from tiepdan.documents.tasks import render_pdf_task

    if not settings.CELERY_TASK_ALWAYS_EAGER:
        render_pdf_task.delay(document_id)
