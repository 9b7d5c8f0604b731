"""The weekly briefing (analyser/briefing.py) and `analyser digest`: what changed, in French by default."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from typer.testing import CliRunner

from analyser.briefing import BriefingInputs, build_briefing, to_html, to_json, to_markdown
from analyser.cli import app


def inputs(**changes) -> BriefingInputs:
    signals = [
        {"cluster_id": "C0001", "title": "Prélèvements en double", "reason": "31 tickets en 7 jours, 9 attendus",
         "status": "à revoir", "status_key": "unreviewed", "is_new": False, "emerging_alert": True},
        {"cluster_id": "C0002", "title": "Carte grise <non reçue>", "reason": "volume stable", "status": "irritant validé",
         "status_key": "validated", "is_new": False, "emerging_alert": False},
        {"cluster_id": "C0003", "title": "Borne de recharge", "reason": "nouveau", "status": "à revoir", "status_key": "unreviewed",
         "is_new": True, "emerging_alert": False},
        {"cluster_id": "C0004", "title": "Restitution", "reason": "", "status": "à revoir", "status_key": "unreviewed",
         "is_new": False, "emerging_alert": False},
    ]
    values = dict(
        run_id="R1", completed_at=datetime(2026, 12, 7, 2, 15), end=date(2026, 12, 6), signals=signals,
        counts_now={"C0001": 31, "C0002": 4, "C0003": 6, "C0004": 2}, counts_before={"C0001": 9, "C0002": 12, "C0004": 1},
        total_now=1234, total_before=1100, pockets=[{"kind": "growth", "tickets": 20, "keywords": ["rib", "iban"], "home": "C0001",
                                                     "growth": {"window_days": 7, "observed": 18, "expected": 4.2}}],
        blind_spots=[{"name": "Restitution du véhicule", "reasons": "intense, aucun irritant validé", "tickets": 87}],
        actions=["validate", "move", "move", "reject"], validated=3, candidates=1,
    )
    values.update(changes)
    return BriefingInputs(**values)


def test_the_briefing_says_what_changed() -> None:
    briefing = build_briefing(inputs(), 7, "fr", base_url="https://analyser.example.com/")
    assert (briefing.start, briefing.end) == ("2026-11-30", "2026-12-06")
    assert [item.cluster_id for item in briefing.alerts] == ["C0001"]
    assert briefing.alerts[0].link == "https://analyser.example.com/cluster?cluster=C0001"
    assert [item.cluster_id for item in briefing.new_themes] == ["C0003"]
    assert [item.cluster_id for item in briefing.movers_up] == ["C0001", "C0003"]  # +22, +6; C0004's +1 is not a move
    assert [item.cluster_id for item in briefing.movers_down] == ["C0002"]
    assert briefing.movers_up[0].reason == "31 tickets contre 9 la période d'avant (x3,4)"
    assert briefing.movers_up[1].reason == "6 tickets, aucun la période d'avant"
    assert briefing.decisions == {"move": 2, "reject": 1, "validate": 1}
    assert (briefing.top_reviewed, briefing.top_unreviewed) == (1, 3)


def test_markdown_html_and_json_carry_the_same_briefing() -> None:
    briefing = build_briefing(inputs(), 7, "fr")
    markdown = to_markdown(briefing)
    assert markdown.startswith("# Ce qui a changé du 30 novembre 2026 au 6 décembre 2026 (7 jours)")
    assert "1\u202f234 tickets sur la période, 1\u202f100 la période d'avant." in markdown
    assert "Analyse du 07/12/2026 à 02:15" in markdown
    assert "Carte grise \\<non reçue\\>" in markdown  # Markdown-escaped
    assert "Tranche en croissance : 18 tickets en 7 jours, 4,2 attendus (C0001) — rib, iban" in markdown
    assert "Décisions de la période : 2 déplacements de tickets, 1 rejetés, 1 validés." in markdown
    page = to_html(briefing)
    assert "Carte grise &lt;non reçue&gt;" in page and "<script" not in page and "http" not in page  # no external asset
    assert json.loads(to_json(briefing))["movers_down"][0]["cluster_id"] == "C0002"
    english = to_markdown(build_briefing(inputs(), 7, "en"))
    assert english.startswith("# What changed from 30 November 2026 to 6 December 2026 (7 days)")
    assert "1,234 tickets in the period" in english


def test_a_quiet_period_says_so() -> None:
    quiet = build_briefing(inputs(counts_now={}, counts_before={}, pockets=[], blind_spots=[], actions=[],
                                  signals=[]), 14, "fr")
    text = to_markdown(quiet)
    assert text.count("Rien cette période.") == 6 and "Aucune décision de revue sur la période." in text


def test_cli_digest_writes_each_format_and_refuses_bad_options(small_database: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["digest", "--db", str(small_database)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Ce qui a changé du ") and "## Revue" in result.stdout
    out = tmp_path / "digest.html"
    result = runner.invoke(app, ["digest", "--db", str(small_database), "--since", "30d", "--format", "html", "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0 and f"written to {out}" in result.stdout
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "(30 days)" in page
    data = json.loads(runner.invoke(app, ["digest", "--db", str(small_database), "--format", "json"]).stdout)
    assert data["period_days"] == 7 and data["run_id"] and isinstance(data["movers_up"], list)
    bad = runner.invoke(app, ["digest", "--db", str(small_database), "--since", "last week"])
    assert bad.exit_code == 2 and "e.g. 7d, 14d or 30d" in bad.output
    bad = runner.invoke(app, ["digest", "--db", str(small_database), "--format", "pdf"])
    assert bad.exit_code == 2 and "--format must be one of md, html, json" in bad.output
