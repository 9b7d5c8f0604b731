"""Embedding cache edge: vectors stored in DuckDB keyed by (model id, hash of the text embedded).

A nightly run embeds only texts whose hash is not cached yet; with nothing new it embeds nothing.
Work goes chunk by chunk, each chunk read, embedded and stored with its own short connection, so
memory stays bounded and other processes can use the database between chunks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
import pyarrow as pa

from analyser.stages.embed import Embedder

Session = Callable[[], AbstractContextManager[Any]]


def embed_input_sql(max_chars: int, alias: str = "") -> str:
    """The text we embed for a ticket: subject and body, cut to `max_chars` (an SQL expression)."""
    prefix = f"{alias}." if alias else ""
    return f"left(coalesce({prefix}subject || '\n', '') || {prefix}text, {int(max_chars)})"


def missing_hashes(conn: Any, model_id: str, max_chars: int) -> list[str]:
    """Hashes of ticket texts that have no cached vector for this model, in a stable order."""
    rows = conn.execute(
        f"""
        WITH inputs AS (SELECT DISTINCT sha256({embed_input_sql(max_chars)}) AS text_hash FROM tickets)
        SELECT text_hash FROM inputs
        WHERE text_hash NOT IN (SELECT text_hash FROM embeddings WHERE model_id = ?)
        ORDER BY text_hash
        """,
        [model_id],
    ).fetchall()
    return [row[0] for row in rows]


def texts_for_hashes(conn: Any, hashes: list[str], max_chars: int) -> dict[str, str]:
    conn.register("wanted_hashes", pa.table({"text_hash": hashes}))
    try:
        rows = conn.execute(
            f"""
            SELECT DISTINCT ON (text_hash) text_hash, input FROM (
                SELECT sha256({embed_input_sql(max_chars)}) AS text_hash, {embed_input_sql(max_chars)} AS input FROM tickets
            ) JOIN wanted_hashes USING (text_hash)
            """
        ).fetchall()
    finally:
        conn.unregister("wanted_hashes")
    return dict(rows)


def vectors_to_arrow(vectors: np.ndarray) -> pa.ListArray:
    rows, dimension = vectors.shape
    offsets = pa.array(np.arange(0, (rows + 1) * dimension, dimension, dtype=np.int32))
    return pa.ListArray.from_arrays(offsets, pa.array(vectors.astype(np.float32).ravel()))


def arrow_to_vectors(column: pa.ChunkedArray | pa.Array, rows: int) -> np.ndarray:
    if rows == 0:
        return np.zeros((0, 0), dtype=np.float32)
    flat = column.combine_chunks().flatten() if isinstance(column, pa.ChunkedArray) else column.flatten()
    return flat.to_numpy(zero_copy_only=False).astype(np.float32).reshape(rows, -1)


def store_vectors(conn: Any, model_id: str, hashes: list[str], vectors: np.ndarray) -> None:
    table = pa.table({"text_hash": hashes, "vector": vectors_to_arrow(vectors)})
    conn.register("new_vectors", table)
    try:
        conn.execute(
            "INSERT INTO embeddings (model_id, text_hash, vector, created_at) "
            "SELECT ?, text_hash, vector, ? FROM new_vectors ON CONFLICT DO NOTHING",
            [model_id, datetime.now()],
        )
    finally:
        conn.unregister("new_vectors")


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass(frozen=True)
class EmbeddingStats:
    embedded: int
    cached: int


def embed_missing(
    session: Session, embedder: Embedder, *, chunk_size: int, max_chars: int, on_chunk: Callable[[int], None] | None = None
) -> EmbeddingStats:
    """Embed every ticket text not cached yet for this model; returns how many were embedded."""
    with session() as conn:
        todo = missing_hashes(conn, embedder.model_id, max_chars)
        total = conn.execute(
            f"SELECT count(DISTINCT sha256({embed_input_sql(max_chars)})) FROM tickets"
        ).fetchall()[0][0]
    for chunk in _chunks(todo, chunk_size):
        with session() as conn:
            texts = texts_for_hashes(conn, chunk, max_chars)
        ordered = [text_hash for text_hash in chunk if text_hash in texts]
        vectors = embedder.embed([texts[text_hash] for text_hash in ordered])
        with session() as conn:
            store_vectors(conn, embedder.model_id, ordered, vectors)
        if on_chunk:
            on_chunk(len(ordered))
    return EmbeddingStats(embedded=len(todo), cached=total - len(todo))


@dataclass(frozen=True)
class TicketVectors:
    """Every ticket of the database with its vector, in ticket-id order."""

    ticket_ids: list[str]
    created_at: list[datetime]
    texts: list[str]
    text_hashes: list[str]
    vectors: np.ndarray


def load_ticket_vectors(conn: Any, model_id: str, max_chars: int) -> TicketVectors:
    table = conn.sql(
        f"""
        SELECT t.ticket_id, t.created_at, t.text, e.text_hash, e.vector
        FROM tickets t JOIN embeddings e
          ON e.model_id = $model AND e.text_hash = sha256({embed_input_sql(max_chars, "t")})
        ORDER BY t.ticket_id
        """,
        params={"model": model_id},
    ).to_arrow_table()
    rows = table.num_rows
    return TicketVectors(
        ticket_ids=table.column("ticket_id").to_pylist(),
        created_at=table.column("created_at").to_pylist(),
        texts=table.column("text").to_pylist(),
        text_hashes=table.column("text_hash").to_pylist(),
        vectors=arrow_to_vectors(table.column("vector"), rows),
    )
