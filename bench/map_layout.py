"""Bench: the app's 2-D map, as the product draws it now against the layout it drew before, on a run's database.

Both are UMAP fits of the stored few-dimension coordinates (what HDBSCAN clustered), timed in this process after a
warm-up fit of each (so numba compilation is not counted), side by side:
  before    2-D UMAP with the clustering's epochs (UMAP's default: 500 below 10,000 tickets) from a spectral start
  now       2-D UMAP with LAYOUT_EPOCHS (100) started from the PCA of the coordinates (analyser/stages/reduce.py)
  pca       the PCA alone (no fit), for scale
Quality: the share of each clustered ticket's 10 nearest map neighbours that are in its own cluster (the last
complete run's), i.e. whether the map keeps clusters together; the same share in the few-dimension space is printed
as the ceiling.

    python bench/map_layout.py --db /path/to/analyser.duckdb

Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from pathlib import Path

import duckdb
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analyser.stages.embed_store import load_ticket_vectors  # noqa: E402
from analyser.stages.reduce import LAYOUT_EPOCHS, _pca_start  # noqa: E402

LAST_RUN = "SELECT run_id FROM run_results ORDER BY completed_at DESC, run_id DESC LIMIT 1"


def read(database: Path) -> tuple[np.ndarray, np.ndarray]:
    with duckdb.connect(str(database), read_only=True) as conn:
        model = conn.execute(f"SELECT model_id FROM run_results WHERE run_id = ({LAST_RUN})").fetchall()[0][0]
        data = load_ticket_vectors(conn, model, 2000)
        coords = {h: r for h, r in conn.execute("SELECT text_hash, reduced FROM ticket_coordinates").fetchall()}
        placed = dict(conn.execute(f"SELECT ticket_id, cluster_id FROM assignments WHERE run_id = ({LAST_RUN})").fetchall())
    rows = [i for i, text_hash in enumerate(data.text_hashes) if text_hash in coords]
    reduced = np.array([coords[data.text_hashes[i]] for i in rows], dtype=np.float32)
    labels = np.array([placed.get(data.ticket_ids[i]) or "" for i in rows])
    return reduced, labels


def agreement(points: np.ndarray, labels: np.ndarray) -> float:
    from sklearn.neighbors import NearestNeighbors

    keep = labels != ""
    _, index = NearestNeighbors(n_neighbors=11).fit(points[keep]).kneighbors(points[keep])
    kept = labels[keep]
    return float((kept[index[:, 1:]] == kept[:, None]).mean())


def fit(reduced: np.ndarray, epochs: int | None, init) -> tuple[np.ndarray, float]:
    from umap import UMAP

    started = time.perf_counter()
    layout = UMAP(n_components=2, n_neighbors=15, min_dist=0.1, metric="euclidean", n_epochs=epochs, random_state=42,
                  n_jobs=1, low_memory=True, init=init).fit_transform(reduced)
    return layout, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    reduced, labels = read(args.db)
    print(f"{len(reduced)} tickets, {int((labels != '').sum())} clustered; load average {os.getloadavg()[0]:.2f}", flush=True)
    start = _pca_start(reduced)
    fit(reduced, LAYOUT_EPOCHS, start)  # warm-up: numba compiles here, not in the timings
    fit(reduced, 50, "spectral")
    before, before_s = fit(reduced, None, "spectral")
    now, now_s = fit(reduced, LAYOUT_EPOCHS, start)
    print("| layout | seconds | same-cluster share of 10 nearest map neighbours |\n|---|---|---|")
    print(f"| few-dimension coordinates (ceiling) | - | {agreement(reduced, labels):.3f} |")
    print(f"| before: UMAP default epochs, spectral start | {before_s:.1f} | {agreement(before, labels):.3f} |")
    print(f"| now: UMAP {LAYOUT_EPOCHS} epochs, PCA start | {now_s:.1f} | {agreement(now, labels):.3f} |")
    print(f"| PCA alone | - | {agreement(np.asarray(start), labels):.3f} |")


if __name__ == "__main__":
    main()
