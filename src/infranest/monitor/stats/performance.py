"""Model performance from labels, and label-free estimation for classifiers (CBPE-style)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.stats import rankdata  # type: ignore[import-untyped]

FloatArray = NDArray[np.float64]
LOG_LOSS_EPS = 1e-15


@dataclass(frozen=True)
class Classification:
    """Binary precision/recall/F1 are for ``positive``; macro values average over the labels
    seen in truth or predictions (a class never predicted has precision 0)."""

    accuracy: float
    precision: float
    recall: float
    f1: float
    macro_precision: float
    macro_recall: float
    macro_f1: float


def _prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def classification(
    y_true: NDArray[np.generic], y_pred: NDArray[np.generic], positive: object = 1
) -> Classification:
    if y_true.shape != y_pred.shape or y_true.size == 0:
        raise ValueError("labels and predictions must be non-empty and of the same length")
    labels = np.union1d(y_true, y_pred)
    per = [
        _prf(
            float(np.sum((y_pred == k) & (y_true == k))),
            float(np.sum((y_pred == k) & (y_true != k))),
            float(np.sum((y_pred != k) & (y_true == k))),
        )
        for k in labels
    ]
    p, r, f = _prf(
        float(np.sum((y_pred == positive) & (y_true == positive))),
        float(np.sum((y_pred == positive) & (y_true != positive))),
        float(np.sum((y_pred != positive) & (y_true == positive))),
    )
    macro = np.mean(np.array(per), axis=0)
    return Classification(
        float(np.mean(y_true == y_pred)), p, r, f, float(macro[0]), float(macro[1]), float(macro[2])
    )


def roc_auc(y_true: NDArray[np.bool_], scores: FloatArray) -> float:
    """Area under the ROC curve: the Mann–Whitney probability that a positive outranks a
    negative, ties counting one half (average ranks)."""
    pos = np.asarray(y_true, dtype=bool)
    n_pos, n_neg = int(pos.sum()), int((~pos).sum())
    if n_pos == 0 or n_neg == 0:
        raise ValueError("ROC AUC needs both classes")
    ranks = rankdata(scores)
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def log_loss(y_true: NDArray[np.bool_], p_positive: FloatArray) -> float:
    """Mean binary cross-entropy (natural log), probabilities clipped to [eps, 1 - eps]."""
    p = np.clip(p_positive, LOG_LOSS_EPS, 1 - LOG_LOSS_EPS)
    y = np.asarray(y_true, dtype=bool)
    return float(-np.mean(np.where(y, np.log(p), np.log1p(-p))))


@dataclass(frozen=True)
class Regression:
    mae: float
    rmse: float
    mape: float
    r2: float


def regression(y_true: FloatArray, y_pred: FloatArray) -> Regression:
    """MAPE divides by max(|y|, machine epsilon) as scikit-learn does (a fraction, not %). R² is
    1 - SS_res / SS_tot; when y is constant it is 1 for perfect predictions, else 0."""
    err = y_true - y_pred
    mape = float(np.mean(np.abs(err) / np.maximum(np.abs(y_true), np.finfo(np.float64).eps)))
    ss_res = float(np.sum(err**2))
    ss_tot = float(np.sum((y_true - y_true.mean()) ** 2))
    r2 = 1.0 - ss_res / ss_tot if ss_tot > 0 else (1.0 if ss_res == 0 else 0.0)
    return Regression(float(np.mean(np.abs(err))), math.sqrt(ss_res / err.size), mape, r2)


@dataclass(frozen=True)
class Estimated:
    """Expected metrics if the probabilities are calibrated (no labels needed)."""

    accuracy: float
    precision: float
    recall: float
    f1: float


def cbpe_binary(p_positive: FloatArray, threshold: float = 0.5) -> Estimated:
    """Confidence-based performance estimation: a row predicted positive (p ≥ threshold) is a
    true positive with probability p and a false positive with 1 - p; one predicted negative is
    a false negative with p and a true negative with 1 - p. Summing gives the expected confusion
    matrix; metrics are computed from it."""
    p = np.asarray(p_positive, dtype=np.float64)
    pred = p >= threshold
    tp, fp = float(p[pred].sum()), float((1 - p[pred]).sum())
    fn, tn = float(p[~pred].sum()), float((1 - p[~pred]).sum())
    prec, rec, f1 = _prf(tp, fp, fn)
    return Estimated((tp + tn) / p.size, prec, rec, f1)


def cbpe_accuracy(probabilities: FloatArray) -> float:
    """Expected multiclass accuracy when predicting the arg-max class: mean of the row maxima."""
    return float(np.mean(np.max(probabilities, axis=1)))
