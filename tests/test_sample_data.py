"""The bundled sample: big enough, realistic in shape, with the planted issues it promises."""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from conftest import REPO, SAMPLES

CATCH_ALL = {"Autre", "Divers", ""}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with (SAMPLES / "tickets.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


@pytest.fixture(scope="module")
def truth() -> dict:
    return json.loads((SAMPLES / "ground_truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ticket_truth() -> list[dict]:
    return [json.loads(line) for line in (SAMPLES / "ground_truth_tickets.jsonl").read_text(encoding="utf-8").splitlines()]


def test_size_period_languages_and_channels(rows: list[dict[str, str]], ticket_truth: list[dict]) -> None:
    assert len(rows) >= 8000
    assert len(ticket_truth) == len(rows)
    dates = [datetime.fromisoformat(row["date_creation"]).date() for row in rows]
    assert (max(dates) - min(dates)).days >= 175
    english = sum(item["lang"] == "en" for item in ticket_truth) / len(ticket_truth)
    assert 0.07 <= english <= 0.13
    channels = Counter(row["canal"] for row in rows)
    assert set(channels) == {"email", "formulaire_web", "telephone", "chat"}
    catch_all = sum(row["categorie"] in CATCH_ALL for row in rows) / len(rows)
    assert 0.15 <= catch_all <= 0.35


def test_planted_issues_have_the_promised_shapes(rows: list[dict[str, str]], truth: dict) -> None:
    by_id = {row["numero_ticket"]: row for row in rows}
    issues = {issue["key"]: issue for issue in truth["planted_issues"]}
    kinds = Counter(issue["kind"] for issue in issues.values())
    assert kinds["recurring"] >= 3 and kinds["emerging"] >= 1 and kinds["intense"] >= 1 and kinds["blind_spot"] >= 1
    recurring_sizes = sorted(len(set(issue["ticket_ids"])) for issue in issues.values() if issue["kind"] == "recurring")
    assert recurring_sizes[0] * 2 < recurring_sizes[-1]  # different sizes, not three equal blobs
    end = max(datetime.fromisoformat(row["date_creation"]).date() for row in rows)

    [emerging] = [issue for issue in issues.values() if issue["kind"] == "emerging"]
    emerging_dates = [datetime.fromisoformat(by_id[tid]["date_creation"]).date() for tid in emerging["ticket_ids"]]
    assert 14 <= (end - min(emerging_dates)).days <= 28
    weekly = Counter((end - day).days // 7 for day in emerging_dates)  # 0 = last 7 days
    weeks = [weekly[week] for week in sorted(weekly, reverse=True)]
    assert weeks == sorted(weeks) and len(set(weeks)) == len(weeks)  # grows every week

    [intense] = [issue for issue in issues.values() if issue["kind"] == "intense"]
    assert len(set(intense["ticket_ids"])) <= 80
    [blind] = [issue for issue in issues.values() if issue["kind"] == "blind_spot"]
    categories = [by_id[tid]["categorie"] for tid in set(blind["ticket_ids"])]
    assert sum(category in CATCH_ALL for category in categories) / len(categories) >= 0.7


def test_personal_data_is_planted_verbatim(rows: list[dict[str, str]], ticket_truth: list[dict]) -> None:
    kinds = Counter()
    for row, item in zip(rows, ticket_truth):
        assert item["numero_ticket"] == row["numero_ticket"]
        for pii in item["pii"]:
            assert pii["value"] in row[pii["field"]], (row["numero_ticket"], pii)
            kinds[pii["kind"]] += 1
    for kind in ("EMAIL", "PHONE", "IBAN", "CARD", "PLATE", "VIN", "CONTRACT", "CUSTOMER_ID", "ADDRESS", "NAME"):
        assert kinds[kind] >= 20, kind


def test_the_pipeline_never_reads_the_ground_truth() -> None:
    for folder in ("analyser", "pipelines"):
        for path in (REPO / folder).rglob("*.py"):
            assert "ground_truth" not in path.read_text(encoding="utf-8"), path


def test_generator_reproduces_the_committed_files(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(SAMPLES / "generate_tickets.py"), "--out-dir", str(tmp_path)], check=True, capture_output=True
    )
    for name in ("tickets.csv", "ground_truth.json", "ground_truth_tickets.jsonl"):
        produced = hashlib.sha256((tmp_path / name).read_bytes()).hexdigest()
        committed = hashlib.sha256((SAMPLES / name).read_bytes()).hexdigest()
        assert produced == committed, name



