"""The knowledge base: enough domains, well-formed entities, synonyms that resolve."""

from __future__ import annotations

import pytest

from infranest.intake import kb
from infranest.intake.text import phrase_key
from infranest.spec.builtins import finalize
from infranest.spec.model import Auth, Entity, Project, Spec
from infranest.spec.validate import validate

BASE = kb.load()
DOMAINS = [d for d in BASE.domains if d != "common"]


def test_at_least_twenty_domains() -> None:
    assert len(DOMAINS) >= 20
    for name in (
        "commerce",
        "saas",
        "social",
        "booking",
        "health",
        "education",
        "logistics",
        "finance",
        "iot",
        "content",
        "marketplace",
        "hr",
        "events",
        "real_estate",
        "support",
        "food_delivery",
        "fitness",
        "travel",
        "crm",
        "inventory",
    ):
        assert name in BASE.domains


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_domain_validates_as_a_whole(domain: str) -> None:
    """All of a domain's entities together form a spec without errors or warnings."""
    dom = BASE.domains[domain]
    entities = tuple(
        Entity(name=e.name, fields=e.fields, timestamps=True) for e in dom.entities.values()
    )
    enums = {en.name: en for e in dom.entities.values() for en in e.enums}
    known = {e.name for e in entities} | {"User"}
    entities = tuple(
        e.model_copy(
            update={"fields": tuple(f for f in e.fields if f.target is None or f.target in known)}
        )
        for e in entities
    )
    spec = finalize(
        Spec(
            project=Project(name="kb", auth=Auth()), enums=tuple(enums.values()), entities=entities
        )
    )
    assert [d.render() for d in validate(spec)] == []
    assert dom.keywords
    assert dom.roles


def test_money_is_decimal_and_personal_data_is_tagged() -> None:
    product = BASE.domains["commerce"].entities["Product"]
    price = next(f for f in product.fields if f.name == "price")
    assert (price.type, price.precision, price.scale) == ("decimal", 10, 2)
    patient = BASE.domains["health"].entities["Patient"]
    assert {f.name: f.pii for f in patient.fields}["date_of_birth"] == "personal"


def test_enums_are_named_after_entity_and_field() -> None:
    order = BASE.domains["commerce"].entities["Order"]
    status = next(f for f in order.fields if f.name == "status")
    assert status.type == "enum"
    assert status.enum == "OrderStatus"
    assert [v.name for v in order.enums[0].values][:2] == ["pending", "paid"]


@pytest.mark.parametrize(
    ("phrase", "entity"),
    [("shopping cart", "Cart"), ("purchases", "Order"), ("basket", "Cart"), ("clients", "Client")],
)
def test_synonyms_resolve(phrase: str, entity: str) -> None:
    assert entity in {e.name for e in BASE.terms[phrase_key(phrase)]}
