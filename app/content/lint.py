"""How far a person who knows nothing gets: test-taking tricks and give-away items.

Pure over parsed content. Each strategy picks one option per item without reading for meaning;
where several options tie, the examinee picks among them at random, so an item scores 1/k when
the key is among k tied options. A strategy's figure is its expected share correct.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from app.content.files import Content, Item

#: a strategy above this mean share correct fails the lint (chance is 0.25 with four options)
STRATEGY_LIMIT = 0.35
#: the same within one level of a bank: an adaptive test asks mostly one level of items near a
#: cut point, so a cue hidden in one level is a cue. About 25-30 items: 0.40 is ~1.7 standard
#: deviations above chance, where chance alone rarely lands
LEVEL_LIMIT = 0.40
#: option order is shuffled per attempt in a bank, so position is no trick there
CONTENT_STRATEGIES = ("longest", "shortest", "stem_words", "careful")
#: a random answerer may reach level 1 in under 1 % of attempts, level 2 in under 0.1 %
GUESS_LIMITS = {1: 0.01, 2: 0.001}
#: two items whose stem-and-key word sets overlap this much test the same fact the same way
NEAR_DUPLICATE = 0.55
#: an item whose key words stand this much in another item's stem is answered by it
GIVE_AWAY = 0.7
GIVE_AWAY_MIN_WORDS = 2

_SPACE_OR_PUNCT = re.compile(r"^[\s\W_]+$", re.UNICODE)


@dataclass(frozen=True)
class Words:
    careful: tuple[str, ...]
    careless: tuple[str, ...]


def read_words(path: Path) -> Words:
    data = yaml.safe_load(path.read_text("utf-8"))
    return Words(tuple(data["careful"]), tuple(data["careless"]))


def visible_length(text: str) -> int:
    """Characters as the eye sees them: Thai vowel and tone marks above or below add no width."""
    return sum(1 for ch in text if not unicodedata.combining(ch) and ch not in "\u0e31\u0e34"
               "\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d")


@cache
def _stopwords() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords())


@cache
def tokens(text: str) -> tuple[str, ...]:
    """Thai and Latin words of a text (pythainlp's default tokenizer), without spaces or marks."""
    from pythainlp.tokenize import word_tokenize

    return tuple(w.lower() for w in word_tokenize(text, keep_whitespace=False)
                 if not _SPACE_OR_PUNCT.match(w))


def content_words(text: str) -> frozenset[str]:
    """Words that carry meaning: no stop words, no single characters."""
    stop = _stopwords()
    return frozenset(w for w in tokens(text) if w not in stop and len(w) > 1)


def _tie_score(values: list[float], key: int, pick_max: bool) -> float:
    best = max(values) if pick_max else min(values)
    tied = [i for i, v in enumerate(values) if v == best]
    return 1 / len(tied) if key in tied else 0.0


def _key(item: Item) -> int:
    return next(i for i, (_t, ok) in enumerate(item.options) if ok)


def longest(item: Item, _words: Words) -> float:
    return _tie_score([visible_length(t) for t, _ in item.options], _key(item), True)


def shortest(item: Item, _words: Words) -> float:
    return _tie_score([visible_length(t) for t, _ in item.options], _key(item), False)


def stem_words(item: Item, _words: Words) -> float:
    stem = content_words(item.text)
    return _tie_score([len(content_words(t) & stem) for t, _ in item.options], _key(item), True)


def careful_wording(item: Item, words: Words) -> float:
    def tone(text: str) -> float:
        return sum(text.count(w) for w in words.careful) - sum(
            text.count(w) for w in words.careless)

    return _tie_score([tone(t) for t, _ in item.options], _key(item), True)


def _position(n: int) -> Callable[[Item, Words], float]:
    def strategy(item: Item, _words: Words) -> float:
        if len(item.options) <= n:
            return 1 / len(item.options)  # the examinee picks at random on a shorter item
        return 1.0 if _key(item) == n else 0.0

    return strategy


STRATEGIES: dict[str, Callable[[Item, Words], float]] = {
    "longest": longest,
    "shortest": shortest,
    "stem_words": stem_words,
    "careful": careful_wording,
    **{f"position_{n + 1}": _position(n) for n in range(4)},
}


def strategy_means(items: list[Item], words: Words) -> dict[str, float]:
    """Expected share correct of each strategy over the items."""
    if not items:
        return dict.fromkeys(STRATEGIES, 0.0)
    return {name: sum(fn(i, words) for i in items) / len(items) for name, fn in STRATEGIES.items()}


def tail(n: int, k: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p): the chance a random answerer gets k or more right."""
    return sum(math.comb(n, j) * p**j * (1 - p) ** (n - j) for j in range(max(k, 0), n + 1))


def needed(share: float, n: int) -> int:
    """Correct answers a share of n needs (a cut of 0.55 on 20 items needs 11)."""
    return math.ceil(share * n - 1e-9)


def guessing_chances(n: int, options: int, cut_scores: dict[str, float]) -> dict[int, float]:
    """Chance that answering at random reaches each level on an n-item form (an upper bound:
    the level also needs correct answers on items of that level)."""
    return {lvl: tail(n, needed(cut_scores[str(lvl)], n), 1 / options) for lvl in (1, 2, 3)}


@dataclass
class Pair:
    a: str
    b: str
    similarity: float

    def __str__(self) -> str:
        return f"{self.a} ~ {self.b} ({self.similarity:.2f})"


def _meaning(item: Item) -> frozenset[str]:
    key_text = item.options[_key(item)][0]
    return content_words(item.text) | content_words(key_text)


def _rarity(items: list[Item]) -> dict[str, float]:
    """Inverse document frequency of each word over the items: a word every item uses
    (ระบบ, อปท., บันทึก) says little about which fact an item tests; a rare one says much."""
    df: dict[str, int] = {}
    for item in items:
        for word in content_words(item.text + " " + " ".join(t for t, _ in item.options)):
            df[word] = df.get(word, 0) + 1
    return {w: math.log((1 + len(items)) / (1 + n)) + 1 for w, n in df.items()}


def _weight(words: Iterable[str], idf: dict[str, float]) -> float:
    return sum(idf.get(w, 0.0) for w in words)


def near_duplicates(items: list[Item]) -> list[Pair]:
    """Pairs whose stem-and-key words overlap at NEAR_DUPLICATE or more (Jaccard weighted by
    rarity): the same fact asked the same way. Stem plus key, not the distractors, which two
    good items of one topic may share."""
    idf = _rarity(items)
    sets = [(i.ref, _meaning(i)) for i in items]
    pairs = []
    for x in range(len(sets)):
        ref_a, a = sets[x]
        for y in range(x + 1, len(sets)):
            ref_b, b = sets[y]
            if not a & b:
                continue
            union = _weight(a | b, idf)
            similarity = _weight(a & b, idf) / union if union else 0.0
            if similarity >= NEAR_DUPLICATE:
                pairs.append(Pair(ref_a, ref_b, similarity))
    return pairs


def twins(items: list[Item]) -> dict[int, set[int]]:
    """Each item's near-duplicates, by position in `items`: an adaptive attempt never asks
    two of them."""
    index = {item.ref: n for n, item in enumerate(items)}
    found: dict[int, set[int]] = {}
    for pair in near_duplicates(items):
        a, b = index[pair.a], index[pair.b]
        found.setdefault(a, set()).add(b)
        found.setdefault(b, set()).add(a)
    return found


def give_aways(items: list[Item]) -> list[Pair]:
    """(A, B): the words only A's key has (not A's stem, not its distractors) stand in B's stem,
    weighted by rarity, so reading B's question answers A."""
    idf = _rarity(items)
    found = []
    stems = [(i.ref, content_words(i.text)) for i in items]
    for item in items:
        key = _key(item)
        others: set[str] = set(content_words(item.text))
        for n, (t, _ok) in enumerate(item.options):
            if n != key:
                others |= content_words(t)
        own = content_words(item.options[key][0]) - others
        total = _weight(own, idf)
        if len(own) < GIVE_AWAY_MIN_WORDS or total <= 0:
            continue
        for ref, stem in stems:
            share = _weight(own & stem, idf) / total
            if ref != item.ref and share >= GIVE_AWAY:
                found.append(Pair(item.ref, ref, share))
    return found


