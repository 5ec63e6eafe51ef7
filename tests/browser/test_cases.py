"""One complaint taken from acceptance to closure on the case pages, by the demo handler (xuly1) and the
head of the unit (lanhdao1), with the documents each step issues. Screenshots go to var/screenshots/ and, when
TIEPDAN_SHOTS_DIR is set, there too."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from tiepdan.core.models import User
from tiepdan.orgs.models import OrgUnit
from tiepdan.petitions import services as petition_services
from tiepdan.petitions.models import SubjectField
from tiepdan.petitions.services import PetitionerInput, Signer

from .conftest import log_in
from .test_petitions import demo_world  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _proposed_complaint() -> int:
    """A complaint registered, classified and proposed for acceptance by xuly1 (the petition pages are tested
    in test_petitions.py), received three days ago."""
    handler = User.objects.get(username="xuly1")
    unit = OrgUnit.objects.get(code="00256")
    received = dt.date.today() - dt.timedelta(days=3)
    petition = petition_services.register_petition(
        actor=handler, unit=unit, channel="post", type="complaint", received_on=received, letter_date=received,
        summary="Khiếu nại Quyết định thu hồi đất ở tổ dân phố 5",
        content="Gia đình tôi không đồng ý với Quyết định thu hồi 120 m² đất ở.",
        petitioners=[PetitionerInput(full_name="Nguyễn Văn An", id_number="001085012399", address="Tổ 5")],
        respondent_name="Chủ tịch UBND phường Hai Bà Trưng",
    ).petition  # fmt: skip
    field = SubjectField.objects.get(code="KN.HC.DD.TH", applies_to="complaint")
    petition_services.classify_petition(actor=handler, petition=petition, subject_field=field, within_competence=True)
    petition = petition_services.propose_acceptance(actor=handler, petition=petition, proposal="Đề nghị thụ lý",
                                                    on=received, signer=Signer("CHỦ TỊCH", "Lê Minh Đức"))  # fmt: skip
    assert petition.case is not None
    return petition.case.pk


def _copy(path: Path) -> None:
    """Also keep the screenshot in TIEPDAN_SHOTS_DIR when set (to look at it outside the repository)."""
    if os.environ.get("TIEPDAN_SHOTS_DIR"):
        extra = Path(os.environ["TIEPDAN_SHOTS_DIR"])
        extra.mkdir(parents=True, exist_ok=True)
        (extra / path.name).write_bytes(path.read_bytes())


def _ok(page, text: str = "Đã ghi nhận") -> None:
    page.wait_for_load_state()
    page.locator(".alert").first.wait_for()
    alerts = page.locator(".alert").all_inner_texts()
    assert any(text in a for a in alerts) and not page.locator(".alert-danger").count(), alerts


def test_complaint_from_acceptance_to_closure_on_the_case_pages(demo_world, live_server, page, screenshot):  # noqa: F811
    def shot(name: str) -> None:
        _copy(screenshot(f"case-{name}"))

    pk = _proposed_complaint()
    url = f"{live_server.url}/vu-viec/{pk}/"

    # --- The head accepts, with the acceptance decision and the notice ---------------------------------------
    log_in(page, live_server.url, "lanhdao1")
    page.get_by_role("link", name="Vụ việc").click()
    page.wait_for_url("**/vu-viec/")
    shot("list")
    page.locator(f"a[href='/vu-viec/{pk}/']").first.click()
    page.wait_for_url(url)
    form = page.locator("#form-accept")
    assert form.get_by_label("Quyết định thụ lý giải quyết khiếu nại, tố cáo").is_checked()
    shot("pending")
    form.get_by_role("button", name="Thụ lý").click()
    _ok(page, "Đã lập: Quyết định thụ lý")
    assert page.locator("h1 .badge").inner_text() == "Đã thụ lý"
    docs = page.locator("table", has_text="Tải về")
    assert docs.get_by_role("link", name=".docx").count() == 3  # with the petition's Mẫu 01

    # --- The handler has the verification assigned and records its result -----------------------------------
    log_in(page, live_server.url, "xuly1")
    page.goto(url)
    form = page.locator("#form-verification")
    form.get_by_label("Người xác minh / trưởng đoàn").select_option(label="Trần Văn Hùng")
    form.get_by_label("Kế hoạch xác minh").fill("Làm việc với bộ phận địa chính; đo đạc hiện trạng thửa đất.")
    shot("verification-form")
    form.get_by_role("button", name="Giao xác minh").click()
    _ok(page)
    task = page.locator("#form-task")
    task.locator("summary").click()
    task.get_by_label("Nhiệm vụ").fill("Đo đạc hiện trạng thửa đất")
    task.get_by_label("Hạn").fill(dt.date.today().strftime("%d/%m/%Y"))
    task.get_by_role("button", name="Giao nhiệm vụ").click()
    _ok(page, "Đã giao nhiệm vụ xác minh")
    report = page.locator("#form-report")
    report.get_by_label("Kết quả xác minh").fill("Diện tích thu hồi thực tế 104,5 m², quyết định ghi 120 m².")
    report.get_by_role("button", name="Ghi báo cáo").click()
    _ok(page, "Đã ghi báo cáo kết quả xác minh")
    shot("verification")

    # --- The head issues the decision with its figures and its document -------------------------------------
    log_in(page, live_server.url, "lanhdao1")
    page.goto(url)
    form = page.locator("#form-decision")
    form.locator("summary").click()  # the dialogue is the form shown first; no dialogue is needed here
    # No number typed: the decision takes the number of the document issued with it.
    form.get_by_label("Kết quả", exact=True).select_option(label="Đúng một phần")
    form.get_by_label("Nội dung kết luận, quyết định").fill("Thu hồi thêm 15,5 m² ngoài phạm vi là chưa đúng.")
    form.get_by_label("Đất trả lại công dân (m²)").fill("15,5")
    form.get_by_label("Số người được trả lại quyền lợi").fill("1")
    assert "104,5 m²" in form.get_by_label("Kết quả xác minh nội dung khiếu nại, tố cáo").input_value()
    form.locator("textarea[name=v_can_cu_phap_luat]").fill("Điều 82 Luật Đất đai 2024")
    form.locator("textarea[name=v_xu_ly]").fill("Sửa đổi Quyết định thu hồi đất: thu hồi 104,5 m².")
    shot("decision-form")
    form.get_by_role("button", name="Ban hành quyết định").click()
    _ok(page, "Quyết định giải quyết khiếu nại lần đầu số")
    shot("decided")
    for label in ("Gửi quyết định", "Quyết định có hiệu lực", "Tổ chức thi hành", "Kết thúc"):
        form = page.locator("form.card").filter(has=page.get_by_role("button", name=label, exact=True))
        assert form.locator("details").get_attribute("open") is not None  # the usual next step is shown open
        form.get_by_role("button", name=label, exact=True).click()
        _ok(page)
    assert page.locator("h1 .badge").inner_text() == "Kết thúc"
    assert page.get_by_text("Không còn bước nào.").is_visible()
    decision_number = page.locator("table", has_text="Tải về").locator("tr", has_text="lần đầu").locator("td").first
    assert re.fullmatch(r"\d+/QĐ-UBND", decision_number.inner_text())
    assert page.get_by_text(f"{decision_number.inner_text()}, ").first.is_visible()  # "Số, ngày" of the decision
    shot("closed")


def test_denunciation_page_hides_the_denouncer_from_the_reception_officer(demo_world, live_server, page, screenshot):  # noqa: F811
    """The head accepts a denunciation with its notices; the reception officer of the same unit sees the case,
    its documents and its steps, but never the denouncer, nor a link to open the notice addressed to them."""
    from tiepdan.cases import documents as case_documents
    from tiepdan.cases import services as case_services
    from tiepdan.cases.models import Case

    handler = User.objects.get(username="xuly1")
    head = User.objects.get(username="lanhdao1")
    unit = OrgUnit.objects.get(code="00256")
    received = dt.date.today() - dt.timedelta(days=3)
    petition = petition_services.register_petition(
        actor=handler, unit=unit, channel="post", type="denunciation", received_on=received, letter_date=received,
        summary="Tố cáo cán bộ địa chính phường nhận tiền khi làm thủ tục",
        content="Tôi là Hoàng Thị Kín Đáo, tố cáo ông Lê Văn Tham.",
        petitioners=[PetitionerInput(full_name="Hoàng Thị Kín Đáo", id_number="001190054399", address="Ngõ Kín")],
        respondent_name="Ông Lê Văn Tham, cán bộ địa chính",
    ).petition  # fmt: skip
    field = SubjectField.objects.get(code="TC.TN", applies_to="denunciation")
    petition_services.classify_petition(actor=handler, petition=petition, subject_field=field, within_competence=True)
    petition = petition_services.propose_acceptance(actor=handler, petition=petition, proposal="Đề nghị thụ lý",
                                                    on=received, signer=Signer("CHỦ TỊCH", "Lê Minh Đức"))  # fmt: skip
    case = Case.objects.get(pk=petition.case_id)
    case = case_services.transition(actor=head, case=case, action="accept", on=dt.date.today())
    case_documents.generate_for_step(
        actor=head, case=case, action="accept", on=dt.date.today(), before=False, values={},
        codes=["case.quyet_dinh_thu_ly", "case.thong_bao_thu_ly", "case.thong_bao_nguoi_bi_to_cao"],
    )  # fmt: skip
    log_in(page, live_server.url, "tiepdan1")
    page.goto(f"{live_server.url}/vu-viec/{case.pk}/")
    assert "Kín Đáo" not in page.content() and "001190054399" not in page.content()
    # The petition's Mẫu 01 and the notice of acceptance name the denouncer: listed, not openable.
    assert page.get_by_text("Có thông tin người tố cáo (bảo mật)").count() == 2
    _copy(screenshot("case-denunciation-reception"))
    log_in(page, live_server.url, "lanhdao1")
    page.goto(f"{live_server.url}/vu-viec/{case.pk}/")
    assert "Kín Đáo" not in page.content()  # the page itself never names them, even for the head
    assert page.locator("table", has_text="Tải về").get_by_role("link", name=".docx").count() == 4
    _copy(screenshot("case-denunciation-head"))


def _proposed(type_: str, field: str, summary: str, petitioner: PetitionerInput) -> int:
    handler = User.objects.get(username="xuly1")
    unit = OrgUnit.objects.get(code="00256")
    received = dt.date.today() - dt.timedelta(days=3)
    petition = petition_services.register_petition(
        actor=handler, unit=unit, channel="post", type=type_, received_on=received, letter_date=received,
        summary=summary, content=summary, petitioners=[petitioner],
        respondent_name="Ông Lê Văn Tham, cán bộ địa chính phường" if type_ == "denunciation" else "",
    ).petition  # fmt: skip
    subject = SubjectField.objects.get(code=field, applies_to=type_)
    petition_services.classify_petition(actor=handler, petition=petition, subject_field=subject, within_competence=True)
    petition = petition_services.propose_acceptance(actor=handler, petition=petition, proposal="Đề nghị thụ lý",
                                                    on=received, signer=Signer("CHỦ TỊCH", "Lê Minh Đức"))  # fmt: skip
    assert petition.case is not None
    return petition.case.pk


def _step(page, label: str, text: str = "Đã ghi nhận") -> None:
    """Take the step whose button is `label` (its form is shown open when it is the usual next step)."""
    form = page.locator("form.card").filter(has=page.get_by_role("button", name=label, exact=True))
    details = form.locator("details").first
    if details.get_attribute("open") is None:
        details.locator("summary").first.click()
    form.get_by_role("button", name=label, exact=True).click()
    _ok(page, text)


def test_denunciation_from_acceptance_to_publication_and_closure(demo_world, live_server, page, screenshot):  # noqa: F811
    """The head accepts a denunciation with its notices, the handler verifies, the head concludes with the
    figures the reports count, sends the conclusion, decides its handling, publishes it without the denouncer
    and closes the case. The denouncer's name appears on no page along the way."""

    def shot(name: str) -> None:
        _copy(screenshot(f"denunciation-{name}"))

    denouncer = PetitionerInput(full_name="Đặng Thị Giấu Tên", id_number="001190054311", address="Ngõ 12")
    pk = _proposed("denunciation", "TC.TN", "Tố cáo cán bộ địa chính phường nhận tiền khi làm thủ tục", denouncer)
    url = f"{live_server.url}/vu-viec/{pk}/"

    log_in(page, live_server.url, "lanhdao1")
    page.goto(url)
    form = page.locator("#form-accept")
    form.get_by_role("button", name="Thụ lý").click()
    _ok(page, "Đã lập: Quyết định thụ lý")
    assert page.locator("h1 .badge").inner_text() == "Đã thụ lý"
    shot("accepted")

    log_in(page, live_server.url, "xuly1")
    page.goto(url)
    form = page.locator("#form-verification")
    form.get_by_label("Người xác minh / trưởng đoàn").select_option(label="Trần Văn Hùng")
    form.get_by_label("Kế hoạch xác minh").fill("Làm việc với người bị tố cáo; thu thập hồ sơ thủ tục đã giải quyết.")
    form.get_by_role("button", name="Giao xác minh").click()
    _ok(page)
    report = page.locator("#form-report")
    report.get_by_label("Kết quả xác minh").fill("Có căn cứ xác định ông Tham nhận 5.000.000 đồng của 2 hộ dân.")
    report.get_by_role("button", name="Ghi báo cáo").click()
    _ok(page, "Đã ghi báo cáo kết quả xác minh")

    log_in(page, live_server.url, "lanhdao1")
    page.goto(url)
    form = page.locator("#form-decision")
    if form.locator("details").get_attribute("open") is None:
        form.locator("summary").first.click()
    form.get_by_label("Kết quả", exact=True).select_option(label="Đúng")
    form.get_by_label("Nội dung kết luận, quyết định").fill("Nội dung tố cáo là đúng.")
    form.get_by_label("Tiền trả lại công dân (đồng)").fill("5.000.000")
    form.get_by_label("Số người kiến nghị xử lý").fill("1")
    # What only a person can write in the conclusion (the case fills the rest of the document).
    form.locator("textarea[name=v_can_cu_phap_luat]").fill("Điều 35 Luật Tố cáo 2018; Luật Phòng, chống tham nhũng")
    form.locator("textarea[name=v_trach_nhiem]").fill("Ông Lê Văn Tham chịu trách nhiệm cá nhân.")
    form.locator("textarea[name=v_bien_phap_xu_ly]").fill("Kiến nghị xử lý kỷ luật; buộc trả lại 5.000.000 đồng.")
    shot("conclusion-form")
    form.get_by_role("button", name="Kết luận nội dung tố cáo").click()
    _ok(page, "Kết luận nội dung tố cáo số")
    assert page.locator("h1 .badge").inner_text() == "Đã kết luận"
    assert page.get_by_text("5.000.000 đồng", exact=True).is_visible()  # the figure as Vietnamese write it

    _step(page, "Gửi kết luận")
    _step(page, "Xử lý kết luận")
    publication = page.locator("#form-publication")
    if publication.locator("details").get_attribute("open") is None:
        publication.locator("summary").first.click()
    public_text = publication.get_by_label("Nội dung công khai (không ghi thông tin về người tố cáo)")
    assert "Giấu Tên" not in public_text.input_value()
    shot("publication-form")
    publication.get_by_role("button", name="Công khai").click()
    _ok(page)
    assert page.locator("h1 .badge").inner_text() == "Đã công khai"
    _step(page, "Kết thúc")
    assert page.locator("h1 .badge").inner_text() == "Kết thúc"
    assert page.get_by_text("Không còn bước nào.").is_visible()
    assert "Giấu Tên" not in page.content() and "001190054311" not in page.content()
    shot("closed")

    page.goto(f"{live_server.url}/vu-viec/?type=denunciation&state=closed")
    assert page.locator(f"a[href='/vu-viec/{pk}/']").count() == 1
    assert "Giấu Tên" not in page.content()


