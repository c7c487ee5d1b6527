"""The Express target's static security analysis: the config verify runs, and generated
source free of what eslint-plugin-security reports (rendered, not run)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from infranest.generate import render
from infranest.generate.target import Files, load_target
from infranest.generate.targets.express import zod
from infranest.generate.targets.express.regexes import flatten_optional_groups, nested_quantifiers
from infranest.spec.exporters.api_types import BodyField
from infranest.spec.loader import load

ROOT = Path(__file__).resolve().parents[2]
# ``object[identifier]``: what security/detect-object-injection reports (a computed member
# whose key is a plain variable). Keys given by a member (``row[def.owner]``) pass the rule.
_OBJECT_SINK = re.compile(r"[\w$)\]]\??\.?\[[A-Za-z_$][\w$]*\]")


def _render(example: str) -> Files:
    path = ROOT / "examples" / f"{example}.nest"
    if not path.exists():
        pytest.skip(f"{path} is not in this checkout")
    return render(load(path).spec, load_target("express"), deploy=frozenset())


@pytest.fixture(scope="module")
def shop() -> Files:
    return _render("shop")


def test_security_config_turns_every_recommended_rule_into_an_error(shop: Files) -> None:
    config = shop["eslint.security.config.js"]
    assert 'import security from "eslint-plugin-security";' in config
    assert "security.configs.recommended.rules" in config
    assert '[rule, "error"]' in config
    assert 'files: ["src/**/*.ts"]' in config


def test_lint_and_the_security_step_share_the_rules(shop: Files) -> None:
    assert 'import securityRules from "./eslint.security.config.js";' in shop["eslint.config.js"]
    assert "...securityRules," in shop["eslint.config.js"]
    package = json.loads(shop["package.json"])
    assert package["scripts"]["lint:security"] == "eslint --config eslint.security.config.js src"
    assert "eslint-plugin-security" in package["devDependencies"]
    lock = json.loads(shop["package-lock.json"])
    assert "node_modules/eslint-plugin-security" in lock["packages"]


@pytest.mark.parametrize("example", ["shop", "iot", "social", "saas_tasks"])
def test_no_object_injection_sinks_in_the_app(example: str) -> None:
    files = _render(example)
    sinks = [
        f"{path}:{number}: {line.strip()}"
        for path, text in files.items()
        if path.startswith("src/")
        for number, line in enumerate(text.splitlines(), 1)
        if _OBJECT_SINK.search(line)
    ]
    assert sinks == []


def test_settings_keep_configured_oauth_providers_in_a_map(shop: Files) -> None:
    config = shop["src/config.ts"]
    assert "oauth: ReadonlyMap<string, OAuthProvider>;" in config
    assert "appContext(req).settings.oauth.get(name)" in shop["src/routes/auth.ts"]


def test_the_api_key_header_is_read_by_name() -> None:
    auth = _render("iot")["src/routes/auth.ts"]
    assert "req.get(API_KEY_HEADER)" in auth
    assert "req.headers[API_KEY_HEADER]" not in auth


@pytest.mark.parametrize(
    ("pattern", "flat"),
    [
        (r"^-?\d{1,8}(\.\d{1,2})?$", r"^-?\d{1,8}(?:\.\d{1,2}|)$"),
        (r"^[a-z]{2}(-[A-Z]{2})?$", r"^[a-z]{2}(?:-[A-Z]{2}|)$"),
        (r"^(a|b)?(?:c\d+)?$", r"^(?:a|b|)(?:c\d+|)$"),
        (r"^[(]?x\)?$", r"^[(]?x\)?$"),
        (r"^(a)\1?$", r"^(a)\1?$"),  # a back-reference: numbering must not move
    ],
)
def test_optional_groups_lose_their_quantifier_not_their_meaning(pattern: str, flat: str) -> None:
    assert flatten_optional_groups(pattern) == flat
    samples = ["", "x", "(x", "(x)", "a", "aa", "b", "c1", "ac12", "ab", "-1", "12.5", "1.234"]
    samples += ["en", "en-US", "en-us", "99999999.99", "123456789"]
    for text in samples:
        assert bool(re.search(pattern, text)) == bool(re.search(flat, text)), text


@pytest.mark.parametrize(
    ("pattern", "nested"),
    [
        (r"^[a-z0-9]+(-[a-z0-9]+)*$", True),
        (r"^(a+)+$", True),
        (r"^((ab)*c)+$", True),
        (r"^\d{1,19}(?:\.\d{1,2}|)$", False),
        (r"^\+?[0-9 ]{6,20}$", False),
        (r"^[(+]*x{2}$", False),
        (r"^(?:a|b)*$", False),
    ],
)
def test_nested_quantifiers_are_what_detect_unsafe_regex_reports(
    pattern: str, nested: bool
) -> None:
    assert nested_quantifiers(pattern) is nested


def test_a_spec_pattern_that_can_backtrack_runs_after_the_length_check() -> None:
    slug = BodyField("slug", "string", max_length=80, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    expr = zod.scalar(slug)
    assert expr.startswith("z.string().max(80, { abort: true }).regex(/* eslint-disable-line ")
    assert "security/detect-unsafe-regex -- the spec's pattern" in expr
    code = BodyField("code", "string", max_length=8, pattern=r"^[A-Z]{3}[0-9]{1,5}$")
    assert zod.scalar(code) == "z.string().max(8).regex(new RegExp(\"^[A-Z]{3}[0-9]{1,5}$\", 'u'))"
    unbounded = BodyField("note", "text", pattern=r"^(a+)+$")
    assert "eslint-disable" not in zod.scalar(unbounded)


def test_generated_patterns_have_no_nested_quantifier() -> None:
    assert not nested_quantifiers(flatten_optional_groups(zod.TIME_PATTERN))
    price = BodyField("price", "decimal", pattern=r"^-?\d{1,8}(\.\d{1,2})?$")
    assert '"^-?\\\\d{1,8}(?:\\\\.\\\\d{1,2}|)$"' in zod.scalar(price)
    ratio = BodyField("ratio", "float")
    assert "(?:" in zod.query_scalar(ratio)
