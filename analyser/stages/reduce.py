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
# The 2-D map is a UMAP of the few-dimension coordinates, started from their PCA: 100 epochs keep the map's
# neighbourhoods (measured on the sample: 59.8 % of a ticket's 10 nearest map neighbours in its own cluster, as with
# UMAP's 500) in 2.8 s instead of 14 s (bench/map_layout.py).
LAYOUT_EPOCHS = 100


@dataclass
class Reduction:
    """A fitted pair of UMAP models: embeddings -> a few dimensions (for HDBSCAN) -> 2-D (for the map)."""

    key: str
    reducer: Any
    layout: Any
    guided: int = 0  # tickets the fit was told a reviewed group of (semi-supervised UMAP)
    guided_weight: float = 0.0  # how strongly they pulled it

    def to_bytes(self) -> bytes:
        fields = (self.key, self.reducer, self.layout, self.guided, self.guided_weight)
        return pickle.dumps(fields, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def from_bytes(cls, data: bytes) -> Reduction:
        key, reducer, layout, *guided = pickle.loads(data)  # our own blob, written by to_bytes (older ones have 3 fields)
        return cls(key, reducer, layout, *guided)


def reduction_key(settings: ClusteringSettings, model_id: str) -> str:
    """Identifies what a fit depends on; a different key means the fit cannot be reused."""
    fields = ("umap_neighbors", "umap_components", "umap_min_dist", "umap_epochs", "fit_sample", "random_state")
    payload = json.dumps({"model": model_id, **{name: getattr(settings, name) for name in fields}}, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def _umap(settings: ClusteringSettings, n_rows: int, *, layout: bool = False, target_weight: float = 0.5, init: Any = "spectral") -> Any:
    """The clustering reduction (cosine on the embeddings, `umap_components` dimensions), or the 2-D map of its result."""
    from umap import UMAP

    n_components = 2 if layout else settings.umap_components
    return UMAP(
        n_neighbors=min(settings.umap_neighbors, max(2, n_rows - 1)),
        n_components=n_components,
        min_dist=0.1 if layout else settings.umap_min_dist,
        metric="euclidean" if layout else "cosine",
        # a fixed seed makes UMAP single-threaded: slower, but tomorrow's map matches today's
        random_state=settings.random_state,
        n_jobs=1 if settings.random_state is not None else -1,
        low_memory=True,
        n_epochs=LAYOUT_EPOCHS if layout else settings.umap_epochs,
        target_weight=target_weight,
        init=init,
    )


def fit_reduction(
    vectors: np.ndarray, settings: ClusteringSettings, key: str, targets: np.ndarray | None = None,
) -> tuple[Reduction, np.ndarray, np.ndarray]:
    """Fit on all tickets, or on a seeded sample above `fit_sample`; returns the fit, reduced and 2-D coordinates.

    `targets`: a reviewed group index per ticket, -1 for the others (guide.umap_targets). When any ticket has one
    and guidance is on, the fit is semi-supervised (umap-learn's `y`, pulled with `guidance_weight`): tickets of one
    group are drawn together, tickets of two groups apart; the rest are placed as usual."""
    n_rows = len(vectors)
    sample = np.arange(n_rows)
    if n_rows > settings.fit_sample:
        rng = np.random.default_rng(settings.random_state or 0)
        sample = np.sort(rng.choice(n_rows, size=settings.fit_sample, replace=False))
    y = targets[sample] if targets is not None and settings.guidance and settings.guidance_weight > 0 else None
    guided = int((y >= 0).sum()) if y is not None else 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # UMAP warns that a seed disables parallelism: that is our choice
        reducer = _umap(settings, len(sample), target_weight=settings.guidance_weight)
        reducer = reducer.fit(vectors[sample], y=y) if guided else reducer.fit(vectors[sample])
        layout = _umap(settings, len(sample), layout=True, init=_pca_start(reducer.embedding_)).fit(reducer.embedding_)
    reduction = Reduction(key, reducer, layout, guided, settings.guidance_weight if guided else 0.0)
    reduced = np.empty((n_rows, settings.umap_components), dtype=np.float32)
    flat = np.empty((n_rows, 2), dtype=np.float32)
    reduced[sample] = reducer.embedding_
    flat[sample] = layout.embedding_
    rest = np.setdiff1d(np.arange(n_rows), sample)
    if len(rest):
        reduced[rest], flat[rest] = apply_reduction(reduction, vectors[rest])
    return reduction, reduced, flat


def _pca_start(points: np.ndarray) -> np.ndarray | str:
    """The first two principal axes of the reduced coordinates, scaled as UMAP scales its own start (10 at most)."""
    if len(points) < 3:
        return "spectral"
    centred = points - points.mean(axis=0)
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    start = centred @ axes[:2].T
    return (start / max(float(np.abs(start).max()), 1e-12) * 10).astype(np.float32)


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


def needs_refit(
    reduction: Reduction | None, key: str, unseen: int, total: int, refit_new_share: float,
    guided: int = 0, guided_weight: float = 0.0,
) -> bool:
    """Refit when there is no usable fit, or too many tickets are new to it, or reviewed tickets (`guided`: how many
    tonight) would pull a guided fit with another weight. New review decisions alone do not refit: measured with
    bench/guided_quality.py, a refit made for them moved the tickets nobody reviewed (sample, 20 reviewed clusters:
    their NMI 0.439 against 0.459 unguided). Between refits, guidance acts through the labels (analyser/stages/guide.py)."""
    if reduction is None or reduction.key != key:
        return True
    if total <= 0:
        return False
    reweighted = reduction.guided > 0 and guided > 0 and reduction.guided_weight != guided_weight
    return reweighted or unseen / total > refit_new_share
