"""Reduction edge: the latest reusable UMAP fit and the coordinates it gave each text, in DuckDB."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pyarrow as pa

from analyser.db import Connection
from analyser.stages.embed_store import arrow_to_vectors, vectors_to_arrow
from analyser.stages.reduce import Reduction


@dataclass(frozen=True)
class StoredFit:
    fit_id: str
    reduction: Reduction
    coordinates: dict[str, tuple[np.ndarray, float, float]]  # text hash -> (reduced, x, y)


def latest_fit(conn: Connection, key: str) -> StoredFit | None:
    """The newest fit made with the same model and UMAP settings, with every coordinate it has given."""
    rows = latest_fit_rows(conn, key)
    return decode_fit(rows) if rows else None


def latest_fit_rows(conn: Connection, key: str) -> tuple[str, bytes, pa.Table] | None:
    """The newest fit's id, serialised model and coordinates, as stored: decode them with no connection held."""
    rows = conn.execute(
        "SELECT fit_id, model FROM reduction_fits WHERE reduction_key = ? ORDER BY created_at DESC, fit_id DESC LIMIT 1", [key]
    ).fetchall()
    if not rows:
        return None
    fit_id, blob = rows[0]
    table = conn.sql(
        "SELECT text_hash, reduced, x, y FROM ticket_coordinates WHERE fit_id = $fit", params={"fit": fit_id}
    ).to_arrow_table()
    return fit_id, bytes(blob), table


def decode_fit(rows: tuple[str, bytes, pa.Table]) -> StoredFit:
    """Unpickle the UMAP model (seconds for a large fit) and index the coordinates by text hash."""
    fit_id, blob, table = rows
    reduced = arrow_to_vectors(table.column("reduced"), table.num_rows)
    xs, ys = table.column("x").to_numpy(), table.column("y").to_numpy()
    coordinates = {text_hash: (reduced[i], float(xs[i]), float(ys[i])) for i, text_hash in enumerate(table.column("text_hash").to_pylist())}
    return StoredFit(fit_id, Reduction.from_bytes(blob), coordinates)


def store_fit(conn: Connection, fit_id: str, reduction: Reduction, tickets_fitted: int) -> None:
    """Keep this fit and drop older ones (only the newest is ever reused)."""
    conn.execute(
        "INSERT INTO reduction_fits (fit_id, reduction_key, created_at, tickets_fitted, model) VALUES (?, ?, ?, ?, ?)",
        [fit_id, reduction.key, datetime.now(), tickets_fitted, reduction.to_bytes()],
    )
    conn.execute("DELETE FROM ticket_coordinates WHERE fit_id <> ?", [fit_id])
    conn.execute("DELETE FROM reduction_fits WHERE fit_id <> ?", [fit_id])


def store_coordinates(conn: Connection, fit_id: str, text_hashes: list[str], reduced: np.ndarray, layout: np.ndarray) -> None:
    if not text_hashes:
        return
    table = pa.table(
        {"text_hash": text_hashes, "reduced": vectors_to_arrow(reduced), "x": layout[:, 0].astype(np.float32),
         "y": layout[:, 1].astype(np.float32)}
    )
    conn.register("new_coordinates", table)
    try:
        conn.execute(
            "INSERT INTO ticket_coordinates SELECT ?, text_hash, reduced, x, y FROM new_coordinates ON CONFLICT DO NOTHING", [fit_id]
        )
    finally:
        conn.unregister("new_coordinates")
