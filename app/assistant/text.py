"""Thai text to search terms: word segmentation, light normalisation and synonyms. Pure.

Documents and questions go through the same `terms()`, so a synonym or a spelling variant
matches whichever side it appears on. Stopwords are kept few on purpose: pythainlp's own list
(about 1,000 words) drops words such as ไม่, ผ่าน, เข้า and ออก that carry the meaning of
"the voucher will not post" or "cannot sign in".
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

SYSTEM_PREFIX = "sys:"
MAX_QUESTION_CHARS = 500

# spoken and written names of the six systems, matched in the cleaned (lower-case) text;
# each match adds the term "sys:<code>" so "ระบบบัญชีคอมพิวเตอร์" finds pages about e-LAAS
SYSTEM_NAMES: dict[str, tuple[str, ...]] = {
    "e-plan": ("e-plan", "อีแพลน", "แผนพัฒนา", "ระบบสารสนเทศเพื่อการวางแผน",
               "วางแผนและประเมินผล"),
    "e-laas": ("e-laas", "laas", "อีลาส", "อีแลส", "บัญชีคอมพิวเตอร์", "ระบบบัญชี"),
    "e-gp": ("e-gp", "อีจีพี", "จัดซื้อจัดจ้าง", "จัดซื้อ"),
    "e-bidding": ("e-bidding", "อีบิดดิ้ง", "อีบิด", "บิดดิ้ง", "ประกวดราคา"),
    "info": ("info", "อินโฟ", "ข้อมูลกลาง"),
    "e-office": ("e-office", "e-saraban", "saraban", "อีออฟฟิศ", "อีสารบรรณ", "สารบรรณ"),
}


# a name that starts a longer, different phrase: เข้าระบบบัญชีผู้ใช้ is a user account
_NOT_BEFORE = {"ระบบบัญชี": "ผู้ใช้"}


def _name_pattern(name: str) -> str:
    if name.isascii():  # a Latin name must stand alone: "info" but not "information"
        return rf"(?<![a-z0-9]){re.escape(name)}(?![a-z0-9])"
    if name in _NOT_BEFORE:
        return rf"{re.escape(name)}(?!{_NOT_BEFORE[name]})"
    return re.escape(name)


_SYSTEM_RES = {
    code: re.compile("|".join(_name_pattern(n) for n in sorted(names, key=len, reverse=True)))
    for code, names in SYSTEM_NAMES.items()
}
_LATIN_SYSTEM_WORDS = frozenset(n for names in SYSTEM_NAMES.values() for n in names
                                if n.isascii())
# "eLAAS", "e LAAS", "E-Plan" and "e_gp" all become the canonical "e-laas", "e-plan", "e-gp"
_LATIN_NAME = re.compile(r"\be[\s\-_.]*(laas|plan|gp|bidding|office|saraban)\b")

# phrases rewritten before segmentation (colloquial or split forms of one idea)
PHRASES = {
    "เข้าระบบ": "เข้าสู่ระบบ",
    "ลงชื่อเข้าใช้": "เข้าสู่ระบบ",
    "ใช้งานไม่ได้": "ขัดข้อง",
    "ใช้ไม่ได้": "ขัดข้อง",
    "ไฟดับ": "ไฟฟ้าดับ",
    # "เช็ค" alone is a cheque in the lessons; "ต้องเช็ค", "เช็คว่า" mean "check"
    "ต้องเช็ค": "ต้องตรวจ",
    "เช็คอะไร": "ตรวจอะไร",
    "เช็คดู": "ตรวจดู",
    "เช็คว่า": "ตรวจว่า",
    "เช็คให้": "ตรวจให้",
    "ธ.ค.": "ธันวาคม",
    "ก.ย.": "กันยายน",
    "ต.ค.": "ตุลาคม",
}
_PHRASE_RE = re.compile("|".join(re.escape(p) for p in sorted(PHRASES, key=len, reverse=True)))

# one word for one idea, applied to single segmented words
SYNONYMS = {
    "พาสเวิร์ด": "รหัสผ่าน", "พาสเวิด": "รหัสผ่าน", "password": "รหัสผ่าน",
    "พาส": "รหัสผ่าน", "pass": "รหัสผ่าน",
    "ล็อกอิน": "เข้าสู่ระบบ", "ล็อคอิน": "เข้าสู่ระบบ", "login": "เข้าสู่ระบบ",
    "ยูสเซอร์": "ผู้ใช้", "ยูเซอร์": "ผู้ใช้", "user": "ผู้ใช้", "username": "ผู้ใช้",
    "ยูส": "ผู้ใช้",
    "แอดมิน": "ผู้ดูแล", "admin": "ผู้ดูแล",
    "ล่ม": "ขัดข้อง", "พัง": "ขัดข้อง", "เดี้ยง": "ขัดข้อง", "แฮงค์": "ขัดข้อง",
    "แฮง": "ขัดข้อง", "error": "ขัดข้อง",
    "เน็ต": "อินเทอร์เน็ต", "อินเตอร์เน็ต": "อินเทอร์เน็ต", "อินเทอร์เน็ท": "อินเทอร์เน็ต",
    "ย้าย": "โอนย้าย", "โยกย้าย": "โอนย้าย",
    "ปริ้น": "พิมพ์", "ปริ้นท": "พิมพ์", "print": "พิมพ์",
    "เมล": "อีเมล", "email": "อีเมล", "e-mail": "อีเมล",
    "ผอ.": "ผู้อำนวยการ", "จนท.": "เจ้าหน้าที่",
    "เซ็น": "ลงนาม", "เซ็นต์": "ลงนาม", "เซ็นชื่อ": "ลงนาม",
    "ลบทิ้ง": "ลบ",
    "tor": "ขอบเขต", "ทีโออาร์": "ขอบเขต",
    "วิจารณ์": "ความคิดเห็น",  # "วิจารณ์ร่าง TOR" is the everyday name of the public hearing
}
# question words, particles, pronouns and glue: they say nothing about the topic
_STOPWORD_LIST = """
ครับ ค่ะ คะ ค่า คับ ค้าบ ฮะ นะ นะคะ นะครับ จ้ะ จ้า ครับผม เนอะ ล่ะ หรอ เหรอ
อย่างไร ยังไง อะไร ไหม มั้ย หรือไม่ หรือเปล่า เปล่า ทำไม เมื่อไร เมื่อไหร่ ที่ไหน ไหน บ้าง
ใคร ได้ไหม ได้มั้ย เท่าไร เท่าไหร่ แบบไหน กี่
สวัสดี รบกวน สอบถาม ขอถาม ถาม อยาก ทราบ อยากทราบ ช่วย หน่อย ด้วย ขอ ขอบคุณ
ไง ทำไง ดี ป่ะ ปะ อ่ะ อะ สักที เลย นิดนึง หน่อยนึง ค่อย
ผม ดิฉัน ฉัน หนู เรา กระผม พี่ น้อง ท่าน เขา
การ ความ ที่ ซึ่ง และ หรือ กับ ของ ใน แล้ว จะ ได้ ให้ ก็ คือ เป็น มี ว่า นี้ นั้น โดย
จาก อยู่ ต้อง ควร ทำ เพื่อ แต่ ถ้า หาก เมื่อ ตอน ตอนนี้ อีก ยัง ไป มา
the a an of to and or in is for how what
"""
STOPWORDS = frozenset(_STOPWORD_LIST.split())
_SCRIPT = re.compile(r"<(script|style)\b.*?(</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[a-zA-Z/!][^<>]{0,300}>")
_PUNCTUATION = re.compile(r"[^0-9a-z\u0e00-\u0e7f\s.\-]+")
_WORDISH = re.compile(r"[0-9a-z\u0e01-\u0e2e\u0e40-\u0e44]")
_DROP_MARKS = str.maketrans({"\u0e4c": None, "\u0e46": None, "\u0e2f": None})  # ์ ๆ ฯ
_SYNONYMS = {key.translate(_DROP_MARKS): value for key, value in SYNONYMS.items()}
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# compound dictionary words that hide the word people search for (วางฎีกา hides ฎีกา)
_SPLIT_WORDS = frozenset({"วางฎีกา", "แผนการ", "จัดซื้อจัดจ้าง", "งานประจำวัน", "เซ็นสัญญา"})
_EXTRA_WORDS = frozenset({"สถจ.", "สถ.", "e-laas", "e-plan", "e-gp", "e-bidding", "e-office"})


@lru_cache(maxsize=1)
def _segmenter() -> Callable[[str], list[str]]:
    # set before the first import so pythainlp never writes ~/pythainlp-data (TECH-NOTES)
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import word_tokenize
    from pythainlp.util import dict_trie

    trie = dict_trie((set(thai_words()) - _SPLIT_WORDS) | _EXTRA_WORDS)

    def segment(text: str) -> list[str]:
        return word_tokenize(text, custom_dict=trie, keep_whitespace=False)

    return segment


def clean(text: str) -> str:
    """One spelling for the same text: no markup, NFC, Arabic digits, lower case, one space."""
    text = _TAG.sub(" ", _SCRIPT.sub(" ", text))  # a pasted page or a probe, not words
    text = unicodedata.normalize("NFC", text).translate(_THAI_DIGITS).lower()
    text = _LATIN_NAME.sub(lambda m: "e-" + m.group(1), text)
    return " ".join(text.split())


def systems_named(text: str) -> dict[str, int]:
    """How often each system is named in already cleaned text."""
    found = {code: len(rx.findall(text)) for code, rx in _SYSTEM_RES.items()}
    return {code: n for code, n in found.items() if n}


def _word(token: str) -> str | None:
    token = token.strip().translate(_DROP_MARKS)
    token = _SYNONYMS.get(token, token)
    if not _WORDISH.search(token) or token in STOPWORDS or token in _LATIN_SYSTEM_WORDS:
        return None  # punctuation, glue, or a system name (counted as sys:<code> instead)
    if len(token) == 1:
        return None
    return token


def terms(text: str) -> list[str]:
    """The search terms of a text, in order, with a sys:<code> term per system it names."""
    cleaned = clean(text)
    extra = [SYSTEM_PREFIX + code for code, n in systems_named(cleaned).items()
             for _ in range(n)]
    cleaned = _PHRASE_RE.sub(lambda m: f" {PHRASES[m.group(0)]} ", cleaned)
    cleaned = _PUNCTUATION.sub(" ", cleaned)
    words = (_word(t) for t in _segmenter()(cleaned))
    return [w for w in words if w] + extra


def topic_terms(text: str) -> list[str]:
    """The terms of a text without the systems' names: what the question is about."""
    cleaned = clean(text)
    for rx in _SYSTEM_RES.values():
        cleaned = rx.sub(" ", cleaned)
    return [t for t in terms(cleaned) if not t.startswith(SYSTEM_PREFIX)]


def named_systems(found: Iterable[str]) -> list[str]:
    """The system codes among search terms, most named first."""
    counts: dict[str, int] = {}
    for term in found:
        if term.startswith(SYSTEM_PREFIX):
            code = term[len(SYSTEM_PREFIX):]
            counts[code] = counts.get(code, 0) + 1
    return sorted(counts, key=lambda c: -counts[c])


def tidy_question(text: str) -> str:
    """The question as asked, trimmed and with runs of whitespace made one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# six or more digits, possibly split by spaces or dashes: ID cards, phones, bank accounts
_LONG_NUMBER = re.compile(r"\d(?:[\s\-]?\d){5,}")


def scrub(text: str, names: Iterable[str] = ()) -> str:
    """The question without personal data: the asker's names, e-mails and long numbers."""
    text = _EMAIL.sub("[อีเมล]", text.translate(_THAI_DIGITS))
    text = _LONG_NUMBER.sub("[ตัวเลข]", text)
    for name in sorted({n for n in names if len(n) >= 2}, key=len, reverse=True):
        text = re.sub(re.escape(name), "[ชื่อ]", text, flags=re.IGNORECASE)
    return " ".join(text.split())
