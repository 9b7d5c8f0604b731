"""Bench: plant synthetic emerging issues into the sample, one at a time, and see when the signals catch them.

Needs a database built by `analyser run` on the bundled sample (embeddings and the UMAP fit are
reused; nothing is written to it):

    python bench/signal_detection.py --db /path/to/sample.duckdb [--issues 20] [--start-share 0.002 --end-share 0.02]

At real volumes (the sample has 49 tickets a day, so 0.2 % of a day is 0.1 ticket), build a larger
sample with bench/scaled_sample.py, run `analyser run` on it, then pass `--ground-truth` (its
per-ticket truth) and, to bound the time, `--days 0 1 2 4 7`.

For each planted issue (bench/planted_themes.py: fresh French pains, English pains, paraphrases of
an existing topic's vocabulary, pains with a small existing baseline that grow 3 to 5 times), with
an onset on a random day: the issue's daily tickets grow from `start-share` to `end-share` of the
day's volume over 7 days (Poisson counts). On each day from the onset to onset + 7, the data is cut
at that day (windows end at the newest ticket), HDBSCAN runs on the stored UMAP coordinates (the
planted texts are embedded and mapped into the stored fit), and the signals rank the clusters.

Reported per issue: the rank of its cluster each day (the best-ranked cluster holding at least a
quarter of its tickets so far), detection (that cluster in the top 3) within 2 and 7 days, capture
(share of its tickets in that cluster) on day 7, whether the noise scan saw it, whether a recent pocket
(pockets.find_recent_pockets) held it; pockets are gathered into one cluster first, as the nightly run
does, unless `pocket_gather = false` in the settings,
and false alerts (clusters flagged emerging that hold neither a planted issue nor the sample's own
emerging issue). Identity across runs is not simulated: novelty comes from recent share only.
Prints; asserts nothing (speed and quality numbers go to the lead's note).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from planted_themes import THEMES, Theme  # noqa: E402

from analyser.config import Settings  # noqa: E402
from analyser.config_file import load_settings  # noqa: E402
from analyser.db import connect  # noqa: E402
from analyser.stages.cluster import NOISE, label_tickets  # noqa: E402
from analyser.stages.embed import build_embedder  # noqa: E402
from analyser.stages.embed_store import load_ticket_vectors  # noqa: E402
from analyser.stages.reduce import apply_reduction, fit_reduction, reduction_key  # noqa: E402
from analyser.stages.reduce_store import latest_fit  # noqa: E402
from analyser.stages.signals.compute import compute_signals, scan_noise  # noqa: E402
from analyser.stages.signals.facts import TicketFacts  # noqa: E402
from analyser.stages.signals.intensity import load_lexicon, score_texts  # noqa: E402
from analyser.stages.signals.pockets import gather_recent_pockets  # noqa: E402
from analyser.stages.signals.store import load_ticket_attributes  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CATEGORIES = ["Contrat", "Facturation", "Autre", "", "Entretien", "Prélèvement", "Fin de contrat", "Livraison", "Assistance", "Divers"]


@dataclass
class Sample:
    ticket_ids: list[str]
    days: list[date]
    created_at: list[datetime]
    vectors: np.ndarray
    reduced: np.ndarray
    layout: np.ndarray
    attributes: dict[str, list]
    intensity: list[float]
    phrases: list[tuple[str, ...]]
    growing: np.ndarray  # the sample's own planted emerging issue (growing in the ground truth)
    reduction: object


def load_sample(database: Path, settings: Settings, ground_truth: Path) -> tuple[Sample, object]:
    import json

    conn = connect(database, read_only=True)
    try:
        model_id = conn.execute("SELECT model_id FROM run_results ORDER BY completed_at DESC LIMIT 1").fetchall()[0][0]
        data = load_ticket_vectors(conn, model_id, settings.embedding.max_input_chars)
        attributes = load_ticket_attributes(conn)
        fit = latest_fit(conn, reduction_key(settings.clustering, model_id))
    finally:
        conn.close()
    if fit is None:
        sys.exit("no stored UMAP fit for these settings: run `analyser run` on the sample first")
    row_of = {ticket_id: row for row, ticket_id in enumerate(attributes.ticket_ids)}
    rows = [row_of[ticket_id] for ticket_id in data.ticket_ids]
    reduced = np.stack([fit.coordinates[h][0] for h in data.text_hashes])
    layout = np.array([[fit.coordinates[h][1], fit.coordinates[h][2]] for h in data.text_hashes], dtype=np.float32)
    texts = [attributes.texts[r] for r in rows]
    scored = score_texts(load_lexicon(settings.signals.intensity_lexicon), texts)
    growing_ids = set()
    with open(ground_truth, encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            if item["planted"] == "emerging_sms_code":
                growing_ids.add(item["numero_ticket"])
    fields = ("categories", "customers", "channels", "products", "satisfaction")
    return Sample(
        ticket_ids=list(data.ticket_ids), days=[moment.date() for moment in data.created_at], created_at=list(data.created_at),
        vectors=data.vectors, reduced=reduced, layout=layout,
        attributes={name: [getattr(attributes, name)[r] for r in rows] for name in fields},
        intensity=[s.score for s in scored], phrases=[s.phrases for s in scored],
        growing=np.array([ticket_id in growing_ids for ticket_id in data.ticket_ids]), reduction=fit.reduction,
    ), model_id


@dataclass
class Planted:
    days: list[date]
    texts: list[str]
    customers: list[str]
    categories: list[str | None]


def plant(
    theme: Theme, onset: date, volume: dict[date, int], first: date, start: float, end: float, horizon: int, rng: np.random.Generator
) -> Planted:
    """Daily Poisson counts up to onset + horizon (the share stays at `end` after day 6).

    A baseline issue runs at end/16 over the whole history, then grows from end/4 to end: 4 times
    its rate on the onset day, 16 times its old baseline.
    """
    days, texts, customers, categories = [], [], [], []
    if theme.kind == "baseline":
        base_share, ramp = end / 4 / 4, (end / 4, end)  # 4x growth from an existing low rate
    else:
        base_share, ramp = 0.0, (start, end)
    day = first
    while day <= onset + timedelta(days=horizon):
        k = (day - onset).days
        share = base_share if k < 0 else ramp[0] + (ramp[1] - ramp[0]) * min(k, 6) / 6
        for _ in range(rng.poisson(share * volume.get(day, 0))):
            days.append(day)
            texts.append(theme.ticket(rng))
            customers.append(f"BENCH-{theme.key}-{rng.integers(10_000)}")
            categories.append(theme.category if theme.category and rng.random() < 0.6 else CATEGORIES[rng.integers(len(CATEGORIES))])
        day += timedelta(days=1)
    return Planted(days, texts, customers, categories)


def evaluate_day(sample: Sample, planted: Planted, planted_reduced: np.ndarray, planted_vectors: np.ndarray,
                 lexicon_scores: list, day: date, settings: Settings, followed: list[set[str]]) -> dict:
    """One nightly run cut at `day`; `followed`: the tickets of the groups the previous evaluated day gathered."""
    keep = np.array([d <= day for d in sample.days])
    keep_planted = np.array([d <= day for d in planted.days], dtype=bool)
    n_planted = int(keep_planted.sum())
    reduced = np.vstack([sample.reduced[keep], planted_reduced[keep_planted]])
    vectors = np.vstack([sample.vectors[keep], planted_vectors[keep_planted]])
    layout = np.zeros((len(vectors), 2), dtype=np.float32)
    clustering = label_tickets(reduced, vectors, layout, settings.clustering)
    is_planted = np.r_[np.zeros(int(keep.sum()), dtype=bool), np.ones(n_planted, dtype=bool)]
    is_growing = np.r_[sample.growing[keep], np.zeros(n_planted, dtype=bool)]
    pick = lambda values, extra: [v for v, k in zip(values, keep) if k] + [v for v, k in zip(extra, keep_planted) if k]  # noqa: E731
    ticket_ids = pick(sample.ticket_ids, [f"P{i}" for i in range(len(planted.days))])
    gathering = gather_recent_pockets(  # as the nightly run does
        clustering, ticket_ids, pick(sample.days, planted.days), pick(sample.attributes["customers"], planted.customers), vectors,
        [frozenset(tickets) for tickets in followed], settings.signals,
    )
    clustering = gathering.clustering
    gathered = [{ticket_ids[row] for row in group.rows} for group in gathering.groups]  # what the next run follows
    labels = clustering.labels
    facts = TicketFacts(
        ticket_ids=ticket_ids,
        days=pick(sample.days, planted.days),
        clusters=[f"L{label}" if label != NOISE else None for label in labels],
        categories=pick(sample.attributes["categories"], planted.categories),
        customers=pick(sample.attributes["customers"], planted.customers),
        channels=pick(sample.attributes["channels"], ["email"] * len(planted.days)),
        products=pick(sample.attributes["products"], ["LOA"] * len(planted.days)),
        satisfaction=pick(sample.attributes["satisfaction"], [None] * len(planted.days)),
        intensity=pick(sample.intensity, [s.score for s in lexicon_scores]),
        phrases=pick(sample.phrases, [s.phrases for s in lexicon_scores]),
    )
    signals = compute_signals(facts, None, settings.signals)
    best_rank, capture, flagged, purity = None, 0.0, False, 0.0
    false_alerts = []
    for signal in signals:  # in rank order
        members = labels == int(signal.cluster_id[1:])
        held = int((members & is_planted).sum())
        # the issue's cluster: the best-ranked one holding at least a quarter of its tickets so far (one stray
        # planted ticket inside an unrelated top cluster is not a detection)
        if held and held >= n_planted / 4 and best_rank is None:
            best_rank, capture, flagged = signal.rank, held / max(n_planted, 1), signal.is_emerging
            purity = held / int(members.sum())  # the share of that cluster that is the issue
        if signal.is_emerging and not held and (members & is_growing).sum() < members.sum() / 2:
            false_alerts.append(frozenset(np.flatnonzero(members).tolist()))
    noise_hit = any(
        sum(row >= int(keep.sum()) for row in group.rows) > len(group.rows) / 2 for group in scan_noise(facts, vectors, settings.signals)
    )
    pockets = [np.array(pocket.rows) for pocket in gathering.pockets]
    pocket_hit = any(is_planted[group].mean() > 0.5 for group in pockets)
    # pocket capture: the share of the issue's tickets so far in the pocket holding most of them
    pocket_capture = max((int(is_planted[group].sum()) for group in pockets), default=0) / max(n_planted, 1)
    false_pockets = [frozenset(group.tolist()) for group in pockets
                     if is_planted[group].mean() <= 0.5 and is_growing[group].mean() <= 0.5]
    return {"planted": n_planted, "rank": best_rank, "capture": capture, "flagged": flagged, "false": false_alerts, "noise": noise_hit,
            "pocket": pocket_hit, "pocket_capture": pocket_capture, "false_pockets": false_pockets, "followed": gathered,
            "purity": purity}


def refit_with_history(sample: Sample, planted: Planted, vectors: np.ndarray, onset: date, settings: Settings) -> tuple[Sample, np.ndarray]:
    """A UMAP fit that saw the issue's tickets before its onset (as a nightly refit would have), then its later ones mapped."""
    history = np.array([day < onset for day in planted.days])
    reduction, reduced_all, _ = fit_reduction(np.vstack([sample.vectors, vectors[history]]), settings.clustering, "bench")
    reduced = np.empty((len(vectors), reduced_all.shape[1]), dtype=np.float32)
    reduced[history] = reduced_all[len(sample.vectors):]
    if (~history).any():
        reduced[~history] = apply_reduction(reduction, vectors[~history])[0]
    return replace(sample, reduced=reduced_all[:len(sample.vectors)], reduction=reduction), reduced


