"""Bodies of the `/auth` endpoints."""

from typing import Annotated, ClassVar, Literal

from pydantic import EmailStr, Field

from app.schemas.common import RequestBody, UriStr

Provider = Literal["google", "apple"]


class RegisterRequest(RequestBody):
    email: Annotated[EmailStr, Field(max_length=254)]
    name: Annotated[str, Field(max_length=150)] | None = None
    password: Annotated[str, Field(min_length=8, max_length=128)]


class LoginRequest(RequestBody):
    email: Annotated[EmailStr, Field(max_length=254)]
    password: Annotated[str, Field(min_length=1, max_length=128)]


class RefreshRequest(RequestBody):
    refresh_token: Annotated[str, Field(max_length=4096)]


class OAuthTokenRequest(RequestBody):
    NOT_NULL: ClassVar[frozenset[str]] = frozenset(["redirect_uri"])

    grant_type: Literal["authorization_code"]
    code: Annotated[str, Field(max_length=4096)]
    redirect_uri: Annotated[UriStr, Field(max_length=2048)] | None = None
