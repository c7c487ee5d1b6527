"""Optional LLM drafting through any OpenAI-compatible chat endpoint.

Configured by ``INFRANEST_LLM_URL`` (``http://host:port``, ``.../v1`` or the full
``.../chat/completions`` address), ``INFRANEST_LLM_MODEL`` and ``INFRANEST_LLM_API_KEY``.
The model proposes the spec's JSON form; nothing it says is trusted: the proposal is read
with the spec's own schema and validator, invalid parts are dropped with a warning, and a
proposal with nothing valid left is rejected. When the endpoint cannot be reached, intake
falls back to offline extraction with a warning.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from infranest.intake.draft import Draft, DraftEntity
from infranest.spec.diagnostics import Diagnostic, SpecError, warning
from infranest.spec.interchange import from_data
from infranest.spec.model import Spec
from infranest.spec.validate import validate

_PATH = re.compile(r"^(\w+)\[([^\]]+)\](?:\.fields\[([^\]]+)\])?")
_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$")
_LISTS = ("entities", "enums", "flows", "integrations", "models")
SYSTEM_PROMPT = (
    "You design backends. Answer with one JSON object and nothing else: an InfraNest spec. "
    'Shape: {"project": {"name": snake_case, "description": str}, "enums": [{"name": '
    'PascalCase, "values": [{"name": snake_case}]}], "entities": [{"name": PascalCase, '
    '"fields": [{"name": snake_case, "type": one of string,text,int,bigint,decimal,float,'
    "bool,date,datetime,time,uuid,email,url,json,file,enum,relation, optional keys: length, "
    "precision, scale, enum, target, cardinality (many_to_one, one_to_one, one_to_many, "
    'many_to_many), via, optional, unique}], "timestamps": true}]}. Money is decimal(10,2). '
    "Relations are named after what they point to (customer, not customer_id). Do not "
    "declare a User entity: it is built in."
)


@dataclass(frozen=True)
class LLMConfig:
    url: str
    model: str
    api_key: str | None = None
    timeout: float = 60.0

    @property
    def endpoint(self) -> str:
        url = self.url.rstrip("/")
        if url.endswith("/chat/completions"):
            return url
        return f"{url}/chat/completions" if url.endswith("/v1") else f"{url}/v1/chat/completions"


@dataclass
class Proposal:
    """What the model proposed, once repaired: a draft to start from, or nothing."""

    draft: Draft | None = None
    spec: Spec | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def config_from_env() -> LLMConfig | None:
    url = os.environ.get("INFRANEST_LLM_URL")
    if not url:
        return None
    return LLMConfig(
        url=url,
        model=os.environ.get("INFRANEST_LLM_MODEL", "default"),
        api_key=os.environ.get("INFRANEST_LLM_API_KEY") or None,
    )


def propose_from_env(text: str) -> Proposal:
    """A proposal when an endpoint is configured; an empty one otherwise."""
    config = config_from_env()
    return Proposal() if config is None else propose(text, config)


def chat(config: LLMConfig, text: str) -> str:
    """The model's reply to the description (raises OSError or ValueError on failure)."""
    body = {
        "model": config.model,
        "temperature": 0,
        "response_format": {"type": "json_object"},
        "messages": [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": text},
        ],
    }
    headers = {"Content-Type": "application/json"}
    if config.api_key:
        headers["Authorization"] = f"Bearer {config.api_key}"
    request = urllib.request.Request(
        config.endpoint, data=json.dumps(body).encode(), headers=headers, method="POST"
    )
    with urllib.request.urlopen(request, timeout=config.timeout) as response:
        reply = json.loads(response.read().decode("utf-8"))
    content = reply["choices"][0]["message"]["content"]
    if not isinstance(content, str):
        raise ValueError("the reply has no text content")
    return content


