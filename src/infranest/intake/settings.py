"""Project settings a description may state: name, framework, database, authentication."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from infranest.spec.model import AuthMethod, Database, Target

FRAMEWORKS: dict[str, Target] = {
    "django": "django",
    "fastapi": "fastapi",
    "fast api": "fastapi",
    "flask": "fastapi",
    "rails": "rails",
    "ruby on rails": "rails",
    "ruby": "rails",
    "fiber": "fiber",
    "golang": "fiber",
    "go fiber": "fiber",
    "express": "express",
    "node": "express",
    "nodejs": "express",
    "node js": "express",
    "typescript": "express",
}
DATABASES: dict[str, Database] = {
    "postgresql": "postgresql",
    "mysql": "mysql",
    "mariadb": "mysql",
    "sqlite": "sqlite",
}
OAUTH_PROVIDERS = ("google", "github", "apple", "facebook", "microsoft", "gitlab")
_NO_AUTH = re.compile(
    r"\b(no (auth|authentication|log in|account|sign in)( (is )?needed)?"
    r"|without (auth|log in)|public api|anonymous)\b"
)
_NAME = re.compile(r"\b(?:called|named|name is)\s+[\"'“]?([A-Za-z][A-Za-z0-9_-]{1,40})")
# Words that mean people sign in, so some authentication is needed.
AUTH_HINTS = (
    "log in",
    "sign up",
    "sign in",
    "register",
    "password",
    "account",
    "auth",
    "authentication",
    "role",
    "permission",
    "admin",
    "owner",
    "private",
    "my ",
)


@dataclass
class Settings:
    """What the text says about the project, and which decisions that settles."""

    name: str | None = None
    target: Target | None = None
    database: Database | None = None
    auth: tuple[tuple[AuthMethod, ...], tuple[str, ...]] | None = None
    auth_hint: float = 0.3
    stated: dict[str, str] = field(default_factory=dict)


def _find(text: str, table: Mapping[str, str]) -> str | None:
    for phrase in sorted(table, key=len, reverse=True):
        if re.search(rf"\b{re.escape(phrase)}\b", text):
            return table[phrase]
    return None


def _auth(text: str) -> tuple[tuple[AuthMethod, ...], tuple[str, ...]] | None:
    if _NO_AUTH.search(text):
        return ("none",), ()
    methods: list[AuthMethod] = []
    if re.search(r"\b(jwt|json web token|bearer token)", text):
        methods.append("jwt")
    if re.search(r"\b(session|cookie)s? (auth|based|login)", text):
        methods.append("session")
    if re.search(r"\bapi ?key", text):
        methods.append("apikey")
    providers = tuple(
        p
        for p in OAUTH_PROVIDERS
        if re.search(rf"\b(with|via|using|through) {p}\b|\b{p} (log|sign|oauth|account)", text)
    )
    if providers or re.search(r"\b(oauth|oauth2|social log in|sso|single sign on)\b", text):
        if not methods:
            methods.append("jwt")
        methods.append("oauth2")
    return (tuple(methods), providers) if methods else None


def auth_answer(methods: tuple[AuthMethod, ...], providers: tuple[str, ...]) -> str:
    """Methods in the answer syntax: ``jwt``, ``jwt+oauth2(google,github)``."""
    parts = [
        f"oauth2({','.join(providers or ('google',))})" if m == "oauth2" else m for m in methods
    ]
    return "+".join(parts)


def read_settings(text: str, words: list[str]) -> Settings:
    """Settings stated in ``text``; ``words`` are its normalised tokens."""
    lowered = " ".join(words)
    found = Settings()
    match = _NAME.search(text)
    if match:
        found.name = match.group(1)
    found.target = FRAMEWORKS.get(_find(lowered, {k: k for k in FRAMEWORKS}) or "")
    found.database = DATABASES.get(_find(lowered, {k: k for k in DATABASES}) or "")
    found.auth = _auth(lowered)
    if found.target:
        found.stated["framework"] = found.target
    if found.database:
        found.stated["database"] = found.database
    if found.auth:
        found.stated["auth"] = auth_answer(*found.auth)
        found.auth_hint = 1.0
    elif any(h in f" {lowered} " for h in AUTH_HINTS):
        found.auth_hint = 0.6
    return found
