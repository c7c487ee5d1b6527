"""A description becomes a draft: domain, entities, relations, roles, settings, features."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from infranest.intake import kb as kb_module
from infranest.intake.draft import Draft, DraftEntity
from infranest.intake.features import FEATURE_WORDS, ML_TASKS, PAYMENT_PROVIDERS
from infranest.intake.settings import DATABASES, FRAMEWORKS, Settings, read_settings
from infranest.intake.text import COMMON_WORDS, LEXICON, Speller, Token, normalize_word, tokenize
from infranest.spec.model import FieldDef
from infranest.spec.names import to_pascal, to_snake

# Words for the account itself: they mean the built-in User, never an entity.
USER_WORDS = frozenset({"user", "people", "person", "visitor", "everyone", "customer", "account"})
# Roles any project may have, besides its domain's own.
GENERIC_ROLES: dict[str, str] = {
    "admin": "admin",
    "administrator": "admin",
    "moderator": "moderator",
    "manager": "manager",
    "editor": "editor",
    "staff": "staff",
}
_BEFORE_NOUN = frozenset(LEXICON["before_noun"])
_AFTER_NOUN = frozenset(LEXICON["after_noun"])
_HAS = frozenset({"has", "have", "contain", "contains", "include", "includes"})
_QUANTIFIERS = frozenset({"many", "multiple", "several", "a", "an", "one", "or", "more", "some"})
_NOT_ENTITIES = frozenset(LEXICON["not_entities"])
_MANY = frozenset({"many", "multiple", "several"})
_LIST_BEFORE = frozenset({",", ":", "&", "+", "and"})
_LIST_AFTER = frozenset({",", "&", "+", "and"})


@dataclass
class Extraction:
    """The draft and what the text itself settled (decision id → value)."""

    draft: Draft
    scores: dict[str, float]
    stated: dict[str, str] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    roles_found: list[str] = field(default_factory=list)
    tenancy_candidate: str | None = None
    settings: Settings | None = None
    # (child, parent) links read from the text ("projects have tasks"): each a
    # many_to_one from child to parent unless the text or an answer says many.
    linked: list[tuple[str, str]] = field(default_factory=list)


@lru_cache(maxsize=1)
def _speller() -> Speller:
    base = kb_module.load()
    extra = {w for words in FEATURE_WORDS.values() for p in words for w in p.split()}
    extra.update({"django", "fastapi", "rails", "fiber", "express", "postgresql", "mysql"})
    extra.update({"sqlite", "management", "platform", "booking", "delivery"})
    return Speller(base.vocabulary() | extra)


@lru_cache(maxsize=256)
def extract(text: str, domain: str | None = None) -> Extraction:
    """Read a description; ``domain`` forces the domain (an answer to the purpose question)."""
    base = kb_module.load()
    tokens = tokenize(text, _speller())
    hits = _phrase_hits(base, tokens)
    hits = [h for h in hits if not _descriptor(base, tokens, h)]
    scores = _domain_scores(base, hits)
    primary = domain if domain in base.domains else _primary(scores)
    settings = read_settings(text, [t.word for t in tokens])
    draft = Draft(text=text, name=settings.name or _default_name(base, primary), domain=primary)
    draft.description = _description(text)
    found = Extraction(draft=draft, scores=scores, settings=settings)
    consumed = _entities(base, found, hits, primary, scores, tokens)
    _unknown_nouns(found, tokens, consumed)
    _implied(base, draft)
    _pattern_relations(found, tokens)
    _roles(base, found, tokens, primary)
    _apply_settings(base, found, settings, [t.word for t in tokens])
    return found


def _phrase_hits(base: kb_module.KnowledgeBase, tokens: list[Token]) -> list[tuple[int, int, str]]:
    """Longest known phrases, left to right: (start, end, phrase)."""
    hits: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        for n in range(base.max_phrase, 0, -1):
            chunk = tokens[i : i + n]
            if len(chunk) < n or any(t.is_punct for t in chunk):
                continue
            phrase = " ".join(t.word for t in chunk)
            if phrase in base.terms or phrase in base.keywords:
                hits.append((i, i + n, phrase))
                i += n - 1
                break
        i += 1
    return hits


def _descriptor(
    base: kb_module.KnowledgeBase, tokens: list[Token], hit: tuple[int, int, str]
) -> bool:
    """A singular entity word right before a colon names the product, not a part of it
    ("a recipe sharing site: ..."); domain keywords there still count."""
    _, end, phrase = hit
    if phrase in base.keywords or end >= len(tokens) or tokens[end].word != ":":
        return False
    return not tokens[end - 1].plural


def _domain_scores(
    base: kb_module.KnowledgeBase, hits: list[tuple[int, int, str]]
) -> dict[str, float]:
    scores: dict[str, float] = {d: 0.0 for d in base.domains if d != "common"}
    for _, _, phrase in hits:
        for d in base.keywords.get(phrase, []):
            if d in scores:
                scores[d] += 3.0
        refs = [e for e in base.terms.get(phrase, []) if e.domain in scores]
        for e in refs:
            scores[e.domain] += 1.0 / len(refs)
    return scores


def _primary(scores: dict[str, float]) -> str | None:
    best = max(scores.items(), key=lambda kv: kv[1], default=("", 0.0))
    return best[0] if best[1] >= 1.0 else None


def _default_name(base: kb_module.KnowledgeBase, domain: str | None) -> str:
    return base.domains[domain].project_name if domain else "app"


def _description(text: str) -> str | None:
    first = re.split(r"(?<=[.!?])\s", " ".join(text.split()), maxsplit=1)[0]
    return first[:160].rstrip() or None


def _entities(
    base: kb_module.KnowledgeBase,
    found: Extraction,
    hits: list[tuple[int, int, str]],
    primary: str | None,
    scores: dict[str, float],
    tokens: list[Token],
) -> set[int]:
    """Add the entities the phrases name; return the token positions they used."""
    consumed: set[int] = set()
    for start, end, phrase in hits:
        ref = _choose(base, phrase, primary, scores, _listed(tokens, start, end))
        if ref is None:
            if phrase in base.keywords:
                consumed.update(range(start, end))
            continue
        consumed.update(range(start, end))
        add_entity(found.draft, ref, "text")
    return consumed


def _listed(tokens: list[Token], start: int, end: int) -> bool:
    """The phrase stands in an enumeration: a list separator or a list opener next to it."""
    before = tokens[start - 1].word if start > 0 else ""
    after = tokens[end].word if end < len(tokens) else ""
    return before in _LIST_BEFORE or after in _LIST_AFTER


def _choose(
    base: kb_module.KnowledgeBase,
    phrase: str,
    primary: str | None,
    scores: dict[str, float],
    listed: bool = False,
) -> kb_module.EntityKnowledge | None:
    """The entity a known phrase names: the primary domain's, else the common one, else a
    strongly indicated domain's — or, for a phrase listed among entities, that of a domain
    other words of the text point at too (a listed noun is meant as an entity)."""
    refs = base.terms.get(phrase, [])
    if not refs:
        return None
    by_domain = {e.domain: e for e in refs}
    if primary in by_domain:
        return by_domain[primary]
    if phrase in USER_WORDS or phrase in GENERIC_ROLES:
        return None
    if primary is not None and phrase in base.domains[primary].roles:
        return None
    if "common" in by_domain:
        return by_domain["common"]
    strong = [e for e in refs if scores.get(e.domain, 0.0) >= 3.0]
    if strong:
        return max(strong, key=lambda e: scores[e.domain])
    if listed:
        # Only a domain the rest of the text also points at (beyond this phrase's own share).
        evidenced = [e for e in refs if scores.get(e.domain, 0.0) - 1.0 / len(refs) >= 1.0]
        if evidenced:
            return max(evidenced, key=lambda e: (scores[e.domain], e.domain))
    return None


def add_entity(draft: Draft, ref: kb_module.EntityKnowledge, origin: str) -> None:
    """Put a known entity into the draft (once), with its fields, enums and API shape."""
    if ref.name in draft.entities:
        return
    draft.entities[ref.name] = DraftEntity(
        name=ref.name,
        fields=list(ref.fields),
        enums=list(ref.enums),
        description=ref.description,
        origin=origin,
        search=list(ref.search),
        filter=list(ref.filter),
        actions=list(ref.actions),
        tenancy=ref.tenancy,
    )


def _implied(base: kb_module.KnowledgeBase, draft: Draft) -> None:
    for ent in list(draft.entities.values()):
        for dom in base.domains.values():
            known = dom.entities.get(ent.name)
            if known is None or dom.name != (draft.domain or dom.name):
                continue
            for name in known.implies:
                if name in dom.entities:
                    add_entity(draft, dom.entities[name], "implied")


def _unknown_nouns(found: Extraction, tokens: list[Token], consumed: set[int]) -> None:
    """Plural nouns the base does not know, standing where entities are listed."""
    known_words = {w for words in FEATURE_WORDS.values() for p in words for w in p.split()}
    known_words.update(normalize_word(w) for p in (*FRAMEWORKS, *DATABASES) for w in p.split())
    known_words.update(kb_module.load().roles())
    for i, tok in enumerate(tokens):
        if i in consumed or not tok.plural or tok.is_punct or len(tok.word) < 3:
            continue
        word = tok.word
        if (
            word in COMMON_WORDS
            or tok.raw in COMMON_WORDS
            or tok.raw in _NOT_ENTITIES
            or word in known_words
            or word in USER_WORDS
            or word in GENERIC_ROLES
            or word.endswith(("ly", "ed"))
        ):
            continue
        before = tokens[i - 1].word if i > 0 else ""
        after = tokens[i + 1].word if i + 1 < len(tokens) else "."
        if before not in _BEFORE_NOUN and after not in _AFTER_NOUN:
            continue
        name = to_pascal(word)
        if name in found.draft.entities:
            continue
        found.draft.entities[name] = DraftEntity(
            name=name,
            fields=[
                FieldDef(name="name", type="string", length=120),
                FieldDef(name="description", type="text", optional=True),
            ],
            origin="unknown",
            search=["name"],
        )
        found.unknown.append(name)


def _mentions(found: Extraction, tokens: list[Token]) -> list[tuple[int, str]]:
    """Positions where an entity of the draft is named by its own name's words."""
    names = {to_snake(n).replace("_", " "): n for n in found.draft.entities}
    out: list[tuple[int, str]] = []
    for i in range(len(tokens)):
        for key, name in names.items():
            parts = key.split()
            if [t.word for t in tokens[i : i + len(parts)]] == parts:
                out.append((i, name))
    return out


