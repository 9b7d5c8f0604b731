"""Shared fixtures: an isolated working folder per test, and helpers to write real input files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "samples"

SAMPLE_HEADER = "numero_ticket;date_creation;canal;objet;message;produit;categorie;id_client;satisfaction"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test runs in its own folder with no ANALYSER_* variables, so no stray config is read."""
    for name in list(os.environ):
        if name.startswith("ANALYSER_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_csv(path: Path, rows: list[str], header: str = SAMPLE_HEADER, encoding: str = "utf-8") -> Path:
    """A CSV file in the sample export's layout; rows are raw lines (already delimited)."""
    path.write_bytes(("\n".join([header, *rows]) + "\n").encode(encoding))
    return path
