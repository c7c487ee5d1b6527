"""Checks of flows, integrations and ML models: the references they make into entities."""

from __future__ import annotations

from infranest.spec import names
from infranest.spec.diagnostics import valid_choices
from infranest.spec.model import NUMERIC_TYPES, Flow, Integration, Loc, MLModel, ModelField
from infranest.spec.validate_context import SECRET_NAME, STEP_OPERATIONS, Checker, PathOf, at
from infranest.spec.validate_values import is_http_url

METRICS: tuple[str, ...] = (
    "drift_share",
    "psi",
    "ks",
    "wasserstein",
    "jensen_shannon",
    "chi2",
    "accuracy",
    "precision",
    "recall",
    "f1",
    "roc_auc",
    "log_loss",
    "mae",
    "rmse",
    "mape",
    "r2",
    "missing_share",
    "out_of_range_share",
    "new_category_share",
    "latency_p99",
    "error_rate",
)
CLASSIFICATION_METRICS = frozenset({"accuracy", "precision", "recall", "f1", "roc_auc", "log_loss"})
REGRESSION_METRICS = frozenset({"mae", "rmse", "mape", "r2"})
# Metrics whose value is a share or a bounded statistic in [0, 1].
UNIT_METRICS = frozenset(
    {
        "drift_share",
        "missing_share",
        "out_of_range_share",
        "new_category_share",
        "error_rate",
        "ks",
        "accuracy",
        "precision",
        "recall",
        "f1",
        "roc_auc",
    }
)


def check_step(c: Checker, ref: str, loc: Loc | None, path: str) -> None:
    """An ``Entity.operation`` reference: the entity exists and has the operation or action."""
    entity_name, dot, op = ref.partition(".")
    if not dot or not entity_name or not op or "." in op:
        c.error(
            "invalid-step",
            f"'{ref}' is not of the form Entity.operation",
            loc,
            path,
            "e.g. 'Order.create' or 'Order.cancel' (an action of Order)",
        )
        return
    ent = c.entities.get(entity_name)
    if ent is None:
        c.error(
            "unknown-entity",
            f"unknown entity '{entity_name}' in '{ref}'",
            loc,
            path,
            valid_choices(entity_name, c.entities),
        )
        return
    choices = [*STEP_OPERATIONS, *(a.name for a in ent.actions)]
    if op not in choices:
        c.error(
            "unknown-operation",
            f"unknown operation '{op}' on {ent.name} in '{ref}'",
            loc,
            path,
            valid_choices(op, choices),
        )


def check_flows(c: Checker, flows: tuple[Flow, ...]) -> None:
    c.check_duplicates(((f.name, f) for f in flows), "duplicate-flow", "flow", PathOf("flows"))
    for fl in flows:
        path = f"flows[{fl.name}]"
        c.check_identifier(fl.name, "flow", "snake", fl.loc, path)
        if not fl.steps:
            c.warn(
                "empty-flow",
                f"flow '{fl.name}' names no steps",
                fl.loc,
                path,
                "list the operations it spans, e.g. 'steps Order.create, Payment.create'",
            )
        for i, step in enumerate(fl.steps):
            check_step(c, step, fl.loc, f"{path}.steps[{i}]")
        for i, lim in enumerate(fl.limits):
            here = f"{path}.limits[{i}]"
            lloc = at(lim, fl)
            for j, op in enumerate(lim.operations):
                if op not in fl.steps:
                    c.error(
                        "unknown-operation",
                        f"flow limit names '{op}', which is not a step of '{fl.name}'",
                        lloc,
                        f"{here}.operations[{j}]",
                        valid_choices(op, fl.steps),
                    )
            c.check_limit_scope(lim, lloc, here)