def test_recommendation_from_acceptance_to_closure(demo_world, live_server, page, screenshot):  # noqa: F811
    """A recommendation is taken up, considered, answered and closed by the head on the case page."""
    citizen = PetitionerInput(full_name="Phạm Văn Kiến", id_number="001085077311", address="Tổ 9")
    pk = _proposed("rec_feedback", "KNPA.MT", "Kiến nghị sửa chữa đèn chiếu sáng ngõ 12 phố Bạch Mai", citizen)
    url = f"{live_server.url}/vu-viec/{pk}/"
    log_in(page, live_server.url, "lanhdao1")
    page.goto(url)
    assert page.locator("h1 .badge").inner_text() == "Chờ thụ lý"
    for label, state in (("Tiếp nhận giải quyết", "Đã thụ lý"), ("Xem xét", "Đã xem xét"), ("Trả lời", "Đã trả lời"),
                         ("Kết thúc", "Kết thúc")):  # fmt: skip
        _step(page, label)
        assert page.locator("h1 .badge").inner_text() == state
        if state == "Đã thụ lý":  # the unit's own limit for an answer, from the letter's receipt
            assert page.get_by_text("Giải quyết kiến nghị, phản ánh").is_visible()
            assert page.locator("tr", has_text="Giải quyết kiến nghị, phản ánh").get_by_text("Trong hạn").count() == 1
    assert page.get_by_text("Không còn bước nào.").is_visible()
    assert page.locator("tr", has_text="Giải quyết kiến nghị, phản ánh").get_by_text("Đã xong").count() == 1
    _copy(screenshot("recommendation-closed"))
