"""The names of the drift tests (kept apart from the tests so that naming one imports no
SciPy, e.g. in command-line option types)."""

from __future__ import annotations

from enum import StrEnum


class Method(StrEnum):
    ks = "ks"
    chi2 = "chi2"
    z = "z"
    psi = "psi"
    js = "js"
    wasserstein = "wasserstein"