def check_integrations(c: Checker, integrations: tuple[Integration, ...]) -> None:
    c.check_duplicates(
        ((i.name, i) for i in integrations),
        "duplicate-integration",
        "integration",
        PathOf("integrations"),
    )
    for it in integrations:
        path = f"integrations[{it.name}]"
        loc = it.loc
        c.check_identifier(it.name, "integration", "snake", loc, path)
        if it.url is not None and not is_http_url(it.url):
            c.error(
                "invalid-url",
                f"integration url '{it.url}' is not an http(s) URL",
                loc,
                f"{path}.url",
                "e.g. 'https://api.example.com/v1'",
            )
        if it.timeout is not None and it.timeout.amount <= 0:
            c.error(
                "invalid-timeout",
                f"timeout of '{it.name}' must be greater than zero",
                at(it.timeout, it),
                f"{path}.timeout",
                "e.g. 'timeout 5s'",
            )
        _check_retries(c, it, loc, path)
        if it.secret is not None and not SECRET_NAME.match(it.secret):
            c.error(
                "invalid-secret",
                f"secret '{it.secret}' is not an environment variable name",
                loc,
                f"{path}.secret",
                f"name the variable holding the secret, never the secret itself "
                f"(e.g. '{names.to_snake(it.name).upper()}_API_KEY')",
            )
        for i, ref in enumerate(it.used_by):
            check_step(c, ref, loc, f"{path}.used_by[{i}]")


def _check_retries(c: Checker, it: Integration, loc: Loc | None, path: str) -> None:
    has_backoff = it.backoff is not None and it.backoff != "none"
    if it.retries and not has_backoff:
        c.warn(
            "retries-without-backoff",
            f"'{it.name}' retries {it.retries} times without backoff: retries will hammer "
            "a failing service",
            loc,
            f"{path}.retries",
            "add 'backoff exponential'",
        )
    elif has_backoff and not it.retries:
        c.warn(
            "backoff-without-retries",
            f"'{it.name}' has a backoff but no retries, so the backoff never applies",
            loc,
            f"{path}.backoff",
            "add 'retries 3' or remove the backoff",
        )


def check_models(c: Checker, models: tuple[MLModel, ...]) -> None:
    c.check_duplicates(((m.name, m) for m in models), "duplicate-model", "model", PathOf("models"))
    for m in models:
        path = f"models[{m.name}]"
        c.check_identifier(m.name, "model", "snake", m.loc, path)
        if m.entity is not None and m.entity not in c.entities:
            c.error(
                "unknown-entity",
                f"model '{m.name}' names unknown entity '{m.entity}'",
                m.loc,
                f"{path}.entity",
                valid_choices(m.entity, c.entities),
            )
        if not m.features:
            c.warn(
                "empty-model",
                f"model '{m.name}' declares no features: its inputs cannot be monitored",
                m.loc,
                path,
                "declare its features, e.g. 'features age: int, plan: Plan'",
            )
        _check_model_fields(c, m, path)
        _check_model_outputs(c, m, path)
        _check_monitor(c, m, path)


def _model_fields(m: MLModel) -> list[tuple[str, ModelField]]:
    items = [("features", f) for f in m.features]
    if m.prediction is not None:
        items.append(("prediction", m.prediction))
    if m.score is not None:
        items.append(("score", m.score))
    return items


def _check_model_fields(c: Checker, m: MLModel, path: str) -> None:
    seen: set[str] = set()
    choices = c.model_type_names()
    for role, mf in _model_fields(m):
        here = f"{path}.{role}[{mf.name}]" if role == "features" else f"{path}.{role}"
        loc = at(mf, m)
        if not names.IDENTIFIER.match(mf.name):
            c.error(
                "invalid-name",
                f"model {role} name '{mf.name}' is not an identifier",
                loc,
                here,
                f"e.g. '{names.to_snake(mf.name)}'",
            )
        if mf.name in seen:
            c.error(
                "duplicate-model-feature",
                f"'{mf.name}' is declared more than once in model '{m.name}'",
                loc,
                here,
                "give features, prediction and score distinct names",
            )
        seen.add(mf.name)
        if mf.type not in choices:
            c.error(
                "unknown-model-type",
                f"unknown type '{mf.type}' for '{mf.name}' in model '{m.name}'",
                loc,
                here,
                valid_choices(mf.type, choices),
            )
    feature_names = [f.name for f in m.features]
    for seg in m.segments:
        if seg not in feature_names:
            c.error(
                "unknown-segment",
                f"segment '{seg}' of model '{m.name}' is not one of its features",
                m.loc,
                f"{path}.segments[{seg}]",
                valid_choices(seg, feature_names),
            )


