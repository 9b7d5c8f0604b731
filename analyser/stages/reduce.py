"""Dimension reduction that can be kept between runs: fit UMAP once, then only map new tickets into it.

Refitting UMAP every night would move every ticket a little, so HDBSCAN would redraw borders that
humans have already reviewed, and it costs most of a run's time. A `Reduction` is fitted when there
is none yet, when the settings or the embedding model change, or when the share of tickets the fit
has never seen passes `refit_new_share`; otherwise only the new tickets are transformed.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from analyser.config import ClusteringSettings

_TRANSFORM_CHUNK = 20_000


@dataclass
class Reduction:
    """A fitted pair of UMAP models: embeddings -> a few dimensions (for HDBSCAN) -> 2-D (for the map)."""

    key: str
    reducer: Any
    layout: Any

    def to_bytes(self) -> bytes:
        return pickle.dumps((self.key, self.reducer, self.layout), protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def from_bytes(cls, data: bytes) -> Reduction:
        key, reducer, layout = pickle.loads(data)  # our own blob, written by to_bytes
        return cls(key, reducer, layout)


def reduction_key(settings: ClusteringSettings, model_id: str) -> str:
    """Identifies what a fit depends on; a different key means the fit cannot be reused."""
    fields = ("umap_neighbors", "umap_components", "umap_min_dist", "umap_epochs", "fit_sample", "random_state")
    payload = json.dumps({"model": model_id, **{name: getattr(settings, name) for name in fields}}, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def _umap(settings: ClusteringSettings, n_components: int, n_rows: int) -> Any:
    from umap import UMAP

    return UMAP(
        n_neighbors=min(settings.umap_neighbors, max(2, n_rows - 1)),
        n_components=n_components,
        min_dist=settings.umap_min_dist if n_components > 2 else 0.1,
        metric="cosine" if n_components > 2 else "euclidean",
        # a fixed seed makes UMAP single-threaded: slower, but tomorrow's map matches today's
        random_state=settings.random_state,
        n_jobs=1 if settings.random_state is not None else -1,
        low_memory=True,
        n_epochs=settings.umap_epochs,
    )


def fit_reduction(vectors: np.ndarray, settings: ClusteringSettings, key: str) -> tuple[Reduction, np.ndarray, np.ndarray]:
    """Fit on all tickets, or on a seeded sample above `fit_sample`; returns the fit, reduced and 2-D coordinates."""
    n_rows = len(vectors)
    sample = np.arange(n_rows)
    if n_rows > settings.fit_sample:
        rng = np.random.default_rng(settings.random_state or 0)
        sample = np.sort(rng.choice(n_rows, size=settings.fit_sample, replace=False))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # UMAP warns that a seed disables parallelism: that is our choice
        reducer = _umap(settings, settings.umap_components, len(sample)).fit(vectors[sample])
        layout = _umap(settings, 2, len(sample)).fit(reducer.embedding_)
    reduction = Reduction(key, reducer, layout)
    reduced = np.empty((n_rows, settings.umap_components), dtype=np.float32)
    flat = np.empty((n_rows, 2), dtype=np.float32)
    reduced[sample] = reducer.embedding_
    flat[sample] = layout.embedding_
    rest = np.setdiff1d(np.arange(n_rows), sample)
    if len(rest):
        reduced[rest], flat[rest] = apply_reduction(reduction, vectors[rest])
    return reduction, reduced, flat


def apply_reduction(reduction: Reduction, vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Map tickets the fit has not seen into its reduced and 2-D spaces (chunked to bound memory)."""
    reduced = np.empty((len(vectors), reduction.reducer.n_components), dtype=np.float32)
    flat = np.empty((len(vectors), 2), dtype=np.float32)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for start in range(0, len(vectors), _TRANSFORM_CHUNK):
            part = slice(start, start + _TRANSFORM_CHUNK)
            reduced[part] = reduction.reducer.transform(vectors[part])
            flat[part] = reduction.layout.transform(reduced[part])
    return reduced, flat


def needs_refit(reduction: Reduction | None, key: str, unseen: int, total: int, refit_new_share: float) -> bool:
    """Refit when there is no usable fit or too many tickets are new to it."""
    if reduction is None or reduction.key != key:
        return True
    return total > 0 and unseen / total > refit_new_share