def distinct_alerts(days: list[list[frozenset]]) -> int:
    """False alerts over consecutive days, counting a cluster again only when it matches nothing of the day before."""
    count, previous = 0, []
    for alerts in days:
        for alert in alerts:
            if not any(len(alert & old) / len(alert | old) >= 0.3 for old in previous):
                count += 1
        previous = alerts
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="a database built by `analyser run` on the sample")
    parser.add_argument("--config", type=Path, default=REPO / "analyser.toml")
    parser.add_argument("--issues", type=int, default=20)
    parser.add_argument("--start-share", type=float, default=0.002)
    parser.add_argument("--end-share", type=float, default=0.02)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--horizon", type=int, default=7, help="also evaluate days 10, 14, 21 after the onset up to this")
    parser.add_argument("--min-samples", default=None, help="override HDBSCAN min_samples: an integer or 'none'")
    parser.add_argument("--ground-truth", type=Path, default=REPO / "data" / "samples" / "ground_truth_tickets.jsonl",
                        help="the sample's per-ticket truth (its own emerging issue is not a false alert); "
                             "for bench/scaled_sample.py output, the one written beside it")
    parser.add_argument("--days", type=int, nargs="+", default=None,
                        help="days after the onset to evaluate (default 0 to 7, then 10, 14, 21 up to --horizon); must include 7")
    parser.add_argument("--kind", choices=sorted({theme.kind for theme in THEMES}), default=None,
                        help="plant only the issues of this kind (their seeds and onsets stay those of a full run)")
    parser.add_argument("--refit-history", action="store_true",
                        help="for baseline issues, refit UMAP on the sample plus the issue's tickets before its onset, as the "
                             "nightly refit would have seen them (minutes per issue at real volumes)")
    args = parser.parse_args()
    settings = load_settings(args.config)
    if args.min_samples is not None:
        value = None if args.min_samples.lower() == "none" else int(args.min_samples)
        settings = settings.model_copy(update={"clustering": settings.clustering.model_copy(update={"min_samples": value})})
    started = time.perf_counter()
    sample, _ = load_sample(args.db, settings, args.ground_truth)
    embedder = build_embedder(settings.embedding.model, settings.embedding.model_path)
    lexicon = load_lexicon(settings.signals.intensity_lexicon)
    volume: dict[date, int] = {}
    for day in sample.days:
        volume[day] = volume.get(day, 0) + 1
    first, newest = min(sample.days), max(sample.days)
    print(f"sample: {len(sample.ticket_ids)} tickets, {first} to {newest}, {statistics.mean(volume.values()):.0f} a day; "
          f"shares {args.start_share:.2%} -> {args.end_share:.2%} over 7 days; {args.issues} issues; "
          f"min_samples {settings.clustering.min_samples}; pockets gathered into clusters: "
          f"{'yes' if settings.signals.pocket_gather else 'no'}", flush=True)
    rows = []
    days = sorted(args.days) if args.days else list(range(8)) + [d for d in (10, 14, 21) if d <= args.horizon]
    if 7 not in days:
        sys.exit("--days must include 7 (the report is about detection within 7 days)")
    seventh = days.index(7)
    for index in range(args.issues):
        rng = np.random.default_rng(args.seed + index)
        theme = THEMES[index % len(THEMES)]
        if args.kind and theme.kind != args.kind:
            continue
        onset = newest - timedelta(days=int(rng.integers(max(7, args.horizon), 90)))
        planted = plant(theme, onset, volume, first, args.start_share, args.end_share, args.horizon, rng)
        if not planted.texts:
            rows.append({"theme": theme, "onset": onset, "tickets": 0, "recent": 0, "ranks": [None] * len(days), "capture": 0.0,
                         "false": 0, "noise": False, "days": days, "pockets": [False] * len(days), "false_pockets": 0, "pocket_capture": 0.0,
                         "captures": [0.0] * len(days), "purities": [0.0] * len(days)})
            continue
        vectors = embedder.embed(planted.texts)
        reduced, _ = apply_reduction(sample.reduction, vectors)
        scores = score_texts(lexicon, planted.texts)
        seen = sample
        if args.refit_history and theme.kind == "baseline":
            seen, reduced = refit_with_history(sample, planted, vectors, onset, settings)
        results, followed = [], []
        for k in days:  # in order, each day following the groups the day before gathered, as nightly runs do
            results.append(evaluate_day(seen, planted, reduced, vectors, scores, onset + timedelta(days=k), settings, followed))
            followed = results[-1]["followed"]
        rows.append({"theme": theme, "onset": onset, "tickets": results[seventh]["planted"], "ranks": [r["rank"] for r in results],
                     "recent": sum(1 for d in planted.days if onset <= d <= onset + timedelta(days=7)),
                     "capture": results[seventh]["capture"], "false": distinct_alerts([r["false"] for r in results[:seventh + 1]]),
                     "noise": any(r["noise"] for r in results[:seventh + 1]),
                     "days": days, "late_capture": results[-1]["capture"], "pockets": [r["pocket"] for r in results],
                     "false_pockets": distinct_alerts([r["false_pockets"] for r in results[:seventh + 1]]),
                     "pocket_capture": results[seventh]["pocket_capture"], "captures": [r["capture"] for r in results],
                     "purities": [r["purity"] for r in results]})
        row = rows[-1]
        print(f"{index + 1:>2} {theme.key:<28} {theme.kind:<8} onset {onset} tickets by d7 {row['tickets']:>3} (since onset {row['recent']:>3}) "
              f"ranks on days {days}: {['-' if r is None else r for r in row['ranks']]} capture d7 {row['capture']:.0%} "
              f"(on those days {' '.join(f'{c:.0%}' for c in row['captures'])}; purity {' '.join(f'{p:.0%}' for p in row['purities'])}) "
              f"false alerts {row['false']} noise-scan {'yes' if row['noise'] else 'no'} "
              f"pocket days {[day for day, hit in zip(days, row['pockets']) if hit]} pocket capture d7 {row['pocket_capture']:.0%} "
              f"false pockets {row['false_pockets']}", flush=True)
    report(rows, time.perf_counter() - started)


