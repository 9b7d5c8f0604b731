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


# ---- delivery: a real HTTP server and a real SMTP server on loopback ------------------------------------------------


class Received:
    def __init__(self) -> None:
        self.posts: list[dict] = []
        self.mails: list[object] = []


def webhook_server(received: Received, status: int = 200):
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the http.server API
            length = int(self.headers["Content-Length"])
            received.posts.append({"type": self.headers["Content-Type"], "body": json.loads(self.rfile.read(length))})
            self.send_response(status)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def smtp_server(received: Received):
    from aiosmtpd.controller import Controller

    class Handler:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802 - the aiosmtpd API
            from email import message_from_bytes, policy

            received.mails.append((envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default)))
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=free_port())  # it connects to itself once started: no port 0
    controller.start()
    return controller


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def digest_config(folder: Path, database: Path, webhook: str, smtp_port: int, after_run: bool = False) -> Path:
    config = folder / "analyser.toml"
    config.write_text(
        f'database = "{database}"\n[app]\nbase_url = "https://analyser.example.com"\n[digest]\nafter_run = {str(after_run).lower()}\n'
        f'webhook_url = "{webhook}"\nsmtp_host = "127.0.0.1"\nsmtp_port = {smtp_port}\nmail_from = "analyser@example.com"\n'
        'mail_to = ["produit@example.com", "sav@example.com"]\n', encoding="utf-8",
    )
    return config


def test_digest_send_posts_to_the_webhook_and_mails_the_team(small_database: Path, tmp_path: Path) -> None:
    received = Received()
    hook, mail = webhook_server(received), smtp_server(received)
    try:
        config = digest_config(tmp_path, small_database, f"http://127.0.0.1:{hook.server_port}/hook", mail.port)
        result = CliRunner().invoke(app, ["digest", "--config", str(config), "--send", "--out", str(tmp_path / "d.md")])
    finally:
        hook.shutdown()
        mail.stop()
    assert result.exit_code == 0, result.output
    assert "webhook: sent" in result.output and "email: sent: sent to 2 of 2 recipients" in result.output
    [post] = received.posts
    assert post["type"].startswith("application/json") and post["body"]["text"].startswith("# Ce qui a changé du ")
    assert "https://analyser.example.com/cluster?cluster=C0" in post["body"]["text"]
    [(recipients, message)] = received.mails
    assert sorted(recipients) == ["produit@example.com", "sav@example.com"]
    assert message["Subject"] == "Signaux faibles : ce qui a changé"
    html_part = message.get_body(preferencelist=("html",)).get_content()
    assert html_part.startswith("<!DOCTYPE html>") and "Revue" in html_part
    assert message.get_body(preferencelist=("plain",)).get_content().startswith("# Ce qui a changé")


def test_a_failed_delivery_is_reported_with_its_fix_and_the_briefing_still_written(small_database: Path, tmp_path: Path) -> None:
    dead = free_port()  # nobody listens there
    received = Received()
    hook = webhook_server(received, status=500)
    try:
        config = digest_config(tmp_path, small_database, f"http://127.0.0.1:{hook.server_port}/hook", dead)
        result = CliRunner().invoke(app, ["digest", "--config", str(config), "--send", "--out", str(tmp_path / "d.md")])
    finally:
        hook.shutdown()
    assert result.exit_code == 1
    assert "webhook: FAILED: the webhook answered HTTP 500" in result.output and "Fix: check [digest] webhook_url" in result.output
    assert "email: FAILED: could not deliver" in result.output and "smtp_host" in result.output
    assert (tmp_path / "d.md").read_text(encoding="utf-8").startswith("# Ce qui a changé")


def test_a_nightly_run_sends_the_briefing_and_a_dead_server_never_fails_it(tmp_path: Path) -> None:
    from conftest import write_csv

    rows = [f"TK-{n};{1 + n % 28:02d}/11/2026 09:00;email;Prélèvement;Prélevé deux fois ce mois-ci, ticket {n};LOA;Facturation;C{n};"
            for n in range(30)]
    source = write_csv(tmp_path / "export.csv", rows)
    received = Received()
    hook = webhook_server(received)
    try:
        config = digest_config(tmp_path, tmp_path / "a.duckdb", f"http://127.0.0.1:{hook.server_port}/hook", free_port(), after_run=True)
        config.write_text(config.read_text(encoding="utf-8") + f'[ingest]\nsources = ["{source}"]\n', encoding="utf-8")
        result = CliRunner().invoke(app, ["run", "--config", str(config), "--json"])
    finally:
        hook.shutdown()
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout)
    assert counts["status"] == "succeeded"
    assert [(d["channel"], d["ok"]) for d in counts["digest"]] == [("webhook", True), ("email", False)]  # nobody on that port
    assert len(received.posts) == 1 and "7 tickets sur la période, 7 la période d'avant" in received.posts[0]["body"]["text"]


def test_the_week_page_shows_the_briefing_and_opens_a_cluster(small_database: Path, monkeypatch) -> None:
    from apptest_support import open_app, rerun

    at = open_app(small_database, monkeypatch, "week", reviewer="Camille")
    assert at.title[0].value == "Cette semaine"
    assert at.subheader[0].value.startswith("Ce qui a changé du ") and "(7 jours)" in at.subheader[0].value
    figures = {metric.label: metric.value for metric in at.metric}
    assert set(figures) == {"Alertes", "Nouveaux thèmes", "En hausse", "En baisse", "Poches et tranches", "Angles morts", "Top 20 revus"}
    assert figures["Top 20 revus"] == "0 / 6"
    at.radio(key="week_period").set_value(30)
    rerun(at)
    assert "(30 jours)" in at.subheader[0].value
    opens = [button for button in at.button if button.key and button.key.startswith("week_open:")]
    assert opens, "the 30-day briefing of the small run names clusters"
    cluster_id = opens[0].key.rsplit(":", 1)[1]
    opens[0].click()
    rerun(at)
    assert at.query_params["cluster"] == cluster_id and at.header[0].value.startswith(cluster_id)
