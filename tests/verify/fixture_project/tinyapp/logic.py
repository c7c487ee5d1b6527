"""Request validation and the store, independent of HTTP."""

import hashlib
import hmac
import re
import sqlite3
from typing import Any

from tinyapp.settings import database_path, secret_key

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Invalid(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _text(body: dict[str, Any], key: str, low: int, high: int) -> str:
    value = body.get(key)
    if not isinstance(value, str):
        raise Invalid(key, "must be a string")
    if not low <= len(value) <= high:
        raise Invalid(key, f"length must be {low}..{high}")
    return value


def closed(body: object, keys: set[str]) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise Invalid("body", "must be an object")
    extra = sorted(set(body) - keys)
    if extra:
        raise Invalid(extra[0], "unknown key")
    return body


def credentials(body: object) -> tuple[str, str]:
    data = closed(body, {"email", "password"})
    email = _text(data, "email", 3, 254)
    if not EMAIL.match(email):
        raise Invalid("email", "not an email address")
    return email, _text(data, "password", 8, 128)


def item_name(body: object) -> str:
    return _text(closed(body, {"name"}), "name", 1, 50)


def password_hash(password: str) -> str:
    salt = secret_key().encode()
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 10_000).hex()


def token_for(user_id: int) -> str:
    mac = hmac.new(secret_key().encode(), str(user_id).encode(), "sha256").hexdigest()
    return f"{user_id}.{mac}"


def user_of(token: str) -> int | None:
    user, _, _mac = token.partition(".")
    if not user.isdigit() or not hmac.compare_digest(token_for(int(user)), token):
        return None
    return int(user)


def connect() -> sqlite3.Connection:
    db = sqlite3.connect(database_path())
    db.row_factory = sqlite3.Row
    return db
