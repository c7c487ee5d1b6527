"""The deployment kinds ``--deploy`` chooses from."""

from __future__ import annotations

from collections.abc import Iterable

DEPLOY_KINDS: tuple[str, ...] = ("k8s", "helm", "aws", "gcp", "azure")
ALL_KINDS: frozenset[str] = frozenset(DEPLOY_KINDS)


class UnknownDeployKindError(ValueError):
    """A ``--deploy`` value names no kind; the message lists the valid ones."""

    def __init__(self, unknown: list[str]) -> None:
        names = ", ".join(repr(u) for u in unknown)
        super().__init__(
            f"unknown deploy kind {names}; valid: {', '.join(DEPLOY_KINDS)} (or 'none', 'all')"
        )
        self.unknown = unknown


def parse_kinds(value: str | Iterable[str]) -> frozenset[str]:
    """``"k8s,aws"`` → ``{"k8s", "aws"}``; ``"none"`` → nothing; ``"all"`` → every kind."""
    items = value.split(",") if isinstance(value, str) else list(value)
    words = [w.strip().lower() for w in items if w.strip()]
    if words == ["none"]:
        return frozenset()
    if words == ["all"] or not words:
        return ALL_KINDS
    unknown = [w for w in words if w not in ALL_KINDS]
    if unknown:
        raise UnknownDeployKindError(unknown)
    return frozenset(words)
