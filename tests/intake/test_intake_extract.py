"""Extraction: a description becomes entities, relations, roles, settings and features."""

from __future__ import annotations

from infranest.intake.draft import to_spec
from infranest.intake.extract import extract


def _relations(text: str) -> set[tuple[str, str, str]]:
    spec, _ = to_spec(extract(text).draft)
    return {
        (e.name, f.target or "", f.cardinality or "")
        for e in spec.entities
        for f in e.fields
        if f.type == "relation"
    }


def test_known_entities_fields_and_implied_items() -> None:
    found = extract("An online shop: products in categories, a shopping basket, orders")
    assert found.draft.domain == "commerce"
    assert list(found.draft.entities) == [
        "Product",
        "Category",
        "Cart",
        "Order",
        "CartItem",
        "OrderItem",
    ]
    rels = _relations(found.draft.text)
    assert ("OrderItem", "Order", "many_to_one") in rels
    assert ("Product", "Category", "many_to_one") in rels
    assert ("Order", "User", "many_to_one") in rels


def test_relations_to_absent_entities_are_left_out() -> None:
    rels = _relations("a blog with posts")
    assert all(target in {"Post", "User"} for _, target, _ in rels)


def test_unknown_noun_becomes_entity_with_name_and_question() -> None:
    found = extract("a backend to manage greenhouses, seedlings and plant beds")
    assert "Seedling" in found.unknown
    seedling = found.draft.entities["Seedling"]
    assert [f.name for f in seedling.fields] == ["name", "description"]
    spec, _ = to_spec(found.draft)
    entity = spec.entity("Seedling")
    assert entity is not None
    assert entity.timestamps


def test_has_many_relates_unknown_entities() -> None:
    rels = _relations("an app to track vineyards. Vineyards have many plots, and barrels.")
    assert ("Plot", "Vineyard", "many_to_one") in rels


def test_settings_roles_and_features() -> None:
    found = extract(
        "Helpdesk for agents and admins with Stripe payments, photo uploads and email "
        "notifications. Built with FastAPI on MySQL, login with Google."
    )
    assert found.stated["framework"] == "fastapi"
    assert found.stated["database"] == "mysql"
    assert found.stated["auth"] == "jwt+oauth2(google)"
    assert found.draft.providers == ("google",)
    assert found.draft.roles == ["admin", "agent"]
    assert {"payments", "uploads", "notifications"} <= found.draft.features
    spec, _ = to_spec(found.draft)
    assert {i.name for i in spec.integrations} == {"stripe", "mailer"}


def test_multi_tenancy_adds_a_tenant_scope() -> None:
    found = extract("multi-tenant project tracker: organizations, projects, tasks")
    spec, _ = to_spec(found.draft)
    assert spec.project.tenancy is not None
    assert spec.project.tenancy.entity == "Organization"
    task = spec.entity("Task")
    assert task is not None
    assert task.tenant_field is not None


def test_no_auth_drops_ownership() -> None:
    spec, _ = to_spec(extract("a public api, no auth needed, for recipes and ingredients").draft)
    assert not spec.project.auth.enabled
    assert all(f.target != "User" for e in spec.entities for f in e.fields)


def test_ml_feature_adds_a_model() -> None:
    spec, _ = to_spec(
        extract("an online store with products and orders, with fraud detection").draft
    )
    assert len(spec.models) == 1
    assert spec.models[0].task == "classification"


def test_real_time_is_reported_as_not_expressible() -> None:
    _, found = to_spec(extract("a live chat app with rooms and messages in real time").draft)
    assert "intake-unsupported" in [d.code for d in found]


def test_uploads_without_a_file_field_get_an_attachment() -> None:
    spec, _ = to_spec(extract("a crm with companies and deals; users upload contracts").draft)
    files = [f for e in spec.entities for f in e.fields if f.type == "file"]
    assert [f.name for f in files] == ["attachment"]
