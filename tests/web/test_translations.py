"""Every piece of UI text has its Chinese translation (zh_CN is the default language of the UI)."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

WEB = Path(__file__).resolve().parents[2] / "registry" / "web"
METHODS = [("templates/**.html", "jinja2"), ("**.py", "python")]
KEYWORDS = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None}


def _catalog(lang):
    with open(WEB / "translations" / lang / "LC_MESSAGES" / "messages.po", "rb") as fh:
        return read_po(fh)


def test_every_ui_text_has_a_chinese_translation():
    zh = _catalog("zh")
    missing = []
    for _file, _line, message, _comments, _context in extract_from_dir(WEB, METHODS, keywords=KEYWORDS):
        msgid = message if isinstance(message, str) else message[0]
        entry = zh.get(msgid)
        if entry is None or not entry.string:
            missing.append(msgid)
    assert not missing, f"no Chinese for: {missing}"


def test_the_english_catalogue_lists_the_same_texts():
    zh, en = _catalog("zh"), _catalog("en")
    assert {m.id for m in zh if m.id} == {m.id for m in en if m.id}
