"""Page render times of the review app at scale: first load (empty cache) versus cached, printed as a table.

The database is SYNTHESISED BY SQL (no pipeline run: that would take hours on 2 cores): --tickets tickets
(default 100,000) over 26 weeks, spread over --clusters clusters (default 1,000) with Zipf-like sizes,
5% unclustered, 2-D coordinates around each cluster's centre, three channels, six products, categories,
and weak-signal scores, flags and journey stages per cluster (random but plausible; no labels). Then 1 cluster
in 10 is renamed and validated, 1 in 30 promoted with a candidate edit, through the real review service.
Timings are AppTest timings (the server-side script run: queries, pandas, figure building), not the
browser's drawing time.

    .venv/bin/python bench/app_speed.py [--tickets 100000] [--clusters 1000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from analyser.config import DEFAULT_JOURNEY, Settings  # noqa: E402
from analyser.db import connect  # noqa: E402

PAGES = ("signals", "cluster", "map", "journey", "queue", "candidates")
WORDS = (
    "livraison retard commande véhicule contrat prélèvement facture restitution frais dépanneuse assistance "
    "garage révision sinistre expert résiliation devis signature dossier carte grise loyer remboursement"
).split()

SETTINGS = Settings()  # the review rules and journey stages of the defaults


def synthesise(path: Path, tickets: int, clusters: int) -> None:
    """A run's worth of rows, written directly with SQL (bench only: the app reads them like a real run)."""
    run_id = "bench-run"
    now = datetime.now()
    conn = connect(path)
    conn.execute(
        "INSERT INTO runs VALUES (?, 'run', ?, ?, 'succeeded', '{}', 'bench', '{}', NULL)", [run_id, now, now]
    )
    # cluster of ticket i: Zipf-like (small ids are big), 5% unclustered
    conn.execute(
        f"""
        CREATE TEMP TABLE t AS
        SELECT i, 'TK-' || lpad(i::VARCHAR, 7, '0') AS ticket_id,
               TIMESTAMP '2026-05-18' + to_seconds((hash(i) % (182 * 86400))::BIGINT) AS created_at,
               CASE WHEN hash(i * 7) % 100 < 5 THEN NULL
                    ELSE 'C' || lpad((1 + floor({clusters} * pow((hash(i * 13) % 1000000) / 1000000.0, 2.2)))::INT::VARCHAR, 4, '0') END
                 AS cluster_id
        FROM range({tickets}) r(i)
        """
    )
    words = " || ' ' || ".join(f"$words[(1 + hash(i * {k}) % {len(WORDS)})::BIGINT]" for k in range(3, 15))
    conn.execute(
        f"""
        INSERT INTO tickets
        SELECT ticket_id, created_at, 'Objet ' || (i % 97),
               'Bonjour, ' || {words}
                 || ' depuis le ' || strftime(created_at, '%d/%m') || '. Merci de me recontacter. <EMAIL>',
               NULL, ['email', 'téléphone', 'formulaire'][1 + i % 3], 'produit-' || (i % 6), ['Autre', 'Facturation', 'Livraison',
               'Divers', ''][1 + i % 5], 'CL' || (i % 40000), 'fr', NULL, md5(i::VARCHAR), ['EMAIL'], 'bench.csv', i + 1,
               'bench-run', 'bench-run', now(), now()
        FROM t
        """,
        {"words": list(WORDS)},
    )
    conn.execute(
        """
        CREATE TEMP TABLE c AS SELECT cluster_id, count(*)::INT AS size, min(created_at) AS first_at, max(created_at) AS last_at,
               (hash(cluster_id) % 2000) / 40.0 - 25 AS cx, (hash(cluster_id || 'y') % 2000) / 40.0 - 25 AS cy,
               list(ticket_id ORDER BY ticket_id)[1:5] AS reps
        FROM t WHERE cluster_id IS NOT NULL GROUP BY cluster_id
        """
    )
    conn.execute(
        "INSERT INTO cluster_ids SELECT cluster_id, ?, now() FROM c", [run_id]
    )
    conn.execute(
        "INSERT INTO clusters SELECT ?, cluster_id, size, 0, ['livraison', 'retard', cluster_id], reps, [0.0::FLOAT], cx, cy, "
        "first_at, last_at, false FROM c", [run_id]
    )
    conn.execute(
        "INSERT INTO assignments SELECT ?, t.ticket_id, t.cluster_id, 0.5 + (hash(t.i) % 50) / 100.0, false, "
        "coalesce(c.cx, 0) + (hash(t.i * 3) % 1000) / 400.0, coalesce(c.cy, 0) + (hash(t.i * 5) % 1000) / 400.0 "
        "FROM t LEFT JOIN c USING (cluster_id)", [run_id]
    )
    conn.execute("INSERT INTO cluster_lineage SELECT ?, cluster_id, 'new', [], 0 FROM c", [run_id])
    _synthesise_signals(conn, run_id)
    clustered = conn.execute("SELECT count(*) FROM c").fetchall()[0][0]
    unclustered = conn.execute("SELECT count(*) FROM t WHERE cluster_id IS NULL").fetchall()[0][0]
    conn.execute("INSERT INTO run_results VALUES (?, ?, 'bench', ?, ?, ?)", [run_id, now, tickets, clustered, unclustered])
    conn.close()


