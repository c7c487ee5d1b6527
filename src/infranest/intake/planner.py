"""The question planner: open decisions, what each is worth, and which to ask first.

A decision's *value* is how much of the output changes with its answer: the number of spec
lines that differ between the recommended answer and the most different alternative (for
the framework and the database, which change generated code rather than the spec, a fixed
weight). Its *confidence* is how sure the text already makes us. A decision is worth
asking when ``value × (1 − confidence)`` reaches :data:`THRESHOLD`; the text's own answers
are never asked.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from infranest.intake import kb as kb_module
from infranest.intake.extract import Extraction
from infranest.spec.formatter import format_spec
from infranest.spec.model import Spec

THRESHOLD = 3.0
MAX_QUESTIONS = 10
FRAMEWORK_CHOICES = ("fastapi", "django", "rails", "fiber", "express")
DATABASE_CHOICES = ("postgresql", "mysql", "sqlite")
AUTH_CHOICES = ("jwt", "session", "oauth2(google)", "apikey", "none")
PAYMENT_CHOICES = ("stripe", "paypal", "adyen", "none")
POPULAR_DOMAINS = ("commerce", "saas", "booking", "content", "marketplace")
LEARNABLE = ("framework", "database", "auth")


@dataclass(frozen=True)
class Question:
    """One question: its choices, the recommended one, and why the answer matters."""

    id: str
    text: str
    choices: tuple[str, ...]
    default: str
    why: str
    value: float
    confidence: float
    free_text: bool = False

    @property
    def score(self) -> float:
        return self.value * (1.0 - self.confidence)


@dataclass(frozen=True)
class Decision:
    """An open decision before its value is measured (``value`` None: measure the spec)."""

    id: str
    text: str
    choices: tuple[str, ...]
    default: str
    why: str
    confidence: float
    value: float | None = None
    free_text: bool = False


def decisions(found: Extraction, answers: dict[str, str]) -> list[Decision]:
    """Every decision the draft leaves open, with its recommended answer."""
    draft = found.draft
    base = kb_module.load()
    entity_count = len(draft.entities)
    out = [
        _purpose(found, base),
        Decision(
            "name",
            "What is the project called?",
            _names(found, base),
            draft.name,
            "It names the package, the service and its container image.",
            0.95 if "name" in found.stated else (0.7 if max(found.scores.values()) >= 1 else 0.2),
            value=4.0,
            free_text=True,
        ),
        Decision(
            "roles",
            "Which kinds of users are there (roles)?",
            _role_choices(found, base),
            ", ".join(draft.roles),
            "Roles decide who may read and change each entity.",
            0.9 if found.roles_found else 0.5,
            value=1.0 + entity_count,
            free_text=True,
        ),
        Decision(
            "framework",
            "Which framework should the service be generated in?",
            FRAMEWORK_CHOICES,
            "fastapi",
            "Every generated file is written in this framework's idiom.",
            0.0,
            value=10.0 + 2.0 * entity_count,
        ),
        Decision(
            "database",
            "Which database?",
            DATABASE_CHOICES,
            "postgresql",
            "It shapes migrations, column types, reserved names and the Compose setup.",
            0.0,
            value=6.0,
        ),
        Decision(
            "auth",
            "How do users sign in?",
            AUTH_CHOICES,
            "jwt",
            "Authentication decides ownership, access rules and the login endpoints.",
            found.settings.auth_hint if found.settings else 0.3,
        ),
    ]
    if found.tenancy_candidate and "tenancy" not in found.stated:
        name = found.tenancy_candidate
        out.append(
            Decision(
                "tenancy",
                f"Should each {name}'s data be kept apart from the others' (multi-tenancy)?",
                ("no", "yes"),
                "no",
                f"With tenancy every entity gets a {name} scope and queries are filtered by it.",
                0.4,
            )
        )
    if "payments" in draft.features:
        out.append(
            Decision(
                "payments.provider",
                "Which payment provider?",
                PAYMENT_CHOICES,
                "stripe",
                "The provider becomes an integration with timeouts, retries and a secret.",
                0.4,
            )
        )
    for name in found.unknown:
        out.append(
            Decision(
                f"entity.{name}",
                f"I don't know '{name}'. Should it be stored as an entity?",
                ("keep", "drop"),
                "keep",
                f"Keeping it adds a {name} table and its endpoints with a name and a description.",
                0.5,
            )
        )
    for child, parent in found.linked:
        out.append(
            Decision(
                f"relation.{child}.{parent}",
                f"Can one {child} belong to more than one {parent}?",
                ("no", "yes"),
                "no",
                f"'yes' links them through a table of pairs instead of a {parent} "
                f"reference on each {child}.",
                0.5,
                value=4.0,
            )
        )
    return [d for d in out if d.id not in found.stated and d.id not in answers]


def _purpose(found: Extraction, base: kb_module.KnowledgeBase) -> Decision:
    ranked = sorted(found.scores.items(), key=lambda kv: -kv[1])
    choices = [d for d, s in ranked[:3] if s > 0] or list(POPULAR_DOMAINS)
    best = ranked[0][1] if ranked else 0.0
    confidence = 0.98 if best >= 3 else 0.9 if best >= 2 else 0.6 if best >= 1 else 0.0
    default = found.draft.domain or choices[0]
    if default not in choices:
        choices.insert(0, default)
    titles = ", ".join(f"{d} ({base.domains[d].title})" for d in choices)
    return Decision(
        "purpose",
        f"What kind of backend is it? ({titles})",
        tuple(choices),
        default,
        "The kind of backend decides which entities and fields are proposed.",
        confidence,
    )


def _names(found: Extraction, base: kb_module.KnowledgeBase) -> tuple[str, ...]:
    names = [found.draft.name]
    if found.draft.domain:
        names.append(base.domains[found.draft.domain].project_name)
    return tuple(dict.fromkeys([*names, "app"]))


def _role_choices(found: Extraction, base: kb_module.KnowledgeBase) -> tuple[str, ...]:
    options = [", ".join(found.draft.roles)]
    if found.draft.domain:
        options.append(", ".join(base.domains[found.draft.domain].roles))
    options += ["admin, member", "admin"]
    return tuple(dict.fromkeys(options))


def measure(
    decision: Decision, answers: dict[str, str], render: Callable[[dict[str, str]], list[str]]
) -> Question:
    """The decision as a question, its value measured on the spec when not fixed."""
    value = decision.value
    if value is None:
        base = render({**answers, decision.id: decision.default})
        value = 0.0
        for choice in decision.choices:
            if choice != decision.default:
                other = render({**answers, decision.id: choice})
                value = max(value, float(changed_lines(base, other)))
    return Question(
        id=decision.id,
        text=decision.text,
        choices=decision.choices,
        default=decision.default,
        why=decision.why,
        value=value,
        confidence=decision.confidence,
        free_text=decision.free_text,
    )


def changed_lines(a: list[str], b: list[str]) -> int:
    """Lines added or removed between two renderings of a spec."""
    return sum(
        1
        for line in difflib.unified_diff(a, b, n=0, lineterm="")
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    )


def spec_lines(spec: Spec) -> list[str]:
    return format_spec(spec).splitlines()