def report(rows: list[dict], seconds: float) -> None:
    def detected_by(row: dict, days: int) -> bool:
        return any(rank is not None and rank <= 3 for day, rank in zip(row["days"], row["ranks"]) if day <= days)

    first_days = [next((day for day, rank in zip(row["days"], row["ranks"]) if rank is not None and rank <= 3), None) for row in rows]
    found = [d for d in first_days if d is not None]
    print("\n| kind | issues | top 3 within 2 days | top 3 within 7 days | median capture day 7 |")
    print("| --- | --- | --- | --- | --- |")
    for kind in sorted({row["theme"].kind for row in rows}) + ["all"]:
        group = [row for row in rows if kind in ("all", row["theme"].kind)]
        within2, within7 = sum(detected_by(r, 2) for r in group), sum(detected_by(r, 7) for r in group)
        print(f"| {kind} | {len(group)} | {within2}/{len(group)} | {within7}/{len(group)} | {statistics.median(r['capture'] for r in group):.0%} |")
    horizon = max(rows[0]["days"]) if rows else 7
    print(f"\nmedian days to detection (issues in the top 3 by day {horizon}): {statistics.median(found) if found else '-'}; "
          f"never in the top 3 by day {horizon}: {sum(d is None for d in first_days)}/{len(rows)}")
    print(f"false alerts per week (distinct clusters flagged emerging, neither planted nor growing): "
          f"{statistics.mean(row['false'] for row in rows):.2f} on average over the {len(rows)} one-week runs")
    if horizon > 7:
        medians = [statistics.median(row["captures"][i] for row in rows) for i in range(len(rows[0]["days"]))]
        print("median capture by day: " + ", ".join(f"day {day} {m:.0%}" for day, m in zip(rows[0]["days"], medians)))
        purities = [statistics.median(row["purities"][i] for row in rows) for i in range(len(rows[0]["days"]))]
        print("median purity (share of the issue's cluster that is the issue) by day: "
              + ", ".join(f"day {day} {m:.0%}" for day, m in zip(rows[0]["days"], purities)))
    print(f"noise scan saw the planted group within 7 days in {sum(row['noise'] for row in rows)}/{len(rows)} runs; {seconds:.0f} s in all")

    def pocket_by(row: dict, days: int) -> bool:
        return any(hit for day, hit in zip(row["days"], row["pockets"]) if day <= days)

    print("\nRecent pockets (pockets.find_recent_pockets: recent tickets whose 15 nearest neighbours are >= 60 % recent, "
          "linked groups of >= 6)")
    print("| kind | issues | pocket within 2 days | pocket within 7 days | top 3 or pocket within 7 days | median pocket capture day 7 |")
    print("| --- | --- | --- | --- | --- | --- |")
    for kind in sorted({row["theme"].kind for row in rows}) + ["all"]:
        group = [row for row in rows if kind in ("all", row["theme"].kind)]
        print(f"| {kind} | {len(group)} | {sum(pocket_by(r, 2) for r in group)}/{len(group)} | {sum(pocket_by(r, 7) for r in group)}/{len(group)} "
              f"| {sum(pocket_by(r, 7) or detected_by(r, 7) for r in group)}/{len(group)} "
              f"| {statistics.median(r.get('pocket_capture', 0.0) for r in group):.0%} |")
    print(f"false pockets per week (distinct pockets neither planted nor growing): "
          f"{statistics.mean(row['false_pockets'] for row in rows):.2f} on average")


if __name__ == "__main__":
    main()
