"""The domain knowledge base: YAML files under ``knowledge/``, loaded and indexed once.

Each file describes one domain: the words that reveal it, its usual roles, and the entities
an experienced engineer would model, with fields written in the ``.nest`` field syntax
(``price: decimal(10,2) min(0)``). ``enum(a, b) = a`` declares an enum named after the
entity and the field (``OrderStatus``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from infranest.intake.text import phrase_key
from infranest.spec.model import EnumDef, FieldDef
from infranest.spec.names import to_pascal, words
from infranest.spec.parser import parse

_ENUM = re.compile(r"^(\w+):\s*enum\(([^)]*)\)(.*)$")


@dataclass(frozen=True)
class EntityKnowledge:
    """What the base knows about one entity of one domain."""

    name: str
    domain: str
    terms: tuple[str, ...]
    description: str | None
    fields: tuple[FieldDef, ...]
    enums: tuple[EnumDef, ...]
    search: tuple[str, ...] = ()
    filter: tuple[str, ...] = ()
    implies: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    tenancy: bool = False


@dataclass(frozen=True)
class Domain:
    name: str
    project_name: str
    title: str
    keywords: tuple[str, ...]
    roles: tuple[str, ...]
    entities: dict[str, EntityKnowledge]


@dataclass
class KnowledgeBase:
    """Every domain, plus an index from a normalised phrase to the entities it names."""

    domains: dict[str, Domain]
    terms: dict[str, list[EntityKnowledge]] = field(default_factory=dict)
    keywords: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for domain in self.domains.values():
            for kw in domain.keywords:
                self.keywords.setdefault(kw, []).append(domain.name)
            for ent in domain.entities.values():
                for term in ent.terms:
                    self.terms.setdefault(term, []).append(ent)

    @property
    def max_phrase(self) -> int:
        return max(len(k.split()) for k in [*self.terms, *self.keywords])

    def vocabulary(self) -> set[str]:
        found: set[str] = set()
        for phrase in [*self.terms, *self.keywords]:
            found.update(phrase.split())
        for domain in self.domains.values():
            found.update(domain.roles)
        return found

    def roles(self) -> set[str]:
        return {r for d in self.domains.values() for r in d.roles}


def _entity(domain: str, name: str, data: dict[str, Any]) -> EntityKnowledge:
    lines: list[str] = []
    enums: list[str] = []
    for line in data.get("fields", []):
        match = _ENUM.match(str(line))
        if match:
            fname, values, rest = match.groups()
            enum_name = name + to_pascal(fname)
            enums.append(f"enum {enum_name} {{ {values} }}")
            line = f"{fname}: {enum_name}{rest}"
        lines.append(f"  {line}")
    body = "\n".join(lines)
    source = f"project kb {{ auth jwt }}\n{chr(10).join(enums)}\nentity {name} {{\n{body}\n}}\n"
    spec = parse(source, filename=f"knowledge/{domain}.yaml#{name}")
    ent = spec.entity(name)
    assert ent is not None
    terms = {phrase_key(t) for t in data.get("terms", [])}
    terms.add(" ".join(words(name)))
    return EntityKnowledge(
        name=name,
        domain=domain,
        terms=tuple(sorted(t for t in terms if t)),
        description=data.get("description"),
        fields=ent.fields,
        enums=spec.enums,
        search=tuple(data.get("search", ())),
        filter=tuple(data.get("filter", ())),
        implies=tuple(data.get("implies", ())),
        actions=tuple(data.get("actions", ())),
        tenancy=bool(data.get("tenancy", False)),
    )


def _domain(data: dict[str, Any]) -> Domain:
    name = str(data["domain"])
    return Domain(
        name=name,
        project_name=str(data.get("name", name)),
        title=str(data.get("title", name)),
        keywords=tuple(phrase_key(k) for k in data.get("keywords", [])),
        roles=tuple(data.get("roles", ())),
        entities={n: _entity(name, n, d or {}) for n, d in (data.get("entities") or {}).items()},
    )


def load_texts(texts: dict[str, str]) -> KnowledgeBase:
    """A knowledge base from YAML texts (file name → content)."""
    domains = [_domain(yaml.safe_load(t)) for _, t in sorted(texts.items())]
    return KnowledgeBase({d.name: d for d in domains})


@lru_cache(maxsize=1)
def load() -> KnowledgeBase:
    """The packaged knowledge base."""
    folder = resources.files("infranest.intake").joinpath("knowledge")
    texts = {
        p.name: p.read_text(encoding="utf-8") for p in folder.iterdir() if p.name.endswith(".yaml")
    }
    return load_texts(texts)
