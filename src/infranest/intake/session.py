"""The intake session: a description, the questions worth asking, the answers, the spec.

>>> s = start("An online shop with products and orders. Django, PostgreSQL, JWT.")
>>> q = s.next_question()
>>> while q is not None:
...     s.answer(q.id, q.default)
...     q = s.next_question()
>>> spec = s.spec()
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from infranest.intake import kb as kb_module
from infranest.intake.draft import Draft, to_spec
from infranest.intake.extract import Extraction, add_entity, extract
from infranest.intake.planner import (
    LEARNABLE,
    MAX_QUESTIONS,
    THRESHOLD,
    Question,
    decisions,
    measure,
    spec_lines,
)
from infranest.intake.settings import OAUTH_PROVIDERS
from infranest.spec.diagnostics import Diagnostic
from infranest.spec.exporters.api_fields import plural_snake
from infranest.spec.model import AuthMethod, Spec

if TYPE_CHECKING:
    from infranest.intake.profile import Profile


@dataclass
class Asked:
    """A question that was put, and the answer it got (``None`` while open)."""

    question: Question
    answer: str | None = None


def build(text: str, answers: dict[str, str], base_draft: Draft | None = None) -> Extraction:
    """The extraction of ``text`` with ``answers`` applied (a fresh copy every time)."""
    found = copy.deepcopy(extract(text, answers.get("purpose")))
    if base_draft is not None:
        found.draft.entities = copy.deepcopy(base_draft.entities)
        found.unknown = []
        found.tenancy_candidate = next(
            (e.name for e in found.draft.entities.values() if e.tenancy), None
        )
    stated = {k: v for k, v in found.stated.items() if k.startswith("relation.")}
    _apply(found, {**stated, **answers})
    return found


def _apply(found: Extraction, answers: dict[str, str]) -> None:
    draft = found.draft
    for key, value in answers.items():
        if key == "purpose":
            _ensure_domain(found, value)
        elif key == "name":
            draft.name = value
        elif key == "roles":
            roles = [r.strip().lower() for r in value.replace(";", ",").split(",") if r.strip()]
            draft.roles = roles if "admin" in roles else ["admin", *roles]
        elif key == "framework":
            draft.target = value  # type: ignore[assignment]
        elif key == "database":
            draft.database = value  # type: ignore[assignment]
        elif key == "auth":
            draft.auth, draft.providers = parse_auth(value)
        elif key == "tenancy":
            draft.tenancy = found.tenancy_candidate if value == "yes" else None
        elif key == "payments.provider":
            draft.payment_provider = None if value == "none" else value
        elif key.startswith("entity.") and value == "drop":
            draft.entities.pop(key.removeprefix("entity."), None)
        elif key.startswith("relation.") and value == "yes":
            _many_to_many(found, *key.removeprefix("relation.").split(".", 1))


def _many_to_many(found: Extraction, child: str, parent: str) -> None:
    """Turn the child's reference to its parent into a many-to-many link."""
    entity = found.draft.entities.get(child)
    if entity is None:
        return
    for index, f in enumerate(entity.fields):
        if f.target == parent and f.cardinality == "many_to_one":
            entity.fields[index] = f.model_copy(
                update={
                    "name": plural_snake(parent),
                    "cardinality": "many_to_many",
                    "on_delete": None,
                    "optional": False,
                }
            )
            return


def _ensure_domain(found: Extraction, domain: str) -> None:
    """A chosen domain with too little in the text brings its core entities."""
    base = kb_module.load()
    dom = base.domains.get(domain)
    if dom is None:
        return
    found.draft.domain = domain
    if len(found.draft.entities) >= 2:
        return
    for known in list(dom.entities.values())[:3]:
        add_entity(found.draft, known, "domain")
        for implied in known.implies:
            if implied in dom.entities:
                add_entity(found.draft, dom.entities[implied], "implied")


def valid_auth(value: str) -> bool:
    """Whether every ``+``-joined part names a method (``oauth2`` with known providers)."""
    for part in value.replace(" ", "").lower().split("+"):
        head, _, rest = part.partition("(")
        if head == "oauth2":
            providers = [p for p in rest.rstrip(")").split(",") if p]
            if any(p not in OAUTH_PROVIDERS for p in providers):
                return False
        elif head not in ("jwt", "session", "apikey", "none") or rest:
            return False
    return True


