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
