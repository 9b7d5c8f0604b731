"""Use-case card drafts, edge: `draft_use_case_card` (on demand from the app or the CLI) and the stored drafts.

The draft is made from the cluster as the latest complete run that holds it saw it: its current
label, keywords and representative (redacted) tickets. It is stored with provider, model, prompt
version and input hash; asking again for an unchanged cluster returns the stored draft without
calling the model. No database connection is held while the model works.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

import numpy as np

from analyser.config import Settings
from analyser.db import Connection, OpenSession, transaction
from analyser.errors import AnalyserError
from analyser.stages.label.card import (
    CARD_PROMPT_VERSION,
    EXTRACTIVE_CARD_MODEL,
    UseCaseCardDraft,
    card_input_hash,
    card_messages,
    draft_with_model,
    extractive_card,
)
from analyser.stages.label.extractive import extractive_label
from analyser.stages.label.prompt import UNCLEAR, ChatProvider
from analyser.stages.label.providers import build_chat_provider
from analyser.stages.label.run import journey_stages
from analyser.stages.label.store import cluster_inputs, current_labels

_COLUMNS = ("draft_id", "cluster_id", "run_id", "provider", "model", "endpoint_host", "prompt_version", "input_hash", "language",
            "content", "fallback", "error", "latency_ms", "created_at")


def draft_use_case_card(
    settings: Settings, open_session: OpenSession, cluster_id: str, *, provider: ChatProvider | None = None,
    environ: Mapping[str, str] | None = None, embed: Callable[[Sequence[str]], np.ndarray] | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> UseCaseCardDraft:
    """A stored draft of the use-case card for one cluster, made with the configured provider (extractive: no model)."""
    llm = settings.llm
    if provider is None:
        provider = build_chat_provider(llm, os.environ if environ is None else environ)
    name, model = (provider.provider, provider.model) if provider else ("extractive", EXTRACTIVE_CARD_MODEL)
    with open_session() as conn:
        run_id = _latest_run_with(conn, cluster_id)
        label = current_labels(conn, [cluster_id]).get(cluster_id)
        guess = {cluster_id: label.journey_stage} if label and label.journey_stage != UNCLEAR else None
        cluster = cluster_inputs(conn, run_id, llm.language, stage_guesses=guess, cluster_ids=[cluster_id])[cluster_id]
    if label is None or label.language != llm.language:
        answer = extractive_label(cluster, llm.language, embed)
        title, summary, expected = answer.title, answer.summary, answer.expected_instead
    else:
        title, summary, expected = label.title, label.summary, label.expected_instead
    digest = card_input_hash(cluster, title, summary, expected, llm.language, llm.max_ticket_chars)
    with open_session() as conn:
        stored = _cached_draft(conn, cluster_id, name, model, digest)
    if stored is not None:
        return stored
    fallback_answer = lambda: extractive_card(summary, expected, llm.language)  # noqa: E731
    common = {"cluster_id": cluster_id, "run_id": run_id, "title": title, "prompt_version": CARD_PROMPT_VERSION,
              "input_hash": digest, "language": llm.language}
    if provider is None:
        started = clock()
        answer, fell_back, error, attempts = fallback_answer(), False, None, 0
        latency = (clock() - started) * 1000
        provider_name, model_name, host = name, model, None
    else:
        messages = card_messages(cluster, title, summary, expected, journey_stages(settings), llm.language,
                                 max_ticket_chars=llm.max_ticket_chars)
        answer, fell_back, error, latency, attempts = draft_with_model(messages, provider, fallback_answer, llm.language, clock)
        provider_name, model_name = ("extractive", EXTRACTIVE_CARD_MODEL) if fell_back else (name, model)
        host = provider.endpoint_host
    draft = UseCaseCardDraft(
        **common, problem=answer.problem, expected_outcome=answer.expected_outcome,
        grid={key: guess.model_dump() for key, guess in answer.grid.items()}, stance=answer.stance,
        stance_justification=answer.stance_justification, provider=provider_name, model=model_name, endpoint_host=host,
        fallback=fell_back, error=error, latency_ms=latency,
    )
    with open_session() as conn, transaction(conn):
        return _store(conn, draft)


def latest_card_draft(conn: Connection, cluster_id: str) -> UseCaseCardDraft | None:
    """The most recent draft for a cluster (any provider), or None."""
    rows = conn.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM use_case_card_drafts WHERE cluster_id = ? ORDER BY draft_id DESC LIMIT 1", [cluster_id]
    ).fetchall()
    return _from_row(rows[0]) if rows else None


def _latest_run_with(conn: Connection, cluster_id: str) -> str:
    rows = conn.execute(
        "SELECT c.run_id FROM clusters c JOIN run_results r ON r.run_id = c.run_id WHERE c.cluster_id = ? "
        "ORDER BY r.completed_at DESC, r.run_id DESC LIMIT 1",
        [cluster_id],
    ).fetchall()
    if not rows:
        raise AnalyserError(
            f"cluster {cluster_id} is in no complete run. Fix: use a cluster id shown by the app or `analyser status`, like C0001."
        )
    return rows[0][0]


def _cached_draft(conn: Connection, cluster_id: str, provider: str, model: str, digest: str) -> UseCaseCardDraft | None:
    rows = conn.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM use_case_card_drafts WHERE cluster_id = ? AND provider = ? AND model = ? "
        "AND prompt_version = ? AND input_hash = ? AND NOT fallback ORDER BY draft_id DESC LIMIT 1",
        [cluster_id, provider, model, CARD_PROMPT_VERSION, digest],
    ).fetchall()
    return _from_row(rows[0]) if rows else None


def _store(conn: Connection, draft: UseCaseCardDraft) -> UseCaseCardDraft:
    now = datetime.now()
    row = conn.execute(
        """
        INSERT INTO use_case_card_drafts (cluster_id, run_id, provider, model, endpoint_host, prompt_version, input_hash,
            language, content, fallback, error, latency_ms, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING draft_id
        """,
        [draft.cluster_id, draft.run_id, draft.provider, draft.model, draft.endpoint_host, draft.prompt_version, draft.input_hash,
         draft.language, json.dumps(draft.content(), ensure_ascii=False), draft.fallback, draft.error, draft.latency_ms, now],
    ).fetchall()
    return UseCaseCardDraft(**{**draft.__dict__, "draft_id": int(row[0][0]), "created_at": now})


def _from_row(row: tuple) -> UseCaseCardDraft:
    data = dict(zip(_COLUMNS, row))
    content = json.loads(data.pop("content"))
    return UseCaseCardDraft(
        **data, title=content["title"], problem=content["problem"], expected_outcome=content["expected_outcome"],
        grid=content["grid"], stance=content["stance"], stance_justification=content["stance_justification"],
    )
