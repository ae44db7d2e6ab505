from __future__ import annotations

import numpy as np

from onrecord.clarity import ngrams

QUESTIONS = [
    "Will you sign the bill this week?",
    "How many troops will stay in the country?",
    "Did you talk to the Chinese president about tariffs?",
    "Will you veto the bill?",
    "What do you say to your critics?",
    "How many troops are there now?",
]
ANSWERS = [
    "Yes. I will sign the bill on Friday.",
    "I'm not going to get into numbers. We will announce it at the appropriate time.",
    "I don't know. I haven't seen the report.",
    "Yes, I will veto the bill, and I told the Speaker.",
    "Look, the economy is strong. Wages are up and unemployment is down.",
    "I'm not going to get into numbers today.",
]
Y = np.asarray([0, 6, 7, 0, 2, 6], dtype=np.int64)


def test_ngrams_match_sklearn_tokenisation() -> None:
    v = ngrams.vectorizer()
    v.fit(ANSWERS)
    analyse = v.build_analyzer()
    for text in ANSWERS + QUESTIONS:
        assert sorted(ngrams.ngrams(text)) == sorted(analyse(text))


def test_head_reproduces_the_fitted_pipeline() -> None:
    import scipy.sparse as sp

    va, vq, arrays = ngrams.fit(QUESTIONS, ANSWERS, Y, 9, 1.0, seed=0)
    head = ngrams.NgramHead(va, vq, arrays)
    # the same vectors as scikit-learn's, rebuilt from the stored vocabulary and idf
    ref_a, ref_q = ngrams.vectorizer(), ngrams.vectorizer()
    xa = ref_a.fit_transform([ngrams.opening(a) for a in ANSWERS])
    xq = ref_q.fit_transform(QUESTIONS)
    x = sp.hstack([xa, ngrams.QUESTION_WEIGHT * xq]).tocsr()
    expected = x @ arrays["w"].T + arrays["b"]
    np.testing.assert_allclose(head.logits(QUESTIONS, ANSWERS), expected, atol=1e-9)
    # unseen words contribute nothing; classes absent from training get a very low score
    out = head.logits(["zzz qqq"], ["xxyy wwvv"])
    np.testing.assert_allclose(out[0], arrays["b"])
    assert out[0][8] < -20