@dataclass
class Report:
    name: str  # "bank e-laas" or "course e-laas-officer"
    subsystem: str
    items: int
    means: dict[str, float]
    guessing: dict[int, float] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    by_level: dict[int, dict[str, float]] = field(default_factory=dict)


def _judge_levels(report: Report, items: list[Item], words: Words) -> None:
    for level in (1, 2, 3):
        mine = [i for i in items if i.level == level]
        means = strategy_means(mine, words)
        report.by_level[level] = {name: means[name] for name in CONTENT_STRATEGIES}
        for name, mean in report.by_level[level].items():
            if mine and mean > LEVEL_LIMIT:
                report.failures.append(
                    f"{report.name} level {level}: '{name}' scores {mean:.2f} knowing nothing "
                    f"(limit {LEVEL_LIMIT} within a level)")


def _judge(report: Report) -> None:
    for name, mean in report.means.items():
        if mean > STRATEGY_LIMIT:
            report.failures.append(
                f"{report.name}: '{name}' scores {mean:.2f} knowing nothing "
                f"(limit {STRATEGY_LIMIT})")
    for lvl, limit in GUESS_LIMITS.items():
        if report.guessing and report.guessing[lvl] >= limit:
            report.failures.append(
                f"{report.name}: random answers reach level {lvl} in "
                f"{report.guessing[lvl]:.2%} of attempts (limit {limit:.1%})")


