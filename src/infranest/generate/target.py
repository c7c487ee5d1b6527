"""What a generator target is, and the registry of targets.

A target turns a :class:`ProjectView` into files (relative POSIX path → text). The engine
does everything else: formatting, determinism checks, the manifest, merging, writing.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from infranest.generate.deploy.kinds import ALL_KINDS
from infranest.spec.exporters.api_shape import ApiShape, api_shape
from infranest.spec.exporters.openapi import openapi_document
from infranest.spec.model import Spec

TARGET_NAMES: tuple[str, ...] = ("django", "fastapi", "rails", "fiber", "express")

Files = dict[str, str]


@dataclass(frozen=True)
class ProjectView:
    """The spec as generators see it: the spec itself, the API it must serve, and the
    deployment kinds (``deploy/``) the engine adds to every project."""

    spec: Spec
    shape: ApiShape
    deploy: frozenset[str] = ALL_KINDS

    @classmethod
    def of(cls, spec: Spec, deploy: frozenset[str] = ALL_KINDS) -> ProjectView:
        return cls(spec=spec, shape=api_shape(spec), deploy=deploy)

    @cached_property
    def openapi_json(self) -> str:
        """The contract document every project embeds as ``openapi.json`` (from the shape
        already built, not the spec again)."""
        return json.dumps(openapi_document(self.shape), indent=2) + "\n"


class Target(Protocol):
    """A generator target. ``render`` must be pure and deterministic."""

    name: str
    language: str

    def render(self, view: ProjectView) -> Files:
        """Every file of the project, unformatted."""
        ...

    def format(self, files: Mapping[str, str]) -> Files:
        """The files in the language's canonical format (its own formatter)."""
        ...


def load_target(name: str) -> Target:
    """The target named ``name`` (``infranest.generate.targets.<name>.TARGET``)."""
    if name not in TARGET_NAMES:
        raise KeyError(name)
    module = importlib.import_module(f"infranest.generate.targets.{name}")
    target: Target = module.TARGET
    return target


def available_targets() -> tuple[str, ...]:
    """The targets that exist in this installation, in the canonical order."""
    found = []
    for name in TARGET_NAMES:
        try:
            importlib.import_module(f"infranest.generate.targets.{name}")
        except ModuleNotFoundError:
            continue
        found.append(name)
    return tuple(found)
