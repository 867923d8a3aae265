"""Thai text to search terms, and personal data kept out of the log. No database."""

import pytest

from app.assistant.text import SYSTEM_PREFIX, named_systems, scrub, terms, tidy_question


@pytest.mark.parametrize(("phrase", "system"), [
    ("ระบบบัญชีคอมพิวเตอร์", "e-laas"),
    ("eLAAS", "e-laas"),
    ("E LAAS", "e-laas"),
    ("ระบบสารบรรณอิเล็กทรอนิกส์", "e-office"),
    ("e-Saraban", "e-office"),
    ("งานจัดซื้อจัดจ้าง", "e-gp"),
    ("อีจีพี", "e-gp"),
    ("แผนพัฒนาท้องถิ่น", "e-plan"),
    ("E-Plan", "e-plan"),
    ("ประกวดราคาอิเล็กทรอนิกส์", "e-bidding"),
    ("ระบบข้อมูลกลาง", "info"),
    ("ระบบ INFO", "info"),
])
def test_every_way_of_naming_a_system_gives_its_code(phrase, system):
    assert named_systems(terms(phrase)) == [system]


def test_information_is_not_the_info_system_nor_a_user_account_e_laas():
    assert named_systems(terms("information")) == []
    assert named_systems(terms("เข้าระบบบัญชีผู้ใช้ถูกระงับ")) == []


def test_thai_is_segmented_and_particles_dropped():
    words = terms("ลืมรหัสผ่านระบบบัญชีคอมพิวเตอร์ทำยังไงดีครับ")
    assert "ลืม" in words
    assert "รหัสผ่าน" in words
    assert not {"ครับ", "ยังไง", "ดี"} & set(words)
    assert words.count(SYSTEM_PREFIX + "e-laas") == 1


def test_colloquial_words_meet_the_lessons_words():
    assert terms("ลืมพาสเวิร์ด") == terms("ลืมรหัสผ่าน")
    assert terms("ระบบล่ม") == terms("ระบบขัดข้อง")
    assert "ลงนาม" in terms("ให้ธุรการกดเซ็นแทน")
    assert "ฎีกา" in terms("การวางฎีกา")  # the compound วางฎีกา must not hide ฎีกา


def test_check_the_verb_is_not_a_cheque():
    assert "เช็ค" not in terms("ต้องเช็คอะไรบ้าง")
    assert "เช็ค" in terms("เขียนเช็คผิด")


def test_spelling_variants_and_thai_digits_meet():
    assert terms("สิทธิ์ผู้ใช้") == terms("สิทธิผู้ใช้")
    assert terms("ปี ๒๕๖๙") == terms("ปี 2569")


def test_markup_and_punctuation_are_not_words():
    words = terms("<script>alert('x')</script> ฎีกา!!! (ด่วน)")
    assert not any(set("<>()'!/") & set(w) for w in words)
    assert "ฎีกา" in words


def test_empty_text_has_no_terms():
    assert terms("") == []
    assert terms(" \n\t ") == []


def test_tidy_question_trims_and_joins_whitespace():
    assert tidy_question("  ลืม   รหัสผ่าน \n e-LAAS ") == "ลืม รหัสผ่าน e-LAAS"


def test_scrub_removes_the_askers_name_id_phone_and_email():
    text = scrub("ดิฉัน มาลี ใจดี เลขบัตร 3-1006-00445-63-5 โทร 081 234 5678 "
                 "malee@example.org ลืมรหัส e-LAAS ปี 2569 งบ 500,000",
                 ["มาลี ใจดี", "มาลี", "ใจดี", "malee"])
    for secret in ("มาลี", "ใจดี", "3-1006", "081", "malee", "example.org"):
        assert secret not in text
    assert "ลืมรหัส e-LAAS ปี 2569 งบ 500,000" in text  # years and amounts stay