def _synthesise_signals(conn: object, run_id: str) -> None:
    """Scores, components, flags and journey stages for every cluster, so the pages show what a real run shows."""
    stages = [stage.key for stage in DEFAULT_JOURNEY] + ["unclear"]
    conn.execute(
        "INSERT INTO signal_runs VALUES (?, DATE '2026-11-15', DATE '2026-11-02', DATE '2026-08-10', 'bench', ?)",
        [run_id, json.dumps({"journey": [stage.model_dump() for stage in DEFAULT_JOURNEY]})],
    )
    conn.execute(
        """
        INSERT INTO cluster_signals
        SELECT $run, cluster_id, s, row_number() OVER (ORDER BY s DESC)::INT, e, n, i, h, r, e > 0.7, n > 0.8, i > 0.7, h > 0.6,
               $stages[(1 + hash(cluster_id) % len($stages))::BIGINT], 0.6, size, size // 8, size // 3, size // 10, size // 5, '{}'
        FROM (SELECT cluster_id, size, (hash(cluster_id || 'e') % 1000) / 1000.0 AS e, (hash(cluster_id || 'n') % 1000) / 1000.0 AS n,
                     (hash(cluster_id || 'i') % 1000) / 1000.0 AS i, (hash(cluster_id || 'h') % 1000) / 1000.0 AS h,
                     (hash(cluster_id || 'r') % 1000) / 1000.0 AS r FROM c)
             , LATERAL (SELECT (e + n + i + h + r) / 5 AS s)
        """,
        {"run": run_id, "stages": stages},
    )


def review_some(path: Path, clusters: int) -> None:
    """A realistic morning's worth of decisions through the real review service: 1 in 10 clusters decided."""
    import functools

    from analyser.db import session
    from analyser.review import service as review

    open_session = functools.partial(session, path, wait_seconds=30)
    for index in range(1, clusters + 1, 10):
        cluster_id = f"C{index:04d}"
        review.rename(open_session, cluster_id, f"Titre humain {index}", "bench")
        review.validate(open_session, cluster_id, "bench")
        if index % 30 == 1:
            candidate = review.promote(open_session, cluster_id, "bench", settings=SETTINGS)
            review.update_candidate(open_session, candidate, "bench", grid={"risk": {"score": 2, "justification": "bench"}},
                                    stance="assist", owner="bench", settings=SETTINGS)


def time_pages(database: Path, repeats: int) -> list[tuple[str, float, float]]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["ANALYSER_DATABASE"] = str(database)
    rows = []
    for page in PAGES:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=600)
        at.run()  # registers the pages (and imports everything once)
        if page != "signals":
            at.switch_page(f"analyser/ui/pages/{page}.py")
        st.cache_data.clear()
        started = time.perf_counter()
        at.run()
        first = time.perf_counter() - started
        if at.exception:
            raise SystemExit(f"{page}: {at.exception[0].value}")
        cached = []
        for _ in range(repeats):
            started = time.perf_counter()
            at.run()
            cached.append(time.perf_counter() - started)
        rows.append((page, first, statistics.median(cached)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--clusters", type=int, default=1_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.duckdb"
        started = time.perf_counter()
        synthesise(database, args.tickets, args.clusters)
        review_some(database, args.clusters)
        print(f"synthesised {args.tickets:,} tickets in {args.clusters:,} clusters in {time.perf_counter() - started:.1f} s")
        rows = time_pages(database, args.repeats)
    print(f"\n| page | first load (s) | cached (s, median of {args.repeats}) |\n| --- | ---: | ---: |")
    for page, first, cached in rows:
        print(f"| {page} | {first:.2f} | {cached:.2f} |")


if __name__ == "__main__":
    main()
