"""The `openai` provider against a real chat-completions server on loopback: success, invalid JSON, timeout, 429, fallback."""

from __future__ import annotations

import json

import pytest
from chat_server import ChatServer, Reply, chat_reply, valid_label

from analyser.config import LlmSettings
from analyser.errors import ConfigError
from analyser.stages.label.extractive import extractive_label
from analyser.stages.label.prompt import ClusterInput, Stage, Ticket, label_with_model
from analyser.stages.label.providers import OpenAICompatibleChat, build_chat_provider, retry_after_seconds

STAGES = [
    Stage("facturation_prelevements", "Facturation et prélèvements", "Loyers, prélèvements, RIB."),
    Stage("panne_assistance", "Panne et assistance", "Dépannage, véhicule de remplacement."),
]
CLUSTER = ClusterInput(
    cluster_id="C0042",
    size=57,
    keywords=["prélèvement double", "frais rejet", "remboursement"],
    tickets=[
        Ticket("T1", "Prélèvement en double", "Mon loyer a été prélevé deux fois ce mois-ci. Je demande le remboursement immédiat.", "fr"),
        Ticket("T2", "Prélèvement en double", "Encore un prélèvement en double, et maintenant des frais de rejet de ma banque.", "fr"),
        Ticket("T3", None, "I was charged twice for my lease this month, please refund the second payment.", "en"),
    ],
    stage_guess="facturation_prelevements",
)


def extractive(cluster: ClusterInput):
    return extractive_label(cluster, "fr")


def provider(server: ChatServer, **options) -> OpenAICompatibleChat:
    waits: list[float] = []
    chat = OpenAICompatibleChat(server.base_url, "test-model", sleep=waits.append, **options)
    return chat


def label(chat: OpenAICompatibleChat):
    return label_with_model(CLUSTER, chat, STAGES, "fr", extractive, max_ticket_chars=300)


def test_success_sends_a_real_chat_request_and_keeps_the_answer() -> None:
    with ChatServer(lambda n, body: chat_reply(valid_label())).running() as server:
        result = label(provider(server, api_key="sk-test"))
    assert (result.provider, result.model, result.fallback, result.attempts) == ("openai", "test-model", False, 1)
    assert result.answer.title == "Prélèvements en double non remboursés"
    assert result.answer.journey_stage == "facturation_prelevements"
    assert (result.prompt_tokens, result.completion_tokens) == (120, 45)
    assert result.endpoint_host == "127.0.0.1"
    [request] = server.requests
    assert request.path == "/v1/chat/completions"
    assert request.headers["Authorization"] == "Bearer sk-test"
    assert request.body["model"] == "test-model"
    assert request.body["response_format"] == {"type": "json_object"}
    assert [m["role"] for m in request.body["messages"]] == ["system", "user"]
    assert "Mon loyer a été prélevé deux fois" in request.prompt
    assert "facturation_prelevements, panne_assistance, unclear" in request.prompt


def test_invalid_json_is_retried_once_with_the_error_shown_to_the_model() -> None:
    answers = ["Voici le titre : prélèvements en double", valid_label()]
    with ChatServer(lambda n, body: chat_reply(answers[n])).running() as server:
        result = label(provider(server))
    assert (result.fallback, result.attempts) == (False, 2)
    retry = server.requests[1].body["messages"]
    assert retry[-2] == {"role": "assistant", "content": answers[0]}
    assert "no JSON object" in retry[-1]["content"] and retry[-1]["role"] == "user"


def test_an_answer_outside_the_schema_twice_falls_back_to_extractive_and_says_why() -> None:
    bad = json.dumps({"title": "Trop court", "summary": "x", "journey_stage": "livraison_fusee", "confidence": 3})
    with ChatServer(lambda n, body: chat_reply(bad)).running() as server:
        result = label(provider(server))
    assert (result.fallback, result.provider, result.attempts) == (True, "extractive", 2)
    assert "title: title must have 3 to 8 words" in result.error and "confidence" in result.error
    assert "summary" in server.requests[1].prompt  # the second request showed the problems
    assert result.answer.title and result.answer.summary.startswith("Ce que disent les clients (57 tickets)")
    assert result.answer.journey_stage == "facturation_prelevements"  # the stage guess, not the model's invention


def test_a_stage_outside_the_configured_list_is_rejected() -> None:
    answers = [valid_label(stage="fusee"), valid_label(stage="PANNE_ASSISTANCE")]
    with ChatServer(lambda n, body: chat_reply(answers[n])).running() as server:
        result = label(provider(server))
    assert "journey_stage must be one of" in server.requests[1].prompt
    assert result.answer.journey_stage == "panne_assistance"


