"""The analyst notebook runs headless against the sample run, so it never rots."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="install the test extra: pip install -e '.[test]'")
nbclient = pytest.importorskip("nbclient", reason="install the test extra: pip install -e '.[test]'")

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "weak_signals.ipynb"


def run_notebook(kernel_folder: Path) -> nbformat.NotebookNode:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(kernel_folder)}}).execute()
    return notebook


def test_the_weak_signals_notebook_runs_on_the_sample_run(
    sample_run: tuple[dict, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As documented: Jupyter starts the kernel in notebooks/, and the notebook finds the project's database above it."""
    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    (project / "data").mkdir()
    shutil.copy(sample_run[1], project / "data" / "analyser.duckdb")
    (project / "analyser.toml").write_text('database = "data/analyser.duckdb"\n', encoding="utf-8")
    monkeypatch.delenv("ANALYSER_NOTEBOOK_DB", raising=False)
    monkeypatch.delenv("ANALYSER_DATABASE", raising=False)
    monkeypatch.delenv("MPLBACKEND", raising=False)  # importing streamlit (the app tests) sets it to Agg for this process
    notebook = run_notebook(project / "notebooks")
    outputs = "\n".join(
        str(output.get("text", "")) + str(output.get("data", {}).get("text/plain", ""))
        for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
    )
    assert not [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs if output.output_type == "error"]
    assert "emerging" in outputs and " attendus" in outputs  # the signals table and the explanations
    assert "journey_stage" in outputs and "blind spot" in outputs
    images = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs if "image/png" in output.get("data", {})]
    assert len(images) == 1  # the weekly chart shows inline
