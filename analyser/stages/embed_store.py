"""Embedding cache edge: vectors stored in DuckDB keyed by (model id, hash of the text embedded).

A nightly run embeds only texts whose hash is not cached yet; with nothing new it embeds nothing.
Work goes chunk by chunk, each chunk read, embedded and stored with its own short connection, so
memory stays bounded and other processes can use the database between chunks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pyarrow as pa

from analyser.db import Connection, OpenSession
from analyser.stages.embed import Embedder


def embed_input_sql(max_chars: int, alias: str = "") -> str:
    """The text we embed for a ticket: subject and body, cut to `max_chars` (an SQL expression)."""
    prefix = f"{alias}." if alias else ""
    return f"left(coalesce({prefix}subject || '\n', '') || {prefix}text, {int(max_chars)})"


def missing_inputs(conn: Connection, model_id: str, max_chars: int) -> list[tuple[str, str]]:
    """(text hash, one ticket id with that text) for every text without a cached vector for this model.

    Hashes are computed once here; later chunks fetch their texts by ticket id, not by re-hashing the table.
    """
    rows = conn.execute(
        f"""
        WITH inputs AS (SELECT sha256({embed_input_sql(max_chars)}) AS text_hash, min(ticket_id) AS ticket_id
                        FROM tickets GROUP BY 1)
        SELECT text_hash, ticket_id FROM inputs
        WHERE text_hash NOT IN (SELECT text_hash FROM embeddings WHERE model_id = ?)
        ORDER BY text_hash
        """,
        [model_id],
    ).fetchall()
    return [(text_hash, ticket_id) for text_hash, ticket_id in rows]


def texts_for_tickets(conn: Connection, ticket_ids: list[str], max_chars: int) -> dict[str, str]:
    """The embedding input of each ticket id."""
    conn.register("wanted_tickets", pa.table({"ticket_id": ticket_ids}))
    try:
        rows = conn.execute(
            f"SELECT ticket_id, {embed_input_sql(max_chars)} FROM tickets JOIN wanted_tickets USING (ticket_id)"
        ).fetchall()
    finally:
        conn.unregister("wanted_tickets")
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


def store_vectors(conn: Connection, model_id: str, hashes: list[str], vectors: np.ndarray) -> None:
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


def _chunks(items: list[tuple[str, str]], size: int) -> Iterator[list[tuple[str, str]]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def embed_missing(
    session: OpenSession, embedder: Embedder, *, chunk_size: int, max_chars: int, on_chunk: Callable[[int], None] | None = None
) -> int:
    """Embed every ticket text not cached yet for this model; returns how many were embedded."""
    with session() as conn:
        todo = missing_inputs(conn, embedder.model_id, max_chars)
    for chunk in _chunks(todo, chunk_size):
        with session() as conn:
            texts = texts_for_tickets(conn, [ticket_id for _, ticket_id in chunk], max_chars)
        vectors = embedder.embed([texts[ticket_id] for _, ticket_id in chunk])
        with session() as conn:
            store_vectors(conn, embedder.model_id, [text_hash for text_hash, _ in chunk], vectors)
        if on_chunk:
            on_chunk(len(chunk))
    return len(todo)


@dataclass(frozen=True)
class TicketVectors:
    """Every ticket of the database with its vector, in ticket-id order."""

    ticket_ids: list[str]
    created_at: list[datetime]
    texts: list[str]
    text_hashes: list[str]
    vectors: np.ndarray


def load_ticket_vectors(conn: Connection, model_id: str, max_chars: int) -> TicketVectors:
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
