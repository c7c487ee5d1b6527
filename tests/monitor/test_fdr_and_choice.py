"""Benjamini–Hochberg against scipy, and the automatic test choice."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import false_discovery_control  # type: ignore[import-untyped]

from infranest.monitor.stats.choose import SMALL_N, choose_categorical, choose_numeric
from infranest.monitor.stats.drift import Method
from infranest.monitor.stats.multiple import bh_adjust, bh_reject


@pytest.mark.parametrize("seed", range(5))
def test_bh_equals_scipy_exactly(seed: int) -> None:
    rng = np.random.default_rng(seed)
    ps = np.concatenate([rng.uniform(size=40), rng.uniform(0, 0.01, size=10), [0.03, 0.03]])
    rng.shuffle(ps)
    np.testing.assert_array_equal(bh_adjust(ps), false_discovery_control(ps))


def test_bh_scipy_doc_example_and_rejections() -> None:
    ps = np.array([0.5, 0.6, 0.1, 0.001])
    np.testing.assert_allclose(bh_adjust(ps), [0.6, 0.6, 0.2, 0.004], rtol=1e-12)
    assert bh_reject(ps, 0.05).tolist() == [False, False, False, True]


def test_bh_hand_checked_step_up() -> None:
    # m=3: 0.01*3/1=0.03, 0.04*3/2=0.06, 0.045*3/3=0.045 -> step-up minimum gives 0.045 for 2nd.
    assert bh_adjust(np.array([0.04, 0.01, 0.045])).tolist() == pytest.approx([0.045, 0.03, 0.045])
    assert bh_reject(np.array([0.04, 0.01, 0.045])).tolist() == [True, True, True]


def test_bh_rejects_out_of_range() -> None:
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        bh_adjust(np.array([0.2, 1.5]))


def test_numeric_choice() -> None:
    assert choose_numeric(SMALL_N) is Method.ks
    assert choose_numeric(SMALL_N + 1) is Method.wasserstein


def test_categorical_choice() -> None:
    assert choose_categorical(np.array([40, 60, 0]), np.array([50, 50, 0])) is Method.z
    assert choose_categorical(np.array([401, 600]), np.array([50, 50])) is Method.js
    assert choose_categorical(np.array([30, 30, 40]), np.array([30, 30, 40])) is Method.chi2
    # A rare category makes the smallest expected count 3 * 100 / 200 = 1.5 < 5.
    assert choose_categorical(np.array([50, 48, 2]), np.array([49, 50, 1])) is Method.js
    assert choose_categorical(np.array([500, 300, 201]), np.array([5, 5, 5])) is Method.js
