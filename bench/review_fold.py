"""How long deriving review states takes as history grows (prints; asserts nothing).

    .venv/bin/python bench/review_fold.py [--clusters 1000] [--events-per-cluster 20]

The pure fold runs on synthetic events and lineage (no database), the size the app reads on
every page that shows review status.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import datetime, timedelta

from analyser.review.model import LineageRecord, ReviewEvent, fold_candidates, fold_states

ACTIONS = (
    ("rename", lambda i: {"title": f"Titre {i}"}),
    ("tag", lambda i: {"tags": [f"t{i % 7}", "severity:forte"]}),
    ("validate", lambda i: {"status": "validated", "reject_reason": None}),
    ("comment", lambda i: {}),
    ("reopen", lambda i: {"status": "unreviewed", "reject_reason": None, "merged_into": None}),
)


def synthetic(clusters: int, per_cluster: int, runs: int) -> tuple[list[ReviewEvent], list[LineageRecord], list[str]]:
    rng = random.Random(7)
    start = datetime(2026, 1, 1)
    events, event_id = [], 0
    ids = [f"C{n:04d}" for n in range(1, clusters + 1)]
    for cid in ids:
        for version in range(1, per_cluster + 1):
            event_id += 1
            action, after = ACTIONS[rng.randrange(len(ACTIONS))]
            events.append(ReviewEvent(event_id, cid, version, cid, None, "Alice", start + timedelta(minutes=event_id),
                                      action, {}, after(event_id), None))
    lineage = [LineageRecord(f"r{run}", cid, "continued", (cid,)) for run in range(runs) for cid in ids]
    lineage += [LineageRecord("r1", ids[i], "split", (ids[i - 1],)) for i in range(1, clusters, 10)]
    rng.shuffle(events)
    return events, lineage, ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=1000)
    parser.add_argument("--events-per-cluster", type=int, default=20)
    parser.add_argument("--runs", type=int, default=30, help="nightly runs of lineage")
    args = parser.parse_args()
    events, lineage, live = synthetic(args.clusters, args.events_per_cluster, args.runs)
    for _ in range(2):
        started = time.perf_counter()
        states = fold_states(events, lineage, live)
        fold_candidates(events)
        elapsed = time.perf_counter() - started
    print(f"{len(events)} events, {len(lineage)} lineage rows, {len(states)} clusters: fold {elapsed * 1000:.0f} ms")


if __name__ == "__main__":
    main()
