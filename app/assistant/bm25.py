"""Okapi BM25 over an inverted index. Pure, and small enough to read in one sitting.

Own code rather than rank-bm25: that package is unmaintained since 2022, needs numpy, and
scores every document for every question; an inverted index touches only the documents that
share a term with the question, and its input (term counts per document) is plain JSON.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping


class Bm25:
    """Rank documents given as term counts; idf as in Lucene (never negative)."""

    def __init__(self, documents: Iterable[Mapping[str, int]], k1: float = 1.2,
                 b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.lengths: list[int] = []
        self.postings: dict[str, dict[int, int]] = {}  # term -> {document: count}
        for number, counts in enumerate(documents):
            self.lengths.append(sum(counts.values()))
            for term, count in counts.items():
                if count > 0:
                    self.postings.setdefault(term, {})[number] = count
        self.size = len(self.lengths)
        self.average = (sum(self.lengths) / self.size) if self.size else 0.0
        self._idf = {term: self._idf_for(len(docs)) for term, docs in self.postings.items()}

    def _idf_for(self, frequency: int) -> float:
        return math.log(1 + (self.size - frequency + 0.5) / (frequency + 0.5))

    def idf(self, term: str) -> float:
        """Rarity of a term; a term no document has counts as rarer than any known one."""
        known = self._idf.get(term)
        return known if known is not None else self._idf_for(0)

    def scores(self, query: Iterable[str]) -> dict[int, float]:
        """BM25 score of every document sharing a term with the query (each term once)."""
        result: dict[int, float] = {}
        for term in set(query):
            idf = self._idf.get(term)
            if idf is None:
                continue
            for number, count in self.postings[term].items():
                norm = self.k1 * (1 - self.b + self.b * self.lengths[number] / self.average)
                result[number] = result.get(number, 0.0) + idf * count * (self.k1 + 1) / (
                    count + norm)
        return result

    def shared(self, number: int, query: Iterable[str], min_idf: float = 0.0) -> set[str]:
        """The query terms document `number` contains, among those at least `min_idf` rare."""
        return {term for term in set(query) if number in self.postings.get(term, {})
                and self._idf[term] >= min_idf}

    def ceiling(self, query: Iterable[str]) -> float:
        """The most a document could score for the query: each term's idf x (k1+1).

        Dividing by it gives a score in [0, 1) that means the same for short and long
        questions, so one threshold can decide whether a question was answered. A word no
        document has counts as the rarest of all, so a question about something else
        entirely (football results, a recipe) scores low."""
        return sum(self.idf(term) * (self.k1 + 1) for term in set(query))


def counts(terms: Iterable[str], weight: int = 1) -> Counter[str]:
    """Term counts of one field, each occurrence counted `weight` times (a field boost)."""
    result: Counter[str] = Counter()
    for term in terms:
        result[term] += weight
    return result