def parse_auth(value: str) -> tuple[tuple[AuthMethod, ...], tuple[str, ...]]:
    """``jwt``, ``session``, ``apikey``, ``none``, ``oauth2(google, github)`` → methods."""
    methods: list[AuthMethod] = []
    providers: list[str] = []
    for part in value.replace(" ", "").lower().split("+"):
        head, _, rest = part.partition("(")
        if head in ("jwt", "session", "apikey", "none"):
            methods.append(head)  # type: ignore[arg-type]
        elif head == "oauth2":
            if not methods:
                methods.append("jwt")
            methods.append("oauth2")
            providers += [p for p in rest.rstrip(")").split(",") if p in OAUTH_PROVIDERS]
    if "oauth2" in methods and not providers:
        providers.append("google")
    return (tuple(methods) or ("jwt",)), tuple(providers)


@dataclass
class Session:
    """One intake: ask :meth:`next_question`, :meth:`answer` it, then take :meth:`spec`."""

    text: str
    profile: Profile | None = None
    base_draft: Draft | None = None
    answers: dict[str, str] = field(default_factory=dict)
    asked: list[Asked] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    defaulted: set[str] = field(default_factory=set)
    warnings: list[Diagnostic] = field(default_factory=list)
    _lines: dict[tuple[tuple[str, str], ...], list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.profile is None:
            return
        found = self.extraction()
        for key in LEARNABLE:
            learned = self.profile.learned(key)
            if learned is not None and key not in found.stated:
                self.answers[key] = learned
                self.notes.append(
                    f"{key}: using '{learned}', as in your last {self.profile.window} "
                    "projects (question skipped; `infranest profile reset` forgets it)"
                )

    def extraction(self) -> Extraction:
        return build(self.text, self.answers, self.base_draft)

    @property
    def draft(self) -> Draft:
        return self.extraction().draft

    def _render(self, answers: dict[str, str]) -> list[str]:
        key = tuple(sorted(answers.items()))
        if key not in self._lines:
            spec, _ = to_spec(build(self.text, answers, self.base_draft).draft)
            self._lines[key] = spec_lines(spec)
        return self._lines[key]

    def open_questions(self) -> list[Question]:
        """Unanswered questions worth asking, most valuable first."""
        found = self.extraction()
        measured = [measure(d, self.answers, self._render) for d in decisions(found, self.answers)]
        worth = [q for q in measured if q.score >= THRESHOLD]
        return sorted(worth, key=lambda q: (-q.score, q.id))

    def next_question(self) -> Question | None:
        """The most valuable open question; the same one again until it is answered."""
        pending = next((a for a in self.asked if a.answer is None), None)
        if pending is not None:
            return pending.question
        if len(self.asked) >= MAX_QUESTIONS:
            return None
        open_now = self.open_questions()
        if not open_now:
            return None
        self.asked.append(Asked(open_now[0]))
        return open_now[0]

    def answer(self, question_id: str, value: str, *, by_default: bool = False) -> None:
        """Record an answer; the draft reflects it at once.

        A decision may be answered before it is asked (an answers file); ``by_default``
        marks an answer that only took the recommendation, which the profile does not learn.
        """
        value = str(value).strip()
        asked = next((a for a in self.asked if a.question.id == question_id), None)
        question = asked.question if asked else None
        if question is None:
            question = self._decision(question_id)
            asked = Asked(question)
            self.asked.append(asked)
        if question.id == "auth" and not valid_auth(value):
            raise ValueError(
                f"'{value}' is not a choice for auth: {', '.join(question.choices)} "
                "(methods may be combined with '+')"
            )
        if question.id != "auth" and not question.free_text and value not in question.choices:
            raise ValueError(
                f"'{value}' is not a choice for {question_id}: {', '.join(question.choices)}"
            )
        assert asked is not None
        asked.answer = value
        self.answers[question_id] = value
        if by_default:
            self.defaulted.add(question_id)
        else:
            self.defaulted.discard(question_id)

    def _decision(self, question_id: str) -> Question:
        found = self.extraction()
        decision = next((d for d in decisions(found, self.answers) if d.id == question_id), None)
        if decision is None:
            raise KeyError(f"no open decision '{question_id}'")
        return measure(decision, self.answers, self._render)

    def preferences(self) -> dict[str, str]:
        """What the profile may learn: learnable settings the person stated or chose."""
        stated = self.stated()
        chosen = {k: v for k, v in self.answers.items() if k not in self.defaulted}
        return {k: v for k in LEARNABLE if (v := stated.get(k) or chosen.get(k)) is not None}

    def spec(self) -> Spec:
        """The spec as it stands: answered questions applied, the rest at their defaults."""
        spec, found = to_spec(self.draft)
        self.warnings = list(found)
        return spec

    def stated(self) -> dict[str, str]:
        """Decisions the description itself settled."""
        return dict(self.extraction().stated)


def start(text: str, *, profile: Profile | None = None, base_draft: Draft | None = None) -> Session:
    """A session for one description (``profile`` supplies learned defaults)."""
    return Session(text=text, profile=profile, base_draft=base_draft)
