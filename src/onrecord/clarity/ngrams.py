"""Word 1-2-gram TF-IDF of the answer opening and the question, and a linear head over it.

Training fits scikit-learn's ``TfidfVectorizer`` (lowercase, ``\\b\\w\\w+\\b`` tokens,
1-2-grams, ``min_df=2``, sublinear tf, smoothed idf, l2 norm) and a logistic
regression; :func:`pack` keeps only the vocabulary (JSON), the idf and the
weights (arrays), and :class:`NgramHead` recomputes the same vectors with plain
Python and numpy at run time (the tests check them against scikit-learn).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from onrecord.clarity import features as feats

FloatArray = npt.NDArray[np.float64]

#: words of the (cleaned) answer that the n-grams read
OPENING_WORDS = 40
#: weight of the question's vector next to the answer's
QUESTION_WEIGHT = 0.5
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def opening(answer: str) -> str:
    return " ".join(feats.clean_answer(answer).split()[:OPENING_WORDS])


def ngrams(text: str) -> list[str]:
    """Unigrams and bigrams exactly as ``TfidfVectorizer(ngram_range=(1, 2))`` forms them."""
    toks = _TOKEN.findall(text.lower())
    return toks + [f"{a} {b}" for a, b in itertools.pairwise(toks)]


def vectorizer() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, lowercase=True)


def _sparse(text: str, vocab: Mapping[str, int], idf: FloatArray) -> tuple[npt.NDArray[np.int64], FloatArray]:
    counts = Counter(g for g in ngrams(text) if g in vocab)
    if not counts:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    cols = np.asarray([vocab[g] for g in counts], dtype=np.int64)
    vals = np.asarray([1.0 + math.log(c) for c in counts.values()]) * idf[cols]
    norm = float(np.sqrt(np.sum(vals * vals)))
    return cols, vals / norm if norm > 0 else vals


class NgramHead:
    """Linear head over [answer-opening TF-IDF, QUESTION_WEIGHT x question TF-IDF]."""

    def __init__(self, vocab_a: Sequence[str], vocab_q: Sequence[str], arrays: Mapping[str, FloatArray]) -> None:
        self.vocab_a = {t: i for i, t in enumerate(vocab_a)}
        self.vocab_q = {t: i for i, t in enumerate(vocab_q)}
        self.idf_a = np.asarray(arrays["idf_a"], dtype=np.float64)
        self.idf_q = np.asarray(arrays["idf_q"], dtype=np.float64)
        self.w = np.asarray(arrays["w"], dtype=np.float64)
        self.b = np.asarray(arrays["b"], dtype=np.float64)
        if self.idf_a.shape != (len(self.vocab_a),) or self.idf_q.shape != (len(self.vocab_q),):
            raise ValueError("n-gram vocabulary and idf disagree")
        if self.w.shape[1] != len(self.vocab_a) + len(self.vocab_q):
            raise ValueError("n-gram weights have the wrong shape")

    def logits(self, questions: Sequence[str], answers: Sequence[str]) -> FloatArray:
        out = np.tile(self.b, (len(answers), 1))
        na = len(self.vocab_a)
        for i, (q, a) in enumerate(zip(questions, answers, strict=True)):
            ca, va = _sparse(opening(a), self.vocab_a, self.idf_a)
            cq, vq = _sparse(q, self.vocab_q, self.idf_q)
            out[i] += self.w[:, ca] @ va + QUESTION_WEIGHT * (self.w[:, na + cq] @ vq)
        return out


def fit(
    questions: Sequence[str], answers: Sequence[str], y: npt.NDArray[np.int64], n_classes: int, c: float, seed: int
) -> tuple[list[str], list[str], dict[str, FloatArray]]:
    """Fit the vectorizers and a class-balanced logistic regression; return (vocab_a, vocab_q, arrays)."""
    import scipy.sparse as sp

    from onrecord.clarity.linear import fit_logistic_head

    va, vq = vectorizer(), vectorizer()
    xa = va.fit_transform([opening(a) for a in answers])
    xq = vq.fit_transform(list(questions))
    x = sp.hstack([xa, QUESTION_WEIGHT * xq]).tocsr()
    w, b = fit_logistic_head(x, y, n_classes, c, seed)

    def vocab(v: Any) -> list[str]:
        terms = [""] * len(v.vocabulary_)
        for t, i in v.vocabulary_.items():
            terms[int(i)] = t
        return terms

    arrays = {
        "idf_a": np.asarray(va.idf_, dtype=np.float64),
        "idf_q": np.asarray(vq.idf_, dtype=np.float64),
        "w": w,
        "b": b,
    }
    return vocab(va), vocab(vq), arrays
