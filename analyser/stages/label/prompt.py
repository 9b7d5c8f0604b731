"""Cluster labels, pure core: prompt building from versioned templates, answer validation, one retry, fallback.

A label is a short title, a one-paragraph summary of the customers' frustration in their own terms,
the journey stage and what the customers expected instead. Providers sit behind `ChatProvider`
(analyser/stages/label/providers.py); the extractive labeller (label_extractive.py) needs no model and
is also the fallback whenever a model call fails or its answer stays invalid after one retry.

Only redacted text reaches a prompt: tickets come from the `tickets` table, which holds redacted
subjects and texts only (raw text, if kept at all, is never read here).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from string import Template
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

PROMPT_VERSION = "label-v1"
UNCLEAR = "unclear"
EXTRACTIVE_MODEL = "extractive-v3"  # bump when the extractive algorithm changes: the version is part of the cache key
_USER_MARKER = "=== user ==="


@dataclass(frozen=True)
class Ticket:
    """A redacted ticket as a prompt shows it."""

    ticket_id: str
    subject: str | None
    text: str
    language: str | None = None


@dataclass(frozen=True)
class Stage:
    key: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class ClusterInput:
    """What a label is made from; `tickets` are the representatives, most representative first."""

    cluster_id: str
    size: int
    keywords: Sequence[str]
    tickets: Sequence[Ticket]
    stage_guess: str | None = None
    member_ticket_ids: frozenset[str] = field(default_factory=frozenset)
    # for the extractive labeller only (not part of the prompt, not hashed):
    subject_counts: tuple[tuple[str, int], ...] = ()  # most used subject lines over all the cluster's tickets
    centroid: Any = field(default=None, compare=False)  # the cluster's mean embedding (numpy array)


class LabelAnswer(BaseModel):
    """The answer schema every provider's output is validated against."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    title: str = Field(min_length=3, max_length=90)
    summary: str = Field(min_length=20, max_length=1500)
    journey_stage: str
    expected_instead: str | None = Field(None, max_length=500)
    confidence: float | None = Field(None, ge=0.0, le=1.0)

    @field_validator("title")
    @classmethod
    def _title_words(cls, value: str) -> str:
        words = len(re.findall(r"[^\W_][^\s]*", value))
        if not 3 <= words <= 8:
            raise ValueError(f"title must have 3 to 8 words, got {words}")
        return value


@dataclass(frozen=True)
class Completion:
    text: str
    prompt_tokens: int | None = None
    completion_tokens: int | None = None


class ProviderError(Exception):
    """The model could not be reached or did not answer (after the provider's own retries)."""


class ChatProvider(Protocol):
    """A chat model: OpenAI-compatible endpoint or in-process llama.cpp."""

    provider: str
    model: str
    endpoint_host: str | None

    def complete(self, messages: list[dict[str, str]]) -> Completion: ...


@dataclass(frozen=True)
class GeneratedLabel:
    cluster_id: str
    provider: str
    model: str
    endpoint_host: str | None
    prompt_version: str
    input_hash: str
    language: str
    answer: LabelAnswer
    fallback: bool = False
    error: str | None = None
    latency_ms: float | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    attempts: int = 0


class AnswerError(ValueError):
    """The model's answer is not the JSON object asked for; the message is shown to the model on retry."""


# ---------------------------------------------------------------- prompts


