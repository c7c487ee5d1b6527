"""Multivariate drift by PCA reconstruction error (NumPy SVD only).

1. Rows with a missing value are dropped. The reference rows are shuffled (fixed seed) and split
   in halves: the first half fits, the second half calibrates.
2. Fit: standardise with the first half's mean and std (a constant feature gets std 1), take the
   SVD, keep the fewest components explaining at least ``variance`` of the variance.
3. A row's error is the squared distance between its standardised vector and that vector's
   projection on the kept components.
4. Threshold: the (1 - alpha) quantile of ``n_boot`` bootstrap means of the held-out half's
   errors, each mean over as many rows as the current sample has (so the spread matches).
   When that would draw more than MAX_BOOTSTRAP_DRAWS values, the normal approximation
   mean + z_(1-alpha) · sd / sqrt(m) of the same bootstrap distribution is used instead.
5. Drift when the current sample's mean error exceeds the threshold. Relations between features
   that break (a correlation that disappears) raise the error even when every marginal is
   unchanged, which per-feature tests cannot see.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
from numpy.typing import NDArray

FloatMatrix = NDArray[np.float64]
MAX_BOOTSTRAP_DRAWS = 5_000_000


@dataclass(frozen=True)
class PCAModel:
    mean: NDArray[np.float64]
    std: NDArray[np.float64]
    components: FloatMatrix  # k × features, orthonormal rows
    explained: float

    def errors(self, rows: FloatMatrix) -> NDArray[np.float64]:
        z = (rows - self.mean) / self.std
        residual = z - (z @ self.components.T) @ self.components
        out: NDArray[np.float64] = np.einsum("ij,ij->i", residual, residual)
        return out


@dataclass(frozen=True)
class PCADrift:
    components: int
    explained_variance: float
    reference_error: float
    current_error: float
    threshold: float
    drifted: bool


def fit_pca(rows: FloatMatrix, variance: float = 0.95) -> PCAModel:
    if rows.ndim != 2 or rows.shape[0] < 2:
        raise ValueError("PCA needs a matrix with at least two rows")
    if not 0.0 < variance <= 1.0:
        raise ValueError("variance must lie in (0, 1]")
    mean = rows.mean(axis=0)
    std = rows.std(axis=0)
    std = np.where(std > 0, std, 1.0)
    z = (rows - mean) / std
    _, s, vt = np.linalg.svd(z, full_matrices=False)
    share = s**2 / np.sum(s**2) if np.sum(s**2) > 0 else np.ones_like(s) / s.size
    cumulative = np.cumsum(share)
    k = min(int(np.searchsorted(cumulative, variance - 1e-12) + 1), s.size)
    return PCAModel(mean, std, vt[:k], float(cumulative[k - 1]))


def _complete(rows: FloatMatrix) -> FloatMatrix:
    out: FloatMatrix = rows[~np.isnan(rows).any(axis=1)]
    return out


def pca_drift(
    reference: FloatMatrix,
    current: FloatMatrix,
    variance: float = 0.95,
    alpha: float = 0.01,
    n_boot: int = 500,
    seed: int = 0,
) -> PCADrift:
    ref, cur = _complete(reference), _complete(current)
    if ref.shape[0] < 4 or cur.shape[0] < 1:
        raise ValueError("need at least 4 complete reference rows and 1 current row")
    rng = np.random.default_rng(seed)
    order = rng.permutation(ref.shape[0])
    half = ref.shape[0] // 2
    model = fit_pca(ref[order[:half]], variance)
    held_out = model.errors(ref[order[half:]])
    m = cur.shape[0]
    if n_boot * m <= MAX_BOOTSTRAP_DRAWS:
        boot = rng.choice(held_out, size=(n_boot, m), replace=True).mean(axis=1)
        threshold = float(np.quantile(boot, 1.0 - alpha))
    else:  # the bootstrap mean is normal here (CLT): mean + z · sd / sqrt(m)
        z = float(NormalDist().inv_cdf(1.0 - alpha))
        threshold = float(held_out.mean() + z * held_out.std() / np.sqrt(m))
    current_error = float(model.errors(cur).mean())
    return PCADrift(
        model.components.shape[0],
        model.explained,
        float(held_out.mean()),
        current_error,
        threshold,
        current_error > threshold,
    )
