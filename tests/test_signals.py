"""Weak-signal cores on small, hand-built tickets: the rate test, windows, intensity, hidden, reach, ranking, text."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from analyser.errors import ConfigError
from analyser.signal_settings import SignalSettings, SignalWeights
from analyser.stages.signals.compute import cluster_series, compute_signals, scan_noise
from analyser.stages.signals.explain import explain_signal
from analyser.stages.signals.facts import TicketFacts
from analyser.stages.signals.intensity import fold, load_lexicon, parse_lexicon, score_text
from analyser.stages.signals.measures import rate_test, repeat_contacts, windows_for

NEWEST = date(2026, 3, 31)


def weekly_tickets(cluster: str, per_week_before: int, per_week_recent: int, weeks_before: int = 12, **fields: object) -> list[dict]:
    """Tickets spread evenly: `per_week_before` a week for `weeks_before` weeks, then `per_week_recent` a week for 2 weeks."""
    tickets = []
    start = NEWEST - timedelta(days=14 + 7 * weeks_before - 1)
    for week in range(weeks_before):
        for n in range(per_week_before):
            tickets.append({"cluster": cluster, "day": start + timedelta(days=7 * week + n % 7), **fields})
    recent_start = NEWEST - timedelta(days=13)
    for week in range(2):
        for n in range(per_week_recent):
            tickets.append({"cluster": cluster, "day": recent_start + timedelta(days=7 * week + n % 7), **fields})
    return tickets


def facts_of(tickets: list[dict]) -> TicketFacts:
    lexicon = load_lexicon(None)
    scored = [score_text(lexicon, t.get("text", "bonjour")) for t in tickets]
    return TicketFacts(
        ticket_ids=[f"T{i:05d}" for i in range(len(tickets))], days=[t["day"] for t in tickets],
        clusters=[t.get("cluster") for t in tickets], categories=[t.get("category", "Facturation") for t in tickets],
        customers=[t.get("customer", f"C{i}") for i, t in enumerate(tickets)], channels=[t.get("channel", "email") for t in tickets],
        products=[t.get("product", "LOA") for t in tickets], satisfaction=[t.get("satisfaction") for t in tickets],
        intensity=[s.score for s in scored], phrases=[s.phrases for s in scored],
    )


def background(clusters: int = 6, per_week: int = 10) -> list[dict]:
    return [t for k in range(clusters) for t in weekly_tickets(f"B{k}", per_week, per_week)]


def by_id(signals: list) -> dict:
    return {s.cluster_id: s for s in signals}


def test_three_to_six_a_week_is_not_emerging_but_two_to_twenty_five_is() -> None:
    small = by_id(compute_signals(facts_of(background(20) + weekly_tickets("SMALL", 3, 6)), None, SignalSettings()))["SMALL"]
    assert not small.is_emerging
    # the rate is the cluster's share of all tickets, so the ratio is a little under 2 (total volume grew by the 3 extra a week)
    assert small.details["emerging"]["rate_ratio"] == pytest.approx(2.0 * 203 / 206, rel=0.01)
    assert small.details["emerging"]["ratio_low"] < 2.0
    signals = by_id(compute_signals(facts_of(background(20) + weekly_tickets("BURST", 2, 25)), None, SignalSettings()))
    burst = signals["BURST"]
    assert burst.is_emerging
    assert burst.details["emerging"]["ratio_low"] > 4.0
    assert burst.details["emerging"]["p_value"] < 0.001
    assert burst.emerging > small.emerging
    assert burst.rank == 1
    assert not any(signals[f"B{k}"].is_emerging for k in range(20))


def test_the_rate_test_interval_narrows_with_more_tickets() -> None:
    few = rate_test(recent=10, baseline=10, recent_total=100, baseline_total=600, dispersion=1.0, level=0.95)
    many = rate_test(recent=100, baseline=100, recent_total=1000, baseline_total=6000, dispersion=1.0, level=0.95)
    assert few["rate_ratio"] == pytest.approx(many["rate_ratio"]) == pytest.approx(6.0)
    assert few["ratio_low"] < many["ratio_low"] < 6.0 < many["ratio_high"] < few["ratio_high"]
    overdispersed = rate_test(recent=100, baseline=100, recent_total=1000, baseline_total=6000, dispersion=4.0, level=0.95)
    assert overdispersed["ratio_low"] < many["ratio_low"]


def test_windows_end_at_the_newest_ticket_not_today() -> None:
    days = [date(2020, 1, 1) + timedelta(days=i) for i in range(200)]
    win = windows_for(days, SignalSettings(recent_days=14, baseline_weeks=12))
    assert win.newest == date(2020, 7, 18)
    assert win.recent_start == date(2020, 7, 5)
    assert win.baseline_start == date(2020, 4, 12)
    short = windows_for(days[:30], SignalSettings(recent_days=14, baseline_weeks=12))
    assert short.baseline_start == date(2020, 1, 1)  # less history than asked: the baseline is what there is


def test_a_cluster_made_of_recent_tickets_is_new_and_an_orphan_is_new() -> None:
    tickets = background() + weekly_tickets("FRESH", 0, 9)
    signals = by_id(compute_signals(facts_of(tickets), None, SignalSettings()))
    assert signals["FRESH"].is_new and signals["FRESH"].novelty > 0.8
    assert not signals["B0"].is_new
    orphan = by_id(compute_signals(facts_of(tickets), {"B0"}, SignalSettings()))
    assert orphan["B0"].is_new and orphan["B0"].details["novelty"]["no_ancestor"] is True
    assert orphan["B1"].details["novelty"]["no_ancestor"] is False


def test_angry_repeat_contacts_make_a_cluster_intense() -> None:
    angry = "Troisième fois que j'écris, toujours pas de réponse. C'est SCANDALEUX, je saisis mon avocat et le médiateur."
    tickets = background() + [
        {**t, "customer": f"ANGRY{i % 3}"} for i, t in enumerate(weekly_tickets("ANGRY", 1, 1, text=angry))
    ]
    signals = by_id(compute_signals(facts_of(tickets), None, SignalSettings()))
    angry_signal = signals["ANGRY"]
    assert angry_signal.is_intense
    assert angry_signal.intense_tickets == angry_signal.size
    assert angry_signal.details["intensity"]["repeat_share"] > 0.9
    assert {"avocat", "mediateur", "scandal*"} <= set(angry_signal.details["intensity"]["top_terms"]) | {"scandal*"}
    assert not signals["B0"].is_intense
    assert angry_signal.intensity > max(signals[f"B{k}"].intensity for k in range(6))


def test_low_satisfaction_counts_only_with_enough_ratings() -> None:
    tickets = background() + weekly_tickets("UNHAPPY", 2, 2, satisfaction="1") + weekly_tickets("HAPPY", 2, 2, satisfaction="5")
    signals = by_id(compute_signals(facts_of(tickets), None, SignalSettings()))
    assert signals["UNHAPPY"].details["intensity"]["parts"]["satisfaction"] == 1.0
    assert signals["HAPPY"].details["intensity"]["parts"]["satisfaction"] == 0.0
    assert signals["UNHAPPY"].intensity > signals["HAPPY"].intensity


def test_catch_all_categories_make_a_cluster_hidden() -> None:
    hidden = [{**t, "category": ("Autre", "Divers", None, "")[i % 4]} for i, t in enumerate(weekly_tickets("HIDE", 3, 3))]
    tickets = background() + hidden
    signals = by_id(compute_signals(facts_of(tickets), None, SignalSettings()))
    assert signals["HIDE"].is_hidden and signals["HIDE"].hidden == pytest.approx(1.0)
    assert signals["HIDE"].catch_all_tickets == signals["HIDE"].size
    assert not signals["B0"].is_hidden
    custom = by_id(compute_signals(facts_of(tickets), None, SignalSettings(catch_all_categories=["Autre"])))
    assert custom["HIDE"].details["hidden"]["catch_all_share"] == pytest.approx(0.25, abs=0.02)


def test_reach_counts_distinct_customers_channels_and_products() -> None:
    wide = [{**t, "channel": ("email", "chat", "telephone")[i % 3], "product": ("LOA", "LLD")[i % 2]}
            for i, t in enumerate(weekly_tickets("WIDE", 3, 3))]
    narrow = [{**t, "customer": "ONE"} for t in weekly_tickets("NARROW", 3, 3)]
    signals = by_id(compute_signals(facts_of(background() + wide + narrow), None, SignalSettings()))
    assert signals["WIDE"].details["reach"] == {**signals["WIDE"].details["reach"], "customers": 42, "channels": 3, "products": 2}
    assert signals["NARROW"].details["reach"]["customers"] == 1
    assert signals["WIDE"].reach > signals["NARROW"].reach


def test_the_weights_come_from_settings_and_ranks_follow_the_score() -> None:
    hidden = [{**t, "category": "Autre"} for t in weekly_tickets("HIDE", 3, 3)]
    tickets = background() + weekly_tickets("BURST", 2, 25) + hidden
    only_hidden = SignalSettings(weights=SignalWeights(emerging=0, novelty=0, intensity=0, hidden=1, reach=0))
    signals = compute_signals(facts_of(tickets), None, only_hidden)
    assert signals[0].cluster_id == "HIDE"
    assert [s.rank for s in signals] == list(range(1, len(signals) + 1))
    assert all(a.score >= b.score for a, b in zip(signals, signals[1:]))
    assert all(s.score == pytest.approx(s.hidden) for s in signals)
    with pytest.raises(ValueError, match="at least one signal weight"):
        SignalWeights(emerging=0, novelty=0, intensity=0, hidden=0, reach=0)


def test_repeat_contacts_need_the_same_customer_cluster_and_window() -> None:
    days = [date(2026, 1, 1), date(2026, 1, 10), date(2026, 3, 1), date(2026, 1, 2)]
    repeats = repeat_contacts(days, ["A", "A", "A", "B"], ["c1", "c1", "c1", "c1"], window_days=30)
    assert repeats.tolist() == [True, True, False, False]


def test_series_are_weekly_from_monday_and_daily_with_zeros() -> None:
    tickets = [{"cluster": "A", "day": date(2026, 3, 2)}, {"cluster": "A", "day": date(2026, 3, 4)},
               {"cluster": "A", "day": date(2026, 3, 18)}, {"cluster": None, "day": date(2026, 3, 19)}]
    rows = cluster_series(facts_of(tickets), SignalSettings(series_days=7))
    weekly = [(r.period_start, r.tickets) for r in rows if r.granularity == "week"]
    assert weekly == [(date(2026, 3, 2), 2), (date(2026, 3, 9), 0), (date(2026, 3, 16), 1)]
    daily = [(r.period_start, r.tickets) for r in rows if r.granularity == "day"]
    assert len(daily) == 7 and daily[-1] == (date(2026, 3, 19), 0) and (date(2026, 3, 18), 1) in daily


def test_a_dense_group_of_recent_unclustered_tickets_is_found() -> None:
    rng = np.random.default_rng(0)
    direction = rng.normal(size=16)
    group = direction + rng.normal(scale=0.05, size=(6, 16))
    scattered = rng.normal(size=(20, 16))
    vectors = np.vstack([group, scattered])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    tickets = [{"cluster": None, "day": NEWEST - timedelta(days=i % 5)} for i in range(26)]
    groups = scan_noise(facts_of(tickets), vectors, SignalSettings(noise_min_tickets=5))
    assert [g.rows for g in groups] == [[0, 1, 2, 3, 4, 5]]
    assert groups[0].cohesion > 0.9
    old = [{"cluster": None, "day": NEWEST - timedelta(days=60)} for _ in range(6)] + [{"cluster": "X", "day": NEWEST}] * 20
    assert scan_noise(facts_of(old), vectors, SignalSettings(noise_min_tickets=5)) == []


def test_the_lexicon_ignores_case_and_accents_and_honours_wildcards() -> None:
    lexicon = parse_lexicon("1.0 avocat\n0.7 scandal*\n0.6 déjà écrit\n# comment\n", "test")
    assert fold("DÉJÀ  écrit") == "deja ecrit"
    found = score_text(lexicon, "J'ai DÉJÀ écrit, c'est Scandaleux ! Mon AVOCAT.")
    assert found.score == pytest.approx(2.3) and set(found.phrases) == {"avocat", "scandal*", "deja ecrit"}
    assert score_text(lexicon, "avocats et avocate").score == 0.0  # word boundaries
    assert score_text(lexicon, "scandal").score == pytest.approx(0.7)


def test_a_bad_lexicon_line_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.txt"
    path.write_text("1.0 avocat\nscandale\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"lexicon.txt, line 2: 'scandale' does not start with a weight"):
        load_lexicon(path)
    with pytest.raises(ConfigError, match="not found"):
        load_lexicon(tmp_path / "missing.txt")


def test_explanations_give_the_numbers_in_french_and_english() -> None:
    tickets = background() + weekly_tickets("BURST", 2, 25)
    burst = by_id(compute_signals(facts_of(tickets), None, SignalSettings()))["BURST"]
    assert burst.is_emerging
    french, english = explain_signal(burst.details, "fr"), explain_signal(burst.details, "en")
    # 2 a week for 12 weeks then 25 a week for 2: observed in the best window against the count at the rate before it
    window, observed = burst.details["emerging"]["window_days"], burst.details["emerging"]["observed"]
    assert french[0].startswith(f"{observed} tickets en {window} jours, ") and " attendus, x" in french[0]
    assert "IC 95 % : x" in french[0] and "p corrigé 0,01" in french[0]  # 1 in 100: none of the 99 shuffles did as well
    assert english[0].startswith(f"{observed} tickets in {window} days, ") and " expected, x" in english[0]
    assert "95% CI: x" in english[0] and "corrected p 0.01" in english[0]
    assert any("clients" in sentence for sentence in french) and any("customers" in sentence for sentence in english)
    steady = by_id(compute_signals(facts_of(tickets), None, SignalSettings()))["B0"]
    assert explain_signal(steady.details, "fr")[0].startswith("volume stable : ")
    rising = by_id(compute_signals(facts_of(background() + weekly_tickets("UP", 2, 4)), None, SignalSettings()))["UP"]
    assert not rising.is_emerging  # 2 a week rising to 4 is not significant, and the words must not call it steady
    assert explain_signal(rising.details, "fr")[0].startswith("en hausse, pas encore significative : ")
    assert "p corrigé" in explain_signal(rising.details, "fr")[0]


def test_signals_before_any_run_is_one_clear_message(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from analyser.cli.main import app
    from conftest import write_csv

    source = write_csv(tmp_path / "in.csv", ["T1;2026-05-01 10:00:00;email;;Bonjour, mon prélèvement est en double;LOA;Autre;C1;"])
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(source), "--db", str(tmp_path / "x.duckdb")]).exit_code == 0
    result = runner.invoke(app, ["signals", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2
    assert "no complete run yet" in result.output and "analyser run" in result.output
    wrong = runner.invoke(app, ["signals", "--db", str(tmp_path / "x.duckdb"), "--lang", "de"])
    assert wrong.exit_code == 2 and "--lang must be fr or en" in wrong.output


def test_a_column_the_export_lacks_makes_its_components_unknown_not_zero() -> None:
    """Issue 12: with no category column nothing is badged hidden; with no customer, channel or product, reach is unknown."""
    bare = [{**t, "category": None, "customer": None, "channel": None, "product": None}
            for t in background() + weekly_tickets("BURST", 2, 25)]
    signals = by_id(compute_signals(facts_of(bare), None, SignalSettings()))
    for signal in signals.values():
        assert signal.hidden is None and not signal.is_hidden and signal.catch_all_tickets == 0
        assert signal.reach is None and signal.details["reach"]["needs"] == ["customer", "channel", "product"]
        assert signal.details["intensity"]["repeat_share"] is None  # no customer ids: repeats cannot be seen
        assert 0 <= signal.score <= 1
    assert signals["BURST"].rank == 1 and signals["BURST"].is_emerging  # the known components still rank
    for language, zero in (("fr", "0 clients"), ("en", "0 customers")):
        sentences = explain_signal(signals["BURST"].details, language)
        assert sentences and not any(zero in sentence or "catégorie" in sentence for sentence in sentences)


def test_reach_counts_only_the_columns_the_export_has() -> None:
    no_customers = [{**t, "customer": None} for t in background()]
    signals = by_id(compute_signals(facts_of(no_customers), None, SignalSettings()))
    reach = signals["B0"].details["reach"]
    assert "customers" not in reach and reach["channels"] == 1 and reach["products"] == 1
    assert signals["B0"].reach == pytest.approx(1.0)  # one channel of one, one product of one
    assert explain_signal(signals["B0"].details, "fr")[-1] == "1 canaux, 1 produits"


def test_with_too_little_history_nothing_is_flagged_emerging() -> None:
    """Issue 12: below signals.min_history_days a burst still ranks first but is not flagged emerging, and the run says so."""
    tickets = background(per_week=10) + weekly_tickets("BURST", 2, 25)
    short = [t for t in tickets if t["day"] > NEWEST - timedelta(days=35)]
    signals = by_id(compute_signals(facts_of(short), None, SignalSettings()))
    assert signals["BURST"].rank == 1 and not any(s.is_emerging or s.is_new for s in signals.values())
    assert signals["BURST"].details["windows"]["history_days"] == 35
    assert by_id(compute_signals(facts_of(short), None, SignalSettings(min_history_days=28)))["BURST"].is_emerging
    assert not any(sentence.startswith("nouveau") for s in signals.values() for sentence in explain_signal(s.details, "fr"))
