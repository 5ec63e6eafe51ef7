"""English is the second language: every string of the catalogue has a translation, and it is compiled."""

from __future__ import annotations

import gettext
import json
import re
from pathlib import Path

import tiepdan

LOCALE = Path(tiepdan.__file__).parent / "locale" / "en" / "LC_MESSAGES"
ENTRY = re.compile(r'\n(?:msgctxt (".*")\n)?msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)')


def _text(block: str) -> str:
    return "".join(json.loads(line) for line in block.strip().splitlines())


def test_every_string_has_an_english_translation():
    po = (LOCALE / "django.po").read_text(encoding="utf-8")
    untranslated = [_text(i) for _c, i, s in ENTRY.findall(po) if _text(i) and not _text(s)]
    assert untranslated == [], f"Thiếu bản dịch tiếng Anh: {untranslated[:5]}"
    # A fuzzy entry is a guess by msgmerge that Django ignores: it must be checked and unmarked.
    assert po.count("#, fuzzy") <= 1, "Còn bản dịch “fuzzy” chưa được kiểm tra trong django.po"


def test_catalogue_is_compiled():
    po = (LOCALE / "django.po").read_text(encoding="utf-8")
    with (LOCALE / "django.mo").open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    for context, msgid, msgstr in ENTRY.findall(po):
        if _text(msgid):
            found = compiled.pgettext(_text(context), _text(msgid)) if context else compiled.gettext(_text(msgid))
            assert found == _text(msgstr), f"django.mo cũ, chạy `make messages`: {_text(msgid)}"


def test_a_word_that_is_both_a_state_and_an_action_is_translated_as_each():
    """The words "Tạm đình chỉ" are the state of a suspended case and the button that suspends it: as one msgid,
    the English state read "Suspend"."""
    from django.utils import translation

    with translation.override("en"):
        assert translation.gettext("Tạm đình chỉ") == "Suspended"
        assert translation.pgettext("action: suspend a case", "Tạm đình chỉ") == "Suspend"
