"""Every UI string found in the code and templates has a Thai translation."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]


def test_thai_catalogue_is_complete():
    with (ROOT / "app/translations/th/LC_MESSAGES/messages.po").open("rb") as f:
        catalog = read_po(f)
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
    keywords = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None}
    missing = []
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT / "app"), method_map, keywords=keywords):
        msgid = message if isinstance(message, str) else message[0]
        entry = catalog.get(msgid)
        if entry is None or not entry.string:
            missing.append(msgid)
    assert missing == []


def test_the_thai_ui_addresses_people_as_tan():
    """Officials are addressed as ท่าน throughout; the casual คุณ (you) slipped in twice."""
    with (ROOT / "app/translations/th/LC_MESSAGES/messages.po").open("rb") as f:
        catalog = read_po(f)
    words = ("คุณภาพ", "คุณสมบัติ", "คุณวุฒิ", "คุณลักษณะ", "ขอบคุณ", "คุณค่า", "คุณประโยชน์")
    casual = []
    for entry in catalog:
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        for text in strings:
            bare = text or ""
            for word in words:
                bare = bare.replace(word, "")
            if "คุณ" in bare:
                casual.append(text)
    assert casual == []
