"""`analyser run` on the whole bundled sample, as the README's main command does it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb

from conftest import SAMPLES

STRICT_KINDS = ("EMAIL", "PHONE", "IBAN", "CARD", "PLATE", "VIN", "CONTRACT", "CUSTOMER_ID")


def test_every_sample_row_is_accounted_for(sample_run: tuple[dict, Path]) -> None:
    report, database = sample_run
    [entry] = report["files"]
    with (SAMPLES / "tickets.csv").open(encoding="utf-8", newline="") as handle:
        data_rows = sum(1 for _ in csv.DictReader(handle, delimiter=";"))
    assert entry["read"] == data_rows
    assert entry["read"] == entry["inserted"] + entry["updated"] + entry["unchanged"] + sum(entry["quarantined"].values())
    with duckdb.connect(str(database), read_only=True) as conn:
        stored = conn.execute("SELECT count(*) FROM tickets").fetchone()[0]
        quarantined = conn.execute("SELECT count(*) FROM quarantine").fetchone()[0]
        run = conn.execute("SELECT status, counts FROM runs").fetchall()
    assert stored == entry["inserted"] and quarantined == sum(entry["quarantined"].values())
    assert len(run) == 1 and run[0][0] in ("succeeded", "partial")


def test_no_planted_identifier_reaches_the_database(sample_run: tuple[dict, Path]) -> None:
    _, database = sample_run
    truth = [json.loads(line) for line in (SAMPLES / "ground_truth_tickets.jsonl").read_text(encoding="utf-8").splitlines()]
    with duckdb.connect(str(database), read_only=True) as conn:
        stored = {tid: f"{subject or ''}\n{text}" for tid, subject, text in conn.execute("SELECT ticket_id, subject, text FROM tickets").fetchall()}
    leaks = [
        (item["numero_ticket"], pii["kind"], pii["value"])
        for item in truth
        for pii in item["pii"]
        if pii["kind"] in STRICT_KINDS and item["numero_ticket"] in stored and pii["value"] in stored[item["numero_ticket"]]
    ]
    assert leaks == []
    assert sum("<EMAIL>" in text for text in stored.values()) > 100
