"""Use-case card drafts, pure core: prompt, answer schema, the extractive draft, one retry, fallback.

A draft prepares the one-page use-case card of PRODUCT.md for a human: the problem in the
customers' words, the expected outcome, a first guess (1-5 + one line) for each of the eight grid
dimensions and a suggested stance. It is a DRAFT until a human edits or accepts each field (the
review service stores the accepted values; this module never writes a candidate).

Without an LLM (provider "extractive") the draft is honest about what it cannot know: problem and
expected outcome are quoted from the tickets, every grid score is left empty with "à évaluer"
("to be assessed") and the stance is left to the team. No score is ever invented.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from analyser.grid import DIMENSION_KEYS, GRID, STANCE_KEYS
from analyser.stages.label.prompt import (
    AnswerError,
    ChatProvider,
    ClusterInput,
    ProviderError,
    Stage,
    extract_json_object,
    load_template,
    retry_message,
    stage_lines,
    ticket_lines,
)

CARD_PROMPT_VERSION = "card-v1"
EXTRACTIVE_CARD_MODEL = "extractive-card-v1"
TO_ASSESS = {"fr": "À évaluer en atelier", "en": "To be assessed in the workshop"}
_NO_MODEL = {
    "fr": "aucune estimation automatique sans modèle de langage",
    "en": "no automatic guess without a language model",
}


class GridGuess(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    score: int | None = Field(None, ge=1, le=5)  # None: left for humans
    justification: str = Field(min_length=3, max_length=300)


class CardAnswer(BaseModel):
    """The answer schema of a card draft (what a model must return; the extractive draft fills it too)."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    problem: str = Field(min_length=20, max_length=1500)
    expected_outcome: str = Field(min_length=5, max_length=600)
    grid: dict[str, GridGuess]
    stance: str | None = None
    stance_justification: str = Field(min_length=3, max_length=400)


@dataclass(frozen=True)
class UseCaseCardDraft:
    """A machine draft of a use-case card, clearly a draft: each field waits for a human to edit or accept it."""

    cluster_id: str
    run_id: str | None
    title: str
    problem: str
    expected_outcome: str
    grid: dict[str, dict[str, Any]]  # dimension key -> {"score": 1-5 or None, "justification": str}
    stance: str | None  # automate | assist | keep_human, or None: left to the team
    stance_justification: str
    provider: str
    model: str
    endpoint_host: str | None
    prompt_version: str
    input_hash: str
    language: str
    fallback: bool = False
    error: str | None = None
    latency_ms: float | None = None
    draft_id: int | None = None
    created_at: datetime | None = None
    status: str = field(default="draft")  # always "draft": acceptance is a review event, not a change here

    def content(self) -> dict[str, Any]:
        """The JSON stored in use_case_card_drafts.content."""
        return {"title": self.title, "problem": self.problem, "expected_outcome": self.expected_outcome, "grid": self.grid,
                "stance": self.stance, "stance_justification": self.stance_justification, "status": self.status}


def card_messages(
    cluster: ClusterInput, title: str, summary: str, expected: str | None, stages: Sequence[Stage], language: str,
    *, max_ticket_chars: int,
) -> list[dict[str, str]]:
    system, user = load_template("card", CARD_PROMPT_VERSION, language)
    dimensions = "\n".join(f"- {d.key}: {d.name(language, hint=True)}" for d in GRID)
    values = {
        "title": title, "summary": summary, "expected": expected or "-", "size": str(cluster.size),
        "keywords": ", ".join(cluster.keywords) or "-", "stage": cluster.stage_guess or "unclear", "stages": stage_lines(stages),
        "dimensions": dimensions, "dimension_keys": ", ".join(DIMENSION_KEYS),
        "stances": ", ".join(STANCE_KEYS), "ticket_count": str(len(cluster.tickets)),
        "tickets": ticket_lines(cluster.tickets, max_ticket_chars),
    }
    return [{"role": "system", "content": system.substitute(values)}, {"role": "user", "content": user.substitute(values)}]


def card_input_hash(cluster: ClusterInput, title: str, summary: str, expected: str | None, language: str, max_ticket_chars: int) -> str:
    payload = {
        "title": title, "summary": summary, "expected": expected, "language": language, "keywords": list(cluster.keywords),
        "stage": cluster.stage_guess, "size": cluster.size, "tickets": [(t.ticket_id, t.text[:max_ticket_chars]) for t in cluster.tickets],
    }
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def parse_card_answer(text: str) -> CardAnswer:
    """Validate a model's card answer: every dimension scored 1-5 with a justification, a known stance."""
    data = extract_json_object(text)
    try:
        answer = CardAnswer.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {re.sub(r'^Value error, ', '', e['msg'])}" for e in exc.errors())
        raise AnswerError(problems) from None
    keys = list(DIMENSION_KEYS)
    missing = [key for key in keys if key not in answer.grid or answer.grid[key].score is None]
    if missing:
        raise AnswerError(f"grid must give a score 1-5 and a justification for each of {', '.join(keys)}; missing: {', '.join(missing)}")
    if answer.stance not in STANCE_KEYS:
        raise AnswerError(f"stance must be one of {', '.join(STANCE_KEYS)}, got {answer.stance!r}")
    return answer.model_copy(update={"grid": {key: answer.grid[key] for key in keys}})


def extractive_card(summary: str, expected: str | None, language: str) -> CardAnswer:
    """The draft without a model: the customers' words, and every judgement left to the humans."""
    to_assess = f"{TO_ASSESS[language]} ({_NO_MODEL[language]})."
    outcome = expected or ("À préciser avec l'équipe : aucun ticket représentatif ne formule d'attente explicite." if language == "fr"
                           else "To be stated with the team: no representative ticket states an explicit expectation.")
    return CardAnswer(
        problem=summary, expected_outcome=outcome,
        grid={key: GridGuess(score=None, justification=to_assess) for key in DIMENSION_KEYS},
        stance=None,
        stance_justification=("À décider par l'équipe : automatiser, assister un humain ou garder humain." if language == "fr"
                              else "For the team to decide: automate, assist a human or keep human."),
    )


def draft_with_model(
    messages: list[dict[str, str]], provider: ChatProvider, fallback: Callable[[], CardAnswer], language: str,
    clock: Callable[[], float] = time.perf_counter,
) -> tuple[CardAnswer, bool, str | None, float, int]:
    """(answer, fell back, error, latency ms, attempts): one retry showing the error, then the extractive draft."""
    started = clock()
    error = ""
    attempts = 0
    for _ in range(2):
        attempts += 1
        try:
            completion = provider.complete(messages)
        except ProviderError as exc:
            error = f"model call failed: {exc}"
            break
        try:
            return parse_card_answer(completion.text), False, None, (clock() - started) * 1000, attempts
        except AnswerError as exc:
            error = f"invalid answer: {exc}"
            messages = [*messages, {"role": "assistant", "content": completion.text},
                        {"role": "user", "content": retry_message(str(exc), language)}]
    return fallback(), True, f"{provider.provider}/{provider.model}: {error}"[:1000], (clock() - started) * 1000, attempts
