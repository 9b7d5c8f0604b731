"""Use-case card drafts on demand: honest without a model, validated with one, stored as drafts, reused when unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from chat_server import ChatServer, chat_reply
from typer.testing import CliRunner

from analyser.cli.main import app
from analyser.config import Settings
from analyser.db import session
from analyser.errors import AnalyserError
from analyser.grid import DIMENSION_KEYS, STANCE_KEYS
from analyser.review.cards import draft_use_case_card, latest_card_draft
from analyser.stages.label.card import parse_card_answer
from analyser.stages.label.prompt import AnswerError
from analyser.stages.label.providers import OpenAICompatibleChat
from analyser.stages.label.store import current_labels

KEYS = list(DIMENSION_KEYS)


def card_json(**changes) -> str:
    data = {
        "problem": "Les clients sont prélevés deux fois et doivent relancer plusieurs fois pour être remboursés.",
        "expected_outcome": "Un prélèvement unique, et un remboursement automatique sous 48 heures en cas d'erreur.",
        "grid": {key: {"score": 1 + n % 5, "justification": f"Estimation pour {key}."} for n, key in enumerate(KEYS)},
        "stance": "assist",
        "stance_justification": "Un conseiller reste nécessaire pour les litiges, l'outil l'aide à détecter le doublon.",
    }
    data.update(changes)
    return json.dumps(data, ensure_ascii=False)


def largest_cluster(database: Path) -> str:
    with session(database) as conn:
        return conn.execute("SELECT cluster_id FROM clusters c JOIN run_results r USING (run_id) ORDER BY r.completed_at DESC, "
                            "c.size DESC LIMIT 1").fetchall()[0][0]


def test_without_a_model_the_draft_quotes_customers_and_leaves_every_judgement_to_humans(sample_database_copy: Path) -> None:
    settings = Settings(database=sample_database_copy)
    open_session = lambda: session(sample_database_copy)  # noqa: E731
    cluster_id = largest_cluster(sample_database_copy)
    draft = draft_use_case_card(settings, open_session, cluster_id, environ={})
    with open_session() as conn:
        label = current_labels(conn, [cluster_id])[cluster_id]
        stored = latest_card_draft(conn, cluster_id)
    assert (draft.status, draft.provider, draft.model, draft.prompt_version, draft.fallback) == (
        "draft", "extractive", "extractive-card-v1", "card-v1", False)
    assert draft.title == label.title and draft.problem == label.summary
    assert draft.expected_outcome == label.expected_instead or draft.expected_outcome.startswith("À préciser")
    assert list(draft.grid) == KEYS
    assert all(guess["score"] is None and guess["justification"].startswith("À évaluer en atelier") for guess in draft.grid.values())
    assert draft.stance is None and "À décider par l'équipe" in draft.stance_justification
    assert stored == draft and draft.draft_id is not None and draft.run_id
    again = draft_use_case_card(settings, open_session, cluster_id, environ={})
    assert again.draft_id == draft.draft_id  # unchanged cluster: the stored draft, no new work


def test_with_a_model_the_draft_has_validated_guesses_and_records_the_model(sample_database_copy: Path) -> None:
    settings = Settings(database=sample_database_copy)
    open_session = lambda: session(sample_database_copy)  # noqa: E731
    cluster_id = largest_cluster(sample_database_copy)
    answers = [card_json(stance="automatiser"), card_json()]
    with ChatServer(lambda n, body: chat_reply(answers[n])).running() as server:
        chat = OpenAICompatibleChat(server.base_url, "test-model", sleep=lambda s: None)
        draft = draft_use_case_card(settings, open_session, cluster_id, provider=chat)
    assert len(server.requests) == 2 and "stance must be one of automate, assist, keep_human" in server.requests[1].prompt
    prompt = server.requests[0].prompt
    assert "Clés obligatoires dans grid : " + ", ".join(KEYS) in prompt and "BROUILLON" in prompt
    assert (draft.provider, draft.model, draft.endpoint_host, draft.fallback, draft.status) == ("openai", "test-model", "127.0.0.1", False, "draft")
    assert [draft.grid[key]["score"] for key in KEYS] == [1, 2, 3, 4, 5, 1, 2, 3] and draft.stance == "assist"
    with open_session() as conn:
        assert latest_card_draft(conn, cluster_id) == draft


def test_an_invalid_model_card_falls_back_to_the_honest_draft(sample_database_copy: Path) -> None:
    settings = Settings(database=sample_database_copy)
    cluster_id = largest_cluster(sample_database_copy)
    incomplete = card_json(grid={"strategic_value": {"score": 4, "justification": "ok ok"}})
    with ChatServer(lambda n, body: chat_reply(incomplete)).running() as server:
        chat = OpenAICompatibleChat(server.base_url, "test-model", sleep=lambda s: None)
        draft = draft_use_case_card(settings, lambda: session(sample_database_copy), cluster_id, provider=chat)
    assert draft.fallback and draft.provider == "extractive" and "missing: customer_impact" in draft.error
    assert all(guess["score"] is None for guess in draft.grid.values())


def test_card_answers_are_validated() -> None:
    assert parse_card_answer(card_json()).stance in STANCE_KEYS
    for bad, message in ((card_json(stance=None), "stance must be one of"), (card_json(problem="court"), "problem"),
                         (card_json(grid={k: {"score": 6, "justification": "trop"} for k in KEYS}), "less than or equal to 5")):
        with pytest.raises(AnswerError, match=message):
            parse_card_answer(bad)


def test_an_unknown_cluster_is_a_clear_error(sample_database_copy: Path) -> None:
    with pytest.raises(AnalyserError, match="cluster C9999 is in no complete run"):
        draft_use_case_card(Settings(database=sample_database_copy), lambda: session(sample_database_copy), "C9999", environ={})


def test_cli_card_draft_and_labels(sample_database_copy: Path) -> None:
    cluster_id = largest_cluster(sample_database_copy)
    result = CliRunner().invoke(app, ["draft", cluster_id, "--db", str(sample_database_copy), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["status"] == "draft" and data["cluster_id"] == cluster_id and list(data["grid"]) == KEYS
    shown = CliRunner().invoke(app, ["draft", cluster_id, "--db", str(sample_database_copy)])
    assert shown.exit_code == 0 and "DRAFT use-case card" in shown.stdout
    listed = CliRunner().invoke(app, ["labels", "--db", str(sample_database_copy), "--json", "--limit", "5"])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.stdout)["labels"]
    assert len(rows) == 5 and rows[0]["cluster_id"] == cluster_id and all(row["title"] for row in rows)