def _check_model_outputs(c: Checker, m: MLModel, path: str) -> None:
    outputs: list[tuple[str, ModelField | None]] = [("score", m.score)]
    if m.task == "regression":
        outputs.append(("prediction", m.prediction))
    for role, mf in outputs:
        if mf is not None and mf.type in c.model_type_names() and mf.type not in NUMERIC_TYPES:
            what = "a regression prediction" if role == "prediction" else "a score"
            c.warn(
                "prediction-type-mismatch",
                f"{role} '{mf.name}' of model '{m.name}' is a {mf.type}, but {what} is a number",
                at(mf, m),
                f"{path}.{role}",
                "use float (or decimal)",
            )


def _check_monitor(c: Checker, m: MLModel, path: str) -> None:
    mon = m.monitor
    if mon is None:
        return
    mpath = f"{path}.monitor"
    if mon.window is not None and mon.window.amount <= 0:
        c.error(
            "invalid-window",
            f"monitoring window of '{m.name}' must be greater than zero",
            at(mon.window, mon, m),
            f"{mpath}.window",
            "e.g. 'window 1d'",
        )
    for i, rule in enumerate(mon.alerts):
        here = f"{mpath}.alerts[{i}]"
        loc = at(rule, mon, m)
        if rule.metric not in METRICS:
            c.error(
                "unknown-metric",
                f"unknown metric '{rule.metric}'",
                loc,
                here,
                valid_choices(rule.metric, METRICS, limit=len(METRICS)),
            )
            continue
        _check_metric_fit(c, m, rule.metric, rule.value, loc, here)
    for i, note in enumerate(mon.notify):
        here = f"{mpath}.notify[{i}]"
        bad = (note.kind == "webhook" and not is_http_url(note.target)) or (
            note.kind == "email" and "@" not in note.target
        )
        if bad:
            c.error(
                "invalid-notification",
                f"{note.kind} notification target '{note.target}' is not "
                f"{'an http(s) URL' if note.kind == 'webhook' else 'an email address'}",
                at(note, mon, m),
                here,
                "e.g. 'https://hooks.example.com/x'"
                if note.kind == "webhook"
                else "e.g. 'ml-team@example.com'",
            )


def _check_metric_fit(
    c: Checker, m: MLModel, metric: str, value: float, loc: Loc | None, here: str
) -> None:
    wrong_task = (m.task == "regression" and metric in CLASSIFICATION_METRICS) or (
        m.task == "classification" and metric in REGRESSION_METRICS
    )
    if wrong_task:
        c.warn(
            "metric-task-mismatch",
            f"'{metric}' does not apply to {m.task} model '{m.name}'",
            loc,
            here,
            "regression: mae, rmse, mape, r2; classification: accuracy, precision, recall, "
            "f1, roc_auc, log_loss",
        )
    elif metric in CLASSIFICATION_METRICS | REGRESSION_METRICS and not m.labels:
        c.warn(
            "metric-without-labels",
            f"'{metric}' needs ground-truth labels, but model '{m.name}' does not collect them",
            loc,
            here,
            "add 'labels' to the model, or alert on drift metrics instead",
        )
    if metric in UNIT_METRICS and not 0 <= value <= 1:
        c.warn(
            "alert-out-of-range",
            f"'{metric}' lies between 0 and 1, so a threshold of {value} never triggers as meant",
            loc,
            here,
            f"write it as a fraction (e.g. {value / 100 if value > 1 else 0.1:g})",
        )
