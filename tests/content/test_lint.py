"""The content lint: what a know-nothing examinee scores, give-aways, the guessing rule."""

from pathlib import Path

import pytest

from app.content.files import Item, read_content
from app.content.lint import (
    GUESS_LIMITS,
    STRATEGY_LIMIT,
    give_aways,
    guessing_chances,
    lint,
    near_duplicates,
    read_words,
    strategy_means,
    tail,
)

ROOT = Path(__file__).resolve().parents[2]
BEFORE = Path(__file__).parent / "fixtures" / "before-rewrite"
WORDS = read_words(ROOT / "quizzes" / "lint-words.yaml")


def _item(ref, text, options, key=0, level=1):
    return Item(ref, "t", level, text, [(o, n == key) for n, o in enumerate(options)], "")


def test_shipped_content_cannot_be_beaten_by_a_trick():
    content = read_content(ROOT / "courses", ROOT / "quizzes")
    result = lint(content, WORDS)
    assert result.failures == []
    assert len(result.reports) == len(content.banks) + len(content.courses)
    for report in result.reports:
        assert all(mean <= STRATEGY_LIMIT for mean in report.means.values()), report.name


def test_shipped_content_has_no_give_away_or_copied_items():
    result = lint(read_content(ROOT / "courses", ROOT / "quizzes"), WORDS)
    assert [str(p) for p in result.give_aways] == []
    assert [str(p) for p in result.duplicates] == []


def test_the_content_before_the_rewrite_fails_the_lint():
    content = read_content(BEFORE / "courses", BEFORE / "quizzes", strict=False)
    result = lint(content, WORDS)
    bank = next(r for r in result.reports if r.name == "bank e-laas")
    assert bank.means["longest"] > 0.9  # always the longest option: nearly every item right
    assert bank.means["careful"] > 0.7
    assert any("'longest'" in f and "bank e-laas" in f for f in result.failures)
    assert any("course e-laas-executive" in f for f in result.failures)
    assert any("random answers reach level 1" in f for f in result.failures)


def test_longest_option_strategy_scores_the_key_and_shares_ties():
    always_longest = [_item(f"x-{n}", "ข้อใดถูก", ["ตอบยาวกว่าข้ออื่นมาก", "สั้น", "สั้น", "สั้น"])
                      for n in range(4)]
    assert strategy_means(always_longest, WORDS)["longest"] == 1.0
    assert strategy_means(always_longest, WORDS)["position_1"] == 1.0
    # marks above and below a Thai letter add no width: 'ที่นั่น' is as wide as 'ทนน'
    tied = [_item("x-1", "ข้อใดถูก", ["ที่นั่น", "ทนน", "ทน", "ท"])]
    means = strategy_means(tied, WORDS)
    assert means["longest"] == pytest.approx(0.5)
    assert means["shortest"] == 0.0


def test_careful_wording_strategy_finds_the_hedged_key():
    items = [_item("x-1", "เอกสารหายควรทำอย่างไร",
                   ["แจ้งหัวหน้าและตรวจหลักฐานก่อน", "ทำใหม่ทันที", "ปล่อยไว้", "ค่อยหาเอง"])]
    assert strategy_means(items, WORDS)["careful"] == 1.0


def test_random_answering_chance_is_the_binomial_tail():
    assert tail(20, 11, 0.25) == pytest.approx(0.003942, abs=1e-6)
    assert tail(20, 0, 0.25) == pytest.approx(1.0)
    chances = guessing_chances(20, 4, {"1": 0.55, "2": 0.70, "3": 0.85})
    assert chances[1] < GUESS_LIMITS[1]
    assert chances[2] < GUESS_LIMITS[2]
    assert guessing_chances(20, 4, {"1": 0.40, "2": 0.65, "3": 0.85})[1] > 0.10


def test_shipped_banks_keep_random_answers_below_level_one():
    for bank in read_content(ROOT / "courses", ROOT / "quizzes").banks:
        chances = guessing_chances(bank.items_per_attempt, 4, bank.cut_scores)
        assert chances[1] < 0.01, bank.subsystem
        assert chances[2] < 0.001, bank.subsystem


def test_an_item_answered_by_another_items_question_is_listed():
    answered = _item("a-1", "ผู้มีอำนาจเห็นชอบผลการพิจารณาแล้ว เจ้าหน้าที่ทำอะไรต่อ",
                     ["เผยแพร่ประกาศผู้ชนะการเสนอราคา", "ส่งหนังสือเชิญผู้ค้า",
                      "ขอใบเสนอราคาใหม่", "ยกเลิกโครงการ"])
    giver = _item("a-2", "สัญญาลงนามแล้วแต่ยังไม่ได้เผยแพร่ประกาศผู้ชนะการเสนอราคา ทำอย่างไร",
                  ["รายงานหัวหน้าเจ้าหน้าที่", "ลงนามใหม่", "ยกเลิกสัญญา", "แจ้งผู้รับจ้าง"])
    unrelated = _item("a-3", "ปีงบประมาณเริ่มเมื่อใด",
                      ["1 ตุลาคม", "1 มกราคม", "1 เมษายน", "1 กรกฎาคม"])
    pairs = give_aways([answered, giver, unrelated])
    assert [(p.a, p.b) for p in pairs] == [("a-1", "a-2")]


def test_the_same_fact_asked_twice_is_a_near_duplicate():
    one = _item("d-1", "ปีงบประมาณ พ.ศ. 2570 เริ่มและสิ้นสุดเมื่อใด",
                ["1 ตุลาคม 2569 ถึง 30 กันยายน 2570", "ก", "ข", "ค"])
    two = _item("d-2", "ช่วงเวลาของปีงบประมาณ พ.ศ. 2570 คือข้อใด",
                ["1 ตุลาคม 2569 ถึง 30 กันยายน 2570", "ง", "จ", "ฉ"])
    other = _item("d-3", "ผู้รับจ้างส่งมอบงานงวดสุดท้าย ต้องทำอะไรก่อนวางฎีกา",
                  ["ตรวจรับงานโดยคณะกรรมการ", "ก", "ข", "ค"])
    assert [(p.a, p.b) for p in near_duplicates([one, two, other])] == [("d-1", "d-2")]


def test_shipped_banks_are_adaptive_with_the_guessing_cut_scores():
    for bank in read_content(ROOT / "courses", ROOT / "quizzes").banks:
        assert bank.mode == "adaptive", bank.subsystem
        assert bank.cut_scores == {"1": 0.55, "2": 0.70, "3": 0.85}, bank.subsystem


def test_a_cue_hidden_in_one_level_of_a_bank_fails():
    from app.content.files import BankFile, Content

    def item(n, level, key_longest):
        options = ["ตัวเลือกที่ยาวกว่าทุกตัว", "สั้นกว่า", "สั้นกว่า", "สั้นกว่า"]
        key = 0 if key_longest else 1 + n % 3
        return Item(f"b-{level}-{n}", "t", level, "ข้อใด",
                    [(o, i == key) for i, o in enumerate(options)], "")

    # level 1: the key is always the longest; levels 2 and 3 never: 0.33 over the bank
    questions = [item(n, lv, lv == 1) for lv in (1, 2, 3) for n in range(9)]
    bank = BankFile("e-laas", 30, 20, {"1": 0.55, "2": 0.70, "3": 0.85}, questions)
    report = lint(Content(banks=[bank]), WORDS).reports[0]
    assert report.means["longest"] == pytest.approx(1 / 3)
    assert report.by_level[1]["longest"] == 1.0
    assert any("level 1: 'longest'" in f for f in report.failures)