def propose(text: str, config: LLMConfig) -> Proposal:
    """Ask the model, then repair or reject what it proposes."""
    try:
        content = chat(config, text)
    except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
        return Proposal(
            diagnostics=[
                warning(
                    "llm-unavailable",
                    f"the LLM at {config.endpoint} failed ({exc}); using offline extraction",
                )
            ]
        )
    try:
        data = json.loads(_FENCE.sub("", content.strip()))
    except ValueError:
        return Proposal(diagnostics=[warning("llm-rejected", "the LLM did not answer JSON")])
    spec, found = repair(data)
    if spec is None:
        found.append(warning("llm-rejected", "nothing valid was left of the LLM's proposal"))
        return Proposal(diagnostics=found)
    return Proposal(draft=draft_from_spec(text, spec), spec=spec, diagnostics=found)


def repair(proposed: object) -> tuple[Spec | None, list[Diagnostic]]:
    """A valid spec from proposed data, invalid parts dropped; ``None`` when nothing is left."""
    if not isinstance(proposed, dict):
        return None, [warning("llm-rejected", "the LLM's answer is not a JSON object")]
    data: dict[str, Any] = json.loads(json.dumps(proposed))
    if not isinstance(data.get("project"), dict):
        data["project"] = {"name": "app"}
    found: list[Diagnostic] = []
    for _ in range(25):
        try:
            spec = from_data(data, "<llm>")
        except SpecError as exc:
            if not _drop_all(data, exc.diagnostics, found):
                return None, found
            continue
        errors = [d for d in validate(spec) if d.is_error]
        if not errors:
            return (spec, found) if any(not e.builtin for e in spec.entities) else (None, found)
        if not _drop_all(data, errors, found):
            return None, found
    return None, found


def _drop_all(
    data: dict[str, Any], errors: tuple[Diagnostic, ...] | list[Diagnostic], found: list[Diagnostic]
) -> bool:
    dropped = False
    for d in errors:
        where = _drop(data, d.path or "")
        if where:
            dropped = True
            found.append(warning("llm-dropped", f"dropped {where}: {d.message}", path=d.path))
    return dropped


def _drop(data: dict[str, Any], path: str) -> str | None:
    """Remove the part of ``data`` that ``path`` names; describe what went."""
    if path.startswith("project."):
        key = path.split(".")[1].split("[")[0]
        project = data["project"]
        if key in project and key != "name":
            del project[key]
            return f"project.{key}"
        project["name"] = "app"
        return None if key != "name" else "project.name"
    match = _PATH.match(path)
    if match is None or match.group(1) not in _LISTS:
        return None
    items = data.get(match.group(1))
    if not isinstance(items, list):
        return None
    item = _find(items, match.group(2))
    if item is None:
        return None
    field_key = match.group(3)
    fields = item.get("fields") if isinstance(item, dict) else None
    if field_key is not None and isinstance(fields, list):
        doomed = _find(fields, field_key)
        if doomed is not None:
            fields.remove(doomed)
            return f"{match.group(2)}.{field_key}"
    items.remove(item)
    return f"{match.group(1)}[{match.group(2)}]"


def _find(items: list[Any], key: str) -> Any:
    for item in items:
        if isinstance(item, dict) and item.get("name") == key:
            return item
    if key.isdigit() and int(key) < len(items):
        return items[int(key)]
    return None


def draft_from_spec(text: str, spec: Spec) -> Draft:
    """The proposal's entities as a draft (settings still come from the text and answers)."""
    draft = Draft(text=text, name=spec.project.name)
    for ent in spec.entities:
        if ent.builtin:
            continue
        enums = [e for e in spec.enums if any(f.enum == e.name for f in ent.fields)]
        draft.entities[ent.name] = DraftEntity(
            name=ent.name,
            fields=list(ent.fields),
            enums=enums,
            description=ent.description,
            origin="llm",
            search=list(ent.search),
            filter=list(ent.filter),
            actions=[a.name for a in ent.actions],
        )
    return draft
