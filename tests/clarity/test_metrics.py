from __future__ import annotations

import pytest

from onrecord.clarity.metrics import (
    any_annotator_macro_f1,
    any_annotator_per_class_f1,
    confusion,
    expected_calibration_error,
    macro_f1,
)


def test_task1_macro_f1_by_hand() -> None:
    labels = ("X", "Y", "Z")
    gold = ["X", "X", "Y", "Z"]
    pred = ["X", "Y", "Y", "Y"]
    # X: tp1 fn1 -> 2/3; Y: tp1 fp2 -> 1/2; Z: fn1 -> 0
    assert macro_f1(gold, pred, labels) == pytest.approx((2 / 3 + 1 / 2 + 0) / 3)


def test_task2_any_annotator_matching_by_hand() -> None:
    labels = ("A", "B", "C")
    gold = [["A", "B"], ["A"], ["B", "C", "C"]]
    pred = ["A", "B", "C"]
    # item 1: TP A, FN B; item 2: FP B, FN A; item 3: TP C, FN B (distinct gold labels only)
    per = any_annotator_per_class_f1(gold, pred, labels)
    assert per["A"] == pytest.approx(2 / 3)
    assert per["B"] == 0.0
    assert per["C"] == pytest.approx(1.0)
    assert any_annotator_macro_f1(gold, pred, labels) == pytest.approx((2 / 3 + 0 + 1) / 3)


def test_task2_single_annotator_equals_plain_macro_f1() -> None:
    labels = ("A", "B", "C")
    gold = ["A", "B", "C", "A", "B"]
    pred = ["A", "C", "C", "B", "B"]
    assert any_annotator_macro_f1([[g] for g in gold], pred, labels) == pytest.approx(macro_f1(gold, pred, labels))


def test_confusion_rows_are_gold() -> None:
    assert confusion(["A", "A", "B"], ["A", "B", "B"], ("A", "B")) == [[1, 1], [0, 1]]


def test_ece() -> None:
    assert expected_calibration_error([1.0, 1.0], [True, True]) == pytest.approx(0.0)
    assert expected_calibration_error([0.9, 0.9], [False, False]) == pytest.approx(0.9)
    # half right at 0.75 confidence -> |0.5 - 0.75|
    assert expected_calibration_error([0.75] * 4, [1, 0, 1, 0]) == pytest.approx(0.25)