def test_a_timeout_falls_back_without_hanging() -> None:
    with ChatServer(lambda n, body: Reply(delay=1.5, body=chat_reply(valid_label()).body)).running() as server:
        result = label(provider(server, timeout_seconds=0.3, max_retries=1))
    assert result.fallback
    assert "no answer from 127.0.0.1 within 0.3 s (after 2 attempts)" in result.error
    assert len(server.requests) == 2


def test_429_waits_for_retry_after_then_succeeds() -> None:
    replies = [Reply(429, {"error": {"message": "rate limited"}}, {"Retry-After": "7"}),
               Reply(503, {"error": {"message": "overloaded"}}), chat_reply(valid_label())]
    with ChatServer(lambda n, body: replies[n]).running() as server:
        chat = provider(server, max_retries=3)
        result = label(chat)
    assert not result.fallback and len(server.requests) == 3
    assert chat.waits == [7.0, 2.0]  # Retry-After honoured, then exponential backoff (1 s, 2 s, ...)


def test_persistent_429_gives_up_after_the_retries_and_falls_back() -> None:
    with ChatServer(lambda n, body: Reply(429, {"error": "slow down"}, {"Retry-After": "1"})).running() as server:
        chat = provider(server, max_retries=2)
        result = label(chat)
    assert result.fallback and "HTTP 429" in result.error and "after 3 attempts" in result.error
    assert chat.waits == [1.0, 1.0]


def test_a_client_error_is_not_retried_and_hints_at_json_mode() -> None:
    with ChatServer(lambda n, body: Reply(400, {"error": {"message": "response_format not supported"}})).running() as server:
        result = label(provider(server))
    assert result.fallback and "llm.json_mode = false" in result.error
    assert len(server.requests) == 1


def test_json_mode_off_sends_no_response_format_and_fenced_json_is_accepted() -> None:
    with ChatServer(lambda n, body: chat_reply("```json\n" + valid_label() + "\n```")).running() as server:
        result = label(provider(server, json_mode=False))
    assert not result.fallback and "response_format" not in server.requests[0].body


def test_an_unreachable_endpoint_falls_back() -> None:
    chat = OpenAICompatibleChat("http://127.0.0.1:9/v1", "m", max_retries=1, timeout_seconds=1, sleep=lambda s: None)
    result = label(chat)
    assert result.fallback and "cannot reach 127.0.0.1" in result.error


def test_api_key_comes_from_the_variable_named_in_settings() -> None:
    settings = LlmSettings(provider="openai", base_url="http://127.0.0.1:1/v1", model="m", api_key_env="MY_LLM_KEY")
    chat = build_chat_provider(settings, {"MY_LLM_KEY": "secret-value"})
    assert chat is not None and chat._api_key == "secret-value"
    with pytest.raises(ConfigError, match="MY_LLM_KEY, which is not set"):
        build_chat_provider(settings, {})
    assert build_chat_provider(LlmSettings(), {}) is None


def test_settings_refuse_an_incomplete_provider_and_a_key_in_place_of_a_name() -> None:
    with pytest.raises(ValueError, match="needs base_url and model"):
        LlmSettings(provider="openai")
    with pytest.raises(ValueError, match="NAME of an environment variable"):
        LlmSettings(provider="openai", base_url="http://x/v1", model="m", api_key_env="sk-abc123")
    with pytest.raises(ValueError, match="needs model_path"):
        LlmSettings(provider="local")


@pytest.mark.parametrize(("header", "seconds"), [("5", 5.0), ("0", 0.0), (None, None), ("soon", None)])
def test_retry_after_header(header: str | None, seconds: float | None) -> None:
    assert retry_after_seconds(header) == seconds


def test_a_run_with_a_missing_api_key_stops_before_any_work(tmp_path) -> None:
    from typer.testing import CliRunner

    from analyser.cli.main import app
    from conftest import write_csv

    source = write_csv(tmp_path / "t.csv", ["T1;2026-05-01 10:00:00;email;Objet;Bonjour;LOA;Autre;C1;"])
    config = tmp_path / "analyser.toml"
    config.write_text(
        f'database = "db.duckdb"\n[ingest]\nsources = ["{source.name}"]\n'
        '[llm]\nprovider = "openai"\nbase_url = "https://api.example.invalid/v1"\nmodel = "m"\napi_key_env = "NOT_SET_FOR_THIS_TEST"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["run", "--config", str(config)])
    assert result.exit_code == 2
    assert "NOT_SET_FOR_THIS_TEST, which is not set" in result.output
    assert not (tmp_path / "db.duckdb").exists()