def _pattern_relations(found: Extraction, tokens: list[Token]) -> None:
    """``A has many B`` and ``B belongs to A`` give B a many-to-one relation to A."""
    mentions = _mentions(found, tokens)
    for (i, a), (j, b) in itertools.pairwise(mentions):
        between = [t.word for t in tokens[i + 1 : j]]
        if any(w in {".", ";"} for w in between) or a == b:
            continue
        words = [w for w in between if w not in _QUANTIFIERS]
        if words and words[0] in _HAS and len(words) <= 2:
            _relate(found, child=b, parent=a)
        elif words[:2] in (["belong", "to"], ["belongs", "to"]) or words == ["per"]:
            _relate(found, child=a, parent=b)
            if _MANY & set(between) and (a, b) in found.linked:
                found.stated[f"relation.{a}.{b}"] = "yes"  # "belong to many"


def _relate(found: Extraction, child: str, parent: str) -> None:
    ents = found.draft.entities
    if any(f.target == parent for f in ents[child].fields) or any(
        f.target == child for f in ents[parent].fields
    ):
        return
    if ents[child].origin != "unknown" and ents[parent].origin != "unknown":
        return
    ents[child].fields.append(
        FieldDef(
            name=to_snake(parent),
            type="relation",
            target=parent,
            cardinality="many_to_one",
            on_delete="cascade",
        )
    )
    found.linked.append((child, parent))


