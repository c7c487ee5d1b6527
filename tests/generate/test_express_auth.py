"""The Express target's API keys, tenancy and unique factory values (rendered, not run)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from infranest.generate import render
from infranest.generate.target import Files, load_target
from infranest.generate.targets.express.tests_context import sample_expr, unique_expr
from infranest.spec.exporters.api_types import BodyField
from infranest.spec.loader import load

ROOT = Path(__file__).resolve().parents[2]


def _render(example: str) -> Files:
    path = ROOT / "examples" / f"{example}.nest"
    if not path.exists():
        pytest.skip(f"{path} is not in this checkout")
    return render(load(path).spec, load_target("express"), deploy=frozenset())


@pytest.fixture(scope="module")
def fintech() -> Files:
    return _render("fintech")


@pytest.fixture(scope="module")
def tasks() -> Files:
    return _render("saas_tasks")


def test_api_key_files_only_with_apikey_auth(fintech: Files) -> None:
    for path in ("src/core/apikeys.ts", "src/core/commands.ts", "src/manage.ts"):
        assert path in fintech
    assert "tests/apikeys.test.ts" in fintech
    assert "src/core/apikeys.ts" not in _render("shop")


def test_keys_are_stored_hashed_in_their_own_table(fintech: Files) -> None:
    keys = fintech["src/core/apikeys.ts"]
    assert 'createHash("sha256")' in keys
    assert 'where("api_keys.revoked_at", "is", null)' in keys
    migration = fintech["src/db/migrations.ts"]
    assert '.createTable("api_keys")' in migration
    assert '.addColumn("digest", t.string(64), (c) => c.notNull().unique())' in migration


def test_bearer_is_tried_before_the_key_then_the_cookie(fintech: Files) -> None:
    auth = fintech["src/routes/auth.ts"]
    body = auth[auth.index("export const authenticate") :]
    bearer = body.index("req.headers.authorization")
    key = body.index("req.get(API_KEY_HEADER)")
    cookie = body.index("sessionCookie(req.headers.cookie)")
    assert bearer < key < cookie
    assert 'if (match === null && typeof key === "string")' in body


def test_keys_are_managed_from_an_npm_script(fintech: Files) -> None:
    package = json.loads(fintech["package.json"])
    assert package["scripts"]["manage"] == "node dist/manage.js"
    commands = fintech["src/core/commands.ts"]
    for name in ("create-api-key", "list-api-keys", "revoke-api-key"):
        assert f'"{name}"' in commands
    assert '"src/manage.ts"' in fintech["vitest.config.ts"]
    assert "npm run manage -- create-api-key" in fintech["README.md"]


def test_tenants_come_from_owned_tenants_and_memberships(tasks: Files) -> None:
    access = tasks["src/http/access.ts"]
    assert 'selectFrom("organizations").select("id").where("created_by_id", "=", user.id)' in access
    assert '.where("deleted_at", "is", null)' in access
    assert 'selectFrom("memberships").select("organization_id").where("member_id"' in access
    # Projects and comments only count through memberships, not as tenant sources.
    assert 'selectFrom("projects")' not in access
    assert tasks["src/resources/organizations.ts"].count('tenant: "id"') == 1


def test_references_must_stay_in_the_tenant(tasks: Files) -> None:
    module = tasks["src/resources/tasks.ts"]
    assert '{ key: "project_id", table: "projects", tenant: "organization_id" }' in module
    assert '{ key: "parent_id", table: "tasks", tenant: "organization_id" }' in module
    assert "parents: []" in tasks["src/resources/organizations.ts"]


def test_tenant_resources_are_tested(tasks: Files) -> None:
    suite = tasks["tests/projects.test.ts"]
    assert "describe.skip" not in suite
    assert 'it("needs a tenant to create"' in suite
    assert "await f.tenantOf(t, caller);" in suite
    assert re.search(r"hides other users' rows", suite)
    task_suite = tasks["tests/tasks.test.ts"]
    assert 'it("refuses a project_id of another tenant"' in task_suite
    assert "project_id: (await f.makeProject(t, caller)).id" in task_suite
    factories = tasks["tests/factories.ts"]
    assert "organization_id: await tenantOf(t, user)" in factories


def test_unique_factory_values_never_repeat() -> None:
    handle = BodyField(
        name="handle", type="string", max_length=30, pattern="^[a-z0-9_]{3,30}$", unique=True
    )
    assert unique_expr(handle) == "`sample${n}`"
    padded = BodyField(name="code", type="string", max_length=6, pattern="^S[0-9]+$", unique=True)
    assert unique_expr(padded) == '`S${String(n).padStart(4, "0")}`'
    email = BodyField(name="email", type="email", unique=True)
    assert unique_expr(email) == "`email${n}@example.com`"
    count = BodyField(name="seq", type="int", minimum=3, unique=True)
    assert unique_expr(count) == "3 + n"
    bounded = BodyField(name="seq", type="int", minimum=1, maximum=5, unique=True)
    assert unique_expr(bounded) is None
    plain = BodyField(name="title", type="string", max_length=20)
    assert str(sample_expr(plain)).startswith("pick([")


def test_a_declared_user_entity_registers_and_owns_itself() -> None:
    files = _render("social")
    assert "handle: `sample${n}`," in files["tests/helpers.ts"]
    auth = files["src/routes/auth.ts"]
    assert '{ key: "blocked_ids", table: "user_blocked"' in auth
    assert "verified: () => false," in auth  # column defaults apply on sign-up too
    assert 'const PROFILE = { handle: "sample1" };' in files["tests/auth.test.ts"]
    assert 'owner: "id",' in files["src/resources/users.ts"]
    assert "return f.makeUser(t, caller);" in files["tests/users.test.ts"]
