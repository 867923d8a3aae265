"""BM25 on a tiny corpus whose right order is obvious. No database."""

import math

import pytest

from app.assistant.bm25 import Bm25, counts

DOCS = [
    counts(["ฎีกา", "เบิก", "จ่าย", "ฎีกา"]),
    counts(["ใบเสร็จ", "รับ", "เงิน"]),
    counts(["ฎีกา", "เงิน", "ยืม", "สัญญา", "เช็ค", "ธนาคาร", "บัญชี", "รายงาน"]),
    counts(["ประกาศ", "ผู้ชนะ", "เงิน"]),
]


def test_the_document_about_the_word_ranks_first():
    scores = Bm25(DOCS).scores(["ฎีกา"])
    assert set(scores) == {0, 2}  # only documents sharing a term are scored
    assert scores[0] > scores[2]  # more often, in a shorter document


def test_a_rare_word_weighs_more_than_a_common_one():
    bm25 = Bm25(DOCS)
    assert bm25.idf("ผู้ชนะ") > bm25.idf("เงิน") > 0
    scores = bm25.scores(["เงิน", "ผู้ชนะ"])
    assert max(scores, key=scores.get) == 3


def test_idf_is_never_negative_and_an_unknown_word_is_the_rarest():
    bm25 = Bm25([counts(["ก"])] * 10)
    assert bm25.idf("ก") > 0
    assert bm25.idf("ไม่มี") > bm25.idf("ก")


def test_repeating_a_query_word_does_not_change_the_score():
    bm25 = Bm25(DOCS)
    assert bm25.scores(["ฎีกา", "ฎีกา"]) == bm25.scores(["ฎีกา"])


@pytest.mark.parametrize("query", [["ฎีกา"], ["เงิน", "ผู้ชนะ"], ["ฎีกา", "ไม่มี"]])
def test_the_ceiling_bounds_every_score(query):
    bm25 = Bm25(DOCS)
    assert all(0 < s < bm25.ceiling(query) for s in bm25.scores(query).values())


def test_shared_lists_the_query_words_a_document_has():
    bm25 = Bm25(DOCS)
    assert bm25.shared(2, ["ฎีกา", "เช็ค", "ใบเสร็จ"]) == {"ฎีกา", "เช็ค"}
    assert bm25.shared(2, ["ฎีกา", "เงิน"], min_idf=bm25.idf("ฎีกา")) == {"ฎีกา"}


def test_field_weight_counts_each_occurrence_twice():
    assert counts(["ก", "ข", "ก"], 2) == {"ก": 4, "ข": 2}


def test_an_empty_corpus_scores_nothing():
    bm25 = Bm25([])
    assert bm25.scores(["ฎีกา"]) == {}
    assert math.isfinite(bm25.ceiling(["ฎีกา"]))
