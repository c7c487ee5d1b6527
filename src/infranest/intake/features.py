"""Cross-cutting features a description asks for, and the spec parts they add."""

from __future__ import annotations

from typing import TYPE_CHECKING

from infranest.spec.model import (
    SCALAR_TYPES,
    Duration,
    Integration,
    MLModel,
    MLTask,
    ModelField,
    MonitorPolicy,
    Spec,
)
from infranest.spec.names import to_snake

if TYPE_CHECKING:
    from infranest.intake.draft import Draft

# feature → phrases (normalised, singular) that reveal it.
FEATURE_WORDS: dict[str, tuple[str, ...]] = {
    "payments": (
        "payment",
        "pay",
        "stripe",
        "paypal",
        "checkout",
        "billing",
        "charge",
        "adyen",
        "subscription",
        "payout",
        "invoice",
        "credit card",
    ),
    "uploads": ("upload", "photo", "image", "picture", "attachment", "file", "avatar", "video"),
    "notifications": (
        "notification",
        "notify",
        "email alert",
        "sms",
        "push notification",
        "reminder",
        "alert",
    ),
    "search": ("search", "full text", "find", "filter", "browse"),
    "multitenancy": (
        "multi tenant",
        "multitenant",
        "multi tenancy",
        "tenant per",
        "each company",
        "each organization",
        "per organization",
        "per company",
        "each workspace",
        "per workspace",
        "white label",
    ),
    "realtime": ("real time", "realtime", "live", "websocket", "instant", "chat"),
    "ml": (
        "recommend",
        "recommendation",
        "predict",
        "prediction",
        "fraud detection",
        "fraud",
        "churn",
        "forecast",
        "machine learning",
        "ml model",
        "score",
        "classify",
    ),
}
PAYMENT_PROVIDERS: dict[str, str] = {
    "stripe": "https://api.stripe.com/v1",
    "paypal": "https://api-m.paypal.com",
    "adyen": "https://checkout-test.adyen.com",
}
ML_TASKS: dict[str, MLTask] = {
    "recommend": "ranking",
    "recommendation": "ranking",
    "forecast": "regression",
    "predict": "classification",
    "prediction": "classification",
    "fraud": "classification",
    "fraud detection": "classification",
    "churn": "classification",
    "classify": "classification",
    "score": "classification",
    "machine learning": "classification",
    "ml model": "classification",
}


def integrations(draft: Draft, spec: Spec) -> tuple[Integration, ...]:
    """Outbound APIs the features need: the payment provider and the mailer."""
    found: list[Integration] = []
    provider = draft.payment_provider
    if "payments" in draft.features and provider in PAYMENT_PROVIDERS:
        used = tuple(f"{e}.create" for e in ("Payment", "Payout", "Subscription") if spec.entity(e))
        found.append(
            Integration(
                name=provider,
                description="Card payments",
                url=PAYMENT_PROVIDERS[provider],
                timeout=Duration(amount=10, unit="s"),
                retries=3,
                backoff="exponential",
                circuit_breaker=True,
                validate_response=True,
                secret=f"{provider.upper()}_SECRET_KEY",
                used_by=used,
            )
        )
    if "notifications" in draft.features:
        found.append(
            Integration(
                name="mailer",
                description="E-mail and push notifications",
                timeout=Duration(amount=5, unit="s"),
                retries=2,
                backoff="exponential",
                secret="MAILER_API_KEY",
            )
        )
    return tuple(found)


def ml_model(draft: Draft, spec: Spec) -> tuple[MLModel, ...]:
    """One served model on the main entity when the description asks for predictions."""
    if "ml" not in draft.features or draft.ml_task is None:
        return ()
    task: MLTask = ML_TASKS.get(draft.ml_task, "classification")
    target = next((e for e in spec.entities if not e.builtin), None)
    if target is None:
        return ()
    features = tuple(
        ModelField(name=f.name, type=f.type)
        for f in target.fields
        if f.type in SCALAR_TYPES and f.type not in ("file", "json") and f.pii is None
    )[:6]
    if not features:
        return ()
    prediction = ModelField(name="label" if task == "classification" else "score", type="float")
    if task == "classification":
        prediction = ModelField(name="label", type="bool")
    return (
        MLModel(
            name=to_snake(f"{target.name}_{draft.ml_task.replace(' ', '_')}"),
            description=f"Predictions on {target.name} ({draft.ml_task})",
            task=task,
            entity=target.name,
            features=features,
            prediction=prediction,
            monitor=MonitorPolicy(window=Duration(amount=1, unit="d")),
        ),
    )