@lru_cache(maxsize=16)
def load_template(kind: str, version: str, language: str) -> tuple[Template, Template]:
    """System and user templates of a versioned prompt file `resources/prompts/{version}.{language}.txt`."""
    if not version.startswith(kind):
        raise ValueError(f"prompt version {version!r} is not a {kind} prompt")
    text = resources.files("analyser.resources").joinpath("prompts", f"{version}.{language}.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("##")]  # '##' lines are notes for prompt authors
    system, _, user = "\n".join(lines).partition(_USER_MARKER)
    if not user:
        raise ValueError(f"prompt {version}.{language} has no '{_USER_MARKER}' line")
    return Template(system.strip()), Template(user.strip())


def truncate(text: str, max_chars: int) -> str:
    """At most max_chars characters, cut at a word boundary, with an ellipsis when cut."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > max_chars * 0.6 else cut).rstrip(" ,;:") + "…"


def ticket_lines(tickets: Sequence[Ticket], max_chars: int) -> str:
    lines = []
    for number, ticket in enumerate(tickets, start=1):
        subject = f"[{truncate(ticket.subject, 80)}] " if ticket.subject and ticket.subject.strip() else ""
        lines.append(f"{number}. {subject}{truncate(ticket.text, max_chars)}")
    return "\n".join(lines)


def stage_lines(stages: Sequence[Stage]) -> str:
    return "\n".join(f"- {stage.key}: {stage.name}" + (f" ({stage.description})" if stage.description else "") for stage in stages)


def label_messages(
    cluster: ClusterInput, stages: Sequence[Stage], language: str, *, max_ticket_chars: int, version: str = PROMPT_VERSION
) -> list[dict[str, str]]:
    """The chat messages asking for one cluster's label, from the versioned template."""
    system, user = load_template("label", version, language)
    values = {
        "size": str(cluster.size),
        "keywords": ", ".join(cluster.keywords) or "-",
        "stage_guess": cluster.stage_guess or UNCLEAR,
        "stages": stage_lines(stages),
        "stage_keys": ", ".join([*(stage.key for stage in stages), UNCLEAR]),
        "ticket_count": str(len(cluster.tickets)),
        "tickets": ticket_lines(cluster.tickets, max_ticket_chars),
    }
    return [{"role": "system", "content": system.substitute(values)}, {"role": "user", "content": user.substitute(values)}]


def input_hash(cluster: ClusterInput, language: str, stages: Sequence[Stage], max_ticket_chars: int) -> str:
    """sha256 of everything a label prompt is built from, so an unchanged cluster is never labelled twice."""
    payload = {
        "language": language,
        "keywords": list(cluster.keywords),
        "stage_guess": cluster.stage_guess,
        "stages": [(stage.key, stage.name, stage.description) for stage in stages],
        "tickets": [(t.subject or "", truncate(t.text, max_ticket_chars)) for t in cluster.tickets],
        "size_band": _size_band(cluster.size),
    }
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _size_band(size: int) -> int:
    """Sizes in powers of two: the prompt states the size, but 101 vs 102 tickets must not relabel a cluster."""
    return max(size, 1).bit_length()


# ---------------------------------------------------------------- answers


def extract_json_object(text: str) -> dict:
    """The JSON object in a model's answer (code fences and chatter around it tolerated)."""
    cleaned = re.sub(r"```(?:json)?", "", text, flags=re.IGNORECASE).strip()
    start, end = cleaned.find("{"), cleaned.rfind("}")
    if start < 0 or end <= start:
        raise AnswerError("the answer contains no JSON object; answer with one JSON object only")
    try:
        data = json.loads(cleaned[start : end + 1])
    except json.JSONDecodeError as exc:
        raise AnswerError(f"the JSON object is not valid JSON ({exc.msg} at character {exc.pos})") from None
    if not isinstance(data, dict):
        raise AnswerError("the answer must be a JSON object")
    return data


def parse_label_answer(text: str, stage_keys: Sequence[str]) -> LabelAnswer:
    """Validate a model's answer against the label schema; AnswerError lists every problem."""
    data = extract_json_object(text)
    try:
        answer = LabelAnswer.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {re.sub(r'^Value error, ', '', e['msg'])}" for e in exc.errors())
        raise AnswerError(problems) from None
    stage = answer.journey_stage.strip().lower()
    if stage not in (*stage_keys, UNCLEAR):
        raise AnswerError(f"journey_stage must be one of {', '.join([*stage_keys, UNCLEAR])}, got {answer.journey_stage!r}")
    return answer.model_copy(update={"journey_stage": stage})


def retry_message(error: str, language: str) -> str:
    if language == "fr":
        return f"Réponse invalide : {error}. Réponds de nouveau avec uniquement l'objet JSON demandé, corrigé."
    return f"Invalid answer: {error}. Answer again with only the requested JSON object, corrected."


# ---------------------------------------------------------------- labelling one cluster


Extractive = Callable[[ClusterInput], LabelAnswer]


def label_with_model(
    cluster: ClusterInput,
    provider: ChatProvider,
    stages: Sequence[Stage],
    language: str,
    extractive: Extractive,
    *,
    max_ticket_chars: int,
    clock: Callable[[], float] = time.perf_counter,
) -> GeneratedLabel:
    """Ask the model; retry once showing the validation error; else fall back to the extractive label (marked)."""
    keys = [stage.key for stage in stages]
    messages = label_messages(cluster, stages, language, max_ticket_chars=max_ticket_chars)
    common = {
        "cluster_id": cluster.cluster_id, "prompt_version": PROMPT_VERSION, "language": language,
        "input_hash": input_hash(cluster, language, stages, max_ticket_chars),
    }
    started = clock()
    prompt_tokens = completion_tokens = 0
    attempts = 0
    error = ""
    for _ in range(2):
        attempts += 1
        try:
            completion = provider.complete(messages)
        except ProviderError as exc:
            error = f"model call failed: {exc}"
            break
        prompt_tokens += completion.prompt_tokens or 0
        completion_tokens += completion.completion_tokens or 0
        try:
            answer = parse_label_answer(completion.text, keys)
        except AnswerError as exc:
            error = f"invalid answer: {exc}"
            messages = [*messages, {"role": "assistant", "content": completion.text},
                        {"role": "user", "content": retry_message(str(exc), language)}]
            continue
        return GeneratedLabel(
            **common, provider=provider.provider, model=provider.model, endpoint_host=provider.endpoint_host, answer=answer,
            latency_ms=(clock() - started) * 1000, prompt_tokens=prompt_tokens or None,
            completion_tokens=completion_tokens or None, attempts=attempts,
        )
    return GeneratedLabel(
        **common, provider="extractive", model=EXTRACTIVE_MODEL, endpoint_host=provider.endpoint_host,
        answer=extractive(cluster), fallback=True, error=f"{provider.provider}/{provider.model}: {error}"[:1000],
        latency_ms=(clock() - started) * 1000, prompt_tokens=prompt_tokens or None,
        completion_tokens=completion_tokens or None, attempts=attempts,
    )


def label_extractively(
    cluster: ClusterInput, stages: Sequence[Stage], language: str, extractive: Extractive, *, max_ticket_chars: int,
    clock: Callable[[], float] = time.perf_counter,
) -> GeneratedLabel:
    started = clock()
    answer = extractive(cluster)
    return GeneratedLabel(
        cluster_id=cluster.cluster_id, provider="extractive", model=EXTRACTIVE_MODEL, endpoint_host=None,
        prompt_version=PROMPT_VERSION, input_hash=input_hash(cluster, language, stages, max_ticket_chars),
        language=language, answer=answer, latency_ms=(clock() - started) * 1000,
    )


def membership_change(before: frozenset[str], now: frozenset[str]) -> float:
    """1 - Jaccard of two ticket sets: 0 unchanged, 1 nothing in common."""
    union = len(before | now)
    return 1.0 - (len(before & now) / union if union else 1.0)