def _roles(
    base: kb_module.KnowledgeBase, found: Extraction, tokens: list[Token], primary: str | None
) -> None:
    domain_roles = base.domains[primary].roles if primary else ()
    seen: list[str] = []
    for tok in tokens:
        role = GENERIC_ROLES.get(tok.word) or (tok.word if tok.word in domain_roles else None)
        if role and role not in seen:
            seen.append(role)
    found.roles_found = [r for r in seen if r != "admin"]
    roles = ["admin", *found.roles_found] if found.roles_found else list(domain_roles)
    found.draft.roles = roles or ["admin", "member"]
    if "admin" not in found.draft.roles:
        found.draft.roles.insert(0, "admin")


def _apply_settings(
    base: kb_module.KnowledgeBase, found: Extraction, settings: Settings, words: list[str]
) -> None:
    draft = found.draft
    text = " ".join(words)
    for feature, phrases in FEATURE_WORDS.items():
        if any(re.search(rf"\b{re.escape(p)}\b", text) for p in phrases):
            draft.features.add(feature)
    draft.ml_task = next((p for p in ML_TASKS if re.search(rf"\b{re.escape(p)}\b", text)), None)
    provider = next((p for p in PAYMENT_PROVIDERS if p in words), None)
    if provider:
        found.stated["payments.provider"] = provider
        draft.payment_provider = provider
    for key, value in settings.stated.items():
        found.stated[key] = value
    if settings.auth is not None:
        draft.auth, draft.providers = settings.auth
    if settings.database is not None:
        draft.database = settings.database
    if settings.target is not None:
        draft.target = settings.target
    if settings.name:
        found.stated["name"] = settings.name
    tenancy = next((e.name for e in draft.entities.values() if e.tenancy), None)
    found.tenancy_candidate = tenancy
    if "multitenancy" in draft.features:
        if tenancy is None:
            org = base.domains["saas"].entities["Organization"]
            add_entity(draft, org, "implied")
            tenancy = org.name
        draft.tenancy = tenancy
        found.tenancy_candidate = tenancy
        found.stated["tenancy"] = "yes"