@dataclass
class LintResult:
    reports: list[Report]
    duplicates: list[Pair]
    give_aways: list[Pair]

    @property
    def failures(self) -> list[str]:
        return [f for r in self.reports for f in r.failures]


def lint(content: Content, words: Words, subsystem: str | None = None) -> LintResult:
    """Every bank and every course's checks against the strategies; duplicates over all items."""
    reports = []
    for bank in content.banks:
        if subsystem and bank.subsystem != subsystem:
            continue
        report = Report(f"bank {bank.subsystem}", bank.subsystem, len(bank.questions),
                        strategy_means(bank.questions, words))
        option_count = min((len(q.options) for q in bank.questions), default=4)
        report.guessing = guessing_chances(bank.items_per_attempt, option_count, bank.cut_scores)
        _judge(report)
        _judge_levels(report, bank.questions, words)
        reports.append(report)
    for course in content.courses:
        items = [q for m in course.modules for q in m.check]
        if subsystem and course.subsystem != subsystem:
            continue
        report = Report(f"course {course.slug}", course.subsystem, len(items),
                        strategy_means(items, words))
        _judge(report)
        reports.append(report)
    # an attempt shows items of one bank together, a module shows its check together: a
    # give-away matters inside a bank and inside a course; a copy matters inside a system
    # (bank and courses) and between banks (e-GP and e-Bidding share much)
    duplicates: list[Pair] = []
    given: list[Pair] = []
    codes = sorted({b.subsystem for b in content.banks} | {c.subsystem for c in content.courses})
    for code in codes:
        if subsystem in (None, code):
            duplicates += near_duplicates(list(_items_of(content, code)))
            for bank in content.banks:
                if bank.subsystem == code:
                    given += give_aways(bank.questions)
            for course in content.courses:
                if course.subsystem == code:
                    given += give_aways([q for m in course.modules for q in m.check])
    own = {i.ref for i in _items_of(content, subsystem)} if subsystem else None
    seen = {(p.a, p.b) for p in duplicates}
    for pair in near_duplicates([q for b in content.banks for q in b.questions]):
        if (pair.a, pair.b) not in seen and (own is None or pair.a in own or pair.b in own):
            duplicates.append(pair)
    return LintResult(reports, duplicates, given)


def _items_of(content: Content, subsystem: str | None) -> Iterable[Item]:
    for bank in content.banks:
        if bank.subsystem == subsystem:
            yield from bank.questions
    for course in content.courses:
        if course.subsystem == subsystem:
            yield from (q for m in course.modules for q in m.check)


def format_result(result: LintResult) -> str:
    names = list(STRATEGIES)
    lines = ["know-nothing strategies: expected share correct (chance 0.25; limit "
             f"{STRATEGY_LIMIT}); random-answer chance of level 1 / 2 / 3",
             f"{'':34}{'items':>6} " + " ".join(f"{n[:10]:>10}" for n in names)]
    for r in result.reports:
        row = f"{r.name:34}{r.items:>6} " + " ".join(f"{r.means[n]:>10.2f}" for n in names)
        if r.guessing:
            row += "   guess " + " / ".join(f"{r.guessing[lvl]:.4%}" for lvl in (1, 2, 3))
        lines.append(row)
        for level, means in r.by_level.items():
            lines.append(f"{'  level ' + str(level):34}{'':>6} " + " ".join(
                f"{means[n]:>10.2f}" if n in means else f"{'':>10}" for n in names))
    lines.append(f"near-duplicate pairs (stem+key word overlap >= {NEAR_DUPLICATE}): "
                 f"{len(result.duplicates)}")
    lines += [f"  {p}" for p in result.duplicates]
    lines.append(f"give-aways (key words of the first stand in the second's question): "
                 f"{len(result.give_aways)}")
    lines += [f"  {p}" for p in result.give_aways]
    failures = result.failures
    lines.append(f"FAILED: {len(failures)} problem(s)" if failures else "lint passed")
    lines += [f"  {f}" for f in failures]
    return "\n".join(lines)


# a rule named in full ("ระเบียบกระทรวง…ว่าด้วย…") or a law ("พระราชบัญญัติ" and its name)
_NAMED_RULE = re.compile(r"ระเบียบ\S{0,40}?ว่าด้วย|พระราชบัญญัติ(?=[\u0e01-\u0e2e])")


def unknown_titles(text: str, titles: Iterable[str]) -> list[str]:
    """Every place a text names a law or rule with a title that is not one of `titles`
    (exact, with its year): returns the words from there on, for the message."""
    flat = re.sub(r"\s+", " ", text)
    known = [re.sub(r"\s+", " ", t) for t in titles]
    found = []
    for match in _NAMED_RULE.finditer(flat):
        rest = flat[match.start():]
        if not any(rest.startswith(title) for title in known):
            found.append(rest[:90])
    return found
